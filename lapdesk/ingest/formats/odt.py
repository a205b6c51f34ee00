"""OpenDocument text (.odt): headings with their outline level, lists, tables, footnotes,
headers and footers, read from ``content.xml`` and ``styles.xml`` behind the ZIP and XML guards.
"""

from __future__ import annotations

from lxml import etree

from lapdesk.core.text import Paragraph
from lapdesk.ingest.extracted import Extracted, Limits
from lapdesk.ingest.formats import odt_revisions
from lapdesk.ingest.formats.common import (
    ExtractionFailure,
    open_zip,
    parse_xml,
    read_member,
    unreadable,
)
from lapdesk.ingest.formats.odt_lists import ListNumbering

TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
WHAT = "This OpenDocument file"


def t(tag: str) -> str:
    return f"{{{TEXT}}}{tag}"


# Containers whose children are read in order; anything else is text-bearing or ignored.
_CONTAINERS = {t("section"), t("list"), t("list-item"), t("list-header"), f"{{{TABLE}}}table",
               f"{{{TABLE}}}table-row", f"{{{TABLE}}}table-cell", f"{{{TABLE}}}table-rows",
               f"{{{TABLE}}}table-header-rows", f"{{{TABLE}}}table-row-group",
               f"{{{OFFICE}}}text", t("index-body"), t("table-of-content")}
_SKIPPED_IN_TEXT = {t("note"), t("tracked-changes"), t("bookmark-ref"),
                    odt_revisions.ANNOTATION}  # a comment's text is not the document's


def extract(data: bytes, *, limits: Limits, password: str | None = None) -> Extracted:
    with open_zip(data, limits=limits, what=WHAT) as archive:
        names = set(archive.namelist())
        if "content.xml" not in names:
            raise unreadable(f"{WHAT} has no content and cannot be read.")
        if "META-INF/manifest.xml" in names and b"encryption-data" in read_member(
                archive, "META-INF/manifest.xml", limits=limits, what=WHAT):
            raise ExtractionFailure("encrypted", f"{WHAT} is protected by a password; save "
                                    "it without one to import its text.")
        content = parse_xml(read_member(archive, "content.xml", limits=limits, what=WHAT),
                            what=WHAT)
        styles = (parse_xml(read_member(archive, "styles.xml", limits=limits, what=WHAT),
                            what=WHAT) if "styles.xml" in names else None)
    body = content.find(f"{{{OFFICE}}}body/{{{OFFICE}}}text")
    if body is None:
        raise unreadable(f"{WHAT} is not a text document LAPDesk can read.")
    marks = odt_revisions.Marks(content) if odt_revisions.has_marks(body, content) else None
    reader = _Reader(ListNumbering(content, styles), marks)
    headers, footers = _running(styles)
    for element in headers:
        reader.read(element, "header")
    reader.read(body, "body")
    for note in reader.notes:
        body_element = note.find(t("note-body"))
        if body_element is not None:
            reader.read(body_element, "footnote")
    for element in footers:
        reader.read(element, "footer")
    return Extracted("ok", paragraphs=reader.paragraphs,
                     comments=marks.comments if marks is not None else [])


def _running(styles: etree._Element | None) -> tuple[list, list]:
    """The header and footer contents of the master pages (each distinct one once)."""
    headers, footers, seen = [], [], set()
    if styles is None:
        return headers, footers
    for master in styles.iter(f"{{{STYLE}}}master-page"):
        for child in master:
            kind = etree.QName(child).localname
            target = headers if kind.startswith("header") else footers \
                if kind.startswith("footer") else None
            key = etree.tostring(child)
            if target is not None and key not in seen and len(child):
                seen.add(key)
                target.append(child)
    return headers, footers


class _Reader:
    def __init__(self, lists: ListNumbering, marks: odt_revisions.Marks | None = None):
        self.paragraphs: list[Paragraph] = []
        self.notes: list[etree._Element] = []
        self.lists = lists
        self.marks = marks  # tracked changes and comments, when the document has any
        self._length = 0  # of the paragraph being read, for the marks' offsets
        self.label = ""  # the number of the list item whose first paragraph comes next

    def read(self, container: etree._Element, part: str, *, in_table: bool = False,
             list_styles: tuple[str | None, ...] = ()) -> None:
        for child in container:
            if child.tag in (t("p"), t("h")):
                self._paragraph(child, part, in_table)
            elif child.tag == t("list"):
                style = child.get(t("style-name")) or (list_styles[-1] if list_styles else None)
                if not list_styles:
                    self.lists.start_list(style, continues=child.get(
                        t("continue-numbering")) == "true")
                self.read(child, part, in_table=in_table, list_styles=(*list_styles, style))
            elif child.tag == t("list-item") and list_styles:
                self.label = self.lists.label(list_styles[-1], len(list_styles),
                                              start=child.get(t("start-value")))
                self.read(child, part, in_table=in_table, list_styles=list_styles)
                self.label = ""
            elif child.tag in _CONTAINERS:
                table = in_table or child.tag.startswith(f"{{{TABLE}}}")
                self.read(child, part, in_table=table, list_styles=list_styles)

    def _paragraph(self, element: etree._Element, part: str, in_table: bool) -> None:
        level = None
        if element.tag == t("h"):
            raw = element.get(t("outline-level"), "1")
            level = int(raw) if raw.isdigit() and 1 <= int(raw) <= 9 else 1
        revisions = anchors = None
        if self.marks is not None:
            self.marks.begin()
            self._length = 0
            text = "".join(self._text(element))
            revisions, anchors = self.marks.end(text)
        else:
            text = "".join(self._text(element))
        label, self.label = self.label, ""
        where = "table" if in_table and part == "body" else part
        if not text.strip():
            if revisions or anchors:  # a paragraph deleted whole: its marks move on
                self.paragraphs.append(Paragraph("", part=where, revisions=revisions,
                                                 anchors=anchors))
            return
        if label:
            for mark in (*(revisions or ()), *(anchors or ())):
                if hasattr(mark, "offset"):
                    mark.offset += len(label) + 1
                else:
                    mark.start, mark.end = mark.start + len(label) + 1, mark.end + len(label) + 1
        self.paragraphs.append(Paragraph(f"{label} {text}" if label else text,
                                         heading_level=level if where == "body" else None,
                                         part=where, revisions=revisions or None,
                                         anchors=anchors or None))

    def _text(self, element: etree._Element):
        if element.text:
            yield self._counted(element.text)
        for child in element:
            tag = child.tag
            if self.marks is not None and tag in odt_revisions.MARK_TAGS:
                self.marks.see(child, self._length)
            if tag == t("note"):
                self.notes.append(child)
            elif tag == t("s"):
                count = child.get(t("c"), "1")
                yield self._counted(" " * min(int(count) if count.isdigit() else 1, 100))
            elif tag in (t("tab"), t("line-break")):
                yield self._counted(" ")
            elif tag not in _SKIPPED_IN_TEXT and isinstance(tag, str):
                yield from self._text(child)
            if child.tail:
                yield self._counted(child.tail)

    def _counted(self, text: str) -> str:
        self._length += len(text)
        return text
