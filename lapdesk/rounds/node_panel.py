"""What the desk shows of one node of a draft: its text, its amendments, its new text.

Read on a reader lane by the desk's amendment view (``lapdesk/ui/views/amendment_view.py``):
the node's draft text, the amendments recorded to it and those suggested, and the text the
decisions so far make of it — or why they cannot all apply yet.
"""

from __future__ import annotations

from dataclasses import dataclass

from lapdesk.rounds.amendment_records import Amendment
from lapdesk.rounds.amendments import amendments_of_node
from lapdesk.rounds.revision import Conflict, fate
from lapdesk.store import framework
from lapdesk.store.database import Store


@dataclass(frozen=True)
class NodePanel:
    key: str
    label: str
    text: str
    recorded: tuple[Amendment, ...]
    suggested: tuple[Amendment, ...]
    new_text: str | None        # None: deleted by the decisions
    conflict: str               # why the decisions do not apply yet ("" when they do)


def is_draft_node(node: dict) -> bool:
    """A paragraph or action of a draft (it has text of its own), not a section or question."""
    return bool(node.get("text")) and node.get("kind") != "section"


def node_panel(store: Store, key: str) -> NodePanel | None:
    node = framework.node(store, key)
    if not is_draft_node(node):
        return None
    recorded = amendments_of_node(store, node["id"])
    suggested = amendments_of_node(store, node["id"], status="suggested")
    try:
        result = fate(node["text"], recorded)
        new_text, conflict = result.text, ""
    except Conflict as problem:
        new_text, conflict = node["text"], str(problem)
    return NodePanel(key, node["label"], node["text"], tuple(recorded), tuple(suggested),
                     new_text, conflict)
