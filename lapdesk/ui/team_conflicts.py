"""Team > Conflicts: each conflict with both versions, who and when, and its choices.

A list (model/view) of the open conflicts; the chosen one shows this replica's version and
the colleague's side by side; a button per choice settles it as an ordinary undoable change,
sent to the team with the next pack.
"""

from __future__ import annotations

import json

from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from lapdesk.team import conflicts as team_conflicts
from lapdesk.ui.service.store_service import StoreService

COLUMNS = ("What", "Between", "When")
# The fields a person reads, in their words; ids and bookkeeping stay out of sight.
FIELD_WORDS = {"title": "Title", "text": "Passage", "stance": "Stance", "summary": "Summary",
               "note": "Note", "tags": "Tags", "author": "By", "created_by": "Logged by",
               "received": "Received", "sender": "From", "subject": "Subject",
               "permission_to_publish": "May be published", "name": "Name", "notes": "Notes",
               "start": "From character", "end": "To character",
               "decision": "Decision", "result_text": "Text that results",
               "decided_by": "Decided by", "decided_at": "Decided on"}


def _when(stamp: str) -> str:
    return stamp[:16].replace("T", " ")


def _version(row: dict, conflict: team_conflicts.Conflict) -> str:
    """A version of the row as a person reads it: its fields, a synthesis in full."""
    if not row:
        return "(nothing kept on this side)"
    if conflict.kind in ("synthesis",) and "synthesis" in row:
        return row["synthesis"]
    words = {None: "not decided", 0: "no", 1: "yes"}
    lines = [f"{FIELD_WORDS[key]}: {words.get(value, value) if key == 'permission_to_publish' else value}"
             for key, value in row.items()
             if key in FIELD_WORDS and value not in (None, "")]
    dependents = row.get("_dependents") or []
    if dependents:
        lines.append(f"(with {len(dependents)} row{'s' * (len(dependents) != 1)} that depend "
                     "on it)")
    return "\n".join(lines) or json.dumps(row, ensure_ascii=False)


class ConflictsDialog(QDialog):
    def __init__(self, service: StoreService, parent: QWidget):
        super().__init__(parent)
        self.setWindowTitle("Conflicts to settle")
        self.resize(1000, 560)
        self.service = service
        self.items: list[team_conflicts.Conflict] = []
        self.model = QStandardItemModel(0, len(COLUMNS), self)
        self.model.setHorizontalHeaderLabels(COLUMNS)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(0, 520)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show())
        self.mine, self.theirs = QPlainTextEdit(self), QPlainTextEdit(self)
        self.mine_label, self.theirs_label = QLabel(self), QLabel(self)
        sides = QHBoxLayout()
        for label, text in ((self.mine_label, self.mine), (self.theirs_label, self.theirs)):
            text.setReadOnly(True)
            column = QVBoxLayout()
            column.addWidget(label)
            column.addWidget(text)
            sides.addLayout(column)
        versions = QWidget(self)
        versions.setLayout(sides)
        splitter = QSplitter(self)
        splitter.setOrientation(splitter.orientation().Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(versions)
        self.choices = QHBoxLayout()
        self.empty = QLabel("No conflicts to settle: the team's changes all merged.", self)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addWidget(splitter)
        layout.addLayout(self.choices)
        layout.addWidget(close)
        service.changed.connect(lambda _tables: self.isVisible() and self.refresh())

    def open(self) -> None:
        self.refresh()
        self.show()
        self.raise_()

    def refresh(self) -> None:
        self.service.read(team_conflicts.conflicts, then=self._fill)

    def _fill(self, found: list[team_conflicts.Conflict]) -> None:
        self.items = found
        self.model.setRowCount(0)
        for conflict in found:
            between = " and ".join(filter(None, (conflict.mine_by or "this replica",
                                                 conflict.theirs_by)))
            self.model.appendRow([QStandardItem(conflict.summary), QStandardItem(between),
                                  QStandardItem(_when(conflict.theirs_at))])
        self.empty.setVisible(not found)
        if found:
            self.table.selectRow(0)
        self._show()

    def current(self) -> team_conflicts.Conflict | None:
        row = self.table.currentIndex().row()
        return self.items[row] if 0 <= row < len(self.items) else None

    def _show(self) -> None:
        while self.choices.count():
            widget = self.choices.takeAt(0).widget()
            if widget is not None:
                widget.deleteLater()
        conflict = self.current()
        if conflict is None:
            for text in (self.mine, self.theirs):
                text.setPlainText("")
            self.mine_label.setText("")
            self.theirs_label.setText("")
            return
        # Of two edits, the later is in place (the rules' choice, until someone settles).
        both = conflict.kind in ("position", "synthesis", "decision")
        later = "theirs" if conflict.theirs_at > conflict.mine_at else "mine"
        marks = {side: " — in place now" if both and side == later else ""
                 for side in ("mine", "theirs")}
        self.mine_label.setText(f"Here ({conflict.mine_by or 'this replica'}"
                                f"{', ' + _when(conflict.mine_at) if conflict.mine_at else ''})"
                                + marks["mine"])
        self.theirs_label.setText(f"{conflict.theirs_by or 'The colleague'}"
                                  f" ({_when(conflict.theirs_at)})" + marks["theirs"])
        self.mine.setPlainText(_version(conflict.mine, conflict))
        self.theirs.setPlainText(_version(conflict.theirs, conflict))
        for choice in conflict.choices:
            button = QPushButton(team_conflicts.CHOICE_WORDS[choice], self)
            button.setObjectName(f"choice-{choice}")
            button.clicked.connect(lambda _=False, c=choice: self.settle(conflict.id, c))
            self.choices.addWidget(button)

    def settle(self, conflict_id: int, choice: str) -> None:
        self.service.apply(team_conflicts.settle, conflict_id, choice,
                           then=lambda _result: self.refresh())
