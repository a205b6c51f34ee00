"""Amendments written: recorded by hand, accepted from suggestions, decided.

Every function is one recorded change (undoable, audited: :mod:`lapdesk.store.changes`).  An
amendment is recorded *on an excerpt*: the passage of the contribution that proposes it,
mapped to its target node, so that it sits with the contribution's other excerpts and their
positions.  A decision stores the text that results for the node (computed by
:mod:`lapdesk.rounds.revision`, or written by a person when amendments overlap).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from lapdesk.core.clock import now_iso
from lapdesk.core.errors import UsageError
from lapdesk.rounds.amendment_records import DECISIONS, OPS, SPAN_OPS
from lapdesk.rounds.amendments import amendment, amendments_of_node
from lapdesk.rounds.revision import Conflict, fate
from lapdesk.rounds.row_ids import amendment_key, passage_key, row_id, with_id
from lapdesk.store import framework
from lapdesk.store.changes import Change, Recorder, record
from lapdesk.store.contributions import contributors_of, text_of
from lapdesk.store.database import Store


def _excerpt_for(rec: Recorder, contribution_id: int, start: int, end: int,
                 node_id: int) -> int | None:
    """The excerpt of the proposing passage, mapped to the target (made if need be)."""
    store = rec.store
    text = text_of(store, contribution_id)
    if not (0 <= start < end <= len(text)) or not text[start:end].strip():
        return None
    row = store.query_one("SELECT id FROM excerpts WHERE contribution_id = ? AND start = ?"
                          " AND \"end\" = ?", (contribution_id, start, end))
    excerpt_id = row["id"] if row else rec.insert("excerpts", with_id({
        "contribution_id": contribution_id, "start": start, "end": end,
        "text": text[start:end], "origin": "amendment", "created_at": now_iso(),
        "created_by": store.author},
        row_id(store, "excerpts", passage_key(contribution_id, start, end))))
    if not store.query_one("SELECT 1 AS x FROM mappings WHERE excerpt_id = ? AND node_id = ?",
                           (excerpt_id, node_id)):
        rec.insert("mappings", {"excerpt_id": excerpt_id, "node_id": node_id})
    return excerpt_id


def _check_span(node: dict, op: str, span: tuple[int, int] | None) -> None:
    if op in SPAN_OPS and span is not None:
        start, end = span
        if not 0 <= start <= end <= len(node["text"]):
            raise UsageError(f"The span {start}-{end} is outside the text of "
                             f"{node['label'] or node['key']}.")


def record_amendment(store: Store, *, node_key: str, op: str, old: str = "", new: str = "",
                     span: tuple[int, int] | None = None, justification: str = "",
                     contribution_id: int | None = None, start: int | None = None,
                     end: int | None = None, proposer_ids: Sequence[int] | None = None,
                     move_after_key: str | None = None) -> Change:
    """Record an amendment typed by a person; ``result`` is its id.  Its proposers default
    to the contribution's contributors (every one of a joint submission)."""
    if op not in OPS:
        raise UsageError(f"{op!r} is not an operation; use one of {', '.join(OPS)}.")
    node = framework.node(store, node_key)
    round_id = framework.current_round_id(store)
    if round_id is None or node["round_id"] != round_id:
        raise UsageError(f"{node_key} is not a node of the current draft.")
    _check_span(node, op, span)
    if span is None and op in SPAN_OPS and old and node["text"].count(old) == 1:
        at = node["text"].index(old)
        span = (at, at + len(old))
    move_after = framework.node(store, move_after_key)["id"] if move_after_key else None
    with record(store, f"Record an amendment to {node['label'] or node['title']}",
                node=node_key, op=op) as rec:
        excerpt_id = (_excerpt_for(rec, contribution_id, start, end, node["id"])
                      if contribution_id is not None and start is not None and end is not None
                      else None)
        key = amendment_key(source_kind="manual", contribution_id=contribution_id,
                            file_id=None, start=start, end=end, node_id=node["id"], op=op,
                            old=old, new=new)
        amendment_id = rec.insert("amendments", with_id({
            "round_id": round_id, "node_id": node["id"], "op": op, "old": old, "new": new,
            "span_start": span[0] if span else None, "span_end": span[1] if span else None,
            "move_after_id": move_after, "justification": justification,
            "status": "recorded", "source_kind": "manual", "contribution_id": contribution_id,
            "start": start, "end": end, "excerpt_id": excerpt_id, "created_at": now_iso(),
            "created_by": store.author}, row_id(store, "amendments", key)))
        people = proposer_ids if proposer_ids is not None else (
            [p.id for p in contributors_of(store, contribution_id)] if contribution_id
            else [])
        for position, person in enumerate(people):
            rec.insert("amendment_contributors", {"amendment_id": amendment_id,
                                                  "contributor_id": person,
                                                  "role": "proposer", "position": position})
        rec.change.result = amendment_id
    return rec.change


def accept(store: Store, amendment_ids: Iterable[int]) -> Change:
    """Record suggested amendments, each on an excerpt of its passage; one undoable change."""
    found = [amendment(store, i) for i in dict.fromkeys(amendment_ids)]
    pending = [a for a in found if a.status == "suggested"]
    label = "amendment" if len(pending) == 1 else "amendments"
    with record(store, f"Accept {len(pending)} suggested {label}",
                amendments=[a.id for a in pending]) as rec:
        for a in pending:
            source = a.source
            excerpt_id = (_excerpt_for(rec, source.contribution_id, source.start, source.end,
                                       a.node_id)
                          if source.contribution_id is not None and source.start is not None
                          and source.end is not None and source.end > source.start else None)
            rec.update("amendments", {"id": a.id}, {"status": "recorded",
                                                    "excerpt_id": excerpt_id})
        rec.change.result = [a.id for a in pending]
    return rec.change


def dismiss(store: Store, amendment_ids: Iterable[int]) -> Change:
    """Set suggested amendments aside; a dismissed suggestion is not made again."""
    found = [amendment(store, i) for i in dict.fromkeys(amendment_ids)]
    with record(store, f"Dismiss {len(found)} suggested amendment(s)") as rec:
        for a in found:
            if a.status == "suggested":
                rec.update("amendments", {"id": a.id}, {"status": "dismissed"})
    return rec.change


def decide(store: Store, amendment_id: int, decision: str, *, text: str | None = None
           ) -> Change:
    """The Presidency's decision on an amendment, with the text that results for its node.

    Retaining applies the amendment together with the others taken on the node where they
    do not overlap; retained as amended, merged, and any amendments that overlap need the
    resulting ``text``.

    :raises UsageError: an unknown decision, a decision on a suggestion not yet accepted,
        or taken amendments that need the text that results.
    """
    if decision not in DECISIONS:
        raise UsageError(f"{decision!r} is not a decision; use one of "
                         f"{', '.join(d for d in DECISIONS if d != 'undecided')}.")
    a = amendment(store, amendment_id)
    if a.status != "recorded":
        raise UsageError(f"Amendment {amendment_id} is only suggested: accept it first.")
    if decision in ("retained_as_amended", "merged") and text is None:
        raise UsageError(f"A decision {decision} needs the text that results (--text).")
    node = framework.node_by_id(store, a.node_id)
    values = {"decision": decision, "decided_at": now_iso(), "decided_by": store.author,
              "text_given": int(text is not None), "result_text": text}
    with record(store, f"Decide on amendment {a.id}: {decision.replace('_', ' ')}",
                amendment=a.id, decision=decision) as rec:
        rec.update("amendments", {"id": a.id}, values)
        try:
            result = fate(node["text"], amendments_of_node(store, a.node_id))
        except Conflict as conflict:
            raise UsageError(f"On {node['label'] or node['title']}, {conflict}: give the text "
                             f"that results with --text.") from None
        if text is None and decision != "undecided":
            rec.update("amendments", {"id": a.id}, {
                "result_text": a.new if a.op == "new_node_after" else (result.text or "")})
        rec.change.result = a.id
    return rec.change


def write_new_text(store: Store, node_key: str, text: str) -> Change:
    """The Presidency's own wording of a node for the next revision, in one undoable change:
    a redraft by the Presidency, retained as written (listed in the compilation like any
    other amendment, proposed by "The Presidency")."""
    node = framework.node(store, node_key)
    round_id = framework.current_round_id(store)
    if round_id is None or node["round_id"] != round_id or not node["text"]:
        raise UsageError(f"{node_key} is not a paragraph of the current draft.")
    if not text.strip():
        raise UsageError("The new text is empty; to delete the paragraph, record a deletion.")
    now = now_iso()
    with record(store, f"Write the new text of {node['label'] or node['title']}",
                node=node_key) as rec:
        rec.change.result = rec.insert("amendments", {
            "round_id": round_id, "node_id": node["id"], "op": "redraft", "old": node["text"],
            "new": text.strip(), "status": "recorded", "decision": "retained_as_amended",
            "result_text": text.strip(), "text_given": 1, "decided_at": now,
            "decided_by": store.author, "source_kind": "manual", "created_at": now,
            "created_by": store.author})
    return rec.change


def set_supporters(store: Store, amendment_id: int, contributor_ids: Sequence[int]) -> Change:
    """Who supports an amendment (beside its proposers), as the compilation's "supported by"
    says: the list replaces the one before, in one undoable change."""
    a = amendment(store, amendment_id)
    proposers = {p.id for p in a.proposers}
    wanted = [i for i in dict.fromkeys(contributor_ids) if i not in proposers]
    with record(store, f"Set the supporters of amendment {a.id}", amendment=a.id) as rec:
        rec.delete_where("amendment_contributors", "amendment_id = ? AND role = 'supporter'",
                         (a.id,))
        for position, person in enumerate(wanted):
            rec.insert("amendment_contributors", {"amendment_id": a.id,
                                                  "contributor_id": person,
                                                  "role": "supporter", "position": position})
    return rec.change
