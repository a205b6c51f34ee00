"""Amendments read from a reply that is the draft edited with tracked changes.

Each paragraph of the reply is rebuilt as it was before the delegation's changes (insertions
taken out, deletions put back) and aligned with the draft's node it copies, by its words,
the label it starts with only a hint: a paragraph inserted earlier shifts Word's numbers.
Then each change is one amendment on that node: a deletion next to an insertion replaces
text, a lone insertion inserts, a lone deletion deletes text; a paragraph inserted whole is
a new node after the node before it, one deleted whole deletes its node, one moved whole
moves its node after the node it now follows.
"""

from __future__ import annotations

from collections.abc import Sequence

from lapdesk.rounds.alignment import best_node, similarity, words
from lapdesk.rounds.draft_reader import labelled_text
from lapdesk.rounds.proposals import PositionMap, Proposal


def rejected(text: str, revisions: Sequence[dict]) -> tuple[str, list[tuple]]:
    """The paragraph with its changes rejected, and each change as ``(kind, start, end,
    revision)`` in the rejected text (an insertion at a point, a deletion over its text)."""
    pieces, events, cursor, length = [], [], 0, 0
    order = {"delete": 0, "insert": 1, "move": 1}
    for r in sorted(revisions, key=lambda r: (r["start"], order[r["kind"]])):
        piece = text[cursor:max(cursor, r["start"])]
        pieces.append(piece)
        length += len(piece)
        cursor = max(cursor, r["start"])
        if r["kind"] == "delete":
            events.append(("delete", length, length + len(r["text"]), r))
            pieces.append(r["text"])
            length += len(r["text"])
        else:
            events.append(("insert", length, length, r))
            cursor = max(cursor, r["end"])
    pieces.append(text[cursor:])
    return "".join(pieces), events


def _changes(events: list[tuple]) -> list[tuple[str, int, int, str, str]]:
    """``(op, start, end, old, new)``: a deletion followed at once by an insertion replaces."""
    out, index = [], 0
    while index < len(events):
        kind, start, end, r = events[index]
        follow = events[index + 1] if index + 1 < len(events) else None
        if kind == "delete" and follow and follow[0] == "insert" and follow[1] == end:
            inserted = follow[3]
            out.append(("replace", start, end, r["text"], inserted["text"]))
            index += 2
            continue
        if kind == "delete":
            out.append(("delete_text", start, end, r["text"], ""))
        else:
            out.append(("insert", start, start, "", r["text"]))
        index += 1
    return out


def tracked_proposals(paragraphs: Sequence[dict], revisions: Sequence[dict],
                      nodes: Sequence[dict]) -> tuple[list[Proposal], dict[int, str]]:
    """The proposals, and the key of the node each aligned paragraph copies (by index).

    :param paragraphs: the reply's (``index``, ``start``, ``end``, ``text``, ``file_id``).
    :param revisions: its tracked changes, offsets in the contribution's text.
    :param nodes: the draft's text nodes (``key``, ``label``, ``text``)."""
    by_paragraph: dict[int, list[dict]] = {}
    for r in revisions:
        if r["paragraph"] is not None:
            by_paragraph.setdefault(r["paragraph"], []).append(r)
    exact = {" ".join(words(n["text"])): n for n in nodes}
    found: list[Proposal] = []
    anchored: dict[int, str] = {}
    last: dict | None = None
    for p in paragraphs:
        mine = [{**r, "start": r["start"] - p["start"], "end": r["end"] - p["start"]}
                for r in by_paragraph.get(p["index"], [])]
        source = {"start": p["start"], "end": p["end"], "file_id": p["file_id"],
                  "source_kind": "tracked_change"}
        for r in [r for r in mine if r["whole_paragraph"] and r["kind"] == "delete"]:
            gone = _node_for(r["text"], nodes, exact)
            if gone is not None:
                found.append(Proposal(gone[0]["key"], "delete_node", old=gone[0]["text"],
                                      confidence=gone[1], reason=f"deleted by {r['author']}"
                                      if r["author"] else "deleted", **source))
            mine.remove(r)
        whole = next((r for r in mine if r["whole_paragraph"] and r["kind"] in ("insert",
                                                                                 "move")), None)
        if whole is not None:
            text = labelled_text(p["text"])[1]
            if whole["kind"] == "insert" and last is not None:
                found.append(Proposal(last["key"], "new_node_after", new=text,
                                      reason="paragraph inserted", **source))
            elif whole["kind"] == "move":
                moved = _node_for(text, nodes, exact)
                if moved is not None and last is not None:
                    found.append(Proposal(moved[0]["key"], "move", move_after_key=last["key"],
                                          confidence=moved[1], reason="paragraph moved",
                                          **source))
            continue
        before, events = rejected(p["text"], mine)
        label, rest = labelled_text(before)
        match = _node_for(rest, nodes, exact, label)
        if match is None:
            continue
        node, score = match
        last = node
        anchored[p["index"]] = node["key"]
        if not events:
            continue
        shift = before.find(rest) if rest and rest in before else len(before) - len(rest)
        to_node = PositionMap(rest, node["text"])
        for op, start, end, old, new in _changes(events):
            if end <= shift:
                continue  # a change to the label itself: the Presidency numbers the draft
            span = (to_node(max(0, start - shift)), to_node(max(0, end - shift)))
            who = mine[0]["author"] if mine else ""
            found.append(Proposal(node["key"], op, old=old, new=new, span=span,
                                  confidence=round(min(1.0, score), 2),
                                  reason=f"tracked change by {who}" if who else "tracked change",
                                  **source))
    return found, anchored


def _node_for(text: str, nodes: Sequence[dict], exact: dict, label: str = ""
              ) -> tuple[dict, float] | None:
    """The draft node a paragraph copies, with how sure the match is."""
    key = " ".join(words(text))
    if key in exact:
        return exact[key], 1.0
    node = best_node(text, nodes, label_hint=label)
    if node is None:
        return None
    return node, similarity(words(text), words(node["text"]))
