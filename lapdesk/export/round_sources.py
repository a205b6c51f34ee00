"""What the round's documents read from the store, once: the round, its nodes, its
amendments, who proposed each (named or not, as the working paper decides), and the
revision the decisions make.
"""

from __future__ import annotations

from dataclasses import dataclass

from lapdesk.core.errors import UsageError
from lapdesk.export.anonymity import Anonymity
from lapdesk.rounds.amendment_records import Amendment
from lapdesk.rounds.amendments import amendments_of_round
from lapdesk.rounds.revision import Conflict, RevNode, revise
from lapdesk.rounds.round_store import Round, current_round, round_nodes
from lapdesk.store.contributions import list_contributions
from lapdesk.store.database import Store
from lapdesk.store.settings import all_settings

ANONYMOUS = "A delegation"
ANONYMOUS_JOINT = "A group of delegations"


@dataclass
class RoundData:
    round: Round
    nodes: list[dict]
    amendments: list[Amendment]
    revision: list[RevNode]
    settings: dict[str, str]
    who: dict[int, str]            # amendment id -> "Austria, Mexico" or "A delegation"
    hidden: set[int]               # contribution ids attributed anonymously

    def proposers(self, amendment: Amendment) -> str:
        return self.who.get(amendment.id, "")


def node_line(node: dict | RevNode, text: str | None = None) -> str:
    """A node as the draft prints it: "Action 1. text", "PP2. text", "(a) text", "3. text"."""
    if isinstance(node, RevNode):
        label, number = node.new_label or node.old_label, node.new_number or node.old_number
        body = text
    else:
        label, number, body = node["label"], node["number"], node["text"] if text is None \
            else text
    if number.startswith("("):
        return f"{number} {body}"
    return f"{label}. {body}" if label else body


def section_line(node: dict | RevNode) -> str:
    number = node.old_number if isinstance(node, RevNode) else node["number"]
    title = node.title if isinstance(node, RevNode) else node["title"]
    return f"{number}. {title}" if number else title


def gather_round(store: Store, *, anonymise: bool = False) -> RoundData:
    present = current_round(store)
    if present is None or present.kind != "draft":
        raise UsageError("The store's current round is not a draft: start one with "
                         "lapdesk round new --draft FILE.docx.")
    nodes = round_nodes(store, present.id)
    amendments = amendments_of_round(store, present.id)
    proposing = {a.source.contribution_id for a in amendments}
    contributions = [c.to_json() for c in list_contributions(store) if c.id in proposing]
    anonymity = Anonymity.decide(contributions, anonymise=anonymise)
    who: dict[int, str] = {}
    for a in amendments:
        people = [p.name for p in a.proposers]
        supporters = [p.name for p in a.supporters]
        if a.source.contribution_id in anonymity.hidden:
            named = ANONYMOUS_JOINT if len(people) > 1 else ANONYMOUS
        else:
            named = ", ".join(people) or "The Presidency"
        if supporters:
            named += "; supported by " + ", ".join(supporters)
        who[a.id] = named
    try:
        revision = revise(nodes, amendments)
    except Conflict as conflict:  # in a team: overlapping ones retained on two replicas
        raise UsageError(f"The decisions taken cannot all apply: {conflict}. Decide one of "
                         "them again: not retained, or with the text that results (lapdesk "
                         "decide ID --decision merged --text TEXT, or in the section view)."
                         ) from None
    return RoundData(round=present, nodes=nodes, amendments=amendments, revision=revision,
                     settings=all_settings(store), who=who, hidden=anonymity.hidden)
