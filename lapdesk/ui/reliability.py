"""The desk's safety net: the integrity check on open, automatic backups (on open, every few
minutes while the store changes, on close), File > Backups…, and a title that says when the
store is read-only.  Every backup and check runs on a lane of the store service, never on the
GUI thread.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow

from lapdesk.store import backup
from lapdesk.ui.catalogue import Catalogue
from lapdesk.ui.dialogs.backups_dialog import BackupsDialog
from lapdesk.ui.integrity_watch import IntegrityWatch, show_failure
from lapdesk.ui.service.store_service import StoreService
from lapdesk.ui.service.tasks import Task

BACKUP_EVERY_MS = 10 * 60 * 1000


class AutoBackup(QObject):
    """Backups of the store, taken on a reader lane; skipped when nothing changed since the
    newest backup.  Only the writer backs up."""

    backed_up = Signal(object)  # the new backup's path, or None when nothing had changed

    def __init__(self, service: StoreService, *, every_ms: int = BACKUP_EVERY_MS,
                 parent: QObject | None = None):
        super().__init__(parent)
        self.service = service
        self.timer = QTimer(self)
        self.timer.setInterval(every_ms)
        self.timer.timeout.connect(lambda: self.run("auto"))

    @property
    def is_writer(self) -> bool:
        """Only the lock holder backs up, and never a store that failed its check: a damaged
        copy would push good backups out of the rotation."""
        lock = self.service.writer_lock
        return lock is not None and lock.held and not self.service.readonly

    def run(self, reason: str) -> Task | None:
        """Back up now, on a reader lane."""
        if not self.is_writer:
            return None
        task = self.service.start(
            lambda store, progress, cancel: backup.take_backup(store.conn, store.path,
                                                               reason=reason), writes=False)
        task.succeeded.connect(self.backed_up.emit)
        task.failed.connect(lambda failure: self.service.error.emit(failure.message))
        return task

    def final(self) -> None:
        """The backup on close: a quick job on the writer lane, queued behind the last edits
        and, unlike long work, never cancelled by the closing."""
        self.timer.stop()
        if self.is_writer:
            self.service.apply(lambda store: backup.take_backup(store.conn, store.path,
                                                                reason="close"))


class Reliability(QObject):
    """The safety net of one window.

    :param backup_every_ms: how often a changed store is backed up while the desk is open.
    """

    def __init__(self, window: QMainWindow, service: StoreService, catalogue: Catalogue, *,
                 backup_every_ms: int = BACKUP_EVERY_MS):
        super().__init__(window)
        self.window = window
        self.service = service
        self.catalogue = catalogue
        self.integrity = IntegrityWatch(service, self)
        self.auto_backup = AutoBackup(service, every_ms=backup_every_ms, parent=self)
        self.backups_action = QAction("&Backups…", window)
        self.backups_action.setObjectName("file-backups")
        self.backups_action.triggered.connect(self.show_backups)
        self.integrity.checked.connect(self._checked)

    def start(self) -> None:
        """Check the store just opened (and back it up once it passed)."""
        self.integrity.start()

    def start_when_loaded(self) -> None:
        """:meth:`start` once the window's first reads are in: the check reads the whole
        file and hashes every original, which on a large store would take a core from them."""
        self.service.idle.connect(self._loaded)

    def _loaded(self) -> None:
        self.service.idle.disconnect(self._loaded)
        self.start()

    def _checked(self, result: dict) -> None:
        if result["ok"]:
            self.auto_backup.run("open")
            self.auto_backup.timer.start()
            return
        self.window.update_title()
        if self.window.isVisible():
            show_failure(self.window, self.service, result, open_backups=self.show_backups)

    def show_backups(self) -> BackupsDialog:
        dialog = BackupsDialog(self.service, self.catalogue, self.window)
        dialog.restored.connect(self._restored)
        dialog.open()
        return dialog

    def _restored(self, _result: dict) -> None:
        # The restored store passed check before it was restored: writing may resume.
        lock = self.service.writer_lock
        if lock is not None and lock.held:
            self.service.set_readonly(False)
            self.window.update_title()
            self.auto_backup.timer.start()
