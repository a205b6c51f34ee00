"""Pages set in two (or more) columns, read column by column instead of line across line.

When a PDF writes a two-column page row by row (the left column's line, then the right
one's at the same height), pdfium's lines run across the gutter: "The Convention has Victim
assistance must be".  pdfium's text rectangles do stop at the gutter, so a page whose
rectangles outnumber its lines is looked at more closely (one call per page otherwise): rows
holding two rectangles a gutter's width apart, agreeing on a vertical band that (nearly) no
rectangle of the body crosses, make a gutter.  The page's lines are then rebuilt from the rectangles and read block
by block: the left column top to bottom, then the right one; a line across the gutter (a
title, a heading set over both columns) closes a block and stays where it is.
"""

from __future__ import annotations

import ctypes

import pypdfium2.raw as raw

MIN_ROWS = 3              # rows with a line each side of a gutter, to believe in it
_SCAN = (0.25, 0.75)      # the share of the page width where a gutter is looked for
_MIN_GUTTER = 6.0         # points: narrower free bands are word gaps, not gutters
_EDGE = 0.08              # running headers and footers stay out of the count


def rectangles(handle) -> list[tuple[float, float, float, float]]:
    """pdfium's text rectangles of a page, ``(left, top, right, bottom)`` in points."""
    count = raw.FPDFText_CountRects(handle, 0, -1)
    values = [ctypes.c_double() for _ in range(4)]
    refs = [ctypes.byref(v) for v in values]
    found = []
    for index in range(count):
        if raw.FPDFText_GetRect(handle, index, *refs):
            found.append(tuple(v.value for v in values))
    return found


def gutter(rects: list[tuple], width: float, height: float) -> float | None:
    """The x of the gutter between two columns of body text, or None.

    Only rows holding two rectangles apart by a gutter's width are evidence (a page with
    more rectangles than lines for another reason, a word in bold say, costs one pass)."""
    body = sorted((r for r in rects if height * _EDGE < r[3] and r[1] < height * (1 - _EDGE)
                   and r[2] - r[0] > 1), key=lambda r: (-r[3], r[0]))
    gaps: list[tuple[float, float]] = []
    row: list[tuple] = []
    for rect in [*body, None]:
        if rect is not None and row and abs(rect[3] - row[0][3]) < 2:
            row.append(rect)
            continue
        for left, right in zip(row, row[1:], strict=False):
            middle = (left[2] + right[0]) / 2
            if (right[0] - left[2] >= _MIN_GUTTER
                    and width * _SCAN[0] <= middle <= width * _SCAN[1]):
                gaps.append((left[2], right[0]))
        row = [rect] if rect is not None else []
    if len(gaps) < MIN_ROWS:
        return None
    middles = sorted((a + b) / 2 for a, b in gaps)
    guess = middles[len(middles) // 2]
    agreeing = [(a, b) for a, b in gaps if a <= guess <= b]
    if len(agreeing) < MIN_ROWS:
        return None
    low, high = max(a for a, _ in agreeing), min(b for _, b in agreeing)
    at = (low + high) / 2 if low < high else guess
    crossing = sum(1 for left, _, right, _ in body if left < at < right)
    lefts = sum(1 for r in body if r[2] <= at)
    rights = sum(1 for r in body if r[0] >= at)
    if crossing > len(body) // 10 or min(lefts, rights) < MIN_ROWS:
        return None
    return at


def reading_order(rects: list[tuple], at: float) -> list[tuple[tuple, bool]]:
    """The rectangles in reading order, each with whether it opens a column (the first line
    of the right column of a block, which may continue the left column's last paragraph)."""
    ordered: list[tuple[tuple, bool]] = []
    left: list[tuple] = []
    right: list[tuple] = []

    def flush() -> None:
        ordered.extend((r, False) for r in left)
        ordered.extend((r, i == 0) for i, r in enumerate(right))
        left.clear()
        right.clear()

    for rect in sorted(rects, key=lambda r: (-r[1], r[0])):
        if rect[2] <= at:
            left.append(rect)
        elif rect[0] >= at:
            right.append(rect)
        else:
            flush()
            ordered.append((rect, False))
    flush()
    return ordered


def first_char(handle, rect: tuple) -> int | None:
    """The index of the first character inside a rectangle (its text follows in order)."""
    left, top, _, bottom = rect
    middle, tolerance = (top + bottom) / 2, max((top - bottom) / 2, 1.0)
    for reach in (1.0, 3.0):
        index = raw.FPDFText_GetCharIndexAtPos(handle, left + 0.5, middle, reach, tolerance)
        if index >= 0:
            return index
    return None
