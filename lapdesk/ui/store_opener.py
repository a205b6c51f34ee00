"""Opening a store for the desk, off the GUI thread.

Opening may create, upgrade (migrate) or check a store, which takes time on a large one; it
runs on a thread of its own and hands the open :class:`~lapdesk.store.connection.Store` back
to the GUI thread.  A store another LAPDesk holds is offered read-only, as the
:class:`~lapdesk.ui.dialogs.locked_dialog.LockedDialog` asks.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from lapdesk.core.errors import LapdeskError, StoreLockedError
from lapdesk.store.connection import Store, open_store
from lapdesk.ui.dialogs.locked_dialog import LockedDialog, ask_read_only

_ATTEMPTS: set[StoreOpening] = set()  # alive until they report back


class StoreOpening(QObject):
    """One attempt to open ``path``; :attr:`opened` carries the store, :attr:`failed` the
    sentence to show, :attr:`declined` that the user chose not to open it read-only."""

    opened = Signal(object)
    failed = Signal(str)
    declined = Signal()
    _outcome = Signal(str, object)

    def __init__(self, path: str | Path, *, author: str | None, parent: QWidget | None,
                 ask: Callable[[LockedDialog], bool] = ask_read_only):
        super().__init__()
        self.path = Path(path)
        self.author = author
        self._parent = parent
        self._ask = ask
        self._outcome.connect(self._deliver)

    def start(self, *, readonly: bool = False) -> StoreOpening:
        _ATTEMPTS.add(self)
        threading.Thread(target=self._open, args=(readonly,), name="lapdesk-open",
                         daemon=True).start()
        return self

    def _open(self, readonly: bool) -> None:
        try:
            store = (open_store(self.path, readonly=True, author=self.author) if readonly
                     else open_store(self.path, lock=True, author=self.author))
        except StoreLockedError as error:
            self._outcome.emit("locked", str(error))
        except LapdeskError as error:
            self._outcome.emit("failed", str(error))
        except Exception as error:  # an unexpected failure is still one sentence
            self._outcome.emit("failed", f"{self.path.name} could not be opened: {error}.")
        else:
            self._outcome.emit("opened", store)

    def _deliver(self, kind: str, payload: object) -> None:
        if kind == "locked":
            if self._ask(LockedDialog(str(payload), self._parent)):
                self.start(readonly=True)
                return
            self.declined.emit()
        elif kind == "failed":
            self.failed.emit(payload)
        else:
            self.opened.emit(payload)
        _ATTEMPTS.discard(self)


def open_for_desk(path: str | Path, *, author: str | None, parent: QWidget | None,
                  then: Callable[[Store], None], failed: Callable[[str], None],
                  declined: Callable[[], None] = lambda: None,
                  ask: Callable[[LockedDialog], bool] = ask_read_only) -> StoreOpening:
    """Open ``path`` for writing with the writer lock (or read-only, if another LAPDesk holds
    it and the user agrees) off the GUI thread; ``then(store)`` on the GUI thread."""
    opening = StoreOpening(path, author=author, parent=parent, ask=ask)
    opening.opened.connect(then)
    opening.failed.connect(failed)
    opening.declined.connect(declined)
    return opening.start()
