"""After an import: what was logged and what needs the team's attention, file by file.

Activating a row (double-click or Enter) opens that contribution in the reader.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
)

from lapdesk.ui.models.import_summary_model import ContributionIdRole, ImportSummaryModel


def headline(files: int, logged: int, attention: int, *, cancelled: bool = False) -> str:
    parts = [f"{files} file{'s' if files != 1 else ''} read",
             f"{logged} logged",
             f"{attention} need{'s' if attention == 1 else ''} attention"]
    text = " · ".join(parts)
    if cancelled:
        text = "Import stopped before the end. " + text
    return text


class ImportSummaryDialog(QDialog):
    contribution_chosen = Signal(int)

    def __init__(self, results: list[dict], *, cancelled: bool = False, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Import summary")
        self.resize(860, 380)
        self.model = ImportSummaryModel(results, self)
        logged, attention = self.model.counts()
        self.headline = QLabel(headline(self.model.rowCount(), logged, attention,
                                        cancelled=cancelled), self)
        self.hint = QLabel("Double-click a row to open that contribution.", self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName("Imported files")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        for column in range(3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.activated.connect(self.open_row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.headline)
        layout.addWidget(self.table)
        layout.addWidget(self.hint)
        layout.addWidget(buttons)

    def open_row(self, index: QModelIndex) -> None:
        contribution_id = self.model.data(index, ContributionIdRole)
        if contribution_id:
            self.contribution_chosen.emit(int(contribution_id))
