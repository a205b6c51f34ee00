"""The compilation of proposed amendments: a landscape table in draft order, or a workbook.

One row per amendment under the node it targets: the draft's text, the amendment with its
changes shown (struck through and underlined: a reading copy, not tracked changes), who
proposed and who supported it, the justification and the Presidency's decision.  Each section
opens with its general comments; withdrawn amendments come last, in a part of their own.
Proposers are named as the working paper names contributors: only with permission to publish
(:mod:`lapdesk.export.anonymity`), otherwise "A delegation".
"""

from __future__ import annotations

import io
from pathlib import Path

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from lxml.etree import SubElement

from lapdesk.core.errors import UsageError
from lapdesk.export.atomic import check_target, write_atomically
from lapdesk.export.options import ExportOptions
from lapdesk.export.redline import XML_SPACE
from lapdesk.export.round_sources import RoundData, gather_round, node_line, section_line
from lapdesk.export.tables import Table, _xlsx_bytes
from lapdesk.export.template import fill_placeholders, open_template
from lapdesk.export.writer import PaperWriter
from lapdesk.rounds.amendment_display import Piece, amendment_pieces
from lapdesk.rounds.amendment_records import DECISION_NAMES, OP_NAMES, Amendment
from lapdesk.store.database import Store

HEADER = ("Text proposed", "Amendment", "Proposed by", "Justification", "Decision")
SHARES = (28, 32, 14, 14, 12)             # per cent of the page's width


def _decision(a: Amendment) -> str:
    name = DECISION_NAMES[a.decision]
    if a.text_given and a.result_text:
        return f"{name}: “{a.result_text}”"
    return name


def _ordered(data: RoundData) -> tuple[list[tuple[dict, list[Amendment]]], list[Amendment]]:
    by_node: dict[str, list[Amendment]] = {}
    withdrawn = []
    for a in data.amendments:
        if a.decision == "withdrawn":
            withdrawn.append(a)
        else:
            by_node.setdefault(a.node, []).append(a)
    return [(n, by_node.get(n["key"], [])) for n in data.nodes], withdrawn


def _cell(tr, width: int, pieces: list[Piece], style_id: str, *, span: int = 1) -> None:
    tc = SubElement(tr, qn("w:tc"))
    extra = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
    tc.append(parse_xml(f'<w:tcPr {nsdecls("w")}><w:tcW w:w="{width}" w:type="dxa"/>{extra}'
                        '</w:tcPr>'))
    p = SubElement(tc, qn("w:p"))
    SubElement(SubElement(p, qn("w:pPr")), qn("w:pStyle")).set(qn("w:val"), style_id)
    for text, kind in pieces:
        run = SubElement(p, qn("w:r"))
        if kind != "plain":
            rpr = SubElement(run, qn("w:rPr"))
            if kind == "ins":
                SubElement(rpr, qn("w:b"))
                SubElement(rpr, qn("w:u")).set(qn("w:val"), "single")
            elif kind == "del":
                SubElement(rpr, qn("w:strike"))
            else:
                SubElement(rpr, qn(f"w:{kind}"))
        t = SubElement(run, qn("w:t"))
        t.text = text
        t.set(XML_SPACE, "preserve")


def _table(writer: PaperWriter, rows: list[list], width: int) -> None:
    widths = [width * share // 100 for share in SHARES]
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    borders = "".join(f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
                      for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    tbl = parse_xml(f'<w:tbl {nsdecls("w")}><w:tblPr><w:tblW w:w="{sum(widths)}" '
                    f'w:type="dxa"/><w:tblBorders>{borders}</w:tblBorders><w:tblLayout '
                    'w:type="fixed"/><w:tblLook w:val="0000"/></w:tblPr>'
                    f'<w:tblGrid>{grid}</w:tblGrid></w:tbl>')
    heading = writer._style_ids["WP Table Heading"]
    text = writer._style_ids["WP Table Text"]
    tr = SubElement(tbl, qn("w:tr"))
    SubElement(SubElement(tr, qn("w:trPr")), qn("w:tblHeader"))
    for title, cell_width in zip(HEADER, widths, strict=True):
        _cell(tr, cell_width, [(title, "plain")], heading)
    for row in rows:
        tr = SubElement(tbl, qn("w:tr"))
        if row[0] == "section":
            _cell(tr, sum(widths), [(row[1], "b")], text, span=len(widths))
            continue
        for pieces, cell_width in zip(row[1:], widths, strict=True):
            _cell(tr, cell_width, pieces, text)
    writer._end.addprevious(tbl)
    writer.lines += 2 * len(rows)


def _rows(data: RoundData, groups, labels) -> list[list]:
    rows: list[list] = []
    for node, amendments in groups:
        if node["kind"] == "section":
            if amendments or any(n["parent_id"] == node["id"] for n, a in groups if a):
                rows.append(["section", section_line(node)])
                for a in amendments:  # general comments on the section
                    rows.append(["row", [("General comments", "i")],
                                 amendment_pieces(a, node, labels),
                                 [(data.proposers(a), "plain")], [(a.justification, "plain")]
                                 if a.op != "comment" else [], [(_decision(a), "plain")]])
            continue
        for index, a in enumerate(amendments):
            draft = [(node_line(node), "plain")] if index == 0 else []
            rows.append(["row", draft, amendment_pieces(a, node, labels),
                         [(data.proposers(a), "plain")],
                         [(a.justification, "plain")] if a.op != "comment" else [],
                         [(_decision(a), "plain")]])
    return rows


def export_compilation(store: Store, out: Path, *, options: ExportOptions | None = None
                       ) -> dict:
    """Write the compilation to ``out`` (.docx, or .xlsx for the team's workbook)."""
    out = Path(out)
    options = options or ExportOptions()
    suffix = out.suffix.lower()
    if suffix not in (".docx", ".xlsx"):
        raise UsageError(f"{out.name} is neither .docx nor .xlsx; the compilation is written "
                         "in those.")
    check_target(out, overwrite=options.overwrite)
    data = gather_round(store, anonymise=options.anonymise)
    groups, withdrawn = _ordered(data)
    labels = {n["key"]: n["label"] or n["title"] for n in data.nodes}
    if suffix == ".xlsx":
        payload = _xlsx_bytes(_workbook(data, groups, withdrawn, labels))
    else:
        payload = _docx(data, groups, withdrawn, labels, options)
    write_atomically(out, lambda handle: handle.write(payload))
    return {"out": str(out), "kind": "amendments", "amendments": len(data.amendments),
            "withdrawn": len(withdrawn), "nodes": sum(1 for _, a in groups if a),
            "anonymised": len(data.hidden)}


def _docx(data, groups, withdrawn, labels, options: ExportOptions) -> bytes:
    document = open_template()
    width = _landscape(document)
    symbol = options.symbol or "[symbol to be assigned]"  # a document of its own
    fill_placeholders(document, symbol=symbol)
    writer = PaperWriter(document, redact=lambda text, lang=None: text, lang="en")
    writer.paragraph("WP Symbol", symbol)
    writer.paragraph("WP Title", f"{data.round.title}: compilation of proposed amendments")
    writer.paragraph("WP Body Text", "Amendments in the order of the draft, with the "
                     "Presidency's decision on each; withdrawn amendments are listed last.")
    _table(writer, _rows(data, groups, labels), width)
    if withdrawn:
        writer.paragraph("WP Heading 2", "Withdrawn amendments")
        by_key = {n["key"]: n for n in data.nodes}
        _table(writer, [["row", [(node_line(by_key[a.node]), "plain")],
                         amendment_pieces(a, by_key[a.node], labels),
                         [(data.proposers(a), "plain")], [(a.justification, "plain")],
                         [(_decision(a), "plain")]] for a in withdrawn], width)
    writer.finish()
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _landscape(document) -> int:
    """Turn the pages; returns the width between the margins, in twips."""
    usable = 0
    for section in document.sections:
        size = section._sectPr.find(qn("w:pgSz"))
        width, height = int(size.get(qn("w:w"))), int(size.get(qn("w:h")))
        if width < height:
            width, height = height, width
        size.set(qn("w:w"), str(width))
        size.set(qn("w:h"), str(height))
        size.set(qn("w:orient"), "landscape")
        margins = section._sectPr.find(qn("w:pgMar"))
        usable = width - int(margins.get(qn("w:left"))) - int(margins.get(qn("w:right")))
    return usable


def _plain(pieces: list[Piece]) -> str:
    return "".join(text for text, _ in pieces)


def _workbook(data, groups, withdrawn, labels) -> Table:
    rows = []
    by_key = {n["key"]: n for n in data.nodes}
    for a in [a for _, found in groups for a in found] + withdrawn:
        node = by_key[a.node]
        rows.append([a.id, a.label or a.node, node["text"], OP_NAMES[a.op], a.old, a.new,
                     _plain(amendment_pieces(a, node, labels)), data.proposers(a),
                     a.justification, DECISION_NAMES[a.decision], a.result_text or "",
                     a.source.contribution_id])
    return Table("Amendments", ["ID", "Node", "Text proposed", "Operation", "Old text",
                                "New text", "Amendment", "Proposed by", "Justification",
                                "Decision", "Resulting text", "Contribution"], rows)
