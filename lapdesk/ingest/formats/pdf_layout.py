"""From a PDF's lines to paragraphs: running headers, footers and page numbers marked,
footnotes told apart, paragraphs rejoined across lines and page breaks, headings found.

:mod:`lapdesk.ingest.formats.pdf` reads each page's lines (their text, place, type size and
weight); everything here works on those :class:`Line` records alone.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from lapdesk.core.text import Paragraph

_EDGE = 0.1  # share of the page height where running headers and footers live
_SHORT_LINE = 80
_EDGE_LINES = 3  # of the lines nearest each edge, how many may be running headers/footers
_PAGE_NUMBER = re.compile(
    r"^(?:[-–—]\s*)?(?:(?:page|p\.|seite|página|pagina)\s*)?(?:\d{1,4}|[ivxlc]{1,7})"
    r"(?:\s*(?:/|of|de|sur|von|\|)\s*\d{1,4})?(?:\s*[-–—])?$", re.IGNORECASE)
_LIST_ITEM = re.compile(r"^([-•–·▪●◦]|\(?\d{1,3}[.)]|\(?[a-z][.)]|\(?[ivx]{1,5}[.)])\s")
_NOTE_START = re.compile(r"^(\d{1,3}\s|[*†‡]\s*)\S")
_FOOT_ZONE = 0.35  # footnotes sit in the lowest third of a page
_SENTENCE_END = re.compile(r"[.!?:;]['\")\]»”’]*$")
_HYPHENS = ("-", "\u00ad", "\x02")
_SPACES, _DIGITS = re.compile(r"\s+"), re.compile(r"\d+")


@dataclass(slots=True)
class Line:
    text: str
    left: float
    right: float
    baseline: float
    size: float
    height: float  # of the page, to tell where its top and bottom edges are
    part: str = "body"
    bold: bool = False  # set in bold (looked at only where it can matter, see _page_lines)
    column_start: bool = False  # the first line of a page's next column (pdf_columns)


# --- running headers, footers and page numbers ---------------------------------------------------

def _shape(text: str) -> str:
    """What repeats in a running line: its text, digits aside when it is short (a page number
    or a date in it changes from page to page; a long line that differs is body text)."""
    text = _SPACES.sub(" ", text.strip().lower())
    return _DIGITS.sub("#", text) if len(text) <= _SHORT_LINE else text


def mark_running_lines(pages: list[list[Line]]) -> None:
    """Mark lines at the page edges that repeat across pages or are page numbers."""

    def edge(line: Line) -> str | None:
        if line.baseline >= line.height * (1 - _EDGE):
            return "header"
        if line.baseline <= line.height * _EDGE:
            return "footer"
        return None

    candidates = []
    for lines in pages:
        by_height = sorted(lines, key=lambda line: line.baseline)
        outermost = {id(line) for line in by_height[:_EDGE_LINES] + by_height[-_EDGE_LINES:]}
        candidates.append([(line, where) for line in lines
                           if id(line) in outermost and (where := edge(line))])
    shapes = Counter()
    for page in candidates:
        shapes.update({_shape(line.text) for line, _ in page})
    repeating = max(2, (len(pages) + 1) // 2)
    for page in candidates:
        for line, where in page:
            if _PAGE_NUMBER.match(line.text.strip()) or (
                    len(pages) > 1 and shapes[_shape(line.text)] >= repeating):
                line.part = where


# --- paragraphs ----------------------------------------------------------------------------------

def paragraphs_of(pages: list[list[Line]]) -> list[Paragraph]:
    # Type sizes weighted by how many characters are set in them: the body size is the most
    # common one, by text not by line.
    sizes: Counter[int] = Counter()
    for lines in pages:
        for line in lines:
            if line.part == "body" and line.text:
                sizes[round(line.size)] += len(line.text)
    body_size = sizes.most_common(1)[0][0] if sizes else 0
    _mark_footnotes(pages, body_size)
    step = max(1.5, 0.15 * body_size)
    heading_sizes = sorted((s for s in sizes if s >= body_size + step), reverse=True)[:3]
    out: list[Paragraph] = []
    for number, lines in enumerate(pages, start=1):
        body = [line for line in lines if line.part == "body"]
        leading = _usual_leading(body)
        column_left = min((line.left for line in body), default=0.0)
        column_right = max((line.right for line in body), default=0.0)
        current: list[Line] = []
        page_paragraphs: list[Paragraph] = []
        for line in lines:
            if current and (line.part != current[-1].part or _starts_paragraph(
                    current[-1], line, leading, column_left, column_right)):
                page_paragraphs.append(_join(current, number, heading_sizes))
                current = []
            if line.part in ("body", "footnote"):
                current.append(line)
            else:
                page_paragraphs.append(Paragraph(line.text, page=number, part=line.part))
        if current:
            page_paragraphs.append(_join(current, number, heading_sizes))
        first = next((p for p in page_paragraphs if p.part == "body"), None)
        previous = next((p for p in reversed(out) if p.part == "body"), None)
        if first and previous and _continues(previous, first):
            previous.text = _glue(previous.text, first.text)
            page_paragraphs.remove(first)
        out.extend(page_paragraphs)
    return out


def _mark_footnotes(pages: list[list[Line]], body_size: int) -> None:
    """Mark as footnotes the block of lines at the foot of a page that starts with a note
    number, set apart from the text above by a wide gap (or in a smaller type)."""
    for lines in pages:
        body = sorted((line for line in lines if line.part == "body"),
                      key=lambda line: -line.baseline)
        leading = _usual_leading(body)
        if len(body) < 2 or not leading:
            continue
        for index in range(len(body) - 1, 0, -1):
            above, line = body[index - 1], body[index]
            if line.baseline > line.height * _FOOT_ZONE:
                break
            gap = above.baseline - line.baseline
            smaller = round(line.size) < body_size <= round(above.size)
            if _NOTE_START.match(line.text) and (gap > 2 * leading or smaller):
                if all(round(rest.size) <= round(above.size) for rest in body[index:]):
                    for rest in body[index:]:
                        rest.part = "footnote"
                break


def _usual_leading(lines: list[Line]) -> float:
    gaps = [a.baseline - b.baseline for a, b in zip(lines, lines[1:], strict=False)
            if a.baseline - b.baseline > 0 and abs(a.size - b.size) < 0.5]
    if not gaps:
        return 0.0
    gaps.sort()
    middle = len(gaps) // 2
    return gaps[middle] if len(gaps) % 2 else (gaps[middle - 1] + gaps[middle]) / 2


def _starts_paragraph(previous: Line, line: Line, leading: float, column_left: float,
                      column_right: float) -> bool:
    gap = previous.baseline - line.baseline
    next_column = line.column_start or (gap <= 0 and line.left >= previous.right)
    if (next_column and abs(previous.size - line.size) < 1
            and not _SENTENCE_END.search(previous.text) and line.text[:1].islower()):
        return False  # a paragraph running on from the foot of the column before
    if gap <= 0 or abs(previous.size - line.size) >= 1:
        return True  # a new column, or a heading
    if previous.bold and not line.bold:
        return True  # the text after a heading in bold
    if line.bold and not previous.bold and _SENTENCE_END.search(previous.text):
        return True  # a heading in bold after a finished sentence
    if leading and gap > leading * 1.35:
        return True
    if _LIST_ITEM.match(line.text):
        return True
    if line.part == "footnote" and re.match(r"^\d{1,3}\s", line.text):
        return True
    indent = max(line.size, 1.0)
    if line.left > previous.left + indent and previous.left <= column_left + indent:
        return True  # a first-line indent
    short = previous.right < column_right - 0.15 * max(column_right - column_left, 1.0)
    return short and bool(_SENTENCE_END.search(previous.text))


def _join(lines: list[Line], page: int, heading_sizes: list[int]) -> Paragraph:
    text = lines[0].text
    for line in lines[1:]:
        text = _glue(text, line.text)
    size = round(lines[0].size)
    level = None
    if lines[0].part == "body" and size in heading_sizes and len(text) < 200:
        level = heading_sizes.index(size) + 1
    elif lines[0].part == "body" and len(lines) == 1 and lines[0].bold:
        level = len(heading_sizes) + 1  # a heading at the body's size, below the larger ones
    return Paragraph(text, page=page, heading_level=level, part=lines[0].part)


def _glue(text: str, more: str) -> str:
    """Join two lines of one paragraph, undoing a hyphenation at the end of the first."""
    if text.endswith(_HYPHENS) and len(text) > 1 and text[-2].isalpha() and more[:1].islower():
        return text[:-1] + more
    return f"{text} {more}"


def _continues(previous: Paragraph, first: Paragraph) -> bool:
    """Whether a page's first paragraph continues the previous page's last one."""
    return (previous.heading_level is None
            and first.heading_level is None and not _SENTENCE_END.search(previous.text)
            and first.text[:1].islower())
