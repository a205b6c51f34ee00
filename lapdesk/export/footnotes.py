"""Footnotes, written with lxml into the footnotes part the template carries.

python-docx has no footnote API.  The template (``build_scripts/make_template.py``) holds a
``word/footnotes.xml`` with Word's two separator footnotes; the export appends one
``w:footnote`` per source note and puts a ``w:footnoteReference`` run in the paragraph.
"""

from __future__ import annotations

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from lxml import etree

from lapdesk.core.errors import LapdeskError


class Footnotes:
    """The document's footnotes; call :meth:`save` once before the document is saved."""

    def __init__(self, document, *, text_style: str, reference_style: str):
        try:
            self._part = document.part.part_related_by(RT.FOOTNOTES)
        except KeyError:
            raise LapdeskError("The working-paper template has no footnotes part; rebuild it "
                               "with build_scripts/make_template.py.") from None
        self._root = etree.fromstring(self._part.blob)
        ids = [int(f.get(qn("w:id"))) for f in self._root.findall(qn("w:footnote"))]
        self._next = max([0, *ids]) + 1
        self._text_style = text_style
        self._reference_style = reference_style

    def add(self, paragraph, text: str) -> int:
        """Add a footnote saying ``text``, referenced at the end of ``paragraph`` (a ``w:p``)."""
        note_id = self._next
        self._next += 1
        note = etree.SubElement(self._root, qn("w:footnote"))
        note.set(qn("w:id"), str(note_id))
        p = etree.SubElement(note, qn("w:p"))
        ppr = etree.SubElement(p, qn("w:pPr"))
        etree.SubElement(ppr, qn("w:pStyle")).set(qn("w:val"), self._text_style)
        mark = etree.SubElement(p, qn("w:r"))
        etree.SubElement(etree.SubElement(mark, qn("w:rPr")), qn("w:rStyle")).set(
            qn("w:val"), self._reference_style)
        etree.SubElement(mark, qn("w:footnoteRef"))
        run = etree.SubElement(p, qn("w:r"))
        t = etree.SubElement(run, qn("w:t"))
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        t.text = " " + text
        paragraph.append(parse_xml(
            f'<w:r {nsdecls("w")}><w:rPr><w:rStyle w:val="{self._reference_style}"/></w:rPr>'
            f'<w:footnoteReference w:id="{note_id}"/></w:r>'))
        return note_id

    def save(self) -> None:
        self._part._blob = etree.tostring(self._root, xml_declaration=True, encoding="UTF-8",
                                          standalone=True)
