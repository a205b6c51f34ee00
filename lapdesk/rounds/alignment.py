"""Which node of a draft a passage is, by its words (numbers only as a hint).

Used where a text has to find its node again: a later draft's paragraph finding the node it
revises (so that the node keeps its key when the draft renumbers it), and a reply's paragraph,
rebuilt with its tracked changes rejected, finding the draft paragraph it edits (Word's
automatic numbers shift as soon as a delegation inserts a paragraph).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from difflib import SequenceMatcher

from lapdesk.core.text import fold

_WORD = re.compile(r"\w+")
MIN_SIMILARITY = 0.5
LABEL_HINT = 0.15


def words(text: str) -> list[str]:
    return _WORD.findall(fold(text))


def similarity(a: Sequence[str], b: Sequence[str]) -> float:
    if not a or not b:
        return 0.0
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    if matcher.real_quick_ratio() < MIN_SIMILARITY or matcher.quick_ratio() < MIN_SIMILARITY:
        return 0.0
    return matcher.ratio()


def best_node(text: str, candidates: Sequence[dict], *, label_hint: str = "") -> dict | None:
    """The candidate (``text``, ``label``) whose text is closest to ``text``, if close enough."""
    mine = words(text)
    best, best_score = None, MIN_SIMILARITY
    for node in candidates:
        score = similarity(mine, words(node["text"]))
        if label_hint and node.get("label") == label_hint:
            score += LABEL_HINT
        if score > best_score:
            best, best_score = node, score
    return best


def align(new: Sequence[tuple[str, str, str]], old: Sequence[dict]) -> dict[int, int]:
    """Pair each new node (``kind``, ``label``, ``text``) with at most one old node (``id``,
    ``kind``, ``label``, ``text``) of the same kind, best pairs first: ``{new index: old id}``."""
    old_words = {node["id"]: words(node["text"] or node.get("title", "")) for node in old}
    pairs = []
    for index, (kind, label, text) in enumerate(new):
        mine = words(text)
        for node in old:
            if node["kind"] != kind:
                continue
            score = similarity(mine, old_words[node["id"]])
            if label and node.get("label") == label:
                score += LABEL_HINT
            if score >= MIN_SIMILARITY:
                pairs.append((score, index, node["id"]))
    paired: dict[int, int] = {}
    used: set[int] = set()
    for _, index, node_id in sorted(pairs, key=lambda p: (-p[0], p[1])):
        if index not in paired and node_id not in used:
            paired[index] = node_id
            used.add(node_id)
    return paired
