"""The one SQLite library this process opens stores with: APSW, and what the store needs of it.

Why APSW and not Python's ``sqlite3`` is written in ``docs/architecture.md``: one recent SQLite
(FTS5, dbstat, the session extension) that is the same on every platform, whatever Python the
app was frozen with.  Two SQLite libraries must never have the same file open in one process:
on POSIX each keeps its own table of the file's locks, so one library closing its descriptor
drops the other's locks (APSW's documentation, and ``lapdesk.store.held``).  So every
connection to a store or a backup is made here, registered in :mod:`lapdesk.store.held` under
the name of this library, and ``sqlite3`` serves only salvage, in a process of its own when
this one holds the damaged store.
"""

from __future__ import annotations

from pathlib import Path

import apsw

from lapdesk.store import held

LIBRARY = "apsw"

Error = apsw.Error
# A file that is not an SQLite database, or one whose pages are damaged.
NOT_A_DATABASE = (apsw.NotADBError, apsw.CorruptError)
BUSY_TIMEOUT_MS = 5000


class Connection(apsw.Connection):
    """A connection to one file, registered in :mod:`lapdesk.store.held` while it is open."""

    def __init__(self, path: Path, *, readonly: bool = False):
        flags = apsw.SQLITE_OPEN_READONLY if readonly else apsw.SQLITE_OPEN_READWRITE
        # A Windows path in its extended-length form (past 260 characters, see
        # lapdesk.core.paths.long_path) goes to SQLite's win32-longpath VFS: the default one
        # stops at 260 characters.
        vfs = "win32-longpath" if str(path).startswith("\\\\?\\") else None
        held.hold(path, LIBRARY)  # refuses a file another SQLite library of ours has open
        try:
            super().__init__(str(path), flags=flags, vfs=vfs)
        except BaseException:
            held.release(path)
            raise
        self.path = path
        self._registered = True
        self.set_busy_timeout(BUSY_TIMEOUT_MS)

    def close(self, force: bool = False) -> None:
        super().close(force)
        if self._registered:
            self._registered = False
            held.release(self.path)


def connect(path: str | Path, *, readonly: bool = False) -> Connection:
    """Open the existing file ``path`` (never created here: the store makes its files 0600).

    :raises apsw.Error: the file cannot be opened.
    """
    return Connection(Path(path), readonly=readonly)


def copy_database(source: apsw.Connection, dest: apsw.Connection) -> None:
    """Copy ``source`` into ``dest`` with SQLite's online backup: a consistent snapshot even
    while others write to the source, its WAL included."""
    with dest.backup("main", source, "main") as backup:
        while not backup.done:
            backup.step(-1)


def complete_statement(sql: str) -> bool:
    """Whether ``sql`` ends with a complete statement (a trigger's body included)."""
    return apsw.complete(sql)


def rows_changed(conn: apsw.Connection) -> int:
    """The rows the last statement inserted, updated or deleted (triggers aside)."""
    return conn.changes()


def fetch_dicts(conn: apsw.Connection, sql: str, params: tuple | dict = ()) -> list[dict]:
    """The rows of one query, each a ``{column: value}`` dict."""
    cursor = conn.execute(sql, params)
    try:
        columns = [column for column, _declared in cursor.get_description()]
    except apsw.ExecutionCompleteError:  # the query returned no row
        return []
    return [dict(zip(columns, row, strict=True)) for row in cursor]


# The session extension, for team work (lapdesk.store.capture, lapdesk.team): a session records
# the row-level changes of the connection it sits on; a changeset replays them elsewhere.
Session = apsw.Session
Changeset = apsw.Changeset
ChangesetBuilder = apsw.ChangesetBuilder
TableChange = apsw.TableChange
NO_CHANGE = apsw.no_change  # a column an UPDATE left alone
CONFLICT_DATA = apsw.SQLITE_CHANGESET_DATA
CONFLICT_NOTFOUND = apsw.SQLITE_CHANGESET_NOTFOUND
CONFLICT_CONFLICT = apsw.SQLITE_CHANGESET_CONFLICT
CONFLICT_CONSTRAINT = apsw.SQLITE_CHANGESET_CONSTRAINT
CONFLICT_FOREIGN_KEY = apsw.SQLITE_CHANGESET_FOREIGN_KEY
OMIT = apsw.SQLITE_CHANGESET_OMIT
REPLACE = apsw.SQLITE_CHANGESET_REPLACE
ABORT = apsw.SQLITE_CHANGESET_ABORT
# Cascades stay off while a colleague's changes are applied (what they would take with them is
# kept as a conflict instead), and an update that is already in place is no conflict.
APPLY_FLAGS = apsw.SQLITE_CHANGESETAPPLY_FKNOACTION | apsw.SQLITE_CHANGESETAPPLY_IGNORENOOP
