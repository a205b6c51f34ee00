"""An amendment as the rest of LAPDesk sees it: a typed record, and its JSON shape.

The CLI's shape (``lapdesk amendments``, ``show --json``) is a contract: fields are added,
never renamed or dropped (docs/cli.md).
"""

from __future__ import annotations

from dataclasses import dataclass, field

OPS = ("replace", "insert", "delete_text", "delete_node", "new_node_after", "move", "redraft",
       "comment")
DECISIONS = ("undecided", "retained", "retained_as_amended", "merged", "not_retained",
             "withdrawn")
# Decisions by which an amendment changes the next revision's text.
TAKEN = ("retained", "retained_as_amended", "merged")
SOURCE_KINDS = ("tracked_change", "instruction", "comment", "manual")
# The ops that edit a span of the node's text.
SPAN_OPS = ("replace", "insert", "delete_text")

OP_NAMES = {"replace": "Replace", "insert": "Insert", "delete_text": "Delete text",
            "delete_node": "Delete the paragraph", "new_node_after": "New paragraph after",
            "move": "Move", "redraft": "Redraft", "comment": "Comment only"}
DECISION_NAMES = {"undecided": "Undecided", "retained": "Retained",
                  "retained_as_amended": "Retained as amended", "merged": "Merged",
                  "not_retained": "Not retained", "withdrawn": "Withdrawn"}


@dataclass(frozen=True)
class Person:
    id: int
    name: str
    kind: str
    status: str

    def as_dict(self) -> dict:
        return {"id": self.id, "name": self.name, "kind": self.kind, "status": self.status}


@dataclass(frozen=True)
class Source:
    contribution_id: int | None
    file_id: int | None
    start: int | None
    end: int | None
    kind: str

    def as_dict(self) -> dict:
        return {"contribution_id": self.contribution_id, "file_id": self.file_id,
                "start": self.start, "end": self.end, "kind": self.kind}


@dataclass(frozen=True)
class Amendment:
    id: int
    round_id: int
    node_id: int
    node: str                  # the target's key (for a new node, the node it follows)
    label: str                 # the target's label as the draft prints it
    op: str
    old: str
    new: str
    span_start: int | None     # the span of the target's text it edits (SPAN_OPS)
    span_end: int | None
    move_after: str | None     # for a move: the key of the node it goes after
    justification: str
    status: str                # suggested, recorded
    decision: str
    result_text: str | None    # the target's text once decided (None: not decided)
    text_given: bool           # result_text was written by a person, not computed
    decided_at: str | None
    source: Source
    excerpt_id: int | None
    confidence: float
    reason: str
    proposers: tuple[Person, ...] = field(default_factory=tuple)
    supporters: tuple[Person, ...] = field(default_factory=tuple)

    @property
    def edits_text(self) -> bool:
        return self.op in SPAN_OPS

    def as_dict(self) -> dict:
        return {
            "id": self.id, "node": self.node, "label": self.label, "op": self.op,
            "old": self.old, "new": self.new, "justification": self.justification,
            "proposers": [p.as_dict() for p in self.proposers],
            "supporters": [p.as_dict() for p in self.supporters],
            "status": self.status, "decision": self.decision, "result_text": self.result_text,
            "source": self.source.as_dict(), "round": self.round_id,
            "excerpt_id": self.excerpt_id, "span": ({"start": self.span_start,
                                                     "end": self.span_end}
                                                    if self.span_start is not None else None),
            "move_after": self.move_after, "text_given": self.text_given,
            "confidence": self.confidence, "reason": self.reason,
        }
