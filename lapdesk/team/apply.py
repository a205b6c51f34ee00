"""Applying one entry of a colleague's pack: a changeset, through SQLite's session extension.

``Changeset.apply`` makes the rows' changes; where one cannot be made as recorded, SQLite asks
:meth:`Applier._conflict`, and the rules of :mod:`lapdesk.team.rules` answer.  Cascades are off
while applying (``FKNOACTION``): a colleague's deletion never silently takes with it what was
added here meanwhile — such rows are found afterwards (:mod:`lapdesk.team.orphans`) and kept
in Conflicts.  Before a change is made, :meth:`Applier._keep` lets a later deletion (a
tombstone) win over an earlier re-insertion and the other way round.  Paragraphs received join
the local search index.  The caller holds the transaction; nothing here is captured.
"""

from __future__ import annotations

from collections import Counter

from lapdesk.store import sqlite
from lapdesk.store.capture import key_of, pk_text, record_stamps
from lapdesk.store.search import index_paragraphs
from lapdesk.team import orphans, rules
from lapdesk.team.conflict_log import Found


class Applier:
    """Applies the entries of one pack from ``origin`` (a replica's name or initials).

    :param tombstones: ``{(table, pk): (stamp, deleted, purged)}`` of this store, loaded once
        for a whole reception and kept current here.
    """

    def __init__(self, store, *, origin: str, tombstones: dict):
        self.store = store
        self.origin = origin
        self.tombstones = tombstones
        self.columns = store.capture.columns
        self.counts: Counter = Counter()
        self.found: list[Found] = []

    def apply(self, changeset: bytes, *, stamp: str, author: str) -> None:
        if not changeset:  # struck out by a purge
            return
        self.stamp, self.author = stamp, author
        self._handled: dict[tuple[str, str], list[str] | None] = {}
        self._updates: list[tuple[str, dict, dict]] = []
        self._fk_violation = False
        sqlite.Changeset.apply(changeset, self.store.conn, filter_change=self._keep,
                               conflict=self._conflict, flags=sqlite.APPLY_FLAGS)
        for table, key, values in self._updates:
            assignments = ", ".join(f'"{c}" = ?' for c in values)
            where = " AND ".join(f'"{c}" = ?' for c in key)
            self.store.execute(f'UPDATE "{table}" SET {assignments} WHERE {where}',
                               (*values.values(), *key.values()))
        self._after(changeset)
        if self._fk_violation:
            self.found += orphans.resolve(self.store, self.tombstones, origin=self.origin,
                                          stamp=stamp)

    # --- before each change -------------------------------------------------------------

    def _keep(self, change) -> bool:
        table, pk = change.name, pk_text(key_of(change))
        tombstone = self.tombstones.get((table, pk))
        if tombstone is None:
            return True
        stamp, deleted, purged = tombstone
        if change.op == "INSERT" and deleted and (purged or stamp > self.stamp):
            self._handled[(table, pk)] = None  # deleted here later: the deletion stands
            return False
        if change.op == "DELETE" and not deleted and stamp > self.stamp:
            self._handled[(table, pk)] = None  # brought back here later: it stays
            return False
        return True

    # --- where a change cannot be made as recorded ---------------------------------------

    def _conflict(self, reason: int, change) -> int:
        table, op = change.name, change.op
        key = key_of(change)
        pk = pk_text(key)
        if reason == sqlite.CONFLICT_FOREIGN_KEY:
            self._fk_violation = True
            return sqlite.OMIT  # made anyway; orphans.resolve settles what it left
        if reason == sqlite.CONFLICT_DATA and op == "UPDATE":
            self._merge(change, key, pk)
            return sqlite.OMIT  # the merged values are written after the apply
        names = self.columns(table)
        if reason == sqlite.CONFLICT_DATA and op == "DELETE":
            if table in rules.VISIBLE_TABLES:
                self._found("deleted", table, pk, dict(zip(names, change.conflict)), {},
                            f"{self.origin} deleted a {rules.VISIBLE_TABLES[table]} that was "
                            "edited here meanwhile; the edit is kept here")
            return sqlite.REPLACE
        if reason == sqlite.CONFLICT_NOTFOUND:
            self._handled[(table, pk)] = None
            tombstone = self.tombstones.get((table, pk))
            if op == "UPDATE" and table in rules.VISIBLE_TABLES and not (tombstone
                                                                        and tombstone[2]):
                changed = {names[i]: v for i, v in enumerate(change.new)
                           if v is not sqlite.NO_CHANGE}
                self._found("edited-deleted", table, pk, {}, changed,
                            f"{self.origin} edited a {rules.VISIBLE_TABLES[table]} deleted "
                            "here; the edit is kept here")
            return sqlite.OMIT
        if reason == sqlite.CONFLICT_CONFLICT:
            incoming = dict(zip(names, change.new))
            present = dict(zip(names, change.conflict))
            if rules.insert_wins(table, incoming, present):
                return sqlite.REPLACE
            self._handled[(table, pk)] = None
            return sqlite.OMIT
        self._handled[(table, pk)] = None  # a constraint (a unique key taken here)
        self._found("refused", table, pk, {}, {n: v for n, v in zip(names, change.new or ())
                                                if v is not sqlite.NO_CHANGE},
                    f"A change from {self.origin} could not be applied: it clashes with a "
                    "row here")
        return sqlite.OMIT

    def _merge(self, change, key: tuple, pk: str) -> None:
        table = change.name
        names = self.columns(table)
        here = dict(zip(names, change.conflict))
        stamps = {row["col"]: (row["stamp"], row["author"]) for row in self.store.query(
            "SELECT col, stamp, author FROM team_stamps WHERE tbl = ? AND pk = ?", (table, pk))}
        values, won, kinds = {}, [], []
        for i, theirs in enumerate(change.new):
            if theirs is sqlite.NO_CHANGE or i in change.pk_columns:
                continue
            column, mine, base = names[i], change.conflict[i], change.old[i]
            if mine == base:
                value, kind = theirs, None
            elif mine == theirs:
                value, kind = mine, None
            else:
                value, kind = rules.resolve(table, column, base=base, mine=mine, theirs=theirs,
                                            mine_stamp=stamps.get(column, ("", ""))[0],
                                            theirs_stamp=self.stamp)
            if value != mine:
                values[column] = value
            won.append(column)
            if kind:
                kinds.append((kind, column, mine, theirs))
        if values:
            pk_names = [names[i] for i in sorted(change.pk_columns)]
            self._updates.append((table, dict(zip(pk_names, key)), values))
        self._handled[(table, pk)] = won
        if kinds:
            theirs_row = {**here, **{c: t for _k, c, _m, t in kinds}}
            at, by = max(stamps.get(c, ("", "")) for _k, c, _m, _t in kinds)
            kind = kinds[0][0]
            self._found(kind, table, pk, here, theirs_row, _summary(kind, self.origin),
                        mine_by=by, mine_at=at)

    def _found(self, kind, table, pk, mine, theirs, summary, *, mine_by="", mine_at="") -> None:
        self.found.append(Found(kind, table, pk, summary, mine, theirs, mine_by=mine_by,
                                mine_at=mine_at, theirs_by=self.author, theirs_at=self.stamp))

    # --- after the apply ----------------------------------------------------------------

    def _after(self, changeset: bytes) -> None:
        paragraphs: list[int] = []
        partial: list[tuple] = []

        def applied():
            for change in sqlite.Changeset.iter(changeset):
                table, key = change.name, key_of(change)
                pk = pk_text(key)
                handled = self._handled.get((table, pk), False)
                if handled is None:
                    continue
                if handled is not False:
                    partial.extend((table, pk, c, self.stamp, self.author) for c in handled)
                    continue
                if change.op == "UPDATE":
                    self.counts["edits"] += 1
                elif change.op == "INSERT":
                    self.counts[table] += 1
                    if table == "paragraphs":
                        paragraphs.append(key[0])
                    if (table, pk) in self.tombstones:
                        self.tombstones[(table, pk)] = (self.stamp, 0, 0)
                elif change.op == "DELETE":
                    self.counts["deletions"] += 1
                    self.tombstones[(table, pk)] = (self.stamp, 1, 0)
                yield change

        record_stamps(self.store, applied(), self.stamp, self.author, self.columns)
        if partial:
            self.store.executemany(
                "INSERT INTO team_stamps (tbl, pk, col, stamp, author) VALUES (?, ?, ?, ?, ?)"
                " ON CONFLICT (tbl, pk, col) DO UPDATE SET stamp = excluded.stamp,"
                " author = excluded.author WHERE excluded.stamp > stamp", partial)
        for start in range(0, len(paragraphs), 500):
            batch = paragraphs[start:start + 500]
            index_paragraphs(self.store, f"id IN ({', '.join('?' * len(batch))})",
                             tuple(batch))


def _summary(kind: str, origin: str) -> str:
    return {
        "position": f"{origin} and this replica both edited this position",
        "synthesis": f"{origin} and this replica edited the same passage of this synthesis; "
                     "both texts are kept",
        "publication": f"{origin} and this replica disagree on permission to publish; "
                       "\u201cno\u201d stands until someone confirms",
    }.get(kind, f"{origin} and this replica both changed this")
