"""Recorded changes: every user-visible edit is one audited transaction with an inverse.

A core function opens ``with record(store, "Map excerpt to Universalisation") as rec:`` and
makes its writes through ``rec.insert / rec.update / rec.delete``.  The recorder keeps each
row's image before and after, so :func:`undo` and :func:`redo` can replay any change without
the function having to write its own inverse.  Both are themselves audited transactions.
Writes that cascade must delete the dependent rows through the recorder first, so that undo
can bring them back.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from lapdesk.core.clock import now_iso_precise
from lapdesk.core.errors import StoreError
from lapdesk.store import sqlite
from lapdesk.store.database import Store
from lapdesk.store.search import index_inserted

# Primary-key columns of every table a change may touch.
PRIMARY_KEYS: dict[str, tuple[str, ...]] = {
    "settings": ("key",),
    "contributors": ("id",),
    "contributor_aliases": ("contributor_id", "alias"),
    "contributions": ("id",),
    "contribution_contributors": ("contribution_id", "contributor_id"),
    "files": ("id",),
    "paragraphs": ("id",),
    "framework_nodes": ("id",),
    "excerpts": ("id",),
    "mappings": ("excerpt_id", "node_id"),
    "topics": ("id",),
    "annotations": ("id",),
    "suggestions": ("id",),
    "ocr_pages": ("file_id", "page"),
    "revisions": ("id",),
    "comments": ("id",),
    "rounds": ("id",),
    "node_versions": ("round_id", "node_id"),
    "amendments": ("id",),
    "amendment_contributors": ("amendment_id", "contributor_id"),
}


class ChangedSinceError(StoreError):
    """An undo that would take back what someone changed after the change it undoes."""


# Tables whose rows have a natural key: in a team, their ids derive from it (store/ids.py).
NATURAL_KEYS = ("contributors", "framework_nodes")


@dataclass
class RowChange:
    table: str
    key: dict[str, Any]
    before: dict[str, Any] | None
    after: dict[str, Any] | None


@dataclass
class Change:
    """What one user action changed; ``result`` is what the action returns (e.g. a new id)."""

    description: str
    rows: list[RowChange] = field(default_factory=list)
    result: Any = None

    @property
    def tables(self) -> set[str]:
        """The tables touched, so each view can decide whether to refresh."""
        return {row.table for row in self.rows}


class Recorder:
    """Makes writes inside a transaction and remembers their before/after images."""

    def __init__(self, store: Store, change: Change):
        self.store = store
        self.change = change

    def _fetch(self, table: str, key: dict[str, Any]) -> dict[str, Any] | None:
        where = " AND ".join(f'"{c}" = ?' for c in key)
        return self.store.query_one(f'SELECT * FROM "{table}" WHERE {where}', tuple(key.values()))

    def _key_of(self, table: str, row: dict[str, Any]) -> dict[str, Any]:
        return {c: row[c] for c in PRIMARY_KEYS[table]}

    def insert(self, table: str, values: dict[str, Any]) -> int:
        if PRIMARY_KEYS[table] == ("id",) and "id" not in values and table != "suggestions":
            new_id = self.store.new_id(table, values.get("key") if table in NATURAL_KEYS
                                       else None)
            if new_id is not None:
                values = {"id": new_id, **values}
        columns = ", ".join(f'"{c}"' for c in values)
        marks = ", ".join("?" for _ in values)
        rowid = self.store.insert(
            f'INSERT INTO "{table}" ({columns}) VALUES ({marks})', tuple(values.values())
        )
        pk = PRIMARY_KEYS[table]
        if pk == ("id",):
            key = {"id": values.get("id", rowid)}
        else:
            key = {c: values[c] for c in pk}
        index_inserted(self.store, table, key)
        after = self._fetch(table, key)
        self.change.rows.append(RowChange(table, key, None, after))
        return key.get("id", rowid)

    def update(self, table: str, key: dict[str, Any], values: dict[str, Any]) -> None:
        before = self._fetch(table, key)
        if before is None:
            return
        if all(before.get(c) == v for c, v in values.items()):
            return
        assignments = ", ".join(f'"{c}" = ?' for c in values)
        where = " AND ".join(f'"{c}" = ?' for c in key)
        self.store.execute(
            f'UPDATE "{table}" SET {assignments} WHERE {where}',
            (*values.values(), *key.values()),
        )
        self.change.rows.append(RowChange(table, key, before, self._fetch(table, key)))

    def delete(self, table: str, key: dict[str, Any]) -> None:
        before = self._fetch(table, key)
        if before is None:
            return
        where = " AND ".join(f'"{c}" = ?' for c in key)
        self.store.execute(f'DELETE FROM "{table}" WHERE {where}', tuple(key.values()))
        self.change.rows.append(RowChange(table, key, before, None))

    def delete_where(self, table: str, where: str, params: tuple) -> None:
        for row in self.store.query(f'SELECT * FROM "{table}" WHERE {where}', params):
            self.delete(table, self._key_of(table, row))


@contextmanager
def record(store: Store, description: str, **details: Any) -> Iterator[Recorder]:
    """Run the block as one transaction, audited under ``description``."""
    change = Change(description)
    with store.transaction():
        recorder = Recorder(store, change)
        yield recorder
        _audit(store, description, {**details, **_contributions_of(store, change)})


def _audit(store: Store, action: str, details: dict[str, Any]) -> None:
    replica = store.capture.replica_id if store.capture is not None else ""
    store.execute(
        "INSERT INTO audit (id, at, author, action, details, replica) VALUES (?, ?, ?, ?, ?, ?)",
        (store.new_id(), now_iso_precise(), store.author, action,
         json.dumps(details, ensure_ascii=False, default=str), replica),
    )


def _contributions_of(store: Store, change: Change) -> dict[str, list[int]]:
    """``{"contributions": [ids]}``, the contributions a change touched, for its audit entry
    (nothing when none: a pack carries every entry), so that the history of one contribution
    can be listed (``lapdesk history --contribution``) even once what it touched is deleted:
    an excerpt's or a file's contribution, a position's or a mapping's excerpt's."""
    found: set[int] = set()
    excerpt_ids: set[int] = set()
    for row in change.rows:
        image = row.after or row.before or {}
        if row.table == "contributions":
            found.add(row.key["id"])
        elif image.get("contribution_id") is not None:  # an excerpt, a file, a contributor's
            found.add(image["contribution_id"])
        elif image.get("excerpt_id") is not None:  # a position, a mapping
            excerpt_ids.add(image["excerpt_id"])
    in_change = {row.key["id"]: (row.after or row.before)["contribution_id"]
                 for row in change.rows if row.table == "excerpts"}
    for excerpt_id in excerpt_ids:
        if excerpt_id in in_change:  # (deleted by this very change, perhaps)
            found.add(in_change[excerpt_id])
        elif (excerpt := store.query_one("SELECT contribution_id FROM excerpts WHERE id = ?",
                                         (excerpt_id,))) is not None:
            found.add(excerpt["contribution_id"])
    return {"contributions": sorted(found)} if found else {}


def audit(store: Store, action: str, **details: Any) -> None:
    """Log an action that is not undoable (an import, an export) in the current transaction."""
    _audit(store, action, details)


def undo(store: Store, change: Change) -> None:
    """Put every row the change touched back as it was before it.

    Undo stays local: it is a change of its own (which a team's replica sends like any
    other), and it never takes back a colleague's work — when a change a colleague made
    since touched the same rows, it is refused.

    :raises ChangedSinceError: a row is no longer as the change left it.
    """
    with store.transaction():
        _refuse_if_changed(store, change, {_row_id(r): r.after for r in change.rows}, "undone")
        _refuse_if_used(store, change, {_row_id(r): r.before for r in change.rows}, "undone")
        with _gone_since(store, change, "undone"):
            for row in reversed(change.rows):
                _apply(store, row.table, row.key, row.after, row.before)
        _audit(store, f"Undo: {change.description}", _contributions_of(store, change))


def redo(store: Store, change: Change) -> None:
    """Apply the change again, exactly as it was first made (same ids).

    :raises ChangedSinceError: a row is no longer as the undo left it.
    """
    with store.transaction():
        _refuse_if_changed(store, change,
                           {_row_id(r): r.before for r in reversed(change.rows)}, "redone")
        _refuse_if_used(store, change, {_row_id(r): r.after for r in change.rows}, "redone")
        with _gone_since(store, change, "redone"):
            for row in change.rows:
                _apply(store, row.table, row.key, row.before, row.after)
        _audit(store, f"Redo: {change.description}", _contributions_of(store, change))


@contextmanager
def _gone_since(store: Store, change: Change, verb: str) -> Iterator[None]:
    """In a team's replica, what a row to bring back belonged to may have been deleted by a
    colleague since (a foreign key refuses the row): say so; nothing is written."""
    try:
        yield
    except sqlite.Error as error:
        if store.capture is None:
            raise
        raise ChangedSinceError(
            f"“{change.description}” cannot be {verb}: what it belonged to has been deleted "
            "since (by a colleague's changes received meanwhile).") from error


def _row_id(row: RowChange) -> tuple:
    return (row.table, tuple(row.key.items()))


def _refuse_if_changed(store: Store, change: Change, expected: dict, verb: str) -> None:
    """In a team's replica, each row must be as ``change`` (or its undo) left it: its last
    image.  (A store that works alone has no one else's changes to protect.)"""
    if store.capture is None:
        return
    recorder = Recorder(store, change)
    for (table, key), image in expected.items():
        if recorder._fetch(table, dict(key)) != image:
            raise ChangedSinceError(
                f"“{change.description}” cannot be {verb}: what it changed has been changed "
                "since (by a colleague's changes received meanwhile).")


# What rows made since that still refer to a row an undo would remove are, in the user's words.
_USES = {("contributions", "rounds"): "replies are logged in this round"}


def _refuse_if_used(store: Store, change: Change, targets: dict, verb: str) -> None:
    """Refuse to remove a row that rows made since (not part of ``change``) still refer to
    by a reference the schema keeps (no ``ON DELETE`` action): the replies logged in a round
    whose start is undone.  Removing it would fail, and nothing of theirs may be lost; they
    are named, for the user to take them back first.  (Alone and in a team alike.)"""
    gone: dict[str, list[dict]] = {}
    for row in change.rows:
        if targets[_row_id(row)] is None and (row.before or row.after):
            gone.setdefault(row.table, []).append(row.before or row.after)
    for parent, rows in gone.items():
        for child in PRIMARY_KEYS:
            for column, target in _kept_references(store, child, parent):
                users = _users(store, child, column, target, rows, targets)
                if users:
                    raise ChangedSinceError(_used_message(change, verb, child, parent, users))


def _kept_references(store: Store, child: str, parent: str) -> list[tuple[str, str]]:
    """``child``'s single-column references to ``parent`` that refuse its deletion."""
    return [(ref["from"], ref["to"] or PRIMARY_KEYS[parent][0]) for ref in store.query(
        f'SELECT "from", "to", on_delete FROM pragma_foreign_key_list("{child}")'
        ' WHERE "table" = ?', (parent,)) if ref["on_delete"] in ("NO ACTION", "RESTRICT")]


def _users(store: Store, child: str, column: str, target: str, rows: list[dict],
           targets: dict) -> list[dict]:
    """The rows of ``child`` that will still refer to one of ``rows`` afterwards."""
    values = sorted({row[target] for row in rows if row.get(target) is not None})
    users = []
    for start in range(0, len(values), 500):
        batch = values[start:start + 500]
        for row in store.query(f'SELECT * FROM "{child}" WHERE "{column}" IN'
                               f' ({", ".join("?" * len(batch))})', tuple(batch)):
            key = (child, tuple((c, row[c]) for c in PRIMARY_KEYS[child]))
            after = targets.get(key, row)
            if after is not None and after.get(column) == row[column]:
                users.append(row)
    return users


def _used_message(change: Change, verb: str, child: str, parent: str, users: list[dict]) -> str:
    named = [f"“{u['title']}”" if u.get("title") else str(u.get("id", "")) for u in users[:3]]
    more = f" and {len(users) - 3} more" if len(users) > 3 else ""
    what = _USES.get((child, parent), f"{len(users)} rows of {child} made since refer to it")
    return (f"“{change.description}” cannot be {verb}: {what} ({', '.join(named)}{more}). "
            "Delete those first, then try again.")


def _apply(store: Store, table: str, key: dict, current: dict | None, target: dict | None) -> None:
    where = " AND ".join(f'"{c}" = ?' for c in key)
    if target is None:
        store.execute(f'DELETE FROM "{table}" WHERE {where}', tuple(key.values()))
    elif current is None:
        columns = ", ".join(f'"{c}"' for c in target)
        marks = ", ".join("?" for _ in target)
        store.execute(
            f'INSERT INTO "{table}" ({columns}) VALUES ({marks})', tuple(target.values())
        )
        index_inserted(store, table, key)
    else:
        assignments = ", ".join(f'"{c}" = ?' for c in target)
        store.execute(
            f'UPDATE "{table}" SET {assignments} WHERE {where}',
            (*target.values(), *key.values()),
        )
