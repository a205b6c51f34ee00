"""The writer lock: one LAPDesk at a time may change a store, even across laptops.

SQLite's own locks do not reach across two laptops on a shared drive (and WAL's shared memory
does not work there at all), so the writer announces itself in a sidecar file
``X.lapdesk.lock`` holding who, where, which process, since when, and a heartbeat refreshed
every ~30 seconds while the lock is held.  The file is created with ``O_CREAT | O_EXCL``, the
one create-if-absent operation that is atomic on local disks and on SMB/NFS shares alike.

A lock whose holder is gone — a dead process on this host, or a lock file not refreshed for a
few minutes (judged on the folder's clock, not the laptops') — is taken over: the stale file is renamed aside (only one contender can
rename a given file), checked to be the very file judged stale, removed, and the lock created
afresh with ``O_EXCL``; a final re-read confirms we hold it.
"""

from __future__ import annotations

import json
import os
import socket
import threading
import time
import uuid
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path

from lapdesk.core.errors import StoreError, StoreLockedError

LOCK_SUFFIX = ".lock"
HEARTBEAT_EVERY_S = 30.0
STALE_AFTER_S = 180.0
# An unreadable lock file (its writer died between creating and filling it) is stale after this.
UNREADABLE_GRACE_S = 10.0
# A takeover file older than this was left by a contender that died mid-takeover.
TAKEOVER_STALE_S = 30.0


@dataclass(frozen=True)
class LockInfo:
    """The content of a lock file."""

    user: str
    host: str
    pid: int
    since: str  # ISO 8601, local time with offset
    heartbeat: str  # ISO 8601, refreshed while held
    token: str  # unique per acquisition, to tell our own lock from a successor's

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=1)

    @classmethod
    def from_json(cls, text: str) -> LockInfo:
        data = json.loads(text)
        return cls(user=str(data["user"]), host=str(data["host"]), pid=int(data["pid"]),
                   since=str(data["since"]), heartbeat=str(data["heartbeat"]),
                   token=str(data.get("token", "")))

    def describe_since(self) -> str:
        """"09:42" today, "27 Nov 09:42" on another day, in the reader's local time."""
        since = datetime.fromisoformat(self.since).astimezone()
        if since.date() == datetime.now().astimezone().date():
            return since.strftime("%H:%M")
        return since.strftime("%d %b %H:%M").lstrip("0")


def lock_path_for(store_path: Path) -> Path:
    return store_path.with_name(store_path.name + LOCK_SUFFIX)


def locked_message(store_name: str, holder: LockInfo) -> str:
    return (f"{store_name} is being edited by {holder.user} on {holder.host} since "
            f"{holder.describe_since()}; open it read-only or try again later.")


def read_holder(store_path: Path) -> LockInfo | None:
    """Who holds the store's writer lock now, or ``None`` when nobody (or nobody readable) does."""
    try:
        return LockInfo.from_json(_read_lock_file(lock_path_for(store_path)))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _now() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


def pid_alive(pid: int) -> bool:
    """Whether a process with this id runs on this host (errs on the side of "alive")."""
    if pid <= 0:
        return False
    if os.name == "nt":
        return _pid_alive_windows(pid)
    try:
        os.kill(pid, 0)  # signal 0: existence check only, nothing is sent
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # exists, owned by somebody else
    return True


def _pid_alive_windows(pid: int) -> bool:
    # os.kill(pid, 0) would *terminate* the process on Windows: ask the kernel instead.
    import ctypes

    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]
    handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not handle:
        return ctypes.get_last_error() == 5  # ERROR_ACCESS_DENIED: it exists
    try:
        code = ctypes.c_ulong()
        kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        return code.value == 259  # STILL_ACTIVE
    finally:
        kernel32.CloseHandle(handle)


class WriterLock:
    """The sidecar lock of one store, held by this process between :meth:`acquire` and
    :meth:`release`.

    :param store_path: the store the lock is for; the lock file sits beside it.
    :param user: the name shown to the next person (the audit author).
    :param heartbeat_every: seconds between heartbeats while held.
    :param stale_after: a heartbeat older than this means the holder is gone.
    """

    def __init__(self, store_path: Path, *, user: str, heartbeat_every: float = HEARTBEAT_EVERY_S,
                 stale_after: float = STALE_AFTER_S):
        self.store_path = Path(store_path)
        self.path = lock_path_for(self.store_path)
        self.user = user
        self.host = socket.gethostname()
        self.heartbeat_every = heartbeat_every
        self.stale_after = stale_after
        self.info: LockInfo | None = None
        self.took_over: LockInfo | None = None  # the stale holder we replaced, if any
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._lost = threading.Event()

    @property
    def held(self) -> bool:
        return self.info is not None and not self._lost.is_set()

    @property
    def lost(self) -> bool:
        """True once another LAPDesk took the lock over (we were judged gone, e.g. asleep)."""
        return self._lost.is_set()

    def acquire(self) -> None:
        """Take the lock, taking it over from a holder that is gone.

        :raises StoreLockedError: another live LAPDesk holds it; the message names who.
        """
        if self.info is not None:
            return
        token = uuid.uuid4().hex
        stamp = _now()
        info = LockInfo(user=self.user, host=self.host, pid=os.getpid(), since=stamp,
                        heartbeat=stamp, token=token)
        if not self._create(info):
            self._take_over_if_stale()
            if not self._create(info):
                raise self._locked_error()
        if self._read_token() != token:
            raise self._locked_error()
        self.info = info
        self._stop.clear()
        self._thread = threading.Thread(target=self._beat, name="lapdesk-lock-heartbeat",
                                        daemon=True)
        self._thread.start()

    def release(self) -> None:
        """Stop the heartbeat and remove the lock file if it is still ours."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None
        if self.info is not None and self._read_token() == self.info.token:
            try:
                self.path.unlink()
            except FileNotFoundError:
                pass
        self.info = None

    def heartbeat(self) -> bool:
        """Refresh the heartbeat now; False (and :attr:`lost` set) if the lock is no longer ours."""
        if self.info is None:
            return False
        if self._read_token() != self.info.token:
            self._lost.set()
            return False
        self.info = LockInfo(**{**asdict(self.info), "heartbeat": _now()})
        temp = self.path.with_name(f"{self.path.name}.{self.info.token}.tmp")
        try:
            _write_private(temp, self.info.to_json(), exclusive=False)
            os.replace(temp, self.path)
        except OSError:
            return True  # a share that hiccups for a moment: try again at the next beat
        return True

    def _beat(self) -> None:
        while not self._stop.wait(self.heartbeat_every):
            if not self.heartbeat():
                return

    def _create(self, info: LockInfo) -> bool:
        try:
            _write_private(self.path, info.to_json(), exclusive=True)
        except FileExistsError:
            return False
        except OSError as error:
            raise StoreError(f"{self.store_path.name} cannot be opened for writing: its lock "
                             f"file {self.path.name} cannot be created ({error.strerror}); "
                             "open it read-only.") from error
        return True

    def _read_token(self) -> str | None:
        try:
            return LockInfo.from_json(_read_lock_file(self.path)).token
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def is_stale(self, holder: LockInfo | None, *, mtime: float) -> bool:
        """Whether the holder is gone: dead on this host, silent too long, or unreadable.

        "Silent" is measured on the folder's own clock — the lock file's modification time
        against that of a probe file written now beside it — so two laptops whose clocks
        disagree by minutes cannot take each other's live lock.
        """
        age = self._age_on_folder_clock(mtime)
        if holder is None:
            return age > UNREADABLE_GRACE_S
        if age > self.stale_after:
            return True
        return holder.host == self.host and not pid_alive(holder.pid)

    def _age_on_folder_clock(self, mtime: float) -> float:
        probe = self.path.with_name(f".{self.path.name}.probe-{uuid.uuid4().hex}")
        try:
            _write_private(probe, "", exclusive=True)
            now = probe.stat().st_mtime
        except OSError:
            now = time.time()  # a folder we cannot write to: our own clock will do
        finally:
            probe.unlink(missing_ok=True)
        return now - mtime

    def _take_over_if_stale(self) -> None:
        """Remove a stale lock so that it can be created afresh; at most one contender does.

        Contenders first take a second, short-lived file ``X.lapdesk.lock.takeover`` with an
        exclusive create: only its holder reads the lock again and removes it if it is still
        the same stale one.  Nobody ever moves or deletes a fresh lock, so of several laptops
        racing for a stale lock exactly one then creates the new lock.
        """
        mutex = self.path.with_name(self.path.name + ".takeover")
        if not self._take_mutex(mutex):
            return
        try:
            try:
                text = _read_lock_file(self.path)
                mtime = self.path.stat().st_mtime
            except OSError:
                return  # released meanwhile: the caller simply tries to create it again
            try:
                holder = LockInfo.from_json(text)
            except (ValueError, KeyError, TypeError):
                holder = None
            if not self.is_stale(holder, mtime=mtime):
                return
            try:
                self.path.unlink()
            except OSError:
                return
            self.took_over = holder
        finally:
            mutex.unlink(missing_ok=True)

    def _take_mutex(self, mutex: Path) -> bool:
        """Create the takeover file; one left by a contender that died is cleared first."""
        for _ in range(2):
            try:
                _write_private(mutex, str(os.getpid()), exclusive=True)
                return True
            except FileExistsError:
                try:
                    age = self._age_on_folder_clock(mutex.stat().st_mtime)
                except OSError:
                    continue  # just released: try once more
                if age < TAKEOVER_STALE_S:
                    return False  # another contender is taking over right now
                mutex.unlink(missing_ok=True)
            except OSError:
                return False
        return False

    def _locked_error(self) -> StoreLockedError:
        holder = read_holder(self.store_path)
        if holder is None:
            return StoreLockedError(f"{self.store_path.name} is being opened by another LAPDesk; "
                                    "open it read-only or try again later.")
        return StoreLockedError(locked_message(self.store_path.name, holder))


def _read_lock_file(path: Path) -> str:
    """The lock file's text.  On Windows a file that a heartbeat is replacing cannot be opened
    for a moment (PermissionError, the old one pending deletion): try again briefly."""
    for _ in range(10):
        try:
            return path.read_text(encoding="utf-8")
        except PermissionError:
            if os.name != "nt":
                raise
            time.sleep(0.01)
    return path.read_text(encoding="utf-8")


def _write_private(path: Path, text: str, *, exclusive: bool) -> None:
    """Write a file readable by its user only (0600), created exclusively if asked."""
    flags = os.O_WRONLY | os.O_CREAT | (os.O_EXCL if exclusive else os.O_TRUNC)
    fd = os.open(path, flags | getattr(os, "O_BINARY", 0), 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(text.encode("utf-8"))
        handle.flush()
        os.fsync(handle.fileno())
