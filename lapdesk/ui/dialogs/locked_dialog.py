"""The choice a second LAPDesk gets when another one holds the store: read-only, or cancel.

The desk opens a store for writing, with the sidecar writer lock
(:mod:`lapdesk.ui.store_opener`); if another LAPDesk (on this laptop or another one on the
shared drive) holds it, the user is told who and since when, and may open the store read-only
instead.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from lapdesk import APP_NAME


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


def ask_read_only(dialog: LockedDialog) -> bool:
    """Show the question and wait for the answer: whether to open the store read-only."""
    dialog.exec()
    return dialog.chose_read_only()
