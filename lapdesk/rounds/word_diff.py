"""A word-level diff of two texts: what Rev.1 with changes marks, and what the desk shows.

On word, space and punctuation tokens (``difflib``), a lone space between two changes folded
into one change, so that "as soon as possible" -> "no later than 2026" reads as one deletion
and one insertion rather than four of each.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

_TOKEN = re.compile(r"\w+|\s+|[^\w\s]")


def segments(old: str, new: str) -> list[tuple[str, str]]:
    """``(kind, text)`` pieces, kind being ``equal``, ``delete`` or ``insert``, that read
    ``old`` with the deletions and ``new`` with the insertions."""
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    out: list[tuple[str, str]] = []

    def add(kind: str, text: str) -> None:
        if not text:
            return
        if out and out[-1][0] == kind:
            out[-1] = (kind, out[-1][1] + text)
        else:
            out.append((kind, text))

    opcodes = SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    deleted, inserted = [], []
    for index, (op, i1, i2, j1, j2) in enumerate(opcodes):
        same = "".join(a[i1:i2])
        between = 0 < index < len(opcodes) - 1 and (deleted or inserted)
        if op == "equal" and not (between and same.isspace()):
            add("delete", "".join(deleted))
            add("insert", "".join(inserted))
            deleted, inserted = [], []
            add("equal", same)
        elif op == "equal":  # a lone space between two changes belongs to one change
            deleted.append(same)
            inserted.append(same)
        else:
            deleted.append(same)
            inserted.append("".join(b[j1:j2]))
    add("delete", "".join(deleted))
    add("insert", "".join(inserted))
    return out
