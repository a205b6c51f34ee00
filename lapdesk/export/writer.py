"""Writing paragraphs into the template: one place that knows styles, lists and footnotes.

The chapters and annexes say *what* to write (a heading, a numbered paragraph, a quote with a
source note, a table); :class:`PaperWriter` says *how* in Word terms.  Every run it writes is
set in the typography of its language (:mod:`lapdesk.export.typography`); a run in another
language than the paper's (a quote) carries its own ``w:lang``, so that Word proofs it in
that language.  Text that comes from the store passes through the redactor first, so a name
that must stay anonymous never reaches the document, whichever part of the paper writes it.
"""

from __future__ import annotations

from collections.abc import Sequence

from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm
from lxml.etree import SubElement

from lapdesk.export import markdown
from lapdesk.export.footnotes import Footnotes
from lapdesk.export.numbering import ListNumbering, set_num
from lapdesk.export.redaction import Redactor
from lapdesk.export.template import styles_of
from lapdesk.export.typography import quote_marks, typeset

Spans = Sequence[tuple[str, bool, bool]]
W_PPR, W_PSTYLE, W_VAL, W_R = qn("w:pPr"), qn("w:pStyle"), qn("w:val"), qn("w:r")
W_RPR, W_T = qn("w:rPr"), qn("w:t")
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
CHARS_PER_LINE = 85   # body text between the UN indents
LINES_PER_PAGE = 52
BODY_INDENT = 1134    # twips: where UN body text starts (the template's indent)
LOCALES = {"en": "en-GB", "fr": "fr-FR", "es": "es-ES", "de": "de-DE", "pt": "pt-PT",
           "ar": "ar-SA", "ru": "ru-RU", "zh": "zh-CN"}


def locale(lang: str | None) -> str | None:
    return LOCALES.get((lang or "").lower()[:2]) if lang else None


def _run(p, text: str, bold: bool = False, italic: bool = False, lang: str | None = None):
    r = SubElement(p, W_R)
    tag = locale(lang)
    if bold or italic or tag:
        rpr = SubElement(r, W_RPR)
        if bold:
            SubElement(rpr, qn("w:b"))
        if italic:
            SubElement(rpr, qn("w:i"))
        if tag:
            SubElement(rpr, qn("w:lang")).set(W_VAL, tag)
    t = SubElement(r, W_T)
    t.text = text
    if text != text.strip():
        t.set(XML_SPACE, "preserve")
    return r


class PaperWriter:
    def __init__(self, document, *, redact: Redactor, lang: str = "en"):
        self.document = document
        self.styles = styles_of(document)
        self.redactor = redact
        self.lang = lang
        self.footnotes = Footnotes(
            document, text_style=self.styles["WP Footnote Text"].style_id,
            reference_style=self.styles["WP Footnote Reference"].style_id)
        self.lists = ListNumbering(document)
        self.lines = 0.0  # for the page estimate: lines of text, and pages started
        self.pages_started = 1
        self._body = document._body
        self._style_ids = {name: style.style_id for name, style in self.styles.items()}
        self._end = document.element.body.sectPr  # paragraphs go before the section's setup

    def redact(self, text: str, lang: str | None = None) -> str:
        return self.redactor(text, lang or self.lang)

    # --- plain paragraphs ------------------------------------------------------------------

    def paragraph(self, style: str, text: str = "", *, spans: Spans = (),
                  lang: str | None = None):
        """Append a paragraph in ``style``; returns its ``w:p`` element.  ``lang``: the
        language of its text when it is not the paper's (a quote).

        Built with lxml directly: python-docx's ``add_paragraph`` looks the style up and
        scans the body for every paragraph, which made a 3,000-excerpt paper take seconds.
        """
        p = OxmlElement("w:p")
        ppr = SubElement(p, W_PPR)
        SubElement(ppr, W_PSTYLE).set(W_VAL, self._style_ids[style])
        own = lang if lang and lang != self.lang else None
        setting = lang or self.lang
        if text:
            _run(p, typeset(text, setting), lang=own)
        for piece, bold, italic in spans:
            _run(p, typeset(piece, setting), bold, italic, lang=own)
        self._end.addprevious(p)
        length = len(text) + sum(len(s[0]) for s in spans)
        self.lines += 1.5 + length // CHARS_PER_LINE  # a paragraph's lines and its spacing
        return p

    def heading(self, style: str, text: str, *, numbered: bool = True):
        """A heading; ``numbered=False`` keeps a lone subheading from being "A." (a chapter
        is not divided into one part)."""
        p = self.paragraph(style, text)
        if not numbered:
            ppr = p.find(W_PPR)
            ppr.find(W_PSTYLE).addnext(parse_xml(
                f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="0"/></w:numPr>'))
            ind = parse_xml(f'<w:ind {nsdecls("w")} w:left="{BODY_INDENT}" w:firstLine="0"/>')
            ppr.append(ind)
        return p

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

    def markdown(self, text: str) -> list:
        """Write Markdown as numbered paragraphs, bullets and lettered lists; returns the
        paragraphs written."""
        written = []
        for block in markdown.parse_blocks(self.redact(text)):
            if block.kind == "heading":
                written.append(self.paragraph("WP Heading 3",
                                              spans=markdown.spans(block.items[0])))
            elif block.kind == "paragraph":
                written.append(self.numbered(spans=markdown.spans(block.items[0])))
            elif block.kind == "bullets":
                written += [self.paragraph("WP Bullet", spans=markdown.spans(item))
                            for item in block.items]
            else:
                num_id = self.lists.restart(self.styles["WP Lettered"])
                for item in block.items:
                    p = self.paragraph("WP Lettered", spans=markdown.spans(item))
                    set_num(p, num_id)
                    written.append(p)
        return written

    # --- quotes and sources ----------------------------------------------------------------

    def attribution(self, text: str):
        if not text.strip():
            raise ValueError("a quote needs an attribution")
        return self.paragraph("WP Attribution", text)

    def quote(self, text: str, *, lang: str | None, original: str = ""):
        """A quote in its own language and quotation marks; ``original`` ("[Original:
        Spanish]") follows it in the paper's language.  Returns its last paragraph."""
        lines = [line.strip() for line in text.split("\n") if line.strip()]
        opening, closing = quote_marks(lang)
        last = None
        for index, line in enumerate(lines):
            lead = opening if index == 0 else ""
            tail = closing if index == len(lines) - 1 else ""
            last = self.paragraph("WP Quote", f"{lead}{line}{tail}", lang=lang)
        if original and last is not None:
            _run(last, " " + typeset(original, self.lang),
                 lang=self.lang if lang and lang != self.lang else None)
        return last

    def paraphrase(self, label: str, text: str):
        p = self.paragraph("WP Paraphrase", spans=[(label + " ", False, False),
                                                   (text, False, False)])
        return p

    def footnote(self, paragraph, text: str) -> None:
        self.footnotes.add(paragraph, typeset(text, self.lang))
        self.lines += 1 + len(text) // CHARS_PER_LINE

    # --- tables ----------------------------------------------------------------------------

    def table(self, header: Sequence[str], rows: Sequence[Sequence[str]],
              widths_cm: Sequence[float]):
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
                _run(p, typeset(value, self.lang))
            self.lines += 1
        # The heading row repeats on every page the table spans.
        table.rows[0]._tr.get_or_add_trPr().append(parse_xml(f'<w:tblHeader {nsdecls("w")}/>'))
        return table

    def grid(self, cells: Sequence[Sequence[tuple[str, str]]], widths_twips: Sequence[int], *,
             indent: int = 0, rule_below: bool = False):
        """A table without borders (the masthead, the contents list): rows of (style, text)
        cells; ``rule_below`` draws the masthead's thick rule under it."""
        grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths_twips)
        border = ('<w:tblBorders><w:bottom w:val="single" w:sz="12" w:space="0" '
                  'w:color="000000"/></w:tblBorders>' if rule_below else "")
        tbl = parse_xml(
            f'<w:tbl {nsdecls("w")}><w:tblPr><w:tblW w:w="{sum(widths_twips)}" w:type="dxa"/>'
            f'<w:tblInd w:w="{indent}" w:type="dxa"/>{border}'
            '<w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="57" w:type="dxa"/>'
            '<w:right w:w="57" w:type="dxa"/></w:tblCellMar><w:tblLook w:val="0000"/>'
            f'</w:tblPr><w:tblGrid>{grid}</w:tblGrid></w:tbl>')
        for row in cells:
            tr = SubElement(tbl, qn("w:tr"))
            for (style, text), width in zip(row, widths_twips, strict=True):
                tc = SubElement(tr, qn("w:tc"))
                tc.append(parse_xml(f'<w:tcPr {nsdecls("w")}><w:tcW w:w="{width}" '
                                    'w:type="dxa"/><w:vAlign w:val="bottom"/></w:tcPr>'))
                p = SubElement(tc, qn("w:p"))
                SubElement(SubElement(p, W_PPR), W_PSTYLE).set(W_VAL, self._style_ids[style])
                for index, piece in enumerate(text.split("\t")):
                    if index:
                        SubElement(SubElement(p, W_R), qn("w:tab"))
                    if piece:
                        _run(p, typeset(piece, self.lang))
            self.lines += 1.2
        self._end.addprevious(tbl)
        return tbl

    def finish(self) -> None:
        self.footnotes.save()
