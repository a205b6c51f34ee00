"""The reference template: where the working paper's look comes from.

``resources/templates/working-paper.docx`` (built by ``build_scripts/make_template.py``) holds
the styles, the numbering, the footnotes part, the page set-up (a first page of its own) and
the running header and footer.  The team may restyle it in Word; the export depends only on
the style names in :data:`STYLE_NAMES` and on the ``{symbol}`` placeholder in the headers
and footers.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.oxml.ns import qn

from lapdesk.core.errors import LapdeskError
from lapdesk.core.paths import resource

TEMPLATE = ("templates", "working-paper.docx")
SYMBOL_PLACEHOLDER = "{symbol}"

STYLE_NAMES = (
    "WP Symbol", "WP Document Info", "WP Rule", "WP Conference", "WP Meeting",
    "WP Agenda Item", "WP Title", "WP Submitted By", "WP Heading 1", "WP Heading 2",
    "WP Heading 3", "WP Annex Title", "WP Annex Heading", "WP Body Text",
    "WP Numbered Paragraph", "WP Lettered", "WP Bullet", "WP Attribution", "WP Quote",
    "WP Footnote Text", "WP Footnote Reference", "WP Table Text", "WP Table Heading",
    "WP Contents Heading", "WP Table", "WP Body Name", "WP Annex Subtitle", "WP Paraphrase",
    "WP Contents Page", "WP Contents Group", "WP Contents Entry", "WP Contents Number",
)


def template_path() -> Path:
    return resource(*TEMPLATE)


def open_template(path: Path | None = None):
    """The template as a python-docx Document with an empty body (page set-up kept)."""
    path = path or template_path()
    try:
        document = Document(str(path))
    except Exception as error:  # python-docx raises several kinds for a damaged package
        raise LapdeskError(f"The working-paper template {path} cannot be opened: {error}.") \
            from error
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    return document


def styles_of(document) -> dict[str, object]:
    """The template's styles by name; a missing one is a sentence, not a KeyError."""
    available = {style.name: style for style in document.styles}
    missing = [name for name in STYLE_NAMES if name not in available]
    if missing:
        raise LapdeskError(f"The working-paper template has no style {missing[0]!r}; restore it "
                           "in Word or rebuild the template.")
    return {name: available[name] for name in STYLE_NAMES}


def fill_placeholders(document, *, symbol: str) -> None:
    """Put the document symbol where the template's headers and footers say ``{symbol}``."""
    for section in document.sections:
        for part in (section.header, section.footer, section.first_page_header,
                     section.first_page_footer, section.even_page_header,
                     section.even_page_footer):
            if part.is_linked_to_previous:
                continue
            for t in part._element.iter(qn("w:t")):
                if t.text and SYMBOL_PLACEHOLDER in t.text:
                    t.text = t.text.replace(SYMBOL_PLACEHOLDER, symbol)
