"""The store files this process holds SQLite connections to, which it must never open itself.

On POSIX a process's locks on a file belong to the file, not to a descriptor: closing *any*
descriptor of the store — ``open(path).read(16)``, a copy, an import that walks the store's
folder — silently drops every lock the process's SQLite connections hold on it.  The next
process to close its own connection then believes it is the last user, checkpoints and deletes
the ``-wal`` and ``-shm`` files, and from then on this process writes into a deleted journal
that nobody else sees and a crash loses.  SQLite avoids this for its own descriptors; plain
Python I/O cannot.

Every connection (:class:`lapdesk.store.sqlite.Connection`) registers its file here while it is
open, and the code paths that read or write files the user names (import, export, backups,
"Save original as…") ask :func:`is_held` first.  ``os.stat`` and ``os.path.samefile`` open no
descriptor, so asking is safe.

The same happens between two SQLite libraries: ``sqlite3`` and APSW each carry their own
SQLite, with its own table of locks, so a file one of them has open must never be opened by
the other in this process.  Each connection says which library made it, and :func:`hold`
refuses a file another library holds (:class:`TwoLibrariesError`, a bug, never a user's
doing); salvage asks :func:`library_holding` and works in a child process instead.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

# SQLite's own files beside a database: the WAL, its shared memory, the rollback journal.
SQLITE_SIDECARS = ("-wal", "-shm", "-journal")

_lock = threading.Lock()
# The file's key -> [the library its connections come from, how many are open].
_held: dict[str, list] = {}


class TwoLibrariesError(RuntimeError):
    """A second SQLite library was about to open a file this process holds with another."""


def _key(path: Path) -> str:
    try:
        return os.path.normcase(os.path.realpath(path))
    except OSError:  # Wine answers ERROR_MORE_DATA for a path past 260 characters
        return os.path.normcase(os.path.abspath(path))


def hold(path: Path, library: str) -> None:
    """A connection to the file at ``path`` is being opened in this process by ``library``
    (``apsw`` or ``sqlite3``).

    :raises TwoLibrariesError: the other library has the file open.
    """
    key = _key(path)
    with _lock:
        entry = _held.setdefault(key, [library, 0])
        if entry[0] != library:
            raise TwoLibrariesError(f"{path} is open through {entry[0]}; opening it through "
                                    f"{library} as well would drop that connection's locks.")
        entry[1] += 1


def release(path: Path) -> None:
    """A connection to the file at ``path`` was closed."""
    key = _key(path)
    with _lock:
        entry = _held.get(key)
        if entry is None:
            return
        entry[1] -= 1
        if entry[1] <= 0:
            del _held[key]


def library_holding(path: str | os.PathLike) -> str | None:
    """The SQLite library through which this process has ``path`` open, if any."""
    with _lock:
        entry = _held.get(_key(Path(path)))
        return entry[0] if entry else None


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
