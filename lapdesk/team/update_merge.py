"""Two replicas edited the same row: each column takes the rule's value.

An update is resolved here rather than by SQLite when the columns it sets were written here
since (a DATA conflict), or written here by a later edit than it (its stamp is older than the
column's: applying it would undo a newer edit).  Per column: the later edit wins (a hybrid
logical clock, the same comparison on every replica), except where :mod:`lapdesk.team.rules`
says otherwise; the edit set aside is kept in Conflicts (with, for a synthesis, the
three-way merge of both).
"""

from __future__ import annotations

from dataclasses import dataclass

from lapdesk.store import sqlite
from lapdesk.team import rules
from lapdesk.team.conflict_log import Found


@dataclass
class Deferred:
    """An update from a pack, copied out of SQLite's iterator to be resolved after the apply."""

    table: str
    key: dict
    pk: str
    old: dict  # the values it expected, for the columns it sets
    new: dict  # the values it sets


def defer(change, names: list[str], pk: str) -> Deferred:
    pk_columns = sorted(change.pk_columns)
    return Deferred(
        change.name, {names[i]: change.old[i] for i in pk_columns}, pk,
        {names[i]: v for i, v in enumerate(change.old)
         if v is not sqlite.NO_CHANGE and i not in change.pk_columns},
        {names[i]: v for i, v in enumerate(change.new)
         if v is not sqlite.NO_CHANGE and i not in change.pk_columns})


@dataclass
class Resolution:
    values: dict  # columns to set to what the colleague wrote
    won: list  # columns whose stamp becomes the incoming edit's
    found: Found | None


def resolve(store, deferred: Deferred, *, stamp: str, author: str, origin: str) -> Resolution:
    where = " AND ".join(f'"{c}" = ?' for c in deferred.key)
    here = store.query_one(f'SELECT * FROM "{deferred.table}" WHERE {where}',
                           tuple(deferred.key.values()))
    if here is None:  # gone since: a deletion in the same pack's run
        return Resolution({}, [], None)
    stamps = {row["col"]: (row["stamp"], row["author"]) for row in store.query(
        "SELECT col, stamp, author FROM team_stamps WHERE tbl = ? AND pk = ?",
        (deferred.table, deferred.pk))}
    values, won, kinds = {}, [], []
    for column, theirs in deferred.new.items():
        mine, base = here[column], deferred.old.get(column)
        mine_stamp = stamps.get(column, ("", ""))[0]
        if mine == theirs:
            won.append(column)
            continue
        if mine == base and stamp > mine_stamp:
            values[column] = theirs
            won.append(column)
            continue
        value, kind = rules.resolve(deferred.table, column, base=base, mine=mine,
                                    theirs=theirs, mine_stamp=mine_stamp, theirs_stamp=stamp)
        if kind and mine == base and kind != "publication":
            kind = None  # rewritten here to what it was: no edit of someone's is set aside
        if value != mine:
            values[column] = value
        if value == theirs or stamp > mine_stamp:
            won.append(column)  # its stamp moves on to the later of the two
        if kind:
            kinds.append((kind, column, theirs))
    found = None
    if kinds:
        at, by = max(stamps.get(c, ("", "")) for _k, c, _t in kinds)
        kind = kinds[0][0]
        theirs_row = {**here, **deferred.new}
        if kind == "synthesis":
            theirs_row["_merged"] = rules.merged_synthesis(
                deferred.old.get("synthesis"), here["synthesis"], theirs_row["synthesis"],
                mine_stamp=at, theirs_stamp=stamp)
        found = Found(kind, deferred.table, deferred.pk, _summary(kind, origin), here,
                      theirs_row, mine_by=by, mine_at=at, theirs_by=author, theirs_at=stamp)
    return Resolution(values, won, found)


def _summary(kind: str, origin: str) -> str:
    return {
        "position": f"{origin} and this replica both edited this position",
        "synthesis": f"{origin} and this replica both edited this synthesis; the latest "
                     "is in place, the merge of both is offered",
        "publication": f"{origin} and this replica disagree on permission to publish; "
                       "\u201cno\u201d stands until someone confirms",
        "decision": f"{origin} and this replica decided differently on this amendment; "
                    "the latest decision is in place",
    }.get(kind, f"{origin} and this replica both changed this")
