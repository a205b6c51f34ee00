"""Word .docx: body, tables, headings, list numbering, footnotes, headers and footers.

The package is opened behind the ZIP and XML guards first (python-docx would inflate and parse
whatever it is given), then read through python-docx's parts.  Paragraphs are taken from the
WordprocessingML itself, in document order, because python-docx neither renders automatic
numbering nor reads footnotes, and its table API repeats merged cells.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib

from lxml import etree

from lapdesk.ingest.extracted import Extracted, Limits
from lapdesk.ingest.formats.common import (
    has_entity_declarations,
    open_zip,
    parse_xml,
    read_member,
    unreadable,
)
from lapdesk.ingest.formats.numbering import Numbering
from lapdesk.store.contributions import Paragraph

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
WHAT = "This Word document"
_HEADING_NAME = re.compile(r"^heading\s*([1-9])$", re.IGNORECASE)
_MAX_STYLE_CHAIN = 20


def q(tag: str) -> str:
    return f"{{{W}}}{tag}"


def extract(data: bytes, *, limits: Limits, password: str | None = None) -> Extracted:
    _check_package(data, limits)
    import docx  # noqa: F401 - registers python-docx's part classes with its package reader
    from docx.opc.exceptions import PackageNotFoundError
    from docx.opc.package import OpcPackage

    try:
        # The package rather than docx.Document(), which refuses macro-enabled documents
        # (.docm) and templates (.dotx) although their text is laid out the same way.
        package = OpcPackage.open(io.BytesIO(data))
        main = package.main_document_part
        body = _xml_of(main).find(q("body"))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile, zlib.error,
            etree.XMLSyntaxError) as error:
        raise unreadable(f"{WHAT} is damaged or incomplete and cannot be opened.") from error
    if body is None:
        raise unreadable(f"{WHAT} has no body text LAPDesk can find.")
    styles = Styles(_element(main, "/styles"))
    numbering = Numbering(_element(main, "/numbering"))
    paragraphs: list[Paragraph] = []
    for part in _related_parts(main, "/header"):
        paragraphs += _paragraphs(_xml_of(part), "header", styles, numbering)
    paragraphs += _paragraphs(body, "body", styles, numbering)
    for suffix in ("/footnotes", "/endnotes"):
        for root in _related_elements(main, suffix):
            for note in root.iterchildren(q("footnote"), q("endnote")):
                if note.get(q("type")) in (None, "normal"):
                    paragraphs += _paragraphs(note, "footnote", styles, numbering)
    for part in _related_parts(main, "/footer"):
        paragraphs += _paragraphs(_xml_of(part), "footer", styles, numbering)
    meta = {}
    try:
        if package.core_properties.title:
            meta["title"] = package.core_properties.title
    except Exception:  # noqa: BLE001 - broken docProps must not cost the text
        pass
    return Extracted("ok", paragraphs=paragraphs, meta=meta)


def _check_package(data: bytes, limits: Limits) -> None:
    """Refuse zip bombs and XML entity declarations before python-docx touches the bytes."""
    with open_zip(data, limits=limits, what=WHAT) as archive:
        for info in archive.infolist():
            if info.filename.lower().endswith((".xml", ".rels")):
                part = read_member(archive, info, limits=limits, what=WHAT)
                if has_entity_declarations(part):
                    raise unreadable(f"{WHAT} contains XML entity declarations, which LAPDesk "
                                     "refuses to read because they can exhaust the computer.")


def _related_parts(part, suffix: str) -> list:
    """Parts related to ``part`` by a relationship type ending in ``suffix``, each once."""
    seen, found = set(), []
    for rel in part.rels.values():
        if rel.is_external or not rel.reltype.endswith(suffix):
            continue
        target = rel.target_part
        if target.partname not in seen:
            seen.add(target.partname)
            found.append(target)
    return sorted(found, key=lambda p: str(p.partname))


def _xml_of(part) -> etree._Element:
    """A part's XML: python-docx parses the parts it knows; others are parsed here, safely."""
    element = getattr(part, "element", None)
    return element if element is not None else parse_xml(part.blob, what=WHAT)


def _related_elements(part, suffix: str) -> list[etree._Element]:
    return [_xml_of(target) for target in _related_parts(part, suffix)]


def _element(part, suffix: str) -> etree._Element | None:
    elements = _related_elements(part, suffix)
    return elements[0] if elements else None


def _paragraphs(root: etree._Element, part_name: str, styles: Styles, numbering: Numbering
                ) -> list[Paragraph]:
    """The paragraphs under ``root``, in document order."""
    for fallback in root.iter(f"{{{MC}}}Fallback"):  # the same text box, drawn twice
        fallback.clear()
    found = []
    for p in root.iter(q("p")):
        owner = next(p.iterancestors(q("p"), q("tc")), None)
        if owner is not None and owner.tag == q("p"):
            continue  # a text box inside a paragraph: its text is read with that paragraph
        properties = p.find(q("pPr"))
        style_id = _val(properties, "pStyle")
        text = _text(p)
        if not text.strip():
            continue
        number = _number(properties, style_id, styles, numbering)
        if number:
            text = f"{number} {text}"
        part = "table" if part_name == "body" and owner is not None else part_name
        level = _outline_level(properties) or styles.heading_level(style_id)
        found.append(Paragraph(text, heading_level=level if part in ("body",) else None,
                               part=part))
    return found


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
    """Paragraph styles: heading levels and numbering, following ``basedOn`` chains."""

    def __init__(self, root: etree._Element | None):
        self._styles: dict[str, etree._Element] = {}
        if root is not None:
            for style in root.iterchildren(q("style")):
                if style.get(q("styleId")):
                    self._styles[style.get(q("styleId"))] = style

    def _chain(self, style_id: str | None):
        for _ in range(_MAX_STYLE_CHAIN):
            style = self._styles.get(style_id or "")
            if style is None:
                return
            yield style
            style_id = _val(style, "basedOn")

    def heading_level(self, style_id: str | None) -> int | None:
        for style in self._chain(style_id):
            level = _outline_level(style.find(q("pPr")))
            if level:
                return level
            name = _HEADING_NAME.match(_val(style, "name") or "")
            if name:
                return int(name.group(1))
        return None

    def numbering(self, style_id: str | None) -> tuple[str | None, str | None]:
        for style in self._chain(style_id):
            properties = style.find(q("pPr"))
            num_pr = properties.find(q("numPr")) if properties is not None else None
            if num_pr is not None:
                return _val(num_pr, "numId"), _val(num_pr, "ilvl")
        return None, None
