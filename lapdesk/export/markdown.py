"""The little Markdown the Presidency writes its introduction and syntheses in.

Paragraphs (separated by blank lines), ``- `` or ``* `` bullets, ``1.`` numbered items,
``#`` headings, ``**bold**`` and ``*italic*`` / ``_italic_``.  Parsing gives plain blocks and
spans; :mod:`lapdesk.export.writer` turns them into Word paragraphs in the template's styles.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_BULLET = re.compile(r"^\s*[-*+]\s+(.*)$")
_ORDERED = re.compile(r"^\s*(?:\d+|[a-z])[.)]\s+(.*)$")
_HEADING = re.compile(r"^\s*#{1,6}\s+(.*)$")
_INLINE = re.compile(r"\*\*(.+?)\*\*|__(.+?)__|\*(?!\s)(.+?)\*|(?<!\w)_(?!\s)(.+?)_(?!\w)")


@dataclass
class Block:
    """A paragraph (``kind`` = paragraph or heading) or a list (bullets or ordered)."""

    kind: str
    items: list[str] = field(default_factory=list)


def parse_blocks(text: str) -> list[Block]:
    blocks: list[Block] = []
    current: Block | None = None
    for raw in (text or "").replace("\r\n", "\n").split("\n"):
        line = raw.rstrip()
        if not line.strip():
            current = None
            continue
        for kind, pattern in (("heading", _HEADING), ("bullets", _BULLET),
                              ("ordered", _ORDERED)):
            match = pattern.match(line)
            if match:
                if kind == "heading":
                    blocks.append(Block("heading", [match[1].strip()]))
                    current = None
                elif current is not None and current.kind == kind:
                    current.items.append(match[1].strip())
                else:
                    current = Block(kind, [match[1].strip()])
                    blocks.append(current)
                break
        else:
            if current is not None:  # a continuation line joins the paragraph or item
                current.items[-1] += " " + line.strip()
            else:
                current = Block("paragraph", [line.strip()])
                blocks.append(current)
    return blocks


def spans(text: str) -> list[tuple[str, bool, bool]]:
    """``(text, bold, italic)`` runs of one line of inline Markdown."""
    result: list[tuple[str, bool, bool]] = []
    position = 0
    for match in _INLINE.finditer(text):
        if match.start() > position:
            result.append((text[position:match.start()], False, False))
        bold = match[1] or match[2]
        if bold is not None:
            result.append((bold, True, False))
        else:
            result.append((match[3] or match[4], False, True))
        position = match.end()
    if position < len(text):
        result.append((text[position:], False, False))
    return [r for r in result if r[0]]
