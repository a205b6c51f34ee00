"""Annex I (the contributions received) and Annex II (the excerpts, question by question)."""

from __future__ import annotations

from lapdesk.export.attribution import Redactor, attribute, capitalised, category
from lapdesk.export.boilerplate import format_date, language_name, words
from lapdesk.export.chapters import node_title
from lapdesk.export.sources import PaperData
from lapdesk.export.writer import PaperWriter


def contributor_label(contribution: dict, data: PaperData, lang: str) -> str:
    """Who sent a contribution, as the annexes show it: named, or "One State Party"."""
    people = contribution["contributors"]
    if not people:
        return capitalised(words(lang)["unidentified"])
    hidden = {p["id"] for p in people} if contribution["id"] in data.hidden else set()
    return capitalised(attribute(people, hidden=hidden, lang=lang, french=data.french))


def annex_1(writer: PaperWriter, data: PaperData, *, lang: str) -> None:
    w = words(lang)
    writer.page_break()
    writer.paragraph("WP Annex Title", w["annex"].format(number="I"))
    writer.paragraph("WP Annex Title", w["annex_1_title"])
    kinds = w["kind_labels"]
    rows = []
    for c in data.contributions:
        labels = list(dict.fromkeys(kinds[category(p)] for p in c["contributors"]))
        rows.append([str(c["number"]), contributor_label(c, data, lang), ", ".join(labels),
                     format_date(c["received"][:10], lang), language_name(c["language"], lang)])
    writer.table(["No.", w["column_contributor"], w["column_kind"], w["column_date"],
                  w["column_language"]], rows, widths_cm=(1.0, 5.4, 3.4, 2.6, 1.9))


def _source(excerpt: dict, contribution: dict, hidden: bool, lang: str) -> str:
    """"Contribution 3, Austria_LAP.docx, page 2." — without the file name when hidden
    (file names often carry the sender's name)."""
    w = words(lang)
    where = ""
    if excerpt["page"]:
        where = w["page"].format(n=excerpt["page"])
    elif excerpt["paragraph"]:
        where = w["paragraph"].format(n=excerpt["paragraph"])
    name = "" if hidden or not excerpt["file"] else w["source_file"].format(name=excerpt["file"])
    return w["source"].format(number=contribution["number"], file=name, where=where)


def annex_2(writer: PaperWriter, data: PaperData, *, lang: str) -> int:
    """Every excerpt under each node it maps to (section-level first); returns how many
    distinct excerpts were written."""
    w = words(lang)
    writer.page_break()
    writer.paragraph("WP Annex Title", w["annex"].format(number="II"))
    writer.paragraph("WP Annex Title", w["annex_2_title"])
    by_id = data.by_id
    hidden_redactor = Redactor(data.redacted_in_hidden, replacement=w["redacted"])
    written: set[int] = set()

    def quotes(node_id: int) -> None:
        for excerpt in data.excerpts_by_node.get(node_id, []):
            contribution = by_id[excerpt["contribution_id"]]
            hidden = contribution["id"] in data.hidden
            text = hidden_redactor(excerpt["text"]) if hidden else excerpt["text"]
            writer.quote(contributor_label(contribution, data, lang), text,
                         _source(excerpt, contribution, hidden, lang))
            written.add(excerpt["id"])

    for section in data.sections:
        questions = data.questions[section["id"]]
        writer.paragraph("WP Annex Heading", node_title(section, lang))
        if not any(data.excerpts_by_node.get(n["id"]) for n in (section, *questions)):
            writer.paragraph("WP Body Text", w["no_input_section"])
            continue
        quotes(section["id"])
        for question in questions:
            if data.excerpts_by_node.get(question["id"]):
                writer.paragraph("WP Heading 3", node_title(question, lang))
                quotes(question["id"])
    return len(written)
