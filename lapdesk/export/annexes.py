"""Annex I (the contributions received) and Annex II (the excerpts, question by question).

Annex I lists the contributions that may be named, each with its number, and gives the
others as counts by category: a table row per withheld contribution, even without a name,
would still tell its kind, date and language.  Annex II quotes each excerpt under every node
it maps to; consecutive excerpts of one contribution share one attribution and one footnote
("paras. 2 and 4").  A withheld contribution's passage (no permission to publish) is given by the team's summary
of it, or left out (``withheld_quotes``); in an anonymised paper the others are quoted.
Names in any kept text are replaced in the text's own language
(:mod:`lapdesk.export.redaction`).
"""

from __future__ import annotations

from dataclasses import dataclass

from lapdesk.export.attribution import POOL, attribute, category
from lapdesk.export.boilerplate import capitalised, format_date, language_name, words
from lapdesk.export.chapters import node_title
from lapdesk.export.citations import NoteLedger, source_note
from lapdesk.export.sources import PaperData
from lapdesk.export.writer import PaperWriter


@dataclass(frozen=True)
class AnnexTitles:
    """How the annexes are headed: "Annex I" and "Annex II", or "Annex" when it is the only
    one, so no reference points at an annex the paper left out."""

    annex_1: str
    annex_2: str
    see_1: str
    see_2: str

    @classmethod
    def of(cls, *, annex_1: bool, annex_2: bool, lang: str) -> AnnexTitles:
        w = words(lang)
        alone = annex_1 != annex_2
        head = (lambda n: w["annex_alone"]) if alone else (lambda n: w["annex"].format(number=n))
        see = (lambda n: w["see_annex_alone"]) if alone else (
            lambda n: w["see_annex"].format(number=n))
        return cls(annex_1=head("I") if annex_1 else "", annex_2=head("II") if annex_2 else "",
                   see_1=see("I") if annex_1 else "", see_2=see("II") if annex_2 else "")


def contributor_label(contribution: dict, data: PaperData, lang: str) -> str:
    """Who sent a contribution, as the annexes show it: named, or "One State Party"."""
    people = contribution["contributors"]
    if not people:
        return capitalised(words(lang)["unidentified"])
    hidden = {p["id"] for p in people} if contribution["id"] in data.hidden else set()
    return capitalised(attribute(people, hidden=hidden, lang=lang, french=data.french,
                                 phrase_category=data.anonymity.phrase_category))


def _withheld_category(contribution: dict, data: PaperData) -> str:
    cats = {data.anonymity.counted_as(p) for p in contribution["contributors"]}
    return cats.pop() if len(cats) == 1 else POOL


def annex_1(writer: PaperWriter, data: PaperData, *, lang: str, title: str) -> None:
    w = words(lang)
    writer.page_break()
    writer.paragraph("WP Annex Title", title)
    writer.paragraph("WP Annex Subtitle", w["annex_1_title"])
    kinds = w["kind_labels"]
    named = [c for c in data.contributions if c["id"] not in data.hidden]
    withheld = [c for c in data.contributions if c["id"] in data.hidden]
    if named:
        rows = []
        for c in named:
            labels = list(dict.fromkeys(kinds[category(p)] for p in c["contributors"]))
            rows.append([str(c["number"]), contributor_label(c, data, lang), ", ".join(labels),
                         format_date(c["received"][:10], lang),
                         language_name(c["language"], lang)])
        writer.table([w["column_number"], w["column_contributor"], w["column_kind"],
                      w["column_date"], w["column_language"]], rows,
                     widths_cm=(1.0, 5.4, 3.4, 2.6, 1.9))
    if withheld:
        counts: dict[str, int] = {}
        for c in withheld:
            cat = _withheld_category(c, data)
            counts[cat] = counts.get(cat, 0) + 1
        order = [*(k for k in kinds if k != POOL), POOL]
        writer.paragraph("WP Body Text", w["withheld_intro"] if named else w["withheld_all"])
        writer.table([w["column_kind"], w["column_contributions"]],
                     [[capitalised(w["kinds"][cat][1]), str(counts[cat])]
                      for cat in order if counts.get(cat)], widths_cm=(6.0, 3.0))


def _original(excerpt: dict, lang: str) -> str:
    """"[Original: Spanish]" for a quote in another language than the paper's."""
    own = (excerpt.get("language") or "").lower()
    if not own or own == lang:
        return ""
    return words(lang)["original_language"].format(language=language_name(own, lang))


def annex_2(writer: PaperWriter, data: PaperData, *, lang: str, title: str, numbered: bool,
            withheld_quotes: str) -> int:
    """Every excerpt under each node it maps to (section-level first); returns how many
    distinct excerpts were written."""
    w = words(lang)
    writer.page_break()
    writer.paragraph("WP Annex Title", title)
    writer.paragraph("WP Annex Subtitle", w["annex_2_title"])
    by_id = data.by_id
    ledger = NoteLedger()
    written: set[int] = set()

    def shown(node_id: int) -> list[dict]:
        result = []
        for excerpt in data.excerpts_by_node.get(node_id, []):
            if excerpt["contribution_id"] in data.anonymity.withheld and (
                    withheld_quotes == "omit" or not excerpt["summaries"]):
                continue
            result.append(excerpt)
        return result

    def block(contribution: dict, excerpts: list[dict]) -> None:
        kept = excerpts
        if contribution["id"] in data.anonymity.withheld:
            writer.attribution(contributor_label(contribution, data, lang))
            last = None
            for excerpt in kept:
                summary = "; ".join(data.redact_hidden(s, lang) for s in excerpt["summaries"])
                last = writer.paraphrase(w["summary"], summary)
        else:
            writer.attribution(contributor_label(contribution, data, lang))
            last = None
            redact = data.redact_hidden if contribution["id"] in data.hidden else data.redact
            for excerpt in kept:
                text = redact(excerpt["text"], excerpt["language"])
                last = writer.quote(text, lang=excerpt["language"],
                                    original=_original(excerpt, lang))
        note = source_note(contribution, kept, data, lang=lang, numbered=numbered)
        writer.footnote(last, ledger.text_for(note, lang))
        written.update(e["id"] for e in kept)

    def quotes(node_id: int) -> None:
        group: list[dict] = []
        for excerpt in shown(node_id):
            if group and group[-1]["contribution_id"] != excerpt["contribution_id"]:
                block(by_id[group[0]["contribution_id"]], group)
                group = []
            group.append(excerpt)
        if group:
            block(by_id[group[0]["contribution_id"]], group)

    for section in data.sections:
        questions = data.questions[section["id"]]
        if not any(shown(n["id"]) for n in (section, *questions)):
            continue
        writer.paragraph("WP Annex Heading", node_title(section, lang))
        quotes(section["id"])
        for question in questions:
            if shown(question["id"]):
                writer.paragraph("WP Heading 3", node_title(question, lang))
                quotes(question["id"])
    return len(written)
