"""Pages set in two (or more) columns, read column by column instead of line across line.

When a PDF writes a two-column page row by row (the left column's line, then the right
one's at the same height), pdfium's lines run across the gutter: "The Convention has Victim
assistance must be".  pdfium's text rectangles do stop at the gutter, so a page whose
rectangles outnumber its lines is looked at more closely (one call per page otherwise): a
vertical band that no rectangle of the body crosses, with lines on both sides at the same
heights, is a gutter.  The page's lines are then rebuilt from the rectangles and read block
by block: the left column top to bottom, then the right one; a line across the gutter (a
title, a heading set over both columns) closes a block and stays where it is.
"""

from __future__ import annotations

import ctypes

import pypdfium2.raw as raw

_MIN_SIDE_LINES = 3       # lines each side of a gutter, at the same heights, to believe in it
_SCAN = (0.25, 0.75)      # the share of the page width where a gutter is looked for
_STEP = 2.0               # points
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
    """The x of the gutter between two columns of body text, or None."""
    body = [r for r in rects if height * _EDGE < r[3] and r[1] < height * (1 - _EDGE)
            and r[2] - r[0] > 1]
    if len(body) < 2 * _MIN_SIDE_LINES:
        return None
    free: list[float] = []
    x = width * _SCAN[0]
    while x <= width * _SCAN[1]:
        crossing = sum(1 for left, _, right, _ in body if left < x < right)
        if crossing <= len(body) // 10:  # a title or a heading over both columns may cross
            free.append(x)
        x += _STEP
    bands, band = [], []
    for x in free:
        if band and x - band[-1] > _STEP * 1.5:
            bands.append(band)
            band = []
        band.append(x)
    if band:
        bands.append(band)
    for band in sorted(bands, key=len, reverse=True):
        if band[-1] - band[0] < _MIN_GUTTER:
            continue
        middle = (band[0] + band[-1]) / 2
        lefts = [r for r in body if r[2] <= middle]
        rights = [r for r in body if r[0] >= middle]
        paired = sum(1 for r in lefts if any(abs(r[3] - o[3]) < 2 for o in rights))
        if len(lefts) >= _MIN_SIDE_LINES and len(rights) >= _MIN_SIDE_LINES \
                and paired >= _MIN_SIDE_LINES:
            return middle
    return None


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
