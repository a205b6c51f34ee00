"""Salvage: copy every row that can still be read from a damaged store into a new one.

The way out when a store fails its check and no good backup is recent enough.  The new store
is built at the damaged store's schema version, filled table by table in rowid order — a read
error skips ahead to the next readable row instead of giving up the table — and then migrated
to this LAPDesk's schema.  Rows that lost what they refer to (a file whose original is gone)
and originals whose bytes no longer match their SHA-256 are left out and counted, so the new
store passes ``check``.  The damaged store is only read, never changed.

Salvage reads and writes through Python's ``sqlite3`` and introspects with sqlite-utils; the
store's own connections are APSW's.  Two SQLite libraries must never have one file open in one
process (:mod:`lapdesk.store.held`), so when this process holds the damaged store — the desk
that found it damaged — the salvage runs in a child process of its own.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from lapdesk.core.errors import NewerSchemaError, NotAStoreError, StoreError
from lapdesk.store import held, migrations
from lapdesk.store.connection import open_store
from lapdesk.store.integrity import check
from lapdesk.store.search import rebuild_index

LIBRARY = "sqlite3"

_MAX_PROBES = 80  # skip-ahead attempts per damaged stretch (steps double: reaches 2**63)


def salvage(src: str | os.PathLike, dest: str | os.PathLike) -> dict:
    """Copy every readable row of the store ``src`` into the new store ``dest``.

    :returns: ``{source, dest, schema_version, tables: {name: {copied, read_errors, dropped}},
        ok, problems}`` — ``ok``/``problems`` are the new store's check.
    :raises StoreError: ``dest`` exists, or ``src`` cannot be read as a LAPDesk store at all.
    """
    src, dest = Path(src).expanduser(), Path(dest).expanduser()
    if dest.exists():
        raise StoreError(f"{dest} already exists; salvage writes into a new file only.")
    if held.library_holding(src) not in (None, LIBRARY):
        return _in_child(src, dest)
    return _salvage(src, dest)


def _in_child(src: Path, dest: Path) -> dict:
    """:func:`salvage` in a process that holds no connection to ``src``."""
    context = multiprocessing.get_context("spawn")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(src, dest, sender), name="lapdesk-salvage")
    child.start()
    sender.close()
    try:
        outcome, value = receiver.recv()
    except EOFError:
        outcome, value = "error", StoreError(f"Salvaging {src.name} stopped unexpectedly; "
                                             f"{dest.name} may be incomplete.")
    finally:
        receiver.close()
        child.join()
    if outcome == "error":
        raise value
    return value


def _child(src: Path, dest: Path, sender) -> None:
    try:
        sender.send(("ok", _salvage(src, dest)))
    except Exception as error:  # handed to the parent, which raises it
        sender.send(("error", error))
    finally:
        sender.close()


def _salvage(src: Path, dest: Path) -> dict:
    try:
        with _connect(src, readonly=True) as source:
            version = _readable_version(source, src)
            dest.parent.mkdir(parents=True, exist_ok=True)
            os.close(os.open(dest, os.O_CREAT | os.O_WRONLY | os.O_EXCL, 0o600))
            with _connect(dest) as target:
                tables = _rebuild(source, target, version)
                migrations.migrate(target, path_label=dest.name)
    except sqlite3.Error as error:
        raise NotAStoreError(f"{src} cannot be read as a LAPDesk store ({error}).") from error
    with open_store(dest, create=False) as store:
        result = check(store)
    return {"source": str(src), "dest": str(dest), "schema_version": version,
            "tables": tables, **result}


@contextmanager
def _connect(path: Path, *, readonly: bool = False) -> Iterator[sqlite3.Connection]:
    """A ``sqlite3`` connection, registered as such in :mod:`lapdesk.store.held`."""
    held.hold(path, LIBRARY)
    try:
        if readonly:
            conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        else:
            conn = sqlite3.connect(path, isolation_level=None)
        try:
            yield conn
        finally:
            conn.close()
    finally:
        held.release(path)


def _readable_version(source: sqlite3.Connection, src: Path) -> int:
    version = migrations.schema_version(source)
    if version > migrations.SCHEMA_VERSION:
        raise NewerSchemaError(f"{src.name} was written by a newer version of LAPDesk; "
                               "salvage it with that version.")
    if version == 0:
        raise NotAStoreError(f"{src} is not a LAPDesk store (its schema version is unreadable).")
    return version


def _rebuild(source: sqlite3.Connection, target: sqlite3.Connection, version: int) -> dict:
    """The damaged store's schema in ``target``, and every row of it that can be read."""
    _create_schema(target, version)
    tables = {}
    target.execute("BEGIN")
    for table in _copyable_tables(target):
        tables[table] = _copy_table(source, target, table)
    # Before any row is dropped: the delete trigger removes a row's terms from the index.
    rebuild_index(target)
    target.execute("COMMIT")
    _drop_bad_originals(target, tables)
    _drop_orphans(target, tables)
    return tables


def _create_schema(conn: sqlite3.Connection, version: int) -> None:
    """The schema exactly as the damaged store had it: migrations 1..version."""
    for number in range(1, version + 1):
        conn.execute("BEGIN")
        for statement in migrations._split_sql(migrations.MIGRATIONS[number - 1]):
            conn.execute(statement)
        conn.execute(f"PRAGMA user_version = {number}")
        conn.execute("COMMIT")


def _copyable_tables(conn: sqlite3.Connection) -> list[str]:
    """Ordinary tables, skipping virtual tables and their shadow tables (the search index is
    rebuilt once every paragraph is in)."""
    import sqlite_utils  # only salvage introspects a schema: the app need not load it at start

    db = sqlite_utils.Database(conn)
    names = [name for name in db.table_names() if not name.startswith("sqlite_")]
    virtual = [name for name in names if db[name].virtual_table_using]
    return [name for name in names
            if name not in virtual and not any(name.startswith(v + "_") for v in virtual)]


def _copy_table(source: sqlite3.Connection, target: sqlite3.Connection, table: str) -> dict:
    import sqlite_utils

    columns = [column.name for column in sqlite_utils.Database(target)[table].columns]
    names = ", ".join(f'"{c}"' for c in columns)
    insert = f'INSERT OR IGNORE INTO "{table}" ({names}) VALUES ({", ".join("?" * len(columns))})'
    select = f'SELECT rowid, {names} FROM "{table}" WHERE rowid > ? ORDER BY rowid'
    stats = {"copied": 0, "read_errors": 0, "dropped": 0}
    last = -(2**63)
    while True:
        try:
            for row in source.execute(select, (last,)):
                last = row[0]
                try:
                    target.execute(insert, row[1:])
                    stats["copied"] += 1
                except sqlite3.Error:
                    stats["dropped"] += 1  # a garbled row that breaks a constraint
            return stats
        except sqlite3.DatabaseError:
            stats["read_errors"] += 1
            resume = _next_readable_rowid(source, table, last)
            if resume is None:
                return stats
            last = resume - 1


def _next_readable_rowid(source: sqlite3.Connection, table: str, after: int) -> int | None:
    """The first rowid past a damaged stretch that can be reached, probing ever further."""
    step = 1
    for _ in range(_MAX_PROBES):
        start = after + step
        if start >= 2**63 - 1:
            return None
        try:
            row = source.execute(f'SELECT rowid FROM "{table}" WHERE rowid > ? ORDER BY rowid '
                                 "LIMIT 1", (start,)).fetchone()
        except sqlite3.DatabaseError:
            step *= 2
            continue
        if row is None:
            return None
        try:
            source.execute(f'SELECT * FROM "{table}" WHERE rowid = ?', (row[0],)).fetchone()
        except sqlite3.DatabaseError:
            after = row[0]
            continue
        return row[0]
    return None


def _drop_bad_originals(conn: sqlite3.Connection, tables: dict) -> None:
    """Originals whose bytes no longer match their SHA-256 cannot be trusted: leave them out.
    (A blob that holds no bytes by design — an original too large to keep — is left alone.)"""
    bad = []
    for digest, size, data in conn.execute("SELECT sha256, size, data FROM blobs"):
        if not data and size:
            continue
        if data is None or len(data) != size or hashlib.sha256(data).hexdigest() != digest:
            bad.append(digest)
    conn.executemany("DELETE FROM blobs WHERE sha256 = ?", [(d,) for d in bad])
    if "blobs" in tables:
        tables["blobs"]["dropped"] += len(bad)


def _drop_orphans(conn: sqlite3.Connection, tables: dict) -> None:
    """Remove rows that refer to rows lost to the damage, until none is left."""
    for _ in range(20):
        orphans = conn.execute("PRAGMA foreign_key_check").fetchall()
        if not orphans:
            return
        for table, rowid, _parent, _fk in orphans:
            conn.execute(f'DELETE FROM "{table}" WHERE rowid = ?', (rowid,))
            if table in tables:
                tables[table]["dropped"] += 1
