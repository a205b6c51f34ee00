"""Integrity on open: ``check`` runs in the background on a read-only connection of its own; a
store that fails becomes read-only at once, and the user is told the way out.

The way out is to restore a backup (File > Backups…) or to salvage what can still be read into
a new store (:func:`lapdesk.store.salvage.salvage`).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget

from lapdesk import APP_NAME
from lapdesk.store.integrity import check
from lapdesk.store.salvage import salvage
from lapdesk.ui.service.store_service import StoreService
from lapdesk.ui.service.tasks import Task

SHOWN_PROBLEMS = 5


class IntegrityWatch(QObject):
    """Runs the check of the store on a reader lane; :attr:`checked` carries ``{ok,
    problems}``.  On a failure the store is made read-only before the signal, so nothing more
    can be written into a damaged store."""

    checked = Signal(dict)

    def __init__(self, service: StoreService, parent: QObject | None = None):
        super().__init__(parent)
        self.service = service
        self.result: dict | None = None
        self.task: Task | None = None

    def start(self) -> Task:
        self.task = self.service.start(lambda store, progress, cancel: check(store),
                                       writes=False)
        self.task.succeeded.connect(self._done)
        self.task.failed.connect(lambda failure: self._done({"ok": False,
                                                              "problems": [failure.message]}))
        return self.task

    def _done(self, result: dict) -> None:
        self.result = result
        if not result["ok"]:
            self.service.set_readonly(True)
        self.checked.emit(result)


def failure_message(store_name: str, problems: list[str]) -> str:
    shown = problems[:SHOWN_PROBLEMS]
    more = len(problems) - len(shown)
    listing = "\n".join(f"• {p}" for p in shown) + (f"\n• and {more} more." if more else "")
    return (f"{store_name} failed its integrity check, so it is open read-only: nothing more "
            f"will be written into it.\n\n{listing}\n\nTo go on working, restore a backup "
            "(File > Backups…) or salvage what can still be read into a new store.")


class FailureBox(QMessageBox):
    """The message after a failed check, with buttons for the two ways out."""

    def __init__(self, store_name: str, problems: list[str], parent: QWidget | None = None):
        super().__init__(parent)
        self.setIcon(QMessageBox.Icon.Critical)
        self.setWindowTitle(APP_NAME)
        self.setText(failure_message(store_name, problems))
        self.backups_button = self.addButton("Backups…", QMessageBox.ButtonRole.ActionRole)
        self.salvage_button = self.addButton("Salvage into a new store…",
                                             QMessageBox.ButtonRole.ActionRole)
        self.addButton(QMessageBox.StandardButton.Close)


def show_failure(parent: QWidget, service: StoreService, result: dict, *,
                 open_backups: Callable[[], None]) -> None:
    """Tell the user the store failed its check, and start the way out they choose."""
    box = FailureBox(service.name, result["problems"], parent)
    box.exec()
    if box.clickedButton() is box.backups_button:
        open_backups()
    elif box.clickedButton() is box.salvage_button:
        salvage_interactively(parent, service)


def salvage_interactively(parent: QWidget, service: StoreService) -> Task | None:
    """Ask where the new store goes, salvage into it off the GUI thread, and say what came
    through."""
    src = service.path
    suggested = str(Path(src).with_name(Path(src).stem + "-salvaged.lapdesk"))
    dest, _ = QFileDialog.getSaveFileName(parent, "Salvage into a new store", suggested,
                                          "LAPDesk stores (*.lapdesk)")
    if not dest:
        return None
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    task = service.start(lambda _store, progress, cancel: salvage(src, dest), writes=False)
    task.finished.connect(QApplication.restoreOverrideCursor)
    task.failed.connect(lambda failure: QMessageBox.warning(parent, APP_NAME, failure.message))
    task.succeeded.connect(lambda report: _salvaged(parent, dest, report))
    return task


def _salvaged(parent: QWidget, dest: str, report: dict) -> None:
    copied = sum(t["copied"] for t in report["tables"].values())
    lost = sum(t["read_errors"] + t["dropped"] for t in report["tables"].values())
    QMessageBox.information(parent, APP_NAME,
                            f"{copied:,} rows were copied into {dest} ({lost:,} unreadable or "
                            "left out). Open it with File > Open to go on working.")
