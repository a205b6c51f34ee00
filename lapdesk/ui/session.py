"""The GUI thread's hold on a store: one connection, one undo stack, one change signal.

Every view reads through :attr:`StoreSession.store` and refreshes itself when
:attr:`StoreSession.store_changed` names a table it shows.  Quick edits go through
:meth:`StoreSession.apply`, which turns a core function's recorded :class:`Change` into an
undoable command; work done elsewhere (a worker thread's import) is announced with
:meth:`StoreSession.notify`.  The session never writes SQL itself: the core does.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from lapdesk.core.errors import LapdeskError
from lapdesk.store import changes
from lapdesk.store.changes import Change
from lapdesk.store.connection import Store


class ChangeCommand(QUndoCommand):
    """A change already made in the store, replayed by the core's undo/redo."""

    def __init__(self, session: StoreSession, change: Change):
        super().__init__(change.description)
        self._session = session
        self.change = change
        self._done = True  # the change is in the store before the command is pushed

    def redo(self) -> None:
        if self._done:
            return
        self._session._replay(changes.redo, self.change)
        self._done = True

    def undo(self) -> None:
        self._session._replay(changes.undo, self.change)
        self._done = False


class StoreSession(QObject):
    """The open store, its undo history, and the signal every view listens to."""

    store_changed = Signal(object)  # set[str]: the tables a change touched
    error = Signal(str)  # one plain sentence for the status bar or a message box

    def __init__(self, store: Store, parent: QObject | None = None):
        super().__init__(parent)
        self.store = store
        self.undo_stack = QUndoStack(self)

    @property
    def path(self):
        return self.store.path

    def apply(self, change_fn: Callable[..., Change], *args: Any, **kwargs: Any) -> Any:
        """Run a core function that returns a :class:`Change`, and make it undoable.

        Returns ``change.result``; on a :class:`LapdeskError` emits :attr:`error` with the
        error's sentence and returns ``None`` (the core rolled the transaction back).
        """
        try:
            change = change_fn(self.store, *args, **kwargs)
        except LapdeskError as failure:
            self.error.emit(str(failure))
            return None
        if change.rows:
            self.undo_stack.push(ChangeCommand(self, change))
            self.store_changed.emit(change.tables)
        return change.result

    def notify(self, tables: Iterable[str]) -> None:
        """Tell every view that work done elsewhere changed these tables."""
        self.store_changed.emit(set(tables))

    def _replay(self, replay: Callable[[Store, Change], None], change: Change) -> None:
        try:
            replay(self.store, change)
        except LapdeskError as failure:
            self.error.emit(str(failure))
            return
        self.store_changed.emit(change.tables)
