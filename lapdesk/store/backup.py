"""Automatic and manual backups: SQLite's online backup, rotated, capped, private.

A backup is a complete, self-contained store made with SQLite's online backup API
(:meth:`sqlite3.Connection.backup`), which copies a consistent snapshot even while the store is
open and in WAL mode — a file copy could catch a half-written page or miss the WAL.

Backups go to ``X.lapdesk.backups/`` beside the store (or the folder in the ``backup_folder``
setting), named ``<stem>-<YYYYmmdd-HHMMSS-ffffff>-<reason>-<marker>.lapdesk``.  The *marker*
summarises the store's content (schema version, last audit entry, row counts), so an automatic
backup is skipped when nothing changed since the newest one.  Rotation keeps the last
:data:`KEEP_LAST` backups plus the newest of each day, within about :data:`CAP_FACTOR` times
the store's size.
"""

from __future__ import annotations

import hashlib
import os
import re
import sqlite3
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from lapdesk.core.errors import StoreError
from lapdesk.core.paths import sqlite_uri
from lapdesk.store import held

KEEP_LAST = 10
CAP_FACTOR = 5
BACKUPS_SUFFIX = ".backups"
SETTING = "backup_folder"
PARTIAL_GRACE_S = 15 * 60
_NAME = re.compile(r"^(?P<stem>.+)-(?P<at>\d{8}-\d{6}-\d{6})-(?P<reason>[a-z-]+)-"
                   r"(?P<marker>[0-9a-f]{12})\.lapdesk$")


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken_at: datetime
    reason: str  # auto, open, close, manual, before-migration, before-restore
    marker: str
    size: int

    def as_json(self) -> dict:
        return {"path": str(self.path), "taken_at": self.taken_at.isoformat(timespec="seconds"),
                "reason": self.reason, "size": self.size}


def backup_folder(conn: sqlite3.Connection, store_path: Path) -> Path:
    """Where this store's backups go: the ``backup_folder`` setting, else beside the store."""
    try:
        row = conn.execute("SELECT value FROM settings WHERE key = ?", (SETTING,)).fetchone()
    except sqlite3.Error:
        row = None
    if row and row[0].strip():
        return Path(row[0]).expanduser()
    return store_path.with_name(store_path.name + BACKUPS_SUFFIX)


def content_marker(conn: sqlite3.Connection) -> str:
    """A short digest that changes whenever the store's content does.

    Every change goes through the audit log; the row counts also catch writes that do not
    (an import's blobs, a migration), and ``user_version`` catches schema upgrades.
    """
    parts = [str(conn.execute("PRAGMA user_version").fetchone()[0])]
    for sql in ("SELECT max(id), count(*) FROM audit", "SELECT count(*) FROM blobs",
                "SELECT max(id), count(*) FROM contributions", "SELECT max(id), count(*) FROM files",
                "SELECT max(id), count(*) FROM excerpts", "SELECT count(*) FROM mappings",
                "SELECT count(*), max(id) FROM annotations"):
        try:
            parts.append(repr(conn.execute(sql).fetchone()))
        except sqlite3.Error:
            parts.append("-")
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:12]


def list_backups(folder: Path, store_name: str) -> list[BackupInfo]:
    """The backups of the store named ``store_name`` in ``folder``, newest first."""
    stem = Path(store_name).stem
    found = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return []
    for entry in entries:
        match = _NAME.match(entry.name)
        if not match or match["stem"] != stem:
            continue
        try:
            size = entry.stat().st_size
        except OSError:
            continue
        found.append(BackupInfo(entry, datetime.strptime(match["at"], "%Y%m%d-%H%M%S-%f"),
                                match["reason"], match["marker"], size))
    return sorted(found, key=lambda b: b.taken_at, reverse=True)


def take_backup(conn: sqlite3.Connection, store_path: Path, *, reason: str = "auto",
                force: bool = False, folder: Path | None = None,
                out: Path | None = None) -> Path | None:
    """Back the store up; returns the new file, or ``None`` when nothing changed since the last.

    :param conn: an open connection to the store (read-only is fine).
    :param reason: a word kept in the file name (``auto``, ``close``, ``before-migration``...).
    :param force: back up even when the newest backup has the same content.
    :param folder: the backups folder (default: :func:`backup_folder`).
    :param out: write exactly this file instead (``lapdesk backup --out``); no rotation.
    :raises StoreError: the backup cannot be written.
    """
    store_path = Path(store_path)
    marker = content_marker(conn)
    if out is not None:
        _write_backup(conn, Path(out))
        return Path(out)
    folder = folder or backup_folder(conn, store_path)
    _make_private_folder(folder)
    existing = list_backups(folder, store_path.name)
    if not force and existing and existing[0].marker == marker:
        return None
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = folder / f"{store_path.stem}-{stamp}-{reason}-{marker}.lapdesk"
    _write_backup(conn, target)
    rotate(folder, store_path.name, store_size=_size(conn))
    return target


def rotate(folder: Path, store_name: str, *, store_size: int,
           keep_last: int = KEEP_LAST, cap_factor: int = CAP_FACTOR) -> list[Path]:
    """Delete old backups: keep the last ``keep_last`` and the newest of each day, then trim
    to about ``cap_factor`` times the store's size (intra-day extras first, oldest first).
    The newest backup is always kept.  Returns the files deleted."""
    backups = list_backups(folder, store_name)
    daily: set[Path] = set()
    seen_days = set()
    for backup in backups:  # newest first: the first of each day is that day's newest
        if backup.taken_at.date() not in seen_days:
            seen_days.add(backup.taken_at.date())
            daily.add(backup.path)
    keep = [b for i, b in enumerate(backups) if i < keep_last or b.path in daily]
    doomed = [b for b in backups if b not in keep]
    cap = max(store_size, 1) * cap_factor
    total = sum(b.size for b in keep)
    # Over the cap: drop the oldest intra-day extras, then the oldest daily ones.
    for backup in sorted(keep[1:], key=lambda b: (b.path in daily, b.taken_at)):
        if total <= cap:
            break
        doomed.append(backup)
        total -= backup.size
    for backup in doomed:
        try:
            backup.path.unlink()
        except OSError:
            pass
    _remove_abandoned_partials(folder, store_name)
    return [b.path for b in doomed]


def _remove_abandoned_partials(folder: Path, store_name: str) -> None:
    """A backup cut short (the process was killed) leaves a ``.partial`` file: remove those
    old enough that no backup can still be writing them."""
    cutoff = time.time() - PARTIAL_GRACE_S
    for partial in folder.glob(f"{Path(store_name).stem}-*.lapdesk.partial"):
        try:
            if partial.stat().st_mtime < cutoff:
                partial.unlink()
        except OSError:
            pass


def _write_backup(conn: sqlite3.Connection, target: Path) -> None:
    """Online backup into a private temp file, made self-contained, then renamed into place."""
    if held.is_held(target):
        raise StoreError(held.held_message(target) + " Choose another file for the copy.")
    target.parent.mkdir(parents=True, exist_ok=True)
    temp = target.with_name(target.name + ".partial")
    try:
        temp.unlink(missing_ok=True)
        os.close(os.open(temp, os.O_CREAT | os.O_WRONLY | os.O_EXCL, 0o600))
        dest = sqlite3.connect(sqlite_uri(temp, "rw"), uri=True, isolation_level=None)
        try:
            conn.backup(dest)
            # A single file that any SQLite tool can open, with no -wal beside it.
            dest.execute("PRAGMA journal_mode = DELETE")
        finally:
            dest.close()
        os.replace(temp, target)
    except (OSError, sqlite3.Error) as error:
        temp.unlink(missing_ok=True)
        raise StoreError(f"The backup to {target} could not be written: {error}.") from error


def _make_private_folder(folder: Path) -> None:
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as error:
        raise StoreError(f"The backup folder {folder} cannot be created: {error}.") from error


def _size(conn: sqlite3.Connection) -> int:
    """The store's size in pages: the file alone can lag far behind while the WAL holds data."""
    return conn.execute("PRAGMA page_count").fetchone()[0] * conn.execute(
        "PRAGMA page_size").fetchone()[0]
