"""Opening, creating and migrating a store, and the transaction that every change goes through.

A store is one SQLite file.  LAPDesk writes beside it only files whose names start with the
store's own name (``X.lapdesk-wal``, ``X.lapdesk.lock``, ``X.lapdesk.backups/``).
"""

from __future__ import annotations

import getpass
import os
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from lapdesk.core.errors import NotAStoreError, ReadOnlyStoreError, StoreError, StoreLockedError
from lapdesk.core.paths import long_path, sqlite_uri
from lapdesk.store import backup, held, migrations, netpath
from lapdesk.store.lock import WriterLock

STORE_SUFFIX = ".lapdesk"


class Store:
    """An open store: one connection, owned by the thread that opened it.

    Writes happen inside :meth:`transaction`; nested calls become savepoints, so a core
    function can be composed into a larger change and still commit as one.
    """

    def __init__(self, path: Path, conn: sqlite3.Connection, *, readonly: bool, author: str):
        self.path = path
        self.conn = conn
        self.readonly = readonly
        self.author = author
        self._depth = 0
        self._owner = threading.get_ident()
        # The sidecar writer lock, when this store was opened with ``lock=True``.
        self.writer_lock: WriterLock | None = None
        self._closed = False
        held.hold(path)

    @property
    def name(self) -> str:
        return self.path.name

    def sidecar(self, suffix: str) -> Path:
        """A file beside the store whose name starts with the store's name."""
        return self.path.with_name(self.path.name + suffix)

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        if self.readonly:
            raise ReadOnlyStoreError(f"{self.name} is open read-only; this change was not made.")
        if self.writer_lock is not None and self.writer_lock.lost:
            raise StoreLockedError(f"Another LAPDesk took over {self.name} while this one was "
                                   "idle; this change was not made. Reopen the store.")
        if self._depth == 0:
            self.conn.execute("BEGIN IMMEDIATE")
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
                self.conn.execute("ROLLBACK")
            raise
        else:
            self._depth -= 1
            if self._depth:
                self.conn.execute(f"RELEASE {savepoint}")
            else:
                self.conn.execute("COMMIT")

    def query(self, sql: str, params: tuple | dict = ()) -> list[dict]:
        cursor = self.conn.execute(sql, params)
        columns = [c[0] for c in cursor.description]
        return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]

    def query_one(self, sql: str, params: tuple | dict = ()) -> dict | None:
        rows = self.query(sql, params)
        return rows[0] if rows else None

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self.conn.close()
        held.release(self.path)
        if self.writer_lock is not None:
            self.writer_lock.release()
            self.writer_lock = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def default_author() -> str:
    """Who the audit log names: ``LAPDESK_AUTHOR``, else the operating-system user."""
    author = os.environ.get("LAPDESK_AUTHOR")
    if author:
        return author
    try:
        return getpass.getuser()
    except Exception:  # getuser() raises when no user name can be found at all
        return "unknown"


def open_store(
    path: str | os.PathLike,
    *,
    create: bool = True,
    readonly: bool = False,
    lock: bool = False,
    author: str | None = None,
    framework: Path | None = None,
    registry: Path | None = None,
) -> Store:
    """Open (and, if needed, create and migrate) the store at ``path``.

    A new store is seeded with the LAP framework, the contributor registry and the
    consultation settings, from ``resources/`` unless other files are given.

    With ``lock=True`` (the desk, writing commands) the sidecar writer lock is taken first and
    held until :meth:`Store.close`; read-only opens never take it.  A store on a network drive
    uses the rollback journal instead of WAL.  Before migrating an older schema, the store is
    backed up.

    :raises StoreLockedError: ``lock=True`` and another LAPDesk holds the store for writing.
    :raises NotAStoreError: the file is not a LAPDesk store.
    :raises NewerSchemaError: the store comes from a newer LAPDesk.
    :raises StoreError: the file cannot be opened or created.
    """
    path = long_path(Path(path).expanduser())  # the lock and backups beside it follow
    is_new = not path.exists() or path.stat().st_size == 0
    if is_new and (not create or readonly):
        raise StoreError(f"There is no store at {path}.")
    version = None if is_new else _probe_version(path)
    writer_lock = None
    # Creating or upgrading a store is writing, even for a reading command: it happens only
    # under the writer lock, held just for the open when the caller did not ask to keep it.
    upgrading = not readonly and (is_new or version < migrations.SCHEMA_VERSION)
    if (lock or upgrading) and not readonly:
        writer_lock = WriterLock(path, user=author or default_author())
        path.parent.mkdir(parents=True, exist_ok=True)
        writer_lock.acquire()
    try:
        store = _open_locked(path, is_new=is_new, readonly=readonly, author=author,
                             framework=framework, registry=registry)
    except BaseException:
        if writer_lock is not None:
            writer_lock.release()
        raise
    if writer_lock is not None and not lock:
        writer_lock.release()
        writer_lock = None
    store.writer_lock = writer_lock
    return store


def _probe_version(path: Path) -> int:
    """The schema version of an existing file, read through SQLite on a read-only connection.

    Never with plain file I/O: this process may already hold a connection to the store (the
    desk, whose background operations each open their own), and on POSIX closing *any*
    descriptor of a file drops every lock the process holds on it — the next process to close
    the store would then think itself the last one and delete the live ``-wal``.  SQLite itself
    keeps such descriptors open until its locks are released.

    :raises NotAStoreError: the file is not an SQLite database.
    :raises StoreError: the file cannot be read.
    """
    try:
        conn = sqlite3.connect(sqlite_uri(path, "ro"), uri=True)
    except sqlite3.Error as error:
        raise StoreError(f"{path} cannot be read: {error}.") from error
    try:
        return migrations.schema_version(conn)
    except sqlite3.DatabaseError as error:
        if isinstance(error, sqlite3.OperationalError) and "not a database" not in str(error):
            raise StoreError(f"{path} cannot be read: {error}.") from error
        raise NotAStoreError(f"{path} is not a LAPDesk store.") from error
    finally:
        conn.close()


def _open_locked(path: Path, *, is_new: bool, readonly: bool, author: str | None,
                 framework: Path | None, registry: Path | None) -> Store:
    try:
        if is_new:
            path.parent.mkdir(parents=True, exist_ok=True)
            # Created for the user only: the store holds confidential correspondence.
            os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
        uri = sqlite_uri(path, "ro" if readonly else "rw")
        conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
    except (OSError, sqlite3.Error) as error:
        raise StoreError(f"{path} cannot be opened: {error}.") from error
    try:
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA busy_timeout = 5000")
        if not readonly:
            # WAL's shared memory works only between processes of one machine.
            journal = "DELETE" if netpath.is_network_path(path) else "WAL"
            conn.execute(f"PRAGMA journal_mode = {journal}")
            conn.execute("PRAGMA synchronous = NORMAL" if journal == "WAL" else
                         "PRAGMA synchronous = FULL")
        if not is_new:
            _refuse_foreign_database(conn, path)
        if readonly:
            _check_version_readonly(conn, path)
        else:
            if 0 < migrations.schema_version(conn) < migrations.SCHEMA_VERSION:
                backup.take_backup(conn, path, reason="before-migration", force=True)
            applied = migrations.migrate(conn, path_label=path.name)
    except sqlite3.DatabaseError as error:
        conn.close()
        raise NotAStoreError(f"{path} is not a LAPDesk store ({error}).") from error
    except BaseException:
        conn.close()
        raise
    store = Store(path, conn, readonly=readonly, author=author or default_author())
    if not is_new and not _looks_like_store(store):
        store.close()
        raise NotAStoreError(f"{path} is an SQLite database but not a LAPDesk store.")
    # A store killed between its creation and its seeding is seeded when next opened.
    if is_new or (not readonly and _unseeded(store)):
        _seed(store, framework=framework, registry=registry)
    elif not readonly and applied:
        _fill_upgraded(store, applied, framework=framework, registry=registry)
    return store


def _fill_upgraded(store: Store, applied: list[int], *, framework: Path | None,
                   registry: Path | None) -> None:
    """What the built-in data gained with the versions an older store was just upgraded to:
    registry columns, the framework's translations."""
    from lapdesk.store import framework as framework_store
    from lapdesk.store import registry as registry_store

    registry_store.fill_later_columns(store, applied, registry)
    framework_store.fill_missing_translations(store, framework)


def _unseeded(store: Store) -> bool:
    return not any(
        store.conn.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchone()
        for table in ("framework_nodes", "contributors", "settings")
    )


def _refuse_foreign_database(conn: sqlite3.Connection, path: Path) -> None:
    """Never add LAPDesk's tables to somebody else's SQLite database."""
    version = migrations.schema_version(conn)
    if version == 0 and conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
        raise NotAStoreError(f"{path} is an SQLite database but not a LAPDesk store.")


def _check_version_readonly(conn: sqlite3.Connection, path: Path) -> None:
    """A read-only store cannot be migrated: refuse both newer and older schemas."""
    version = migrations.schema_version(conn)
    if version > migrations.SCHEMA_VERSION:
        migrations.migrate(conn, path_label=path.name)  # raises NewerSchemaError
    if version < migrations.SCHEMA_VERSION:
        raise StoreError(
            f"{path.name} needs upgrading to this version of LAPDesk; open it for writing once."
        )


def _looks_like_store(store: Store) -> bool:
    tables = {row[0] for row in store.conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table'")}
    return {"contributions", "framework_nodes", "settings"} <= tables


def _seed(store: Store, *, framework: Path | None, registry: Path | None) -> None:
    from lapdesk.store import framework as framework_store
    from lapdesk.store import registry as registry_store

    with store.transaction():
        framework_store.seed_framework(store, framework)
        registry_store.seed_registry(store, registry)
