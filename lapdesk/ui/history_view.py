"""View > History…: the audit trail — when, who, on which replica, what — newest first.

A table (model/view) over :func:`lapdesk.store.history.history`, read on a reader lane of
the store service and read again whenever a change is announced while it is open.  In a team
the trail holds every colleague's entries too (they travel with the packs): the replica
column names the colleague working on it, so a person sees whose change came from where.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMainWindow,
    QTableView,
    QVBoxLayout,
)

from lapdesk.core.records import AuditEntry
from lapdesk.store import history
from lapdesk.ui.models.rows_model import RowsTableModel
from lapdesk.ui.service.store_service import StoreService

SHOWN = 1000  # entries read at once: weeks of a team's work


def when(at: str) -> str:
    """``2026-12-07 23:10``: the audit entry's time, to the minute."""
    return at[:16].replace("T", " ")


class HistoryModel(RowsTableModel):
    """Audit entries: when, who, which replica, what."""

    COLUMNS = ("When", "Who", "Replica", "What")

    def __init__(self, parent=None):
        super().__init__(parent=parent)
        self.own_replica = ""

    def replica_text(self, entry: AuditEntry) -> str:
        if not entry.replica:
            return ""
        name = entry.replica_name or entry.replica
        return f"{name} (this replica)" if entry.replica == self.own_replica else name

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        entry: AuditEntry | None = self.row_at(index)
        if entry is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return (when(entry.at), entry.author, self.replica_text(entry),
                    entry.action)[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            details = ", ".join(f"{key}: {value}" for key, value in entry.details.items())
            return (f"{entry.at} · replica {entry.replica or '(works alone)'}"
                    + (f"\n{details}" if details else ""))
        if role == Qt.ItemDataRole.UserRole:
            return entry
        return None


def _read(store, contribution_id: int | None) -> tuple[str, list[AuditEntry]]:
    own = store.query_one("SELECT replica_id FROM team_replica")
    return ((own["replica_id"] or "") if own else "",
            history.history(store, contribution_id=contribution_id, limit=SHOWN))


class HistoryDialog(QDialog):
    """The audit trail of the open store, or of the chosen contribution only.

    :param current_contribution: returns the contribution chosen in the window (or None).
    """

    def __init__(self, service: StoreService, window: QMainWindow, *, current_contribution):
        super().__init__(window)
        self.setWindowTitle("History: who changed what")
        self.resize(900, 520)
        self.service = service
        self.current_contribution = current_contribution
        self.model = HistoryModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        for column in range(3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.only_chosen = QCheckBox("Only the chosen contribution", self)
        self.only_chosen.toggled.connect(lambda _on: self.refresh())
        self.count = QLabel(self)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.only_chosen)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)
        layout.addWidget(close)
        service.changed.connect(lambda _tables: self.isVisible() and self.refresh())
        # View > History… (the menus place it; its keys work anywhere in the window).
        self.action = QAction("&History (who changed what)…", window)
        self.action.setShortcut(QKeySequence("Ctrl+Shift+H"))
        self.action.triggered.connect(self.open)
        window.addAction(self.action)

    def open(self) -> None:
        self.refresh()
        self.show()
        self.raise_()

    def refresh(self) -> None:
        chosen = self.current_contribution() if self.only_chosen.isChecked() else None
        self.service.read(_read, chosen, then=self._fill)

    def _fill(self, read: tuple[str, list[AuditEntry]]) -> None:
        self.model.own_replica, entries = read
        self.model.set_rows(entries)
        more = " (the latest)" if len(entries) == SHOWN else ""
        self.count.setText(f"{len(entries)} entr{'y' if len(entries) == 1 else 'ies'}{more}")
