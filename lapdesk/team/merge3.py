"""Three-way merge of a synthesis: the changeset's old text is the base.

Edits to different paragraphs both land; where two edits overlap, both texts are kept, the
earlier edit first, marked for a person to settle.  The result depends only on which edit is
earlier, so every replica that merges the same two edits writes the same text.
"""

from __future__ import annotations

from difflib import SequenceMatcher

MARK_EARLIER = "[Two edits of this passage — the earlier one:]"
MARK_LATER = "[— the later one:]"
MARK_END = "[— end of the two edits]"


def _edits(base: list[str], other: list[str]) -> list[tuple[int, int, list[str]]]:
    """(start, end, replacement) ranges of ``base`` that ``other`` changed."""
    matcher = SequenceMatcher(None, base, other, autojunk=False)
    return [(i1, i2, other[j1:j2]) for tag, i1, i2, j1, j2 in matcher.get_opcodes()
            if tag != "equal"]


def merge(base: str, earlier: str, later: str) -> tuple[str, bool]:
    """The merged text and whether it merged cleanly (no overlapping edits)."""
    if earlier == later or later == base:
        return earlier, True
    if earlier == base:
        return later, True
    lines = base.split("\n")
    first, second = _edits(lines, earlier.split("\n")), _edits(lines, later.split("\n"))
    out: list[str] = []
    clean = True
    position = 0
    while first or second:
        a = first[0] if first else None
        b = second[0] if second else None
        if a and b and a[0] <= b[1] and b[0] <= a[1] and not (a[0] == a[1] == b[0] == b[1]
                                                               and a[2] == b[2]):
            # Overlapping (or touching) edits: keep both versions of the whole region.
            start, end = min(a[0], b[0]), max(a[1], b[1])
            while True:
                grown = False
                for queue in (first, second):
                    while queue and queue[0][0] <= end and queue[0][1] >= start:
                        end = max(end, queue.pop(0)[1])
                        grown = True
                    if not grown:
                        break
                if not grown:
                    break
            mine = earlier.split("\n")
            theirs = later.split("\n")
            out.extend(lines[position:start])
            out.extend([MARK_EARLIER, *_region(lines, mine, start, end), MARK_LATER,
                        *_region(lines, theirs, start, end), MARK_END])
            clean = False
            position = end
            continue
        edit = a if (b is None or (a is not None and a[0] <= b[0])) else b
        (first if edit is a else second).pop(0)
        if edit[0] < position:
            continue
        out.extend(lines[position:edit[0]])
        out.extend(edit[2])
        position = edit[1]
    out.extend(lines[position:])
    return "\n".join(out), clean


def _region(base: list[str], other: list[str], start: int, end: int) -> list[str]:
    """What ``other`` has in place of ``base[start:end]``."""
    matcher = SequenceMatcher(None, base, other, autojunk=False)
    lo = hi = None
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if i2 < start or i1 > end:
            continue
        if tag == "equal":
            j1 += max(0, start - i1)
            j2 -= max(0, i2 - end)
        lo = j1 if lo is None else min(lo, j1)
        hi = j2 if hi is None else max(hi, j2)
    return other[lo or 0:hi or 0] if lo is not None else []
