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

from lapdesk.core.records import ImportResult
from lapdesk.ui.models.import_summary_model import (
    ContributionIdRole,
    ImportSummaryModel,
    SummaryRow,
)

RESIZE_PRECISION_ROWS = 40


def headline(files: int, logged: int, attention: int, *, cancelled: bool = False) -> str:
    """"12 files read · 10 contributions logged · 3 files to check (⚠ below)": files and
    contributions are counted apart (an email and its attachments are one contribution)."""
    parts = [f"{files} file{'s' if files != 1 else ''} read",
             f"{logged} contribution{'s' if logged != 1 else ''} logged",
             f"{attention} file{'s' if attention != 1 else ''} to check (⚠ below)" if attention
             else "nothing to check"]
    text = " · ".join(parts)
    if cancelled:
        text = "Import stopped before the end. " + text
    return text


def revisions_text(revisions: list[dict]) -> str:
    """One line per proposed revision: which new file looks like which earlier contribution."""
    return "\n".join(
        f"• {r['new_name']} looks like a revision of contribution {r['old_id']} "
        f"({r['old_title'] or 'untitled'}, received {r['old_received'][:10]}; "
        f"{round(100 * r['similarity'])} % alike)."
        for r in revisions)


class ImportSummaryDialog(QDialog):
    contribution_chosen = Signal(int)
    supersede_chosen = Signal(list)  # the revisions the user confirmed
    password_requested = Signal(int, str)  # a protected file's id and name

    def __init__(self, results: list[ImportResult], *, cancelled: bool = False,
                 revisions: list[dict] = (), parent=None):
        super().__init__(parent)
        self.setWindowTitle("Import summary")
        self.resize(980, 420)
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
        # What the file needs (the last column) wraps rather than being cut off.
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = self.table.horizontalHeader()
        # Columns fit their contents as measured on the first rows, not on every row: a long
        # list would hold the window a good part of a second.
        header.setResizeContentsPrecision(RESIZE_PRECISION_ROWS)
        for column in range(3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.activated.connect(self.open_row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        # A protected file is read again in place with its password (never kept).
        self.password_button = buttons.addButton("Enter password…",
                                                 QDialogButtonBox.ButtonRole.ActionRole)
        self.password_button.setEnabled(False)
        self.password_button.clicked.connect(self._ask_password)
        self.password_button.setVisible(any(r.status == "encrypted" and r.file_id
                                            for r in self.model.rows))
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        layout = QVBoxLayout(self)
        layout.addWidget(self.headline)
        layout.addWidget(self.table)
        layout.addWidget(self.hint)
        self.revisions = list(revisions)
        if self.revisions:
            # The older version stays in the store, marked superseded and left out of exports.
            self.revisions_label = QLabel(revisions_text(self.revisions), self)
            self.revisions_label.setWordWrap(True)
            self.supersede_button = buttons.addButton(
                "Mark the older versions superseded", QDialogButtonBox.ButtonRole.ActionRole)
            self.supersede_button.clicked.connect(self._supersede)
            layout.addWidget(self.revisions_label)
        layout.addWidget(buttons)

    def _supersede(self) -> None:
        self.supersede_chosen.emit(self.revisions)
        self.supersede_button.setEnabled(False)
        self.revisions_label.setText(self.revisions_label.text()
                                     + "\nMarked superseded (Edit > Undo takes it back).")

    def _encrypted_row(self) -> SummaryRow | None:
        row = self.model.row_at(self.table.currentIndex())
        return row if row and row.status == "encrypted" and row.file_id else None

    def _row_changed(self, *_indexes) -> None:
        self.password_button.setEnabled(self._encrypted_row() is not None)

    def _ask_password(self) -> None:
        row = self._encrypted_row()
        if row is not None:
            self.password_requested.emit(row.file_id, row.name)

    def open_row(self, index: QModelIndex) -> None:
        contribution_id = self.model.data(index, ContributionIdRole)
        if contribution_id:
            self.contribution_chosen.emit(int(contribution_id))
