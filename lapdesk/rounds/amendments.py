"""Amendments in the store, read: one, a node's, a contribution's, a round's.

Rows become :class:`~lapdesk.rounds.amendment_records.Amendment` records here and nowhere
else; writes are in :mod:`lapdesk.rounds.amendment_writes`.
"""

from __future__ import annotations

from lapdesk.core.errors import NotFoundError
from lapdesk.rounds.amendment_records import Amendment, Person, Source
from lapdesk.rounds.round_store import round_nodes
from lapdesk.store.database import Store
from lapdesk.store.framework import current_round_id

_SELECT = (
    "SELECT a.*, n.key AS node_key, n.label AS node_label, m.key AS move_key"
    " FROM amendments a JOIN framework_nodes n ON n.id = a.node_id"
    " LEFT JOIN framework_nodes m ON m.id = a.move_after_id"
)
# Of one node's amendments, the first made first.  (Not by id alone: in a team's replica ids
# are random, lapdesk.store.ids; the same on every replica, so ties still sort alike.)
_MADE = " ORDER BY a.created_at, a.id"


def _people(store: Store, ids: list[int]) -> dict[int, dict[str, list[Person]]]:
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    people: dict[int, dict[str, list[Person]]] = {}
    for row in store.query(
            "SELECT ac.amendment_id, ac.role, c.id, c.name, c.kind, c.status"
            " FROM amendment_contributors ac JOIN contributors c ON c.id = ac.contributor_id"
            f" WHERE ac.amendment_id IN ({marks}) ORDER BY ac.position, c.name", tuple(ids)):
        people.setdefault(row["amendment_id"], {}).setdefault(row["role"], []).append(
            Person(row["id"], row["name"], row["kind"], row["status"]))
    return people


def _records(store: Store, rows: list[dict]) -> list[Amendment]:
    people = _people(store, [row["id"] for row in rows])
    found = []
    for row in rows:
        who = people.get(row["id"], {})
        found.append(Amendment(
            id=row["id"], round_id=row["round_id"], node_id=row["node_id"],
            node=row["node_key"], label=row["node_label"], op=row["op"], old=row["old"],
            new=row["new"], span_start=row["span_start"], span_end=row["span_end"],
            move_after=row["move_key"], justification=row["justification"],
            status=row["status"], decision=row["decision"], result_text=row["result_text"],
            text_given=bool(row["text_given"]), decided_at=row["decided_at"],
            source=Source(row["contribution_id"], row["file_id"], row["start"], row["end"],
                          row["source_kind"]),
            excerpt_id=row["excerpt_id"], confidence=row["confidence"], reason=row["reason"],
            proposers=tuple(who.get("proposer", ())), supporters=tuple(who.get("supporter", ()))))
    return found


def amendment(store: Store, amendment_id: int) -> Amendment:
    rows = store.query(f"{_SELECT} WHERE a.id = ?", (amendment_id,))
    if not rows:
        raise NotFoundError(f"There is no amendment number {amendment_id}.")
    return _records(store, rows)[0]


def amendments_of_round(store: Store, round_id: int | None = None, *,
                        status: str = "recorded", node_ids: list[int] | None = None
                        ) -> list[Amendment]:
    """A round's amendments (default: the current round's recorded ones) in draft order."""
    round_id = current_round_id(store) if round_id is None else round_id
    where, params = "a.round_id IS ? AND a.status = ?", [round_id, status]
    if node_ids is not None:
        where += f" AND a.node_id IN ({','.join('?' * len(node_ids)) or 'NULL'})"
        params += node_ids
    rows = store.query(f"{_SELECT} WHERE {where}{_MADE}", tuple(params))
    return _records(store, _in_draft_order(store, round_id, rows))


def _in_draft_order(store: Store, round_id: int | None, rows: list[dict]) -> list[dict]:
    """``rows`` by their target's place in the round's tree (a target outside it last)."""
    if not rows:
        return rows
    try:
        place = {node["id"]: i for i, node in enumerate(round_nodes(store, round_id))}
    except NotFoundError:
        place = {}
    return sorted(rows, key=lambda row: place.get(row["node_id"], len(place)))


def amendments_of_node(store: Store, node_id: int, *, status: str = "recorded"
                       ) -> list[Amendment]:
    return _records(store, store.query(
        f"{_SELECT} WHERE a.node_id = ? AND a.status = ? AND a.round_id IS ?{_MADE}",
        (node_id, status, current_round_id(store))))


def amendments_of_contribution(store: Store, contribution_id: int, *,
                               statuses: tuple[str, ...] = ("recorded",)) -> list[Amendment]:
    marks = ",".join("?" * len(statuses))
    return _records(store, store.query(
        f"{_SELECT} WHERE a.contribution_id = ? AND a.status IN ({marks}) ORDER BY a.start, a.id",
        (contribution_id, *statuses)))
