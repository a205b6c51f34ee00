"""Background work: core functions run off the GUI thread, results come back by signal.

In Anki's manner, every long action of the desk is a short *operation*: a core function that
takes its own :class:`~lapdesk.store.connection.Store` (opened on the session's path, in the
worker thread that uses it), a ``progress(done, total, label)`` callable and a
:class:`~lapdesk.core.progress.CancelToken`.  The call site is one line::

    StoreOp(tasks, work, store_path=session.path, touches={"contributions"},
            on_changed=session.notify).run()

- Writes go through ONE writer thread, so two imports never race for the store; reads
  (search over a large store) have their own small pool and never wait behind an import.
- The worker never touches a widget: it only records progress in a slot that the GUI thread
  polls every 100 ms (so a fast loop cannot flood the event queue), and the outcome is sent
  back as a queued signal.
- A :class:`~lapdesk.core.progress.Cancelled` raised at a cancel point ends the op quietly
  with :attr:`StoreOp.cancelled`; a :class:`~lapdesk.core.errors.LapdeskError` becomes its one
  plain sentence; anything else is reported as an unexpected problem with details on demand.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from lapdesk.core.errors import LapdeskError, ReadOnlyStoreError
from lapdesk.core.progress import Cancelled, CancelToken
from lapdesk.store.connection import Store, open_store

Work = Callable[[Store, Callable[[int, int, str], None], CancelToken], Any]
POLL_MS = 100


@dataclass(frozen=True)
class Failure:
    """What the user is told when an op fails: one sentence, and details on demand."""

    message: str
    details: str = ""
    expected: bool = True

    @classmethod
    def from_exception(cls, error: BaseException) -> Failure:
        if isinstance(error, LapdeskError):
            return cls(str(error))
        details = "".join(traceback.format_exception(error))
        return cls(f"An unexpected problem stopped this work: {error}.", details, expected=False)


class TaskManager(QObject):
    """The desk's workers: one writer thread for the store and a small pool for reads."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="lapdesk-writer")
        self._readers = ThreadPoolExecutor(max_workers=2, thread_name_prefix="lapdesk-reader")
        self._running: set[StoreOp] = set()
        self._closed = False

    def submit(self, op: StoreOp) -> None:
        if self._closed:  # the window is closing: work queued by a timer has no one to serve
            return
        self._running.add(op)
        pool = self._writer if op.writes else self._readers
        pool.submit(op._execute)

    def done(self, op: StoreOp) -> None:
        """The op is over (called before its outcome is announced, so ``busy`` is exact)."""
        self._running.discard(op)

    @property
    def busy(self) -> bool:
        return bool(self._running)

    def cancel_all(self) -> None:
        for op in list(self._running):
            op.cancel()

    def shutdown(self) -> None:
        """Cancel what runs and wait for the workers (on quit, or before switching stores)."""
        self._closed = True
        self.cancel_all()
        self._writer.shutdown(wait=True)
        self._readers.shutdown(wait=True)


class StoreOp(QObject):
    """One operation on the store, run in the background; connect to its signals, then run().

    :param tasks: the window's :class:`TaskManager`.
    :param work: ``work(store, progress, cancel)``, called in a worker with a store of its own.
    :param store_path: the store to open in the worker (the session's store path).
    :param writes: whether the work changes the store (then it goes to the one writer).
    :param touches: the tables a successful write changed, handed to ``on_changed``.
    :param on_changed: called on the GUI thread with ``touches`` after success (usually
        ``session.notify``), before :attr:`succeeded` is emitted.
    :param read_only: the desk has the store read-only (another LAPDesk is writing to it): a
        write then fails with its sentence instead of writing behind the other's back.
    """

    progressed = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(object)  # a Failure
    cancelled = Signal()
    finished = Signal()
    _outcome = Signal(str, object)

    def __init__(self, tasks: TaskManager, work: Work, *, store_path: str | Path,
                 writes: bool = True, touches: Iterable[str] = (),
                 on_changed: Callable[[set[str]], None] | None = None,
                 author: str | None = None, read_only: bool = False):
        super().__init__(tasks)
        self.tasks = tasks
        self.work = work
        self.store_path = Path(store_path)
        self.writes = writes
        self.touches = set(touches)
        self.on_changed = on_changed
        self.author = author
        self.read_only = read_only
        self.token = CancelToken()
        self.result: Any = None
        self.failure: Failure | None = None
        self._lock = threading.Lock()
        self._latest: tuple[int, int, str] | None = None
        self._shown: tuple[int, int, str] | None = None
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self._publish_progress)
        self._outcome.connect(self._deliver)

    def run(self) -> StoreOp:
        self._poll.start()
        self.tasks.submit(self)
        return self

    def cancel(self) -> None:
        self.token.cancel()

    # --- in the worker thread -----------------------------------------------------------------

    def _report(self, done: int, total: int, label: str) -> None:
        with self._lock:
            self._latest = (done, total, label)

    def _execute(self) -> None:
        try:
            self.token.raise_if_cancelled()
            if self.writes and self.read_only:
                raise ReadOnlyStoreError(f"{self.store_path.name} is open read-only; nothing "
                                         "was changed.")
            with open_store(self.store_path, create=False, readonly=not self.writes,
                            author=self.author) as store:
                result = self.work(store, self._report, self.token)
        except Cancelled:
            self._outcome.emit("cancelled", None)
        except BaseException as error:  # every failure goes back to the GUI as a message
            self._outcome.emit("failed", Failure.from_exception(error))
        else:
            self._outcome.emit("succeeded", result)

    # --- on the GUI thread --------------------------------------------------------------------

    def _publish_progress(self) -> None:
        with self._lock:
            latest = self._latest
        if latest is not None and latest != self._shown:
            self._shown = latest
            self.progressed.emit(*latest)

    def _deliver(self, kind: str, payload: object) -> None:
        self._poll.stop()
        self.tasks.done(self)
        self._publish_progress()
        if kind == "succeeded":
            self.result = payload
            if self.writes and self.on_changed and self.touches:
                self.on_changed(set(self.touches))
            self.succeeded.emit(payload)
        elif kind == "cancelled":
            if self.writes and self.on_changed and self.touches:
                self.on_changed(set(self.touches))  # the units done before the cancel stay
            self.cancelled.emit()
        else:
            self.failure = payload
            self.failed.emit(payload)
        self.finished.emit()
