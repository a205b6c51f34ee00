"""The desk's safety net, installed into a main window: integrity check on open, automatic
backups (on open, every few minutes while the store changes, on close), File > Backups…, and
a title that says when the store is read-only.

:func:`install` is idempotent, so it can be both one of the main window's ``EXTENSIONS`` and
called by the application after the first window is built.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMessageBox

from lapdesk import APP_NAME
from lapdesk.core.errors import LapdeskError
from lapdesk.store import backup
from lapdesk.ui.dialogs.backups_dialog import BackupsDialog
from lapdesk.ui.integrity_watch import IntegrityWatch, show_failure
from lapdesk.ui.ops import StoreOp, TaskManager
from lapdesk.ui.session import StoreSession

BACKUP_EVERY_MS = 10 * 60 * 1000


class AutoBackup(QObject):
    """Backups of the session's store, taken off the GUI thread on a connection of their own;
    skipped when nothing changed since the newest backup.  Only the writer backs up."""

    backed_up = Signal(object)  # the new backup's path, or None when nothing had changed

    def __init__(self, session: StoreSession, tasks: TaskManager, *,
                 every_ms: int = BACKUP_EVERY_MS, parent: QObject | None = None):
        super().__init__(parent)
        self.session = session
        self.tasks = tasks
        self.timer = QTimer(self)
        self.timer.setInterval(every_ms)
        self.timer.timeout.connect(lambda: self.run("auto"))

    @property
    def is_writer(self) -> bool:
        """Only the lock holder backs up, and never a store that failed its check: a damaged
        copy would push good backups out of the rotation."""
        store = self.session.store
        return store.writer_lock is not None and store.writer_lock.held and not store.readonly

    def run(self, reason: str) -> StoreOp | None:
        if not self.is_writer:
            return None

        def work(store, progress, cancel):
            return backup.take_backup(store.conn, store.path, reason=reason)

        op = StoreOp(self.tasks, work, store_path=self.session.path, writes=False)
        op.succeeded.connect(self.backed_up.emit)
        op.failed.connect(lambda failure: self.session.error.emit(failure.message))
        return op.run()

    def final(self) -> None:
        """The backup on close, on the GUI thread: the window is going away."""
        self.timer.stop()
        if not self.is_writer:
            return
        store = self.session.store
        try:
            backup.take_backup(store.conn, store.path, reason="close")
        except LapdeskError as error:
            QMessageBox.warning(None, APP_NAME, str(error))


class Reliability(QObject):
    """What :func:`install` adds to one window; reachable as ``window.reliability``."""

    def __init__(self, window: QMainWindow, *, backup_every_ms: int = BACKUP_EVERY_MS):
        super().__init__(window)
        self.window = window
        self.session: StoreSession = window.session
        self.tasks = TaskManager(self)
        self.integrity = IntegrityWatch(self.session, self.tasks, self)
        self.auto_backup = AutoBackup(self.session, self.tasks, every_ms=backup_every_ms,
                                      parent=self)
        self.backups_action = QAction("&Backups…", window)
        self.backups_action.setObjectName("file-backups")
        self.backups_action.triggered.connect(self.show_backups)
        file_menu = getattr(window, "menus", {}).get("file") or window.menuBar().addMenu("&File")
        file_menu.addAction(self.backups_action)
        self.integrity.checked.connect(self._checked)
        window.installEventFilter(self)
        self._mark_read_only()
        QTimer.singleShot(0, self.integrity.start)

    def _checked(self, result: dict) -> None:
        if result["ok"]:
            self.auto_backup.run("open")
            self.auto_backup.timer.start()
            return
        self._mark_read_only()
        if self.window.isVisible():
            show_failure(self.window, self.session, result, open_backups=self.show_backups)

    def _mark_read_only(self) -> None:
        title = self.window.windowTitle()
        if self.session.store.readonly and not title.endswith("(read-only)"):
            self.window.setWindowTitle(f"{title} (read-only)")

    def show_backups(self) -> BackupsDialog:
        dialog = BackupsDialog(self.session, self.tasks, self.window)
        dialog.restored.connect(self._restored)
        dialog.open()
        return dialog

    def _restored(self, _result: dict) -> None:
        # The restored store passed check before it was restored: writing may resume.
        lock = self.session.store.writer_lock
        if lock is not None and lock.held:
            self.session.store.readonly = False
            self.window.setWindowTitle(self.window.windowTitle().removesuffix(" (read-only)"))
            self.auto_backup.timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Close:
            self.tasks.shutdown()
            self.auto_backup.final()
        return False


def install(window: QMainWindow) -> Reliability:
    existing = getattr(window, "reliability", None)
    if isinstance(existing, Reliability):
        return existing
    window.reliability = Reliability(window)
    return window.reliability
