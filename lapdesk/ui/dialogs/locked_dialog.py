"""The choice a second LAPDesk gets when another one holds the store: read-only, or cancel.

:func:`open_store_for_desk` is how the desk opens a store: for writing, with the sidecar writer
lock; if another LAPDesk (on this laptop or another one on the shared drive) holds it, the
user is told who and since when, and may open the store read-only instead.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from lapdesk import APP_NAME
from lapdesk.core.errors import StoreLockedError
from lapdesk.store.connection import Store, open_store


class LockedDialog(QMessageBox):
    """"X is being edited by fb on LAPTOP-7 since 09:42" with Open read-only / Cancel."""

    def __init__(self, message: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setIcon(QMessageBox.Icon.Warning)
        self.setWindowTitle(APP_NAME)
        self.setText(message)
        self.setInformativeText("Read-only, you can read, search and export, but not change "
                                "anything; changes made by the other person appear when you "
                                "reopen the store.")
        self.read_only_button = self.addButton("Open read-only",
                                               QMessageBox.ButtonRole.AcceptRole)
        self.cancel_button = self.addButton(QMessageBox.StandardButton.Cancel)
        self.setDefaultButton(self.read_only_button)
        self.setEscapeButton(self.cancel_button)

    def chose_read_only(self) -> bool:
        return self.clickedButton() is self.read_only_button


def _ask(dialog: LockedDialog) -> bool:
    dialog.exec()
    return dialog.chose_read_only()


def open_store_for_desk(path: str | Path, parent: QWidget | None = None, *,
                        ask: Callable[[LockedDialog], bool] = _ask,
                        author: str | None = None) -> Store | None:
    """Open ``path`` for writing with the writer lock, or — if another LAPDesk holds it and
    the user agrees — read-only.  Returns ``None`` when the user cancels.

    :raises LapdeskError: the store cannot be opened at all (the caller shows the sentence).
    """
    try:
        return open_store(path, lock=True, author=author)
    except StoreLockedError as error:
        if not ask(LockedDialog(str(error), parent)):
            return None
    return open_store(path, readonly=True, author=author)
