"""Opening a store: creating, seeding and upgrading it first when it needs it.

A store is one SQLite file.  LAPDesk writes beside it only files whose names start with the
store's own name (``X.lapdesk-wal``, ``X.lapdesk.lock``, ``X.lapdesk.backups/``).  What is open
is a :class:`~lapdesk.store.database.Store`.
"""

from __future__ import annotations

import getpass
import os
from pathlib import Path

from lapdesk.core.errors import NotAStoreError, StoreError
from lapdesk.core.paths import long_path
from lapdesk.store import backup, capture, migrations, netpath, seed, sqlite
from lapdesk.store.database import Store
from lapdesk.store.lock import WriterLock

__all__ = ["STORE_SUFFIX", "Store", "default_author", "open_store"]

STORE_SUFFIX = ".lapdesk"


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
                             files=seed.SeedFiles(framework=framework, registry=registry))
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
        conn = sqlite.connect(path, readonly=True)
    except sqlite.Error as error:
        raise StoreError(f"{path} cannot be read: {error}.") from error
    try:
        return migrations.schema_version(conn)
    except sqlite.NOT_A_DATABASE as error:
        raise NotAStoreError(f"{path} is not a LAPDesk store.") from error
    except sqlite.Error as error:
        raise StoreError(f"{path} cannot be read: {error}.") from error
    finally:
        conn.close()


def _open_locked(path: Path, *, is_new: bool, readonly: bool, author: str | None,
                 files: seed.SeedFiles) -> Store:
    try:
        if is_new:
            path.parent.mkdir(parents=True, exist_ok=True)
            # Created for the user only: the store holds confidential correspondence.
            os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
        conn = sqlite.connect(path, readonly=readonly)
    except (OSError, sqlite.Error) as error:
        raise StoreError(f"{path} cannot be opened: {error}.") from error
    try:
        _configure(conn, path, readonly=readonly)
        if not is_new:
            _refuse_foreign_database(conn, path)
        if readonly:
            _check_version_readonly(conn, path)
        else:
            if 0 < migrations.schema_version(conn) < migrations.SCHEMA_VERSION:
                backup.take_backup(conn, path, reason="before-migration", force=True)
            migrations.migrate(conn, path_label=path.name, files=files)
    except sqlite.Error as error:
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
    if is_new or (not readonly and seed.is_unseeded(store)):
        seed.seed(store, files)
    capture.attach(store)  # a team's replica records its changes from now on
    return store


def _configure(conn: sqlite.Connection, path: Path, *, readonly: bool) -> None:
    conn.execute("PRAGMA foreign_keys = ON")
    if not readonly:
        # WAL's shared memory works only between processes of one machine.
        journal = "DELETE" if netpath.is_network_path(path) else "WAL"
        conn.execute(f"PRAGMA journal_mode = {journal}")
        conn.execute("PRAGMA synchronous = NORMAL" if journal == "WAL" else
                     "PRAGMA synchronous = FULL")


def _refuse_foreign_database(conn: sqlite.Connection, path: Path) -> None:
    """Never add LAPDesk's tables to somebody else's SQLite database."""
    version = migrations.schema_version(conn)
    if version == 0 and conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
        raise NotAStoreError(f"{path} is an SQLite database but not a LAPDesk store.")


def _check_version_readonly(conn: sqlite.Connection, path: Path) -> None:
    """A read-only store cannot be migrated: refuse both newer and older schemas."""
    version = migrations.schema_version(conn)
    if version > migrations.SCHEMA_VERSION:
        migrations.migrate(conn, path_label=path.name)  # raises NewerSchemaError
    if version < migrations.SCHEMA_VERSION:
        raise StoreError(
            f"{path.name} needs upgrading to this version of LAPDesk; open it for writing once."
        )


def _looks_like_store(store: Store) -> bool:
    tables = {row["name"] for row in store.query(
        "SELECT name FROM sqlite_master WHERE type = 'table'")}
    return {"contributions", "framework_nodes", "settings"} <= tables
