"""The open store as the desk sees it: one writer, readers, an undo stack, one change signal.

Datasette's one writer thread and Anki's ``CollectionOp`` are the models.  Every change the desk
makes — a quick edit, an undo, an import — is a core function run on the writer lane; it
returns the recorded :class:`~lapdesk.store.changes.Change`, which the service turns into an
undoable command and announces with :attr:`StoreService.changed` (the tables it touched), so
each view refreshes itself from the tables it shows.  Reads run on reader lanes.  The GUI
thread only submits work and receives results: it never runs SQL, so it never waits on SQLite.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from lapdesk.store import changes
from lapdesk.store.changes import Change
from lapdesk.store.connection import Store, open_store
from lapdesk.store.lock import WriterLock
from lapdesk.ui.service import collector
from lapdesk.ui.service.lanes import Lanes
from lapdesk.ui.service.tasks import Failure, Task

SWITCH_INTERVAL_S = 0.0005


class ChangeCommand(QUndoCommand):
    """A change already made in the store; undo and redo replay it on the writer lane."""

    def __init__(self, service: StoreService, change: Change):
        super().__init__(change.description)
        self._service = service
        self.change = change
        self._done = True  # the change is in the store before the command is pushed

    def redo(self) -> None:
        if self._done:
            return
        self._service.replay(changes.redo, self.change)
        self._done = True

    def undo(self) -> None:
        task = self._service.replay(changes.undo, self.change)
        self._done = False
        task.failed.connect(self._not_undone)

    def _not_undone(self, _failure: Failure) -> None:
        """The undo was refused (its reason is in the status bar) and wrote nothing: the
        change stays done, and stays the one Ctrl+Z undoes."""
        stack = self._service.undo_stack
        self._done = True
        if stack.index() < stack.count() and stack.command(stack.index()) is self:
            stack.setIndex(stack.index() + 1)  # redo() sees it done: nothing is replayed


class StoreService(QObject):
    """The store the window works on.

    :param store: the open store; from now on its connection belongs to the writer lane.
    """

    changed = Signal(object)  # set[str]: the tables a change touched
    error = Signal(str)  # one plain sentence for the status bar
    idle = Signal()  # nothing is queued or running any more

    def __init__(self, store: Store, parent: QObject | None = None, *, readers: int = 2):
        super().__init__(parent)
        self._store = store
        self.path: Path = store.path
        self.name: str = store.name
        self.author: str = store.author
        self.undo_stack = QUndoStack(self)
        self._tasks: set[Task] = set()
        self._closed = False
        # The lanes' Python work (an import's planning, a view's rows) shares one interpreter
        # lock with the GUI thread; a short switch interval hands it back to the GUI within half
        # a millisecond of asking, instead of five, at each call from Qt into Python.
        sys.setswitchinterval(SWITCH_INTERVAL_S)
        collector.hold()  # Qt's garbage never collected on a lane (see collector)
        self._lanes = Lanes(store, self._open_reader, readers=readers)

    def _open_reader(self) -> Store:
        return open_store(self.path, create=False, readonly=True, author=self.author)

    # --- facts about the open store (attributes, never SQL) --------------------------------

    @property
    def readonly(self) -> bool:
        return self._store.readonly

    def set_readonly(self, readonly: bool) -> None:
        """The check on open failed (or a restore succeeded): refuse (or allow) writing."""
        self._store.readonly = readonly

    def set_author(self, author: str) -> None:
        """Whom the audit log and new positions name from now on (the user's initials)."""
        self.author = author
        self._store.author = author

    @property
    def writer_lock(self) -> WriterLock | None:
        return self._store.writer_lock

    @property
    def busy(self) -> bool:
        """Anything queued or running, a view's read included."""
        return bool(self._tasks)

    @property
    def working(self) -> bool:
        """Long work the user started (an import, an export, a backup) queued or running;
        background work (the suggester) is not waited for: closing the window stops it."""
        return any(task.long and not task.done and not task.background for task in self._tasks)

    @property
    def threads(self):
        """The lanes' threads (for tests that watch where SQLite runs)."""
        return self._lanes.threads

    # --- work ------------------------------------------------------------------------------

    def read(self, fn: Callable[..., Any], *args: Any, then: Callable[[Any], None] | None = None,
             failed: Callable[[Failure], None] | None = None, **kwargs: Any) -> Task:
        """``fn(store, *args, **kwargs)`` on a reader lane; ``then(result)`` on the GUI thread.
        A failure goes to ``failed`` when given, else to :attr:`error`."""
        task = Task(fn, args=args, kwargs=kwargs, parent=self)
        self._connect(task, then, failed)
        return self._submit(task)

    def apply(self, fn: Callable[..., Any], *args: Any,
              then: Callable[[Any], None] | None = None,
              failed: Callable[[Failure], None] | None = None, **kwargs: Any) -> Task:
        """Change the store: ``fn(store, *args, **kwargs)`` on the writer lane.

        A returned :class:`Change` that changed rows becomes an undoable command and is
        announced (:attr:`changed`); ``then`` receives ``change.result`` (or the plain return
        value of a function that returns no Change).
        """
        task = Task(fn, args=args, kwargs=kwargs, writes=True, parent=self)
        task.succeeded.connect(self._recorded)
        self._connect(task, then, failed, unwrap=True)
        return self._submit(task)

    def start(self, work: Callable[..., Any], *, writes: bool, touches: Iterable[str] = (),
              stepped: bool = False, background: bool = False) -> Task:
        """A long task, ``work(store, progress, cancel)``, with progress and cancel; a writing
        one announces ``touches`` when it ends (also when cancelled: what it did stays done).
        With ``stepped``, ``work`` is a generator and quick edits are written between its
        steps.  Connect to the task's signals; its failures are the caller's to show."""
        task = Task(work, long=True, stepped=stepped, writes=writes, parent=self)
        task.background = background  # not counted as :attr:`working`
        touched = set(touches)
        if writes and touched:
            task.succeeded.connect(lambda _result: self.notify(touched))
            task.cancelled.connect(lambda: self.notify(touched))
            task.failed.connect(lambda _failure: self.notify(touched))
        return self._submit(task)

    def replay(self, replay: Callable[[Store, Change], None], change: Change) -> Task:
        """Undo or redo a change on the writer lane, then announce its tables."""
        task = Task(replay, args=(change,), writes=True, parent=self)
        task.succeeded.connect(lambda _result: self.changed.emit(change.tables))
        self._connect(task, None, None)
        return self._submit(task)

    def undo(self) -> None:
        """Undo the user's last change — counting the changes still on their way to the
        store: the undo waits behind them on the writer lane, so Ctrl+Z pressed just after an
        edit undoes that edit, not the one before it."""
        self._after_writes(self.undo_stack.undo)

    def redo(self) -> None:
        """Redo, in the same order as :meth:`undo`."""
        self._after_writes(self.undo_stack.redo)

    def _after_writes(self, step: Callable[[], None]) -> None:
        """``step`` once every write asked for has become a command: at once when none is
        on its way (a task leaves :attr:`_tasks` only after its command was pushed), else
        behind them on the writer lane."""
        if any(task.writes for task in self._tasks):
            self.apply(lambda _store: None, then=lambda _result: step())
        else:
            step()

    def notify(self, tables: Iterable[str]) -> None:
        """Tell every view that work done elsewhere changed these tables."""
        self.changed.emit(set(tables))

    def cancel_long_work(self) -> None:
        """Ask every long task to stop at its next cancel point.  Quick edits are never
        cancelled: an edit the user made is written, even as the window closes."""
        for task in list(self._tasks):
            if task.long:
                task.cancel()

    def close(self) -> None:
        """Cancel long work, let the edits queued be written, close every connection (waits)."""
        if self._closed:
            return
        self._closed = True
        self.cancel_long_work()
        self._lanes.close()
        collector.release()

    # --- inside -----------------------------------------------------------------------------

    def _connect(self, task: Task, then, failed, *, unwrap: bool = False) -> None:
        if then is not None:
            task.succeeded.connect(
                lambda result: then(result.result if unwrap and isinstance(result, Change)
                                    else result))
        task.failed.connect(failed or (lambda failure: self.error.emit(failure.message)))

    def _submit(self, task: Task) -> Task:
        if self._closed:  # the window is closing: work queued by a timer has no one to serve
            task.fail(RuntimeError("the store is closed"))
            return task
        self._tasks.add(task)
        task.finished.connect(self._finished)
        if task.stepped:
            self._lanes.write_stepped(task)
        elif task.writes:
            self._lanes.write(task)
        else:
            self._lanes.read(task)
        return task

    def _finished(self) -> None:
        task = self.sender()
        self._tasks.discard(task)
        task.setParent(None)  # whoever still holds the task keeps it; else Python frees it
        if not self._tasks:
            self.idle.emit()

    def _recorded(self, result: Any) -> None:
        if isinstance(result, Change) and result.rows:
            self.undo_stack.push(ChangeCommand(self, result))
            self.changed.emit(result.tables)
