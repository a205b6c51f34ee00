"""Rev.1 of the draft: clean, or with the changes shown as Word's tracked changes.

Both documents are written from the same revision (:func:`lapdesk.rounds.revision.revise`)
in the working-paper template, with the draft's symbol and "/Rev.1": the clean text, or the
previous draft with every change as a real tracked change by "Presidency" dated the paper's
day (:mod:`lapdesk.export.redline`), so that accepting them all in Word gives the clean Rev.1
and rejecting them all gives the draft the round started from.  Labels and numbers are
written as text, not as Word numbering, so that a node added as "Action 4 bis" or a deleted
one does not renumber the rest behind the reader's back.  Optionally a Word comment on each
changed node names the amendments and contributors it draws on, and an annex gives the
concordance of Rev.1 with the previous draft.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from docx.oxml.ns import qn
from lxml.etree import SubElement

from lapdesk.export import masthead
from lapdesk.export.atomic import check_target, write_atomically
from lapdesk.export.boilerplate import parse_date
from lapdesk.export.options import ExportOptions
from lapdesk.export.redline import Redliner
from lapdesk.export.round_sources import RoundData, gather_round, node_line, section_line
from lapdesk.export.template import fill_placeholders, open_template
from lapdesk.export.writer import PaperWriter
from lapdesk.rounds.revision import RevNode
from lapdesk.store.database import Store

AUTHOR, INITIALS = "Presidency", "PR"
SUB_INDENT = 1701  # twips: a subparagraph sits one step in from the body text


@dataclass
class RevisionReport:
    out: str
    kind: str
    symbol: str
    nodes: int
    changed: int
    added: int
    deleted: int
    changes: int = 0
    comments: int = 0
    warnings: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"out": self.out, "kind": self.kind, "symbol": self.symbol, "nodes": self.nodes,
                "changed": self.changed, "added": self.added, "deleted": self.deleted,
                "changes": self.changes, "comments": self.comments, "warnings": self.warnings}


def _head(writer: PaperWriter, data: RoundData, options: ExportOptions) -> masthead.Masthead:
    values = {**data.settings, "title": data.round.title, "title_fr": ""}
    symbol = options.symbol if options.symbol is not None else data.round.next_symbol
    head = masthead.decide(values, symbol=symbol, unassigned=options.unassigned_symbol,
                           when=options.date, meeting=options.meeting,
                           non_paper=options.non_paper, lang="en")
    masthead.write(writer, values, head, masthead.Texts(values, "en"))
    return head


def _paragraph(writer: PaperWriter, node: RevNode):
    if node.kind == "section":
        return writer.heading("WP Heading 1", "", numbered=False)
    p = writer.paragraph("WP Body Text")
    if (node.new_number or node.old_number).startswith("("):
        ppr = p.find(qn("w:pPr"))
        SubElement(ppr, qn("w:ind")).set(qn("w:left"), str(SUB_INDENT))
    return p


def export_revision(store: Store, out: Path, *, tracked: bool,
                    options: ExportOptions | None = None, comments: bool = False,
                    concordance: bool = False) -> RevisionReport:
    """Write Rev.1 (``tracked``: with its changes against the draft) to ``out``."""
    out = Path(out)
    options = options or ExportOptions()
    check_target(out, overwrite=options.overwrite)
    data = gather_round(store, anonymise=options.anonymise)
    document = open_template()
    writer = PaperWriter(document, redact=_no_redaction, lang="en")
    head = _head(writer, data, options)
    fill_placeholders(document, symbol=head.symbol)
    day = parse_date(head.date)
    when = (datetime(day.year, day.month, day.day, tzinfo=UTC) if day
            else datetime(2000, 1, 1, tzinfo=UTC)).strftime("%Y-%m-%dT%H:%M:%SZ")
    redliner = Redliner(author=AUTHOR, date=when)
    noted = 0
    for node in data.revision:
        if node.kind == "section":
            p = _paragraph(writer, node)
            redliner.write(p, section_line(node), section_line(node))
            continue
        old = node_line(node, node.old_text) if node.old_text is not None else None
        new = _new_line(node)
        if not tracked:
            if new is not None:
                redliner.write(_paragraph(writer, node), new, new)
            continue
        p = _paragraph(writer, node)
        redliner.write(p, old, new)
        if comments and node.changed and node.sources:
            noted += _comment(document, p, node, data, when)
    if concordance:
        _concordance(writer, data)
    writer.finish()
    document.core_properties.title = data.round.title
    document.core_properties.subject = head.symbol
    buffer = io.BytesIO()
    document.save(buffer)
    write_atomically(out, lambda handle: handle.write(buffer.getvalue()))
    texts = [n for n in data.revision if n.kind != "section"]
    return RevisionReport(
        out=str(out), kind="revision-changes" if tracked else "revision", symbol=head.symbol,
        nodes=sum(1 for n in texts if n.new_text is not None),
        changed=sum(1 for n in texts if n.old_text is not None and n.new_text is not None
                    and n.changed),
        added=sum(1 for n in texts if n.old_text is None and not n.moved),
        deleted=sum(1 for n in texts if n.new_text is None and not n.moved),
        changes=redliner.count if tracked else 0, comments=noted, warnings=head.warnings)


def _new_line(node: RevNode) -> str | None:
    return node_line(node, node.new_text) if node.new_text is not None else None


def _no_redaction(text: str, lang: str | None = None) -> str:
    """The draft's own text is the Presidency's: nothing in it to anonymise."""
    return text


def _comment(document, p, node: RevNode, data: RoundData, when: str) -> int:
    by_id = {a.id: a for a in data.amendments}
    lines = [f"Amendment {i} ({by_id[i].op.replace('_', ' ')}): {data.proposers(by_id[i])}"
             for i in node.sources if i in by_id]
    if not lines:
        return 0
    comment = document.comments.add_comment("Draws on:\n" + "\n".join(lines), author=AUTHOR,
                                            initials=INITIALS)
    comment._comment_elm.set(qn("w:date"), when)
    cid = str(comment.comment_id)
    first = next((child for child in p if child.tag != qn("w:pPr")), None)
    if first is None:
        return 0
    first.addprevious(p.makeelement(qn("w:commentRangeStart"), {qn("w:id"): cid}))
    p.append(p.makeelement(qn("w:commentRangeEnd"), {qn("w:id"): cid}))
    reference = SubElement(p, qn("w:r"))
    SubElement(reference, qn("w:commentReference")).set(qn("w:id"), cid)
    return 1


def _concordance(writer: PaperWriter, data: RoundData) -> None:
    """The annex: each node of Rev.1, its number in the previous draft, who proposed it."""
    writer.page_break()
    writer.paragraph("WP Annex Title", "Annex")
    writer.paragraph("WP Annex Subtitle", "Concordance with the previous draft")
    by_id = {a.id: a for a in data.amendments}
    rows = []
    for node in data.revision:
        if node.kind == "section" or node.new_text is None:
            continue
        before = node.old_label or node.old_number or ("new" if node.old_text is None else "")
        who = "; ".join(dict.fromkeys(data.proposers(by_id[i]) for i in node.sources
                                      if i in by_id))
        rows.append([node.new_label or node.new_number, before, who])
    writer.table(["Rev.1", "Previous draft", "Proposed by"], rows, [3.5, 3.5, 8.5])
