"""One chapter per framework section: the Presidency's synthesis, then the views expressed.

Nothing is written for a section nobody addressed and the Presidency did not write about:
the chapter is left out (chapters are Word numbering, so the next one takes its number).  A
question gets its heading only when it has a synthesis or views, and a chapter with a single
question heading leaves it unlettered (no lone "A.").
"""

from __future__ import annotations

from lapdesk.analysis.positions import views
from lapdesk.export.attribution import attribute
from lapdesk.export.boilerplate import words
from lapdesk.export.prose import view_spans
from lapdesk.export.sources import PaperData, contributors_in
from lapdesk.export.writer import PaperWriter
from lapdesk.store.database import Store


def node_title(node: dict, lang: str) -> str:
    if lang == "fr" and node.get("title_fr"):
        return node["title_fr"]
    return node["title"]


def chapter(writer: PaperWriter, store: Store, data: PaperData, section: dict, *,
            lang: str, reviewed_only: bool, see_annex_2: str, provenance=None) -> bool:
    """Write the section's chapter; returns whether there was anything to write."""
    w = words(lang)
    questions = data.questions[section["id"]]
    node_keys = {section["key"], *(q["key"] for q in questions)}
    by_node: dict[str, list[dict]] = {}
    for view in views(store, node_key=section["key"], descendants=True,
                      reviewed_only=reviewed_only):
        key = view["node"] if view["node"] in node_keys else section["key"]
        spans = view_spans(view, data, writer.redact, lang=lang)
        if spans:
            by_node.setdefault(key, []).append((spans, view["excerpt_ids"]))
    excerpts = [e for node_id in (section["id"], *(q["id"] for q in questions))
                for e in data.excerpts_by_node.get(node_id, [])]
    contributions = list(dict.fromkeys(e["contribution_id"] for e in excerpts))
    addressed = ""
    if contributions:
        who = attribute(contributors_in(data, contributions), hidden=data.unnamed, lang=lang,
                        running=True, of=True, french=data.french,
                        phrase_category=data.anonymity.phrase_category)
        if who:
            addressed = w["addressed"][len(contributions) > 1].format(who=who, see=see_annex_2)
    shown = [q for q in questions if (q["synthesis"] or "").strip() or by_node.get(q["key"])]
    synthesis = (section["synthesis"] or "").strip()
    if not (synthesis or addressed or by_node.get(section["key"]) or shown):
        return False
    writer.heading("WP Heading 1", node_title(section, lang))
    writer.markdown(synthesis)
    if addressed:
        paragraph = writer.numbered(addressed)
        if provenance is not None:
            provenance.attach(paragraph, [e["id"] for e in excerpts])
    for spans, excerpt_ids in by_node.get(section["key"], []):
        paragraph = writer.numbered(spans=spans)
        if provenance is not None:
            provenance.attach(paragraph, excerpt_ids)
    for question in shown:
        writer.heading("WP Heading 2", node_title(question, lang), numbered=len(shown) > 1)
        writer.markdown(question["synthesis"] or "")
        for spans, excerpt_ids in by_node.get(question["key"], []):
            paragraph = writer.numbered(spans=spans)
            if provenance is not None:
                provenance.attach(paragraph, excerpt_ids)
    return True
