"""HTML pages and HTML email bodies as paragraphs.

Nothing an HTML file links to is ever fetched: the parser has no network access, images and
stylesheets are never resolved, and scripts, styles and other non-text elements are dropped
before the text is read.
"""

from __future__ import annotations

import re

from lapdesk.core.text import Paragraph
from lapdesk.ingest.extracted import Extracted, Limits

# Elements whose start or end closes the paragraph being gathered.
_BLOCKS = frozenset(
    ["address", "article", "aside", "blockquote", "body", "br", "caption", "center", "dd", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul"])
_DROPPED = ("script", "style", "noscript", "template", "head", "object", "embed", "iframe",
            "svg", "math", "select", "button")
_HEADING = re.compile(r"^h([1-6])$")
_CHARSET = re.compile(rb"<meta[^>]+charset", re.IGNORECASE)
_BOMS = ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))


def extract(data: bytes, *, limits: Limits, password: str | None = None) -> Extracted:
    paragraphs, title = html_paragraphs(data)
    return Extracted("ok", paragraphs=paragraphs, meta={"title": title} if title else {})


def html_paragraphs(data: bytes | str) -> tuple[list[Paragraph], str]:
    """The paragraphs of an HTML document (headings keep their level) and its title."""
    import lxml.html
    from lxml import etree

    if isinstance(data, bytes):
        data = _decode(data)
    if isinstance(data, str):
        # lxml refuses str input that declares an encoding; the declaration is moot here.
        data = re.sub(r"^\s*<\?xml[^>]*\?>", "", data)
    if not data.strip():
        return [], ""
    parser = lxml.html.HTMLParser(no_network=True, remove_comments=True, remove_pis=True,
                                  huge_tree=False)
    try:
        root = lxml.html.document_fromstring(data, parser=parser)
    except etree.ParserError:  # nothing but whitespace and comments
        return [], ""
    title = root.findtext(".//title") or ""
    for element in list(root.iter(*_DROPPED)):
        element.drop_tree()
    walker = _Walker()
    for event, element in etree.iterwalk(root, events=("start", "end")):
        walker.handle(event, element)
    walker.flush()
    return walker.paragraphs, " ".join(title.split())


def _decode(data: bytes) -> bytes | str:
    """Bytes lxml can decode itself (a declared charset), else text decoded here: HTML saved
    without a declaration is UTF-8 nowadays, Windows-1252 from older tools."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(codec, errors="replace")
    if _CHARSET.search(data[:4096]):
        return data
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


class _Walker:
    """Gathers inline text until a block boundary, numbering list items as a reader sees them."""

    def __init__(self):
        self.paragraphs: list[Paragraph] = []
        self.buffer: list[str] = []
        self.level: int | None = None
        self.lists: list[list] = []  # for each open list: [ordered, next number]

    def handle(self, event: str, element) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        tag = tag.lower().rsplit("}", 1)[-1]
        if event == "start":
            if tag in _BLOCKS:
                self.flush()
            heading = _HEADING.match(tag)
            if heading:
                self.level = int(heading.group(1))
            if tag in ("ol", "ul"):
                start = element.get("start", "1")
                self.lists.append([tag == "ol", int(start) if start.isdigit() else 1])
            elif tag == "li" and self.lists:
                ordered, number = self.lists[-1]
                self.buffer.append(f"{number}. " if ordered else "• ")
                self.lists[-1][1] += 1
            if element.text and tag:
                self.buffer.append(element.text)
        else:
            if tag in _BLOCKS:
                self.flush()
            if tag in ("ol", "ul") and self.lists:
                self.lists.pop()
            if tag in ("td", "th"):
                self.buffer.append(" ")
            if element.tail:
                self.buffer.append(element.tail)

    def flush(self) -> None:
        text = " ".join("".join(self.buffer).split())
        if text and text not in ("•", "•."):
            self.paragraphs.append(Paragraph(text, heading_level=self.level))
        self.buffer.clear()
        self.level = None
