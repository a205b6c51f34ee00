"""Capturing a replica's changes: an SQLite session on the write connection, per transaction.

A team's replica records every change it commits — imports with their originals, mappings,
annotations, syntheses, registry, framework and settings edits, deletions, undo and redo —
as the row-level changeset SQLite's session extension makes of the transaction (old and new
values of every row), not as a diff of tables written by hand.  :class:`Capture` opens a
session when :meth:`lapdesk.store.database.Store.transaction` begins and, just before it
commits, files the changeset in ``team_outbox`` under the replica's next sequence number, in
the same transaction: a change and its place in the outbox land together or not at all.

Only the shared tables are attached (:data:`SHARED_TABLES`): the search index (its FTS5
shadow tables included), suggestions and team work's own bookkeeping stay local.  Applying a
colleague's pack runs with the capture paused (:meth:`Capture.paused`): it is theirs, not ours
to send again.

Each change also leaves stamps (:func:`record_stamps`): when, and by whom, each column of
each row it touched was written, and a tombstone for each row it deleted.  Stamps are a
hybrid logical clock — the time in UTC to the microsecond, never behind any stamp seen —
followed by the replica's id, so any two compare the same way on every replica.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

from lapdesk.store import sqlite
from lapdesk.store.cleared import refer_again
from lapdesk.store.edits_back import edit_again

# The tables whose rows travel between replicas.
SHARED_TABLES = frozenset({
    "settings", "contributors", "contributor_aliases", "contributions",
    "contribution_contributors", "blobs", "files", "paragraphs", "framework_nodes",
    "excerpts", "mappings", "topics", "annotations", "ocr_pages", "revisions", "comments",
    "audit", "rounds", "node_versions", "amendments", "amendment_contributors",
})
# Tables whose rows two replicas can each create with the same key (a mapping is the excerpt
# and the section; a contributor's id derives from its key; a round's, and an amendment's
# found in a reply, from what they were made of): when each row came to be is stamped, so
# that a later deletion and a later re-creation can be told apart.
NATURAL_KEY_TABLES = frozenset({
    "settings", "contributors", "contributor_aliases", "contribution_contributors", "blobs",
    "framework_nodes", "mappings", "ocr_pages", "rounds", "node_versions", "amendments",
    "amendment_contributors",
})
STAMP_TIME_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"


def stamp_time(stamp: str) -> str:
    """The ISO time of a stamp, without its replica."""
    return stamp.split(" ", 1)[0]


def pk_text(values: Iterable) -> str:
    """A row's primary key as stored in ``team_stamps`` and ``team_conflicts``: its JSON
    array (written by hand for integer keys, the common case, which json.dumps made the
    larger part of receiving a pack)."""
    values = tuple(values)
    if all(type(value) is int for value in values):
        return "[" + ", ".join(map(str, values)) + "]"
    return json.dumps(list(values), ensure_ascii=False)


class Capture:
    """The recorder of one replica's changes, attached to its store while open for writing."""

    def __init__(self, store, *, team_id: str, replica_id: str):
        self.store = store
        self.team_id = team_id
        self.replica_id = replica_id
        self._paused = 0
        self._columns: dict[str, list[str]] = {}

    def begin(self):
        """A session on the store's connection for the transaction beginning, or ``None``."""
        if self._paused:
            return None
        session = sqlite.Session(self.store.conn, "main")
        session.table_filter(lambda name: name in SHARED_TABLES)
        session.attach()
        return session

    @contextmanager
    def paused(self) -> Iterator[None]:
        """Changes made inside are not this replica's (a colleague's pack being applied)."""
        self._paused += 1
        try:
            yield
        finally:
            self._paused -= 1

    def commit(self, session) -> None:
        """File the transaction's changeset in the outbox (inside the transaction)."""
        try:
            changeset = session.changeset() if not session.is_empty else b""
        finally:
            session.close()
        if not changeset:
            return
        self.file(changeset, kind="changes")
        refer_again(self.store)  # this change may have brought back what they referred to
        edit_again(self.store)  # or a row whose colleague's edit was set aside

    def file(self, payload: bytes, *, kind: str) -> int:
        """Put ``payload`` in the outbox under the next sequence number; returns it."""
        stamp = self.next_stamp()
        row = self.store.query_one("SELECT next_seq FROM team_replica")
        seq = row["next_seq"]
        needs = {r["replica_id"]: r["applied_seq"] for r in self.store.query(
            "SELECT replica_id, applied_seq FROM team_members")}
        self.store.execute(
            "INSERT INTO team_outbox (seq, stamp, author, kind, needs, payload)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (seq, stamp, self.store.author, kind, json.dumps(needs), payload))
        self.store.execute("UPDATE team_replica SET next_seq = ?, clock = ?",
                           (seq + 1, stamp_time(stamp)))
        if kind == "changes":
            record_stamps(self.store, sqlite.Changeset.iter(payload), stamp, self.store.author,
                          self.columns)
        return seq

    def next_stamp(self) -> str:
        """Now, or just after the latest stamp seen if this machine's clock is behind it."""
        clock = self.store.query_one("SELECT clock FROM team_replica")["clock"]
        now = datetime.now(UTC)
        if clock:
            seen = datetime.strptime(clock, STAMP_TIME_FORMAT).replace(tzinfo=UTC)
            now = max(now, seen + timedelta(microseconds=1))
        return f"{now.strftime(STAMP_TIME_FORMAT)} {self.replica_id}"

    def see(self, stamp: str) -> None:
        """A colleague's stamp was applied: this replica's clock is never behind it."""
        self.store.execute("UPDATE team_replica SET clock = max(clock, ?)", (stamp_time(stamp),))

    def columns(self, table: str) -> list[str]:
        if table not in self._columns:
            self._columns[table] = [row["name"] for row in self.store.query(
                f'SELECT name FROM pragma_table_info("{table}")')]
        return self._columns[table]


def has_natural_key(change, columns) -> bool:
    """Whether two replicas can each create the row a TableChange inserts: a row of
    :data:`NATURAL_KEY_TABLES`, or the excerpt of an amendment's passage, whose id derives
    from the passage (:mod:`lapdesk.rounds.row_ids`) — other excerpts are a person's own."""
    if change.name in NATURAL_KEY_TABLES:
        return True
    return (change.name == "excerpts"
            and change.new[columns("excerpts").index("origin")] == "amendment")


def record_stamps(store, changes: Iterable, stamp: str, author: str, columns) -> None:
    """Stamp what ``changes`` (TableChange objects) wrote: each column an update set, each
    row a delete removed (a tombstone: its key, who and when, no content), and each row an
    insert brought back over a tombstone."""
    written, tombstones, revived, created = [], [], [], []
    for change in changes:
        table, op = change.name, change.op
        pk = pk_text(key_of(change))
        if op == "UPDATE":
            names = columns(table)
            written.extend((table, pk, names[i], stamp, author)
                           for i, value in enumerate(change.new)
                           if value is not sqlite.NO_CHANGE and i not in change.pk_columns)
        elif op == "DELETE":
            tombstones.append((table, pk, stamp, author))
        elif has_natural_key(change, columns):
            created.append((table, pk, stamp, author))
        else:
            revived.append((stamp, author, table, pk))
    if written:
        store.executemany(
            "INSERT INTO team_stamps (tbl, pk, col, stamp, author) VALUES (?, ?, ?, ?, ?)"
            " ON CONFLICT (tbl, pk, col) DO UPDATE SET stamp = excluded.stamp,"
            " author = excluded.author WHERE excluded.stamp > stamp", written)
    if tombstones:
        store.executemany(
            "INSERT INTO team_stamps (tbl, pk, col, stamp, author, deleted)"
            " VALUES (?, ?, '', ?, ?, 1) ON CONFLICT (tbl, pk, col) DO UPDATE SET"
            " stamp = excluded.stamp, author = excluded.author, deleted = 1"
            " WHERE excluded.stamp > stamp", tombstones)
    if created:
        store.executemany(
            "INSERT INTO team_stamps (tbl, pk, col, stamp, author) VALUES (?, ?, '', ?, ?)"
            " ON CONFLICT (tbl, pk, col) DO UPDATE SET stamp = excluded.stamp,"
            " author = excluded.author, deleted = 0"
            " WHERE excluded.stamp > stamp AND purged = 0", created)
    if revived:
        store.executemany(
            "UPDATE team_stamps SET stamp = ?1, author = ?2, deleted = 0"
            " WHERE tbl = ?3 AND pk = ?4 AND col = '' AND purged = 0 AND stamp < ?1", revived)


def attach(store) -> Capture | None:
    """Start recording the changes of ``store`` (open for writing) when it is a team's
    replica; a colleague's copy opened for the first time becomes a replica of its own here."""
    if store.readonly or not store.query_one(
            "SELECT 1 AS x FROM sqlite_master WHERE name = 'team_replica'"):
        return None
    row = store.query_one("SELECT team_id, replica_id FROM team_replica")
    if row is None:
        return None
    replica_id = row["replica_id"]
    if replica_id is None:
        replica_id = uuid.uuid4().hex[:12]
        with store.transaction():
            store.execute("UPDATE team_replica SET replica_id = ?", (replica_id,))
    store.capture = Capture(store, team_id=row["team_id"], replica_id=replica_id)
    return store.capture


def key_of(change) -> tuple:
    """The primary key values of the row a TableChange is about."""
    values = change.new if change.op == "INSERT" else change.old
    return tuple(values[i] for i in sorted(change.pk_columns))
