"""The store files this process holds SQLite connections to, which it must never open itself.

On POSIX a process's locks on a file belong to the file, not to a descriptor: closing *any*
descriptor of the store — ``open(path).read(16)``, a copy, an import that walks the store's
folder — silently drops every lock the process's SQLite connections hold on it.  The next
process to close its own connection then believes it is the last user, checkpoints and deletes
the ``-wal`` and ``-shm`` files, and from then on this process writes into a deleted journal
that nobody else sees and a crash loses.  SQLite avoids this for its own descriptors; plain
Python I/O cannot.

Every :class:`~lapdesk.store.connection.Store` registers its file here while it is open, and the
code paths that read or write files the user names (import, export, backups, "Save original
as…") ask :func:`is_held` first.  ``os.stat`` and ``os.path.samefile`` open no descriptor, so
asking is safe.
"""

from __future__ import annotations

import os
import threading
from collections import Counter
from pathlib import Path

# SQLite's own files beside a database: the WAL, its shared memory, the rollback journal.
SQLITE_SIDECARS = ("-wal", "-shm", "-journal")

_lock = threading.Lock()
_held: Counter[str] = Counter()


def _key(path: Path) -> str:
    try:
        return os.path.normcase(os.path.realpath(path))
    except OSError:  # Wine answers ERROR_MORE_DATA for a path past 260 characters
        return os.path.normcase(os.path.abspath(path))


def hold(path: Path) -> None:
    """A connection to the store at ``path`` was opened in this process."""
    with _lock:
        _held[_key(path)] += 1


def release(path: Path) -> None:
    """A connection to the store at ``path`` was closed."""
    key = _key(path)
    with _lock:
        _held[key] -= 1
        if _held[key] <= 0:
            del _held[key]


def store_files(store_path: Path) -> list[Path]:
    """The store and the files SQLite keeps beside it."""
    return [store_path] + [store_path.with_name(store_path.name + s) for s in SQLITE_SIDECARS]


def is_held(candidate: str | os.PathLike) -> bool:
    """Whether ``candidate`` is a store this process holds open, or one of its SQLite files —
    by name (even when it does not exist yet, as a journal may not) or by identity (a link)."""
    candidate = Path(candidate)
    key = _key(candidate)
    with _lock:
        stores = list(_held)
    for store in stores:
        for path in store_files(Path(store)):
            if _key(path) == key:
                return True
            try:
                if os.path.samefile(path, candidate):
                    return True
            except OSError:  # one of the two does not exist
                continue
    return False


def held_message(candidate: str | os.PathLike) -> str:
    """Why such a file is left alone, in one sentence."""
    name = Path(candidate).name
    return (f"{name} is the store LAPDesk has open, or one of its journal files; LAPDesk never "
            "reads or replaces it as an ordinary file.")
