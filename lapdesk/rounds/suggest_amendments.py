"""Suggested amendments in the store: found in a contribution, kept until a person decides.

Run after an import (by the CLI and the desk alike) and by ``lapdesk amendments --suggest``:
a reply's tracked changes, its prose instructions and its Word comments become amendments
with ``status = 'suggested'``, proposed by the contribution's contributors (each of a joint
submission).  Nothing is recorded until a person accepts them
(:func:`lapdesk.rounds.amendment_writes.accept`); suggesting again replaces the pending
suggestions and never makes again one already accepted or dismissed.  Like the suggested
mappings, suggestions are working data, not changes: they are not in the undo history.  In a
team they travel with the reply they were found in, so a colleague sees them too; the same
suggestion found on two replicas is one row (:mod:`lapdesk.rounds.row_ids`), which either may
accept.
"""

from __future__ import annotations

from lapdesk.core.clock import now_iso
from lapdesk.rounds.amendment_records import Amendment
from lapdesk.rounds.amendments import amendments_of_contribution
from lapdesk.rounds.proposals import Proposal
from lapdesk.rounds.prose_proposals import comment_proposals, prose_proposals
from lapdesk.rounds.round_store import current_round
from lapdesk.rounds.row_ids import amendment_key, row_id
from lapdesk.rounds.tracked_changes import tracked_proposals
from lapdesk.store import framework
from lapdesk.store.contributions import contribution, contributors_of, paragraphs_of
from lapdesk.store.database import Store
from lapdesk.store.marks import comments_of, revisions_of


def proposals_for(store: Store, contribution_id: int) -> list[Proposal]:
    """Everything the contribution proposes on the current draft (nothing outside a draft)."""
    present = current_round(store)
    if present is None or present.kind != "draft":
        return []
    nodes = framework.nodes(store)
    text_nodes = [n for n in nodes if n["kind"] != "section" and n["text"]]
    paragraphs = [p for p in paragraphs_of(store, contribution_id)
                  if p["part"] in ("body", "table")]
    revisions = revisions_of(store, contribution_id)
    tracked, anchored = tracked_proposals(paragraphs, revisions, text_nodes)
    edited = {r["paragraph"] for r in revisions}
    plain = [p for p in paragraphs if p["index"] not in edited and p["index"] not in anchored]
    found = tracked + prose_proposals(plain, nodes)
    found += comment_proposals(comments_of(store, contribution_id), paragraphs, anchored, nodes)
    return found


def _signature(node_id: int, op: str, old: str, new: str, start: int | None) -> tuple:
    return node_id, op, old, new, start


def suggest(store: Store, contribution_id: int) -> list[Amendment]:
    """Find and keep the contribution's suggested amendments; returns the pending ones."""
    contribution(store, contribution_id)  # NotFoundError for a wrong id
    found = proposals_for(store, contribution_id)
    present = current_round(store)
    ids = {row["key"]: row["id"] for row in framework.nodes(store)}
    decided = {_signature(a.node_id, a.op, a.old, a.new, a.source.start)
               for a in amendments_of_contribution(store, contribution_id,
                                                   statuses=("recorded", "dismissed"))}
    people = [p.id for p in contributors_of(store, contribution_id)]
    with store.transaction():
        # In a team, a suggestion found again keeps its id and its date (row_ids): put back
        # as it was, it is no change to send.
        before = {row["id"]: row for row in store.query(
            "SELECT id, created_at, created_by FROM amendments WHERE contribution_id = ?"
            " AND status = 'suggested'", (contribution_id,))}
        store.execute("DELETE FROM amendments WHERE contribution_id = ? AND status = 'suggested'",
                      (contribution_id,))
        made: set[str | None] = set()
        for proposal in found:
            node_id = ids[proposal.node_key]
            if _signature(node_id, proposal.op, proposal.old, proposal.new,
                          proposal.start) in decided:
                continue
            key = amendment_key(
                source_kind=proposal.source_kind, contribution_id=contribution_id,
                file_id=proposal.file_id, start=proposal.start, end=proposal.end,
                node_id=node_id, op=proposal.op, old=proposal.old, new=proposal.new)
            if key in made:
                continue  # the same proposal found twice in one passage
            made.add(key)
            new_id = row_id(store, "amendments", key)
            first = before.get(new_id, {"created_at": now_iso(), "created_by": store.author})
            amendment_id = store.insert(
                "INSERT INTO amendments (id, round_id, node_id, op, old, new, span_start,"
                " span_end, move_after_id, justification, status, source_kind, contribution_id,"
                " file_id, start, \"end\", confidence, reason, created_at, created_by) VALUES"
                " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'suggested', ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (new_id, present.id, node_id, proposal.op, proposal.old, proposal.new,
                 proposal.span[0] if proposal.span else None,
                 proposal.span[1] if proposal.span else None,
                 ids.get(proposal.move_after_key) if proposal.move_after_key else None,
                 proposal.justification, proposal.source_kind, contribution_id,
                 proposal.file_id, proposal.start, proposal.end, proposal.confidence,
                 proposal.reason, first["created_at"], first["created_by"]))
            store.executemany(
                "INSERT INTO amendment_contributors (amendment_id, contributor_id, role,"
                " position) VALUES (?, ?, 'proposer', ?)",
                [(amendment_id, person, position) for position, person in enumerate(people)])
    return amendments_of_contribution(store, contribution_id, statuses=("suggested",))


def suggest_all(store: Store) -> list[Amendment]:
    """:func:`suggest` for every contribution received in the current round."""
    result: list[Amendment] = []
    present = current_round(store)
    if present is None:
        return result
    for row in store.query("SELECT id FROM contributions WHERE superseded_by IS NULL"
                           " AND round_id = ? ORDER BY received, id", (present.id,)):
        result += suggest(store, row["id"])
    return result


def suggest_new(store: Store, contribution_ids) -> list[Amendment]:
    """After an import: the suggestions of the contributions just logged, on a draft only."""
    present = current_round(store)
    if present is None or present.kind != "draft":
        return []
    result: list[Amendment] = []
    for contribution_id in sorted(contribution_ids):
        result += suggest(store, contribution_id)
    return result
