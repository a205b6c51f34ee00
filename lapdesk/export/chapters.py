"""One chapter per framework section: the Presidency's synthesis, then the views expressed.

A chapter never has an empty heading: a question gets its heading only when it has a
synthesis or views, and a section without any input says so in one sentence.
"""

from __future__ import annotations

from lapdesk.analysis.positions import views
from lapdesk.export.attribution import attribute
from lapdesk.export.boilerplate import words
from lapdesk.export.sources import PaperData, contributors_in
from lapdesk.export.writer import PaperWriter
from lapdesk.store.connection import Store


def node_title(node: dict, lang: str) -> str:
    if lang == "fr" and node.get("title_fr"):
        return node["title_fr"]
    return node["title"]


def view_spans(view: dict, data: PaperData, writer: PaperWriter, *, lang: str) -> list:
    """"**Topic.** Supported by A, B and C. Opposed by D." — or nothing when no stance has
    an identified contributor (never a dangling "Supported by:")."""
    sentences = []
    for stance, people in view["stances"].items():
        who = attribute(people, hidden=data.unnamed, lang=lang, running=True,
                        french=data.french)
        if who:
            sentences.append(words(lang)["stance"][stance].format(who=who))
    if not sentences:
        return []
    topic = writer.redact(view["topic"]).rstrip(".")
    return [(f"{topic}. ", True, False), (" ".join(sentences), False, False)]


def chapter(writer: PaperWriter, store: Store, data: PaperData, section: dict, *,
            lang: str, reviewed_only: bool, annex_2: bool) -> None:
    w = words(lang)
    questions = data.questions[section["id"]]
    node_keys = {section["key"], *(q["key"] for q in questions)}
    section_views = views(store, node_key=section["key"], descendants=True,
                          reviewed_only=reviewed_only)
    by_node: dict[str, list[dict]] = {}
    for view in section_views:
        key = view["node"] if view["node"] in node_keys else section["key"]
        by_node.setdefault(key, []).append(view)
    excerpt_contributions = {
        e["contribution_id"]
        for node_id in (section["id"], *(q["id"] for q in questions))
        for e in data.excerpts_by_node.get(node_id, [])
    }
    writer.heading("WP Heading 1", node_title(section, lang))
    written = writer.markdown(section["synthesis"] or "")
    if excerpt_contributions:
        who = attribute(contributors_in(data, excerpt_contributions), hidden=data.unnamed,
                        lang=lang, running=True, of=True, french=data.french)
        if who:
            writer.numbered(w["addressed"].format(
                who=who, see=w["see_annex_2"] if annex_2 else ""))
            written += 1
    for view in by_node.get(section["key"], []):
        spans = view_spans(view, data, writer, lang=lang)
        if spans:
            writer.numbered(spans=spans)
            written += 1
    for question in questions:
        question_views = [s for s in (view_spans(v, data, writer, lang=lang)
                                      for v in by_node.get(question["key"], [])) if s]
        if not (question["synthesis"] or "").strip() and not question_views:
            continue
        writer.heading("WP Heading 2", node_title(question, lang))
        written += writer.markdown(question["synthesis"] or "")
        for spans in question_views:
            writer.numbered(spans=spans)
            written += 1
    if not written:
        writer.numbered(w["no_input_section"])
