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
from lapdesk.store.capture import has_natural_key, key_of, pk_text, record_stamps
from lapdesk.store.search import index_paragraphs
from lapdesk.team import duplicates, orphans, purge, rules, update_merge
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
        self._deferred: list[update_merge.Deferred] = []
        self._alike: list[tuple[str, dict, dict]] = []
        self._fk_violation = False
        sqlite.Changeset.apply(changeset, self.store.conn, filter_change=self._keep,
                               conflict=self._conflict, flags=sqlite.APPLY_FLAGS)
        for table, key, values in self._alike:
            _update(self.store, table, key, values)
        for deferred in self._deferred:
            resolution = update_merge.resolve(self.store, deferred, stamp=stamp, author=author,
                                              origin=self.origin)
            _update(self.store, deferred.table, deferred.key, resolution.values)
            self._handled[(deferred.table, deferred.pk)] = resolution.won
            if resolution.found:
                self.found.append(resolution.found)
        self._after(changeset)
        if self._fk_violation:
            self.found += orphans.resolve(self.store, self.tombstones, origin=self.origin,
                                          stamp=stamp)

    # --- before each change -------------------------------------------------------------

    def _keep(self, change) -> bool:
        table, pk = change.name, pk_text(key_of(change))
        if change.op == "UPDATE":
            return self._keep_update(change, table, pk)
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

    def _keep_update(self, change, table: str, pk: str) -> bool:
        """An update older than an edit here of one of its columns is resolved after."""
        names = self.columns(table)
        columns = {names[i] for i, v in enumerate(change.new) if v is not sqlite.NO_CHANGE}
        newer = self.store.query_one(
            "SELECT 1 AS x FROM team_stamps WHERE tbl = ? AND pk = ? AND stamp > ?"
            f" AND col IN ({', '.join('?' * len(columns))}) LIMIT 1",
            (table, pk, self.stamp, *columns)) if columns else None
        if newer is None:
            return True
        self._deferred.append(update_merge.defer(change, names, pk))
        return False

    # --- where a change cannot be made as recorded ---------------------------------------

    def _conflict(self, reason: int, change) -> int:
        if reason == sqlite.CONFLICT_FOREIGN_KEY:
            self._fk_violation = True
            return sqlite.OMIT  # made anyway; orphans.resolve settles what it left
        table, op = change.name, change.op
        key = key_of(change)
        pk = pk_text(key)
        names = self.columns(table)
        if reason == sqlite.CONFLICT_DATA and op == "UPDATE":
            self._deferred.append(update_merge.defer(change, names, pk))
            return sqlite.OMIT  # resolved, column by column, after the apply
        if reason == sqlite.CONFLICT_DATA and op == "DELETE":
            if table in rules.VISIBLE_TABLES:
                stamps = {r["col"]: r["stamp"] for r in self.store.query(
                    "SELECT col, stamp FROM team_stamps WHERE tbl = ? AND pk = ? AND col != ''",
                    (table, pk))}  # to make the edit again if the row returns (edits_back)
                self._found("deleted", table, pk,
                            {**dict(zip(names, change.conflict, strict=True)), "_stamps": stamps},
                            {},
                            f"{self.origin} deleted a {rules.VISIBLE_TABLES[table]} that was "
                            "edited here meanwhile; the edited version is kept here")
            return sqlite.REPLACE
        if reason == sqlite.CONFLICT_NOTFOUND:
            self._handled[(table, pk)] = None
            tombstone = self.tombstones.get((table, pk))
            if op == "UPDATE" and table in rules.VISIBLE_TABLES and not (tombstone
                                                                        and tombstone[2]):
                changed = {names[i]: v for i, v in enumerate(change.new)
                           if v is not sqlite.NO_CHANGE}
                self._found("edited-deleted", table, pk, {}, {**changed, "_stamp": self.stamp},
                            f"{self.origin} edited a {rules.VISIBLE_TABLES[table]} deleted "
                            "here; the edit is kept here, in Conflicts")
            return sqlite.OMIT
        if reason == sqlite.CONFLICT_CONFLICT:
            incoming = dict(zip(names, change.new, strict=True))
            present = dict(zip(names, change.conflict, strict=True))
            if table in rules.MADE_ALIKE:
                made_last = self.stamp > self.tombstones.get((table, pk), ("",))[0]
                self._alike.append((table, {names[i]: change.new[i] for i in
                                            sorted(change.pk_columns)},
                                    rules.made_alike(table, incoming, made_last=made_last)))
            elif rules.insert_wins(table, incoming, present):
                return sqlite.REPLACE
            self._handled[(table, pk)] = [""]  # here already: only its stamp moves on
            return sqlite.OMIT
        self._handled[(table, pk)] = None  # a constraint (a unique key taken here)
        self._found("refused", table, pk, {}, {n: v for n, v in zip(names, change.new or (), strict=False)
                                                if v is not sqlite.NO_CHANGE},
                    f"A change from {self.origin} could not be applied: it clashes with a "
                    "row here")
        return sqlite.OMIT

    def _found(self, kind, table, pk, mine, theirs, summary, *, mine_by="", mine_at="") -> None:
        self.found.append(Found(kind, table, pk, summary, mine, theirs, mine_by=mine_by,
                                mine_at=mine_at, theirs_by=self.author, theirs_at=self.stamp))

    # --- after the apply ----------------------------------------------------------------

    def _after(self, changeset: bytes) -> None:
        paragraphs: list[int] = []
        contributions: list[int] = []
        files: list[int] = []
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
                    if handled == [""]:
                        self._exists(table, pk)
                    continue
                if change.op == "UPDATE":
                    self.counts["edits"] += 1
                elif change.op == "INSERT":
                    self.counts[table] += 1
                    if table == "paragraphs":
                        paragraphs.append(key[0])
                    elif table == "contributions":
                        contributions.append(key[0])
                    elif table == "files":
                        files.append(key[0])
                    if has_natural_key(change, self.columns) or (table, pk) in self.tombstones:
                        self._exists(table, pk)
                elif change.op == "DELETE":
                    self.counts["deletions"] += 1
                    self._deleted(table, pk)
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
        # After indexing: the purge takes the paragraphs out of the index again.
        purged = purge.purge_arrived(self.store, files, self.tombstones, stamp=self.stamp,
                                     author=self.author)
        contributions = [c for c in contributions if c not in purged]
        self.found += duplicates.logged_twice(self.store, contributions, origin=self.origin,
                                              author=self.author, stamp=self.stamp)


    def _deleted(self, table: str, pk: str) -> None:
        # Only ever later: a delete of a row already gone is applied as a no-op (IGNORENOOP)
        # and must not date this replica's own, later, tombstone back.
        known = self.tombstones.get((table, pk))
        if known is None or known[0] < self.stamp:
            self.tombstones[(table, pk)] = (self.stamp, 1, known[2] if known else 0)

    def _exists(self, table: str, pk: str) -> None:
        known = self.tombstones.get((table, pk))
        if known is None or known[0] < self.stamp:
            self.tombstones[(table, pk)] = (self.stamp, 0, 0)



def _update(store, table: str, key: dict, values: dict) -> None:
    if values:
        assignments = ", ".join(f'"{c}" = ?' for c in values)
        where = " AND ".join(f'"{c}" = ?' for c in key)
        store.execute(f'UPDATE "{table}" SET {assignments} WHERE {where}',
                      (*values.values(), *key.values()))
