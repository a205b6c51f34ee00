"""Writing paragraphs into the template: one place that knows styles, lists and footnotes.

The chapters and annexes say *what* to write (a heading, a numbered paragraph, a quote with a
source note, a table); :class:`PaperWriter` says *how* in Word terms.  Every text that comes
from the store passes through the redactor first, so a name that must stay anonymous never
reaches the document, whichever part of the paper writes it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm
from lxml.etree import SubElement

from lapdesk.export import markdown
from lapdesk.export.footnotes import Footnotes
from lapdesk.export.numbering import ListNumbering, set_num
from lapdesk.export.template import styles_of

Spans = Sequence[tuple[str, bool, bool]]
W_PPR, W_PSTYLE, W_VAL, W_R = qn("w:pPr"), qn("w:pStyle"), qn("w:val"), qn("w:r")
W_RPR, W_T = qn("w:rPr"), qn("w:t")
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
CHARS_PER_LINE = 85   # body text between the UN indents
LINES_PER_PAGE = 52


def _run(p, text: str, bold: bool, italic: bool) -> None:
    r = SubElement(p, W_R)
    if bold or italic:
        rpr = SubElement(r, W_RPR)
        if bold:
            SubElement(rpr, qn("w:b"))
        if italic:
            SubElement(rpr, qn("w:i"))
    t = SubElement(r, W_T)
    t.text = text
    if text != text.strip():
        t.set(XML_SPACE, "preserve")


class PaperWriter:
    def __init__(self, document, *, redact: Callable[[str], str]):
        self.document = document
        self.styles = styles_of(document)
        self.redact = redact
        self.footnotes = Footnotes(
            document, text_style=self.styles["WP Footnote Text"].style_id,
            reference_style=self.styles["WP Footnote Reference"].style_id)
        self.lists = ListNumbering(document)
        self.lines = 0.0  # for the page estimate: lines of text, and pages started
        self.pages_started = 1
        self._body = document._body
        self._style_ids = {name: style.style_id for name, style in self.styles.items()}
        self._end = document.element.body.sectPr  # paragraphs go before the section's setup

    # --- plain paragraphs ------------------------------------------------------------------

    def paragraph(self, style: str, text: str = "", *, spans: Spans = ()):
        """Append a paragraph in ``style``; returns its ``w:p`` element.

        Built with lxml directly: python-docx's ``add_paragraph`` looks the style up and
        scans the body for every paragraph, which made a 3,000-excerpt paper take seconds.
        """
        p = OxmlElement("w:p")
        ppr = SubElement(p, W_PPR)
        SubElement(ppr, W_PSTYLE).set(W_VAL, self._style_ids[style])
        if text:
            _run(p, text, False, False)
        for piece, bold, italic in spans:
            _run(p, piece, bold, italic)
        self._end.addprevious(p)
        length = len(text) + sum(len(s[0]) for s in spans)
        self.lines += 1.5 + length // CHARS_PER_LINE  # a paragraph's lines and its spacing
        return p

    def heading(self, style: str, text: str):
        return self.paragraph(style, text)

    def numbered(self, text: str = "", *, spans: Spans = ()):
        return self.paragraph("WP Numbered Paragraph", text, spans=spans)

    def page_break(self) -> None:
        p = OxmlElement("w:p")
        SubElement(SubElement(p, W_R), qn("w:br")).set(qn("w:type"), "page")
        self._end.addprevious(p)
        self.pages_started += 1 + int(self.lines // LINES_PER_PAGE)
        self.lines = 0.0

    @property
    def pages_estimate(self) -> int:
        """About how many pages the paper has (Times 10 pt with UN indents): a hint for the
        report, not a promise."""
        return self.pages_started + int(self.lines // LINES_PER_PAGE)

    # --- text the Presidency wrote (Markdown) ----------------------------------------------

    def markdown(self, text: str) -> int:
        """Write Markdown as numbered paragraphs, bullets and (a), (b) lists; returns how many
        paragraphs were written."""
        written = 0
        for block in markdown.parse_blocks(self.redact(text)):
            if block.kind == "heading":
                self.paragraph("WP Heading 3", spans=markdown.spans(block.items[0]))
            elif block.kind == "paragraph":
                self.numbered(spans=markdown.spans(block.items[0]))
            elif block.kind == "bullets":
                for item in block.items:
                    self.paragraph("WP Bullet", spans=markdown.spans(item))
            else:
                num_id = self.lists.restart(self.styles["WP Lettered"])
                for item in block.items:
                    set_num(self.paragraph("WP Lettered", spans=markdown.spans(item)), num_id)
            written += len(block.items)
        return written

    # --- quotes and sources ----------------------------------------------------------------

    def quote(self, attribution: str, text: str, source: str) -> None:
        """An attributed quote, its source in a footnote; never a quote without attribution."""
        if not attribution.strip():
            raise ValueError("a quote needs an attribution")
        self.paragraph("WP Attribution", attribution)
        lines = [line.strip() for line in self.redact(text).split("\n") if line.strip()]
        last = None
        for index, line in enumerate(lines):
            opening = "\u201c" if index == 0 else ""
            closing = "\u201d" if index == len(lines) - 1 else ""
            last = self.paragraph("WP Quote", f"{opening}{line}{closing}")
        self.footnotes.add(last, source)
        self.lines += 1 + len(source) // CHARS_PER_LINE

    # --- tables and fields -----------------------------------------------------------------

    def table(self, header: Sequence[str], rows: Sequence[Sequence[str]],
              widths_cm: Sequence[float]) -> None:
        table = self._body.add_table(1 + len(rows), len(header), Cm(sum(widths_cm)))
        table.style = self.styles["WP Table"]
        table.autofit = False
        for column, width in zip(table.columns, widths_cm, strict=True):
            column.width = Cm(width)  # the grid: what LibreOffice and Word lay out from
        heading_id = self._style_ids["WP Table Heading"]
        text_id = self._style_ids["WP Table Text"]
        for r, values in enumerate([header, *rows]):
            cells = table.rows[r].cells
            for c, value in enumerate(values):
                cells[c].width = Cm(widths_cm[c])
                p = cells[c]._tc.p_lst[0]
                SubElement(p.get_or_add_pPr(), W_PSTYLE).set(
                    W_VAL, heading_id if r == 0 else text_id)
                _run(p, value, False, False)
            self.lines += 1
        # The heading row repeats on every page the table spans.
        table.rows[0]._tr.get_or_add_trPr().append(parse_xml(f'<w:tblHeader {nsdecls("w")}/>'))

    def table_of_contents(self, title: str) -> None:
        """A TOC field over the outline levels 1-2; Word fills it when the file is opened."""
        self.paragraph("WP Contents Heading", title)
        paragraph = self.paragraph("WP Body Text")
        for xml in ('<w:r {}><w:fldChar w:fldCharType="begin" w:dirty="true"/></w:r>',
                    '<w:r {}><w:instrText xml:space="preserve"> TOC \\o "1-2" \\h \\z \\u '
                    '</w:instrText></w:r>',
                    '<w:r {}><w:fldChar w:fldCharType="separate"/></w:r>',
                    '<w:r {}><w:t>{}</w:t></w:r>',
                    '<w:r {}><w:fldChar w:fldCharType="end"/></w:r>'):
            paragraph.append(parse_xml(xml.replace("{}", nsdecls("w"), 1).replace(
                "{}", title + " \u2026")))
        # Word asks to update the fields on opening; updateFields sits just before footnotePr
        # in the settings schema, and the template always has a footnotePr.
        settings = self.document.settings.element
        settings.find(qn("w:footnotePr")).addprevious(
            parse_xml(f'<w:updateFields {nsdecls("w")} w:val="true"/>'))

    def finish(self) -> None:
        self.footnotes.save()
