"""What the user dropped, as a list of files: folders walked, temporary files left out.

Office and mail programs leave lock and temporary files beside the documents people drag in
(``~$Reply.docx``, ``.~lock.x.odt#``, ``Thumbs.db``); they are never contributions, so a folder
walk skips them.  A file named explicitly is always taken.  A path that cannot be opened is kept
in the list with the reason, so the import reports it in its place and goes on.
"""

from __future__ import annotations

import errno
import hashlib
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from lapdesk.core.paths import long_path
from lapdesk.store import held

_SKIPPED_NAMES = {"thumbs.db", "desktop.ini", ".ds_store", "__macosx"}
_SKIPPED_PREFIXES = (".", "~")
_SKIPPED_SUFFIXES = (".tmp", ".temp", ".part", ".crdownload", ".partial", "#")
_HASH_CHUNK = 4 * 1024 * 1024


@dataclass
class Source:
    """One file to import, or a path that could not be opened (``error`` says why)."""

    path: Path
    error: str = ""


@dataclass
class Loaded:
    """A file's bytes (``None`` when too large to read) with its size and SHA-256."""

    data: bytes | None
    size: int
    sha256: str


def is_skipped(name: str) -> bool:
    """Whether a name found in a folder is a hidden, lock or temporary file."""
    lowered = name.lower()
    return (lowered in _SKIPPED_NAMES or lowered.startswith(_SKIPPED_PREFIXES)
            or lowered.endswith(_SKIPPED_SUFFIXES))


def walk(paths: Iterable[str | os.PathLike], *,
         exclude: Callable[[Path], bool] = lambda path: False) -> list[Source]:
    """The files under ``paths``, each folder in name order, in the order the paths were given.

    :param exclude: paths never to take (the store and its sidecars): skipped in a folder,
        reported with a reason when named.
    """
    sources: list[Source] = []
    for given in paths:
        path = Path(given)
        if exclude(path):
            sources.append(Source(path, f"{path.name} is part of a store LAPDesk has open; "
                                        "it was not imported."))
            continue
        if long_path(path).is_dir():
            sources.extend(_walk_folder(long_path(path), exclude))
        elif long_path(path).is_file():
            sources.append(Source(path))
        elif path.exists() or path.is_symlink():
            sources.append(Source(path, f"{path} is not a file LAPDesk can read."))
        else:
            sources.append(Source(path, f"There is no file or folder at {path}."))
    return sources


def _walk_folder(folder: Path, exclude: Callable[[Path], bool]) -> list[Source]:
    found: list[Source] = []

    def unreadable(error: OSError) -> None:
        found.append(Source(Path(error.filename or folder),
                            f"The folder {error.filename or folder} cannot be opened: "
                            f"{error.strerror or error}."))

    for root, dirs, files in os.walk(folder, onerror=unreadable):
        dirs[:] = sorted((d for d in dirs if not is_skipped(d)
                          and not exclude(Path(root) / d)), key=_order)
        for name in sorted(files, key=_order):
            if not is_skipped(name) and not exclude(Path(root) / name):
                found.append(Source(Path(root) / name))
    return found


def _order(name: str) -> tuple[str, str]:
    return name.casefold(), name


def load(path: Path, *, max_bytes: int) -> Loaded:
    """Read a file, or only hash it when it is larger than ``max_bytes``.

    :raises OSError: the file cannot be opened or read, or it is a store this process holds
        open (reading it would drop this process's locks on it: see :mod:`lapdesk.store.held`).
    """
    if held.is_held(path):
        raise PermissionError(errno.EACCES, held.held_message(path), str(path))
    with long_path(path).open("rb") as handle:
        size = os.fstat(handle.fileno()).st_size
        if size <= max_bytes:
            data = handle.read()
            return Loaded(data, len(data), hashlib.sha256(data).hexdigest())
        digest = hashlib.sha256()
        size = 0
        while chunk := handle.read(_HASH_CHUNK):
            digest.update(chunk)
            size += len(chunk)
        return Loaded(None, size, digest.hexdigest())
