"""One piece of work on the store, run on a lane, its outcome delivered on the GUI thread.

In Anki's manner, every action of the desk that touches the store is a short function of the
core run as a :class:`Task`: quick ones (an edit, a read for a view) and long ones (an import,
an export, a backup) alike.  A long task takes a ``progress(done, total, label)`` callable and a
:class:`~lapdesk.core.progress.CancelToken`; the task only records its latest progress in a slot
that the GUI thread polls every 100 ms, so a fast loop cannot flood the event queue.

- A :class:`~lapdesk.core.progress.Cancelled` raised at a cancel point ends the task quietly
  with :attr:`Task.cancelled`.
- A :class:`~lapdesk.core.errors.LapdeskError` becomes its one plain sentence; anything else is
  an unexpected problem, reported in one sentence with the details on demand — never an
  exception escaping into Qt.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable, Generator
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from lapdesk.core.errors import LapdeskError
from lapdesk.core.progress import Cancelled, CancelToken
from lapdesk.store.connection import Store

POLL_MS = 100


@dataclass(frozen=True)
class Failure:
    """What the user is told when a task fails: one sentence, and details on demand."""

    message: str
    details: str = ""
    expected: bool = True

    @classmethod
    def from_exception(cls, error: BaseException) -> Failure:
        if isinstance(error, LapdeskError):
            return cls(str(error))
        details = "".join(traceback.format_exception(error))
        return cls(f"An unexpected problem stopped this work: {error}.", details, expected=False)


class Task(QObject):
    """Work on a lane's store: ``work(store, *args)``, or with ``long=True``
    ``work(store, progress, cancel)``; with ``stepped=True`` the work is a generator (see
    :mod:`lapdesk.ui.service.lanes`) whose return value is the result.

    Connect to the signals before the service submits the task; they fire on the GUI thread.
    """

    progressed = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(object)  # a Failure
    cancelled = Signal()
    finished = Signal()
    _outcome = Signal(str, object)

    def __init__(self, work: Callable, *, args: tuple = (), kwargs: dict | None = None,
                 long: bool = False, stepped: bool = False, writes: bool = False,
                 parent: QObject | None = None):
        super().__init__(parent)
        self.work = work
        self.args = args
        self.kwargs = kwargs or {}
        self.long = long or stepped
        self.background = False  # work the desk started itself (see StoreService.working)
        self.stepped = stepped
        self.writes = writes
        self.token = CancelToken()
        self.result: Any = None
        self.failure: Failure | None = None
        self.done = False
        self._lock = threading.Lock()
        self._latest: tuple[int, int, str] | None = None
        self._shown: tuple[int, int, str] | None = None
        self._poll: QTimer | None = None
        if self.long:
            self._poll = QTimer(self)
            self._poll.setInterval(POLL_MS)
            self._poll.timeout.connect(self._publish_progress)
            self._poll.start()
        self._outcome.connect(self._deliver)

    def cancel(self) -> None:
        self.token.cancel()

    # --- on a lane ----------------------------------------------------------------------------

    def _report(self, done: int, total: int, label: str) -> None:
        with self._lock:
            self._latest = (done, total, label)

    def _call(self, store: Store):
        self.token.raise_if_cancelled()
        if self.long:
            return self.work(store, self._report, self.token, *self.args, **self.kwargs)
        return self.work(store, *self.args, **self.kwargs)

    def run(self, store: Store) -> None:
        try:
            result = self._call(store)
        except BaseException as error:  # every failure goes back to the GUI as a message
            self.fail(error)
        else:
            self._outcome.emit("succeeded", result)

    def steps(self, store: Store) -> Generator[None, None, None]:
        try:
            result = yield from self._call(store)
        except GeneratorExit:  # the desk is closing: what was done stays done
            self._outcome.emit("cancelled", None)
            raise
        except BaseException as error:
            self.fail(error)
        else:
            self._outcome.emit("succeeded", result)

    def fail(self, error: BaseException) -> None:
        if isinstance(error, Cancelled):
            self._outcome.emit("cancelled", None)
        else:
            self._outcome.emit("failed", Failure.from_exception(error))

    # --- on the GUI thread --------------------------------------------------------------------

    def _publish_progress(self) -> None:
        with self._lock:
            latest = self._latest
        if latest is not None and latest != self._shown:
            self._shown = latest
            self.progressed.emit(*latest)

    def _deliver(self, kind: str, payload: object) -> None:
        if self._poll is not None:
            self._poll.stop()
            self._publish_progress()
        self.done = True
        if kind == "succeeded":
            self.result = payload
            self.succeeded.emit(payload)
        elif kind == "cancelled":
            self.cancelled.emit()
        else:
            self.failure = payload
            self.failed.emit(payload)
        self.finished.emit()
