"""PDF: prose paragraphs per page, with running headers, footers and page numbers marked.

pypdfium2 gives each page's text as lines.  Lines are rejoined into paragraphs by their
geometry (a larger gap than the page's usual leading, a change of font size, an indent or a
list marker starts a new one), hyphenation is undone, and a paragraph that runs over a page
break is joined back.  Headings are told by a larger type, or by a short line set in bold at
the body's size (as Word's heading styles often are), which also ends the paragraph above.  Lines near the top or bottom edge that repeat across pages (digits
aside) or look like page numbers are marked as ``header``/``footer``.
"""

from __future__ import annotations

import ctypes
import re

import pypdfium2 as pdfium
import pypdfium2.raw as raw

from lapdesk.core.text import Paragraph
from lapdesk.ingest.extracted import Extracted, Limits
from lapdesk.ingest.formats import pdf_columns
from lapdesk.ingest.formats.common import ExtractionFailure, unreadable
from lapdesk.ingest.formats.pdf_layout import Line, mark_running_lines, paragraphs_of

_PASSWORD_ERROR = 4  # FPDF_ERR_PASSWORD
_LINE_BREAK = re.compile(r"(\r\n|\n|\r)")  # kept in the split: they count as offsets
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
_BOLD_CHECKED_UP_TO = 120  # characters: a line longer than this is no heading
_NOT_HEADING_ENDS = (".", ",", ";")  # nor is one ending like a sentence
_HEADING_SHORT_BY = 4  # type sizes: a heading stops this far short of the column's right edge
_BOLD_NAME = re.compile(rb"bold|black|heavy|semibold|demi", re.IGNORECASE)
_BOLD_WEIGHT = 600
_FORCE_BOLD = 0x40000  # FontDescriptor flag


def extract(data: bytes, *, limits: Limits, password: str | None = None,
            ocr: str | tuple[int, ...] = "inline") -> Extracted:
    """The PDF's text; pages without a text layer are read by OCR.

    :param ocr: ``"inline"`` reads scanned pages now, ``"defer"`` lists them in
        ``ocr_pending`` for the import to spread over its workers
        (:mod:`lapdesk.ingest.ocr.fanout`), and a tuple of 0-based page indices reads only
        those pages, by OCR (one such chunk).
    """
    try:
        document = pdfium.PdfDocument(data, password=password)
    except pdfium.PdfiumError as error:
        if getattr(error, "err_code", None) == _PASSWORD_ERROR:
            if password:
                raise ExtractionFailure("encrypted", "The password given for this PDF is not "
                                        "the right one; its text could not be extracted.") from error
            raise ExtractionFailure("encrypted", "This PDF is protected by a password; open it "
                                    "with the password to extract its text.") from error
        raise unreadable("This PDF is damaged or incomplete and cannot be opened.") from error
    read: tuple[list[Paragraph], list] = ([], [])
    try:
        count = len(document)
        if count > limits.max_pages:
            raise ExtractionFailure("too_large", f"This PDF has {count:,} pages, more than "
                                    f"the {limits.max_pages:,} LAPDesk reads from one file.")
        if isinstance(ocr, tuple):
            from lapdesk.ingest.ocr import scans

            paragraphs, pages_read = scans.read_pdf_pages(
                document, [i for i in ocr if 0 <= i < count], limits=limits)
            return Extracted("ok", paragraphs=paragraphs, pages=count, ocr_pages=pages_read)
        read_lines = [_page_lines(document, index) for index in range(count)]
        damaged = [index + 1 for index, lines in enumerate(read_lines) if lines is None]
        pages = [lines or [] for lines in read_lines]
        title = (document.get_metadata_dict().get("Title") or "").strip()
        scanned = [index for index, lines in enumerate(pages)
                   if not any(line.text.strip() for line in lines)
                   and _draws_something(document, index)]
        if scanned and ocr == "inline":
            from lapdesk.ingest.ocr import scans

            read = scans.read_pdf_pages(document, scanned, limits=limits)
    finally:
        document.close()
    meta = {"title": title} if title else {}
    has_text = any(line.text.strip() for lines in pages for line in lines)
    if not has_text and not scanned:
        return Extracted("empty", "This PDF's pages hold no text and nothing drawn.",
                         pages=count)
    paragraphs: list[Paragraph] = []
    if has_text:
        mark_running_lines(pages)
        paragraphs = paragraphs_of(pages)
    if ocr == "defer" and scanned:
        status = "ok" if has_text else "needs_ocr"
        return Extracted(status, _damaged(damaged) if has_text else NEEDS_OCR,
                         paragraphs=paragraphs,
                         pages=count, meta=meta, ocr_pending=scanned)
    result = Extracted("ok", _damaged(damaged), paragraphs=paragraphs, pages=count, meta=meta)
    if scanned:
        from lapdesk.ingest.ocr import fanout

        result.paragraphs = fanout.merge_pages(paragraphs, read[0])
        result.ocr_pages = read[1]
        return fanout.conclude(result)
    return result


NEEDS_OCR = ("This PDF holds only pictures of pages (a scan) and no text; it needs OCR before "
             "its text can be read.")


def _damaged(pages: list[int]) -> str:
    if not pages:
        return ""
    if len(pages) == 1:
        return f"Page {pages[0]} is damaged and could not be read."
    return (f"Pages {', '.join(map(str, pages[:-1]))} and {pages[-1]} are damaged and could "
            "not be read.")


def _draws_something(document, index: int) -> bool:
    """Whether a page without text draws anything (a scan, outlined type): worth OCR."""
    try:
        page = document[index]
    except pdfium.PdfiumError:
        return False
    try:
        return raw.FPDFPage_CountObjects(page.raw) > 0
    finally:
        page.close()


def _page_lines(document, index: int) -> list[Line] | None:
    """The lines of one page in pdfium's reading order, with their position and font size;
    None for a damaged page (the others are still read)."""
    try:
        page = document[index]
        text_page = page.get_textpage()
    except pdfium.PdfiumError:
        return None
    try:
        text = text_page.get_text_range()
        geometry = _Geometry(text_page, exact=len(text) == text_page.count_chars())
        height = page.get_height()
        # Offsets count UTF-16 units (pdfium's "text index"): Python characters, unless the
        # page has characters beyond the Basic Multilingual Plane.
        wide = not text.isascii() and _ASTRAL.search(text) is not None
        lines: list[Line] = []
        spans: list[tuple[int, int]] = []  # each line's first and last character
        offset = 0
        for raw_line in _LINE_BREAK.split(text):
            width = len(raw_line.encode("utf-16-le")) // 2 if wide else len(raw_line)
            stripped = raw_line.strip()
            if stripped:  # line breaks themselves strip to nothing
                first = offset + (len(raw_line) - len(raw_line.lstrip()))
                last = offset + len(raw_line.rstrip()) - 1
                left, right, baseline, size = geometry.of(first, last)
                # \ufffe is pdfium's mark for a hyphen it removed when joining a hyphenated word.
                lines.append(Line(stripped.replace("\ufffe", ""), left, right, baseline, size,
                                  height))
                spans.append((first, last))
            offset += width
        # Rows of two columns written row by row make two rectangles for one line each.
        if raw.FPDFText_CountRects(text_page.raw, 0, -1) >= len(lines) + pdf_columns.MIN_ROWS:
            in_columns = _column_lines(text_page, page, geometry, height)
            if in_columns is not None:
                lines, spans = in_columns
        _mark_bold(lines, spans, geometry)
        return lines
    finally:
        text_page.close()
        page.close()


def _column_lines(text_page, page, geometry: _Geometry, height: float
                  ) -> tuple[list[Line], list[tuple[int, int]]] | None:
    """A page in columns, its lines rebuilt column by column (see :mod:`.pdf_columns`)."""
    rects = pdf_columns.rectangles(text_page.raw)
    at = pdf_columns.gutter(rects, page.get_width(), height)
    if at is None:
        return None
    lines, spans = [], []
    for rect, opens_column in pdf_columns.reading_order(rects, at):
        char = pdf_columns.first_char(text_page.raw, rect)
        bounded = text_page.get_text_bounded(rect[0], rect[3], rect[2], rect[1])
        text = bounded.strip()
        if char is None or not text:
            continue
        first = raw.FPDFText_GetTextIndexFromCharIndex(text_page.raw, char)
        last = first + len(text) - 1  # the rectangle's text runs on in order from there
        left, right, baseline, size = geometry.of(first, last)
        lines.append(Line(text.replace("\ufffe", "").replace("\r", " ").replace("\n", " "),
                          left, right, baseline, size, height, column_start=opens_column))
        spans.append((first, last))
    return lines, spans


def _mark_bold(lines: list[Line], spans: list[tuple[int, int]], geometry: _Geometry) -> None:
    """Mark the lines set in bold, looking only where it can matter (it costs a call or two
    per line): lines short of the column's right edge that do not end like a sentence, which
    may be headings, and the lines after one found bold."""
    right_edge = max((line.right for line in lines), default=0.0)
    for index, (line, (first, last)) in enumerate(zip(lines, spans, strict=True)):
        after_bold = index > 0 and lines[index - 1].bold
        may_be_heading = (line.right < right_edge - _HEADING_SHORT_BY * line.size
                          and len(line.text) <= _BOLD_CHECKED_UP_TO
                          and not line.text.endswith(_NOT_HEADING_ENDS))
        if after_bold or may_be_heading:
            line.bold = geometry.bold(first, last)


class _Geometry:
    """Where a line of a text page starts and ends, its baseline and its type size.

    Three pdfium calls per line, with the output doubles allocated once per page: on a
    20-page contribution the ctypes objects cost more than the calls.
    """

    def __init__(self, text_page, *, exact: bool):
        self.raw, self.handle, self.exact = raw, text_page.raw, exact
        self.x, self.y = ctypes.c_double(), ctypes.c_double()
        self.box = [ctypes.c_double() for _ in range(4)]
        self.x_ref, self.y_ref = ctypes.byref(self.x), ctypes.byref(self.y)
        self.box_refs = [ctypes.byref(value) for value in self.box]
        self.name, self.flags = ctypes.create_string_buffer(128), ctypes.c_int()

    def of(self, first: int, last: int) -> tuple[float, float, float, float]:
        raw, handle = self.raw, self.handle
        if not self.exact:
            first = raw.FPDFText_GetCharIndexFromTextIndex(handle, first)
            last = raw.FPDFText_GetCharIndexFromTextIndex(handle, last)
        left = baseline = right = 0.0
        if first >= 0 and raw.FPDFText_GetCharOrigin(handle, first, self.x_ref, self.y_ref):
            left, baseline = self.x.value, self.y.value
        if last >= 0 and raw.FPDFText_GetCharBox(handle, last, *self.box_refs):
            right = self.box[1].value
        size = raw.FPDFText_GetFontSize(handle, max(first, 0)) or 0.0
        return left, max(right, left), baseline, float(size)

    def bold(self, first: int, last: int) -> bool:
        """Whether the first and the last character are set in a bold font: by the font's
        weight when it declares one, else by its name ("Helvetica-Bold", "Calibri-Bold")."""
        if not self.exact:
            first = self.raw.FPDFText_GetCharIndexFromTextIndex(self.handle, first)
            last = self.raw.FPDFText_GetCharIndexFromTextIndex(self.handle, last)
        return first >= 0 and last >= 0 and self._bold_char(first) and self._bold_char(last)

    def _bold_char(self, index: int) -> bool:
        # By the weight when it says bold; else by the name, as the declared weight is often
        # wrong (LibreOffice's embedded "DejaVuSerif-Bold" declares 400).
        if self.raw.FPDFText_GetFontWeight(self.handle, index) >= _BOLD_WEIGHT:
            return True
        length = self.raw.FPDFText_GetFontInfo(self.handle, index, self.name, 128,
                                               ctypes.byref(self.flags))
        return bool(self.flags.value & _FORCE_BOLD) or bool(
            length and _BOLD_NAME.search(self.name.raw[:length]))
