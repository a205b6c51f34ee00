"""The next revision's text, from the Presidency's decisions: pure functions, no store.

A node's new text starts from its draft text.  Amendments taken (retained, retained as
amended, merged) apply in the order they were decided: an edit of a span (replace, insert,
delete text) applies where it stands in the draft text, so several retained edits of one
node all apply as long as their spans do not overlap; a text written by a person (``decide
--text``) or a redraft replaces the node's whole text, and a later edit then applies only
where its words are found once in that text.  Anything else is a :class:`Conflict`, which
asks for the text that results.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from lapdesk.rounds.amendment_records import TAKEN, Amendment

_CONTEXT = 24
_SUFFIXES = ("bis", "ter", "quater", "quinquies", "sexies", "septies", "octies", "novies")


class Conflict(Exception):
    """Taken amendments that cannot all apply to a node's text; the message says why."""


@dataclass(frozen=True)
class NodeFate:
    text: str | None           # the node's new text; None when it is deleted
    changed: bool
    sources: tuple[int, ...]   # the amendments that shaped it


def taken(amendments: Sequence[Amendment]) -> list[Amendment]:
    found = [a for a in amendments if a.decision in TAKEN and a.status == "recorded"]
    return sorted(found, key=lambda a: (a.decided_at or "", a.id))


def _apply_on(text: str, amendment: Amendment, draft: str) -> str:
    """An edit of the draft's span applied to a text a person rewrote, found by its words."""
    if amendment.op == "insert":
        if amendment.span_start is None:
            raise Conflict(f"amendment {amendment.id} does not say where it inserts")
        before = draft[max(0, amendment.span_start - _CONTEXT):amendment.span_start]
        probe = before or draft[amendment.span_start:amendment.span_start + _CONTEXT]
        if not probe or text.count(probe) != 1:
            raise Conflict(f"amendment {amendment.id} no longer finds where it inserts")
        at = text.index(probe) + (len(probe) if before else 0)
        return text[:at] + _joined(text[:at], amendment.new, text[at:]) + text[at:]
    old = amendment.old
    if not old or text.count(old) != 1:
        raise Conflict(f"amendment {amendment.id} no longer finds the words it changes")
    at = text.index(old)
    return _tidy(text[:at] + amendment.new + text[at + len(old):])


def _joined(left: str, new: str, right: str) -> str:
    """Inserted words with the spaces they need on either side."""
    piece = new.strip()
    if left and not left[-1].isspace() and piece[:1] not in ",.;:)":
        piece = " " + piece
    if right and not right[0].isspace() and right[0] not in ",.;:)":
        piece = piece + " "
    return piece


def _tidy(text: str) -> str:
    return " ".join(text.split()).replace(" ,", ",").replace(" .", ".")


def fate(draft_text: str, amendments: Sequence[Amendment]) -> NodeFate:
    """What the decisions make of one node (``amendments``: those targeting it)."""
    current: str | None = None          # a whole text, once one replaced the draft's
    edits: list[Amendment] = []
    deleted = False
    sources: list[int] = []
    for a in taken(amendments):
        if a.op in ("comment", "new_node_after", "move"):
            if a.op == "move":
                sources.append(a.id)
            continue
        sources.append(a.id)
        if a.op == "delete_node":
            deleted = True
        elif a.text_given or a.op == "redraft":
            current = a.result_text if a.text_given else a.new
            edits = []
        elif current is not None:
            current = _apply_on(current, a, draft_text)
        elif a.span_start is None:
            raise Conflict(f"amendment {a.id} does not say where in the text it applies")
        else:
            for other in edits:
                if _overlap(a, other):
                    raise Conflict(f"amendments {other.id} and {a.id} change the same words")
            edits.append(a)
    if deleted:
        return NodeFate(None, True, tuple(sources))
    if current is None:
        current = draft_text
        for a in sorted(edits, key=lambda e: (e.span_start, e.span_end), reverse=True):
            left, right = current[:a.span_start], current[a.span_end:]
            if a.op == "insert":
                current = left + _joined(left, a.new, right) + right
            else:
                current = left + (a.new or " ") + right
        if edits:
            current = _tidy(current)
    return NodeFate(current, current != draft_text, tuple(sources))


def _overlap(a: Amendment, b: Amendment) -> bool:
    if a.op == "insert" and b.op == "insert":
        return a.span_start == b.span_start
    if a.op == "insert":
        return b.span_start < a.span_start < b.span_end
    if b.op == "insert":
        return a.span_start < b.span_start < a.span_end
    return a.span_start < b.span_end and b.span_start < a.span_end


@dataclass
class RevNode:
    """A node of the next revision beside the draft's: ``old_text`` None for a node the
    revision adds, ``new_text`` None for one it deletes (or moves away from here)."""

    key: str | None
    kind: str
    depth: int
    old_label: str
    new_label: str
    old_number: str
    new_number: str
    title: str
    old_text: str | None
    new_text: str | None
    sources: list[int] = field(default_factory=list)
    moved: bool = False

    @property
    def changed(self) -> bool:
        return self.old_text != self.new_text or self.old_label != self.new_label


def suffixed(label: str, n: int) -> str:
    """"Action 4" and 1 -> "Action 4 bis"; 2 -> "Action 4 ter"."""
    return f"{label} {_SUFFIXES[min(n, len(_SUFFIXES)) - 1]}" if label else ""


def revise(nodes: Sequence[dict], amendments: Sequence[Amendment]) -> list[RevNode]:
    """The revision's nodes in order, from the round's nodes (``key``, ``kind``, ``depth``,
    ``label``, ``number``, ``title``, ``text``) and its amendments.

    New nodes take "bis", "ter" ... labels after the node they follow rather than shifting
    every number after them, as drafts under negotiation are numbered.
    """
    by_node: dict[str, list[Amendment]] = {}
    for a in amendments:
        by_node.setdefault(a.node, []).append(a)
    moved_after: dict[str, list[str]] = {}
    moving: set[str] = set()
    for a in taken(amendments):
        if a.op == "move" and a.move_after:
            moved_after.setdefault(a.move_after, []).append(a.node)
            moving.add(a.node)
    by_key = {row["key"]: row for row in nodes}
    out: list[RevNode] = []
    for row in nodes:
        mine = by_node.get(row["key"], [])
        is_text = row["kind"] != "section"
        try:
            result = fate(row["text"], mine) if is_text else NodeFate(row["text"], False, ())
        except Conflict as conflict:
            raise Conflict(f"on {row['label'] or row['key']}, {conflict}") from None
        node = RevNode(row["key"], row["kind"], row["depth"], row["label"], row["label"],
                       row["number"], row["number"], row["title"],
                       row["text"] if is_text else None,
                       result.text if is_text else None, list(result.sources))
        if row["key"] in moving:
            out.append(RevNode(row["key"], row["kind"], row["depth"], row["label"], "",
                               row["number"], "", row["title"], row["text"], None,
                               list(result.sources), moved=True))
        else:
            out.append(node)
        added = [a for a in taken(mine) if a.op == "new_node_after"]
        for n, a in enumerate(added, start=1):
            out.append(RevNode(None, "question", row["depth"], "", suffixed(row["label"], n),
                               "", suffixed(row["number"], n), suffixed(row["label"], n),
                               None, a.result_text if a.text_given else a.new, [a.id]))
        for key in moved_after.get(row["key"], []):
            source = by_key[key]
            again = fate(source["text"], by_node.get(key, []))
            out.append(RevNode(key, source["kind"], row["depth"], "", source["label"], "",
                               source["number"], source["title"], None, again.text,
                               list(again.sources), moved=True))
    return out
