"""Restoring a backup: checked first, and never at the cost of the current store.

The backup is copied to a private scratch folder, opened (and migrated, if it comes from
an older LAPDesk) and checked there; only a copy that passes ``check`` is restored.  The current
store is backed up first — by the online backup API when it can still be read, byte for byte
when it cannot — and the checked copy is then written into it through SQLite, so a ``-wal``
left beside the old store can never be replayed onto the restored one.  A team's replica
restored comes back as a new replica of the team (:mod:`lapdesk.store.restored_replica`), so
that it never sends changes again under sequence numbers it had used.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from datetime import datetime
from pathlib import Path

from lapdesk.core.errors import NotAStoreError, StoreError
from lapdesk.core.progress import CancelToken, ProgressFn, no_progress
from lapdesk.store import backup, held, restored_replica, sqlite
from lapdesk.store.connection import default_author, open_store
from lapdesk.store.integrity import check
from lapdesk.store.lock import WriterLock

_SIDECARS = ("-wal", "-shm", "-journal")


def validate_backup(backup_file: Path, scratch: Path) -> None:
    """Copy ``backup_file`` to ``scratch`` and make sure it is a sound LAPDesk store there.

    :raises StoreError: it is not a store, comes from a newer LAPDesk, or fails the check.
    """
    backup_file = Path(backup_file)
    if not backup_file.is_file():
        raise StoreError(f"There is no backup at {backup_file}.")
    _remove_with_sidecars(scratch)
    try:
        source = sqlite.connect(backup_file, readonly=True)
        try:
            os.close(os.open(scratch, os.O_CREAT | os.O_WRONLY | os.O_EXCL, 0o600))
            dest = sqlite.connect(scratch)
            try:
                sqlite.copy_database(source, dest)
            finally:
                dest.close()
        finally:
            source.close()
    except (OSError, sqlite.Error) as error:
        _remove_with_sidecars(scratch)
        raise NotAStoreError(f"{backup_file.name} is not a LAPDesk store ({error}).") from error
    try:
        with open_store(scratch, create=False) as store:
            result = check(store)
    except BaseException:
        _remove_with_sidecars(scratch)
        raise
    if not result["ok"]:
        _remove_with_sidecars(scratch)
        raise StoreError(f"{backup_file.name} does not pass the integrity check "
                         f"({result['problems'][0]}); it was not restored.")


def restore(store_path: Path, backup_file: Path, *, author: str | None = None,
            held_lock: WriterLock | None = None, progress: ProgressFn = no_progress,
            cancel: CancelToken | None = None) -> dict:
    """Replace the store's content with a checked backup, keeping the current one first.

    Restore takes the writer lock itself, unless the caller passes the lock it already holds
    (the desk restoring into the store it has open: its connection then sees the restored
    content, and its views must be refreshed and its undo history dropped).

    :param progress: told of the three steps: checking the backup, keeping the current
        store, restoring.
    :param cancel: checked before each step; once restoring has begun it is not interrupted,
        so a cancel leaves the store as it was (and, after the second step, one more backup).
    :returns: ``{restored_from, kept_as}`` (``kept_as`` is null when there was no store).
    :raises StoreLockedError: another LAPDesk holds the store.
    :raises StoreError: the backup is not a sound store, or the current one cannot be kept.
    :raises Cancelled: ``cancel`` was set before the store was replaced.
    """
    cancel = cancel or CancelToken()
    store_path = Path(store_path).expanduser()
    backup_file = Path(backup_file).expanduser()
    store_path.parent.mkdir(parents=True, exist_ok=True)
    if held_lock is not None and held_lock.held:
        lock = None
    else:
        lock = WriterLock(store_path, user=author or default_author())
        lock.acquire()
    scratch_dir = Path(tempfile.mkdtemp(prefix="lapdesk-restore-"))  # 0700
    scratch = scratch_dir / store_path.name
    try:
        progress(0, 3, "Checking the backup")
        validate_backup(backup_file, scratch)
        _continue_as_new_replica(scratch)
        cancel.raise_if_cancelled()
        progress(1, 3, "Keeping the store as it is now as a backup")
        kept = keep_current(store_path) if store_path.exists() else None
        cancel.raise_if_cancelled()
        progress(2, 3, "Restoring")
        _install(scratch, store_path)
        progress(3, 3, "Restored")
    finally:
        shutil.rmtree(scratch_dir, ignore_errors=True)
        if lock is not None:
            lock.release()
    return {"restored_from": str(backup_file), "kept_as": str(kept) if kept else None}


def _continue_as_new_replica(scratch: Path) -> None:
    """A team's replica comes back as a new replica of the team (restored_replica)."""
    conn = sqlite.connect(scratch)
    try:
        restored_replica.continue_as_new_replica(conn)
    finally:
        conn.close()


def keep_current(store_path: Path) -> Path:
    """Back the current store up before it is replaced; a raw copy if SQLite cannot read it."""
    try:
        conn = sqlite.connect(store_path, readonly=True)
        try:
            return backup.take_backup(conn, store_path, reason="before-restore", force=True)
        finally:
            conn.close()
    except (StoreError, sqlite.Error):
        pass
    folder = store_path.with_name(store_path.name + backup.BACKUPS_SUFFIX)
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = folder / f"{store_path.stem}-{stamp}-before-restore-000000000000.lapdesk"
    pairs = [(str(store_path) + suffix, str(target) + suffix) for suffix in ("", "-wal")
             if Path(str(store_path) + suffix).exists()]
    try:
        if held.is_held(store_path):
            _copy_in_child(pairs)  # plain I/O here would drop this process's locks on it
        else:
            _raw_copy(pairs)
    except OSError as error:
        raise StoreError(f"The current {store_path.name} could not be kept before restoring "
                         f"({error}); nothing was restored.") from error
    return target


def _raw_copy(pairs: list[tuple[str, str]]) -> None:
    """Copy each file byte for byte into a new private file."""
    for source, dest in pairs:
        os.close(os.open(dest, os.O_CREAT | os.O_WRONLY | os.O_EXCL, 0o600))
        shutil.copyfile(source, dest)


def _copy_in_child(pairs: list[tuple[str, str]]) -> None:
    """:func:`_raw_copy` in a process of its own, which holds no lock that closing could drop."""
    import multiprocessing

    child = multiprocessing.get_context("spawn").Process(target=_raw_copy, args=(pairs,))
    child.start()
    child.join()
    if child.exitcode != 0:
        raise OSError(f"the copying process ended with code {child.exitcode}")


def _install(scratch: Path, store_path: Path) -> None:
    source = sqlite.connect(scratch)
    try:
        try:
            _backup_into(source, store_path)
        except sqlite.Error:
            # The current file is too damaged for SQLite to write into: it is kept (see
            # keep_current), so start from an empty file.
            _remove_with_sidecars(store_path)
            _backup_into(source, store_path)
    finally:
        source.close()


def _backup_into(source: sqlite.Connection, store_path: Path) -> None:
    if not store_path.exists():
        os.close(os.open(store_path, os.O_CREAT | os.O_WRONLY | os.O_EXCL, 0o600))
    dest = sqlite.connect(store_path)
    try:
        sqlite.copy_database(source, dest)
    finally:
        dest.close()


def _remove_with_sidecars(path: Path) -> None:
    for suffix in ("", *_SIDECARS):
        Path(str(path) + suffix).unlink(missing_ok=True)
