"""What a reply proposes, before it is stored: one :class:`Proposal` per amendment found.

Shared by the readers of tracked changes (:mod:`tracked_changes`) and of prose
(:mod:`prose_proposals`); :mod:`suggest_amendments` stores them as suggestions.
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher


@dataclass(frozen=True)
class Proposal:
    node_key: str
    op: str
    old: str = ""
    new: str = ""
    span: tuple[int, int] | None = None   # in the target's text
    source_kind: str = "instruction"
    start: int | None = None              # the proposing passage in the contribution
    end: int | None = None
    file_id: int | None = None
    confidence: float = 1.0
    reason: str = ""
    justification: str = ""
    move_after_key: str | None = None


class PositionMap:
    """Maps offsets of one text into another that is nearly the same (a reply's copy of a
    draft paragraph into the draft's own), through the blocks the two have in common."""

    def __init__(self, source: str, target: str):
        self.identical = source == target
        self.blocks = [] if self.identical else SequenceMatcher(
            None, source, target, autojunk=False).get_matching_blocks()
        self.target_length = len(target)

    def __call__(self, offset: int) -> int:
        if self.identical:
            return offset
        best = 0
        for a, b, size in self.blocks:
            if a <= offset <= a + size:
                return b + (offset - a)
            if a + size <= offset:
                best = b + size
        return min(best, self.target_length)
