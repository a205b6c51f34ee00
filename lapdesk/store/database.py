"""An open store: its one connection, the transaction every change goes through, and queries.

Opening, creating, seeding and upgrading a store are :mod:`lapdesk.store.connection`'s work;
a :class:`Store` is what they hand out, and what every table family's functions take.  Its
helpers say what a statement did (:meth:`Store.insert` returns the new row's id,
:meth:`Store.execute` how many rows changed), so no caller depends on the cursor semantics of
one SQLite library.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from lapdesk.core.errors import ReadOnlyStoreError, StoreLockedError
from lapdesk.store import sqlite
from lapdesk.store.ids import natural_id, random_id
from lapdesk.store.lock import WriterLock


class Store:
    """An open store: one connection, used by one thread at a time.

    Writes happen inside :meth:`transaction`; nested calls become savepoints, so a core
    function can be composed into a larger change and still commit as one.
    """

    def __init__(self, path: Path, conn: sqlite.Connection, *, readonly: bool, author: str):
        self.path = path
        self.conn = conn
        self.readonly = readonly
        self.author = author
        self._depth = 0
        # The sidecar writer lock, when this store was opened with ``lock=True``.
        self.writer_lock: WriterLock | None = None
        self._closed = False
        # Team work: the recorder of this replica's changes (lapdesk.store.capture), when the
        # store is a team's and open for writing.
        self.capture = None

    def new_id(self, table: str = "", key: str | None = None) -> int | None:
        """The id for a new row: ``None`` (SQLite's own) in a store that works alone, a
        globally unique one in a team's replica (:mod:`lapdesk.store.ids`)."""
        if self.capture is None:
            return None
        return natural_id(table, key) if key is not None else random_id()

    @property
    def name(self) -> str:
        return self.path.name

    def sidecar(self, suffix: str) -> Path:
        """A file beside the store whose name starts with the store's name."""
        return self.path.with_name(self.path.name + suffix)

    @contextmanager
    def transaction(self) -> Iterator[sqlite.Connection]:
        if self.readonly:
            raise ReadOnlyStoreError(f"{self.name} is open read-only; this change was not made.")
        if self.writer_lock is not None and self.writer_lock.lost:
            raise StoreLockedError(f"Another LAPDesk took over {self.name} while this one was "
                                   "idle; this change was not made. Reopen the store.")
        session = None
        if self._depth == 0:
            self.conn.execute("BEGIN IMMEDIATE")
            if self.capture is not None:
                session = self.capture.begin()
        savepoint = f"sp{self._depth}"
        if self._depth:
            self.conn.execute(f"SAVEPOINT {savepoint}")
        self._depth += 1
        try:
            yield self.conn
        except BaseException:
            self._depth -= 1
            if self._depth:
                self.conn.execute(f"ROLLBACK TO {savepoint}")
                self.conn.execute(f"RELEASE {savepoint}")
            else:
                if session is not None:
                    session.close()
                self.conn.execute("ROLLBACK")
            raise
        else:
            self._depth -= 1
            if self._depth:
                self.conn.execute(f"RELEASE {savepoint}")
            else:
                if session is not None:  # the replica's changeset joins its outbox, atomically
                    try:
                        self.capture.commit(session)
                    except BaseException:
                        self.conn.execute("ROLLBACK")
                        raise
                self.conn.execute("COMMIT")

    def query(self, sql: str, params: tuple | dict = ()) -> list[dict]:
        """Every row of a query, as ``{column: value}`` dicts."""
        return sqlite.fetch_dicts(self.conn, sql, params)

    def query_one(self, sql: str, params: tuple | dict = ()) -> dict | None:
        rows = self.query(sql, params)
        return rows[0] if rows else None

    def execute(self, sql: str, params: tuple | dict = ()) -> int:
        """Run one statement that returns no rows; returns how many rows it changed."""
        self.conn.execute(sql, params)
        return sqlite.rows_changed(self.conn)

    def insert(self, sql: str, params: tuple | dict = ()) -> int:
        """Run one INSERT; returns the id (rowid) of the row it inserted."""
        self.conn.execute(sql, params)
        return self.conn.last_insert_rowid()

    def executemany(self, sql: str, rows: Iterable[tuple | dict]) -> None:
        """Run one statement for each of ``rows``."""
        self.conn.executemany(sql, rows)

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self.conn.close()
        if self.writer_lock is not None:
            self.writer_lock.release()
            self.writer_lock = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
