"""File > Backups…: the store's backups, newest first, with Back up now and Restore.

The list is a table model over :func:`lapdesk.store.backup.list_backups`.  Restore goes through
:func:`lapdesk.store.restore.restore` with the lock this desk already holds: the backup is
checked first, the current store is kept as a backup, and afterwards every view refreshes and
the undo history is dropped (it describes rows that are no longer there).  Both backing up
and restoring run on the desk's writer thread (a store of 64 MB takes seconds to restore),
with a progress dialog; a restore can be cancelled until the store is being replaced.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from lapdesk import APP_NAME
from lapdesk.store import backup, capture
from lapdesk.store.restore import restore
from lapdesk.ui.catalogue import Catalogue
from lapdesk.ui.dialogs.import_progress import ImportProgressDialog
from lapdesk.ui.models.rows_model import RowsTableModel
from lapdesk.ui.service.store_service import StoreService
from lapdesk.ui.service.tasks import Task

REASONS = {"auto": "Automatic", "open": "On opening", "close": "On closing",
           "manual": "Backed up by hand", "before-migration": "Before upgrading",
           "before-restore": "Before a restore"}
# Every table a restore can change, for the views' refresh.
ALL_TABLES = frozenset({"settings", "contributors", "contributor_aliases", "contributions",
                        "contribution_contributors", "files", "paragraphs", "framework_nodes",
                        "excerpts", "mappings", "topics", "annotations", "suggestions"})


class BackupTableModel(RowsTableModel):
    """The backups of one store: when, why, how big."""

    COLUMNS = ("Taken", "Why", "Size")

    def set_backups(self, backups: list[backup.BackupInfo]) -> None:
        self.set_rows(backups)

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        item = self.row_at(index)
        if item is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return (item.taken_at.strftime("%d %b %Y %H:%M:%S").lstrip("0"),
                    REASONS.get(item.reason, item.reason),
                    f"{item.size / 2**20:.1f} MB")[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return str(item.path)
        if role == Qt.ItemDataRole.UserRole:
            return item
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class BackupsDialog(QDialog):
    """Lists the backups; restores one after confirmation."""

    restored = Signal(object)  # the restore's result dict

    def __init__(self, service: StoreService, catalogue: Catalogue,
                 parent: QWidget | None = None, *, confirm=None):
        super().__init__(parent)
        self.service = service
        self.catalogue = catalogue
        self.op: Task | None = None  # the backup or restore under way
        self._confirm = confirm or self._ask_confirmation
        self.setWindowTitle(f"Backups of {service.name}")
        self.model = BackupTableModel(parent=self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setAccessibleName("Backups")
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.where = QLabel(self)
        self.where.setWordWrap(True)
        self.where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.backup_button = QPushButton("Back up now", self)
        self.restore_button = QPushButton("Restore…", self)
        buttons.addButton(self.backup_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.backup_button.clicked.connect(self.back_up_now)
        self.restore_button.clicked.connect(self.restore_selected)
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.where)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        self.resize(620, 420)
        self.refresh()

    @property
    def folder(self):
        return backup.folder_for(self.service.path, self.catalogue.setting(backup.SETTING))

    def refresh(self) -> None:
        self.model.set_backups(backup.list_backups(self.folder, self.service.name))
        self.where.setText(f"Backups are kept in {self.folder}: the last 10 and one a day, "
                           "within about five times the size of the store.")
        if self.model.rowCount():
            self.view.selectRow(0)
        self._update_buttons()

    def selected(self) -> backup.BackupInfo | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.rows[rows[0].row()] if rows else None

    def _update_buttons(self, *_args) -> None:
        lock = self.service.writer_lock
        idle = self.op is None
        can_restore = self.selected() is not None and lock is not None and lock.held
        self.restore_button.setEnabled(can_restore and idle)
        self.backup_button.setEnabled(idle)
        self.restore_button.setToolTip("" if lock is not None and lock.held else
                                       "Another LAPDesk holds this store; only it can restore.")

    def back_up_now(self) -> Task:
        def work(store, progress, cancel):
            return backup.take_backup(store.conn, store.path, reason="manual", force=True)

        return self._run(work, title="Backing up", on_success=lambda _path: None,
                         cancel_tip="Stop: no backup is kept")

    def _ask_confirmation(self, item: backup.BackupInfo) -> bool:
        answer = QMessageBox.question(
            self, APP_NAME,
            f"Restore the backup of {item.taken_at:%d %b %Y %H:%M}? The store as it is now is "
            "kept as a backup first, so this can be undone by restoring that one.")
        return answer == QMessageBox.StandardButton.Yes

    def restore_selected(self) -> Task | None:
        item = self.selected()
        if item is None or not self._confirm(item):
            return None
        service = self.service
        path, author, lock = service.path, service.author, service.writer_lock

        def work(store, progress, cancel):
            result = restore(path, item.path, author=author, held_lock=lock,
                             progress=progress, cancel=cancel)
            # A team's replica comes back as a new one: record its changes under its new id.
            store.capture = capture.attach(store)
            return result

        return self._run(work, title="Restoring a backup", on_success=self._restored,
                         cancel_tip="Stop before the store is replaced (once replacing has "
                                    "begun, it finishes)",
                         stopping="Stopping before the store is replaced…")

    def _restored(self, result: dict) -> None:
        self.service.undo_stack.clear()
        self.service.notify(ALL_TABLES)
        self.restored.emit(result)

    def _run(self, work, *, title: str, on_success, cancel_tip: str,
             stopping: str = "Stopping…") -> Task:
        """Run ``work`` on the desk's writer lane behind a progress dialog."""
        self.op = self.service.start(work, writes=True)
        self.op.succeeded.connect(on_success)
        self.op.failed.connect(lambda failure: QMessageBox.warning(self, APP_NAME,
                                                                   failure.message))
        self.op.finished.connect(self._finished)
        progress = ImportProgressDialog(self.op, title=title, describe=_step_text,
                                        cancel_tip=cancel_tip, stopping=stopping, parent=self)
        self._update_buttons()
        progress.show_unless_quick()
        return self.op

    def _finished(self) -> None:
        self.op = None
        self.refresh()


def _step_text(done: int, total: int) -> str:
    return f"Step {min(done + 1, total)} of {total}" if total else "Starting…"
