"""Word .docx: body, tables, headings, list numbering, footnotes, headers and footers.

The package is read here, with lxml, behind the ZIP and XML guards: only the parts that hold
text or shape it (the main document, its headers, footers and notes, styles, numbering, and
the core properties for the title) are inflated and parsed, each once.  python-docx is not
used for reading: it neither renders automatic numbering nor reads footnotes, its table API
repeats merged cells, and opening a document through it parsed every part twice (once to
check for entity declarations, once for python-docx), two thirds of the time of a short file.
"""

from __future__ import annotations

import functools
import posixpath
import re
from urllib.parse import unquote

from lxml import etree

from lapdesk.core.text import Paragraph
from lapdesk.ingest.extracted import Extracted, Limits
from lapdesk.ingest.formats import docx_revisions
from lapdesk.ingest.formats.common import open_zip, parse_xml, read_member, unreadable
from lapdesk.ingest.formats.numbering import Numbering

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
DC_TITLE = "{http://purl.org/dc/elements/1.1/}title"
WHAT = "This Word document"
_HEADING_NAME = re.compile(r"^heading\s*([1-9])$", re.IGNORECASE)
_MAX_STYLE_CHAIN = 20


def q(tag: str) -> str:
    return f"{{{W}}}{tag}"


def extract(data: bytes, *, limits: Limits, password: str | None = None) -> Extracted:
    with open_zip(data, limits=limits, what=WHAT) as archive:
        package = _Package(archive, limits)
        main = package.main_document()
        body = main.find(q("body"))
        if body is None:
            raise unreadable(f"{WHAT} has no body text LAPDesk can find.")
        styles = _styles(package.first_related_bytes("styles"))
        numbering = Numbering(package.first_related("numbering"))
        paragraphs: list[Paragraph] = []
        for header in package.related("header"):
            paragraphs += _paragraphs(header, "header", styles, numbering)
        paragraphs += _paragraphs(body, "body", styles, numbering)
        for root in package.related("footnotes") + package.related("endnotes"):
            for note in root.iterchildren(q("footnote"), q("endnote")):
                if note.get(q("type")) in (None, "normal"):
                    paragraphs += _paragraphs(note, "footnote", styles, numbering)
        for footer in package.related("footer"):
            paragraphs += _paragraphs(footer, "footer", styles, numbering)
        title = package.title()
        comments = docx_revisions.comments(package.first_related("comments"),
                                           package.first_related("commentsExtended"))
    return Extracted("ok", paragraphs=paragraphs, meta={"title": title} if title else {},
                     comments=comments)


class _Package:
    """The parts of an Office Open XML package, found through its relationships.

    Part names are matched without regard to case, as the packaging standard says; a
    relationship type is matched by its last segment, which is the same in the transitional
    and the strict namespaces.
    """

    def __init__(self, archive, limits: Limits):
        self.archive, self.limits = archive, limits
        self.names = {name.lower(): name for name in archive.namelist()}
        self.main_name: str | None = None
        self._rels: dict[str, etree._Element | None] = {}

    def _read(self, name: str) -> bytes | None:
        real = self.names.get(name.lower())
        return None if real is None else read_member(self.archive, real, limits=self.limits,
                                                      what=WHAT)

    def _parse(self, name: str) -> etree._Element | None:
        data = self._read(name)
        return None if data is None else parse_xml(data, what=WHAT)

    def _targets(self, source: str, kind: str) -> list[str]:
        """The part names that ``source`` ("" for the package) relates to by type ``kind``."""
        folder, base = posixpath.split(source)
        if source not in self._rels:
            self._rels[source] = self._parse(posixpath.join(folder, "_rels", f"{base}.rels"))
        rels = self._rels[source]
        found = []
        for rel in [] if rels is None else rels.iter(RELS):
            if (rel.get("TargetMode") == "External"
                    or (rel.get("Type") or "").rsplit("/", 1)[-1] != kind):
                continue
            target = unquote(rel.get("Target") or "")  # a URI: "header%201.xml"
            name = posixpath.normpath(target.lstrip("/") if target.startswith("/")
                                      else posixpath.join(folder, target))
            if name not in found and not name.startswith(".."):
                found.append(name)
        return found

    def main_document(self) -> etree._Element:
        names = self._targets("", "officeDocument") or ["word/document.xml"]
        self.main_name = names[0]
        main = self._parse(self.main_name)
        if main is None:
            raise unreadable(f"{WHAT} is damaged or incomplete and cannot be opened.")
        return main

    def first_related_bytes(self, kind: str) -> bytes | None:
        names = sorted(self._targets(self.main_name, kind))
        return self._read(names[0]) if names else None

    def related(self, kind: str) -> list[etree._Element]:
        """The main document's parts of one kind, in part-name order."""
        parts = (self._parse(name) for name in sorted(self._targets(self.main_name, kind)))
        return [part for part in parts if part is not None]

    def first_related(self, kind: str) -> etree._Element | None:
        parts = self.related(kind)
        return parts[0] if parts else None

    def title(self) -> str:
        try:
            names = self._targets("", "core-properties")
            core = self._parse(names[0]) if names else None
        except Exception:  # noqa: BLE001 - broken document properties must not cost the text
            return ""
        element = None if core is None else core.find(DC_TITLE)
        return (element.text or "") if element is not None else ""


def _paragraphs(root: etree._Element, part_name: str, styles: Styles, numbering: Numbering
                ) -> list[Paragraph]:
    """The paragraphs under ``root``, in document order."""
    for fallback in root.iter(f"{{{MC}}}Fallback"):  # the same text box, drawn twice
        fallback.clear()
    found = []
    tracked = docx_revisions.has_marks(root)  # tracked changes or comments: read with care
    for p in root.iter(q("p")):
        owner = next(p.iterancestors(q("p"), q("tc")), None)
        if owner is not None and owner.tag == q("p"):
            continue  # a text box inside a paragraph: its text is read with that paragraph
        properties = p.find(q("pPr"))
        style_id = _val(properties, "pStyle")
        part = "table" if part_name == "body" and owner is not None else part_name
        revisions = anchors = None
        if tracked:
            text, revisions, anchors = docx_revisions.read_paragraph(p)
        else:
            text = _text(p)
        if not text.strip():
            if revisions or anchors:  # a paragraph deleted whole: its marks move on
                found.append(Paragraph("", part=part, revisions=revisions, anchors=anchors))
            continue
        number = _number(properties, style_id, styles, numbering)
        if number:
            text = f"{number} {text}"
            for mark in (*(revisions or ()), *(anchors or ())):
                _shift(mark, len(number) + 1)
        level = _outline_level(properties) or styles.heading_level(style_id)
        found.append(Paragraph(text, heading_level=level if part in ("body",) else None,
                               part=part, revisions=revisions or None,
                               anchors=anchors or None))
    return found


def _shift(mark, by: int) -> None:
    if hasattr(mark, "offset"):
        mark.offset += by
    else:
        mark.start, mark.end = mark.start + by, mark.end + by


def _text(p: etree._Element) -> str:
    out = []
    for element in p.iter(q("t"), q("tab"), q("br"), q("cr"), q("noBreakHyphen")):
        tag = element.tag
        if tag == q("t"):
            out.append(element.text or "")
        elif tag == q("noBreakHyphen"):
            out.append("-")
        else:
            out.append(" ")
    return "".join(out)


def _val(properties, tag: str) -> str | None:
    if properties is None:
        return None
    element = properties.find(q(tag))
    return None if element is None else element.get(q("val"))


def _outline_level(properties) -> int | None:
    value = _val(properties, "outlineLvl")
    if value is not None and value.isdigit() and int(value) < 9:
        return int(value) + 1
    return None


def _number(properties, style_id, styles: Styles, numbering: Numbering) -> str:
    num_id, level = None, None
    num_pr = properties.find(q("numPr")) if properties is not None else None
    if num_pr is not None:
        num_id, level = _val(num_pr, "numId"), _val(num_pr, "ilvl")
    if num_id is None or level is None:
        style_num, style_level = styles.numbering(style_id)
        num_id = num_id or style_num
        level = level or style_level
    if not num_id or num_id == "0":
        return ""
    return numbering.label(num_id, int(level) if level and level.isdigit() else 0)


class Styles:
    """Paragraph styles: heading levels and numbering, following ``basedOn`` chains.

    What matters of each style is kept as plain values, not as the XML tree, so that one
    ``Styles`` can serve every document made from the same template (see :func:`_styles`).
    """

    def __init__(self, root: etree._Element | None):
        # style id -> (its own heading level, its own (numId, ilvl) or None, basedOn)
        self._own: dict[str, tuple[int | None, tuple | None, str | None]] = {}
        for style in root.iterchildren(q("style")) if root is not None else ():
            style_id = style.get(q("styleId"))
            if not style_id:
                continue
            properties = style.find(q("pPr"))
            level = _outline_level(properties)
            if not level:
                name = _HEADING_NAME.match(_val(style, "name") or "")
                level = int(name.group(1)) if name else None
            num_pr = properties.find(q("numPr")) if properties is not None else None
            number = (_val(num_pr, "numId"), _val(num_pr, "ilvl")) if num_pr is not None else None
            self._own[style_id] = (level, number, _val(style, "basedOn"))

    def _chain(self, style_id: str | None):
        for _ in range(_MAX_STYLE_CHAIN):
            own = self._own.get(style_id or "")
            if own is None:
                return
            yield own
            style_id = own[2]

    def heading_level(self, style_id: str | None) -> int | None:
        return next((level for level, _, _ in self._chain(style_id) if level), None)

    def numbering(self, style_id: str | None) -> tuple[str | None, str | None]:
        return next((number for _, number, _ in self._chain(style_id) if number), (None, None))


@functools.lru_cache(maxsize=8)
def _styles(data: bytes | None) -> Styles:
    """The styles of ``styles.xml`` bytes, remembered: contributions tend to come from a few
    templates (a ministry's letterhead, Word's own), and their styles part is often the
    largest in the package (350 KB in python-docx's template, 30 times the body of a letter).
    """
    return Styles(None if data is None else parse_xml(data, what=WHAT))
