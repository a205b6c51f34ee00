"""A flat table over a list of rows: the plumbing every simple table model of the desk shares.

Subclasses name their ``COLUMNS`` and answer :meth:`data` for one row (``row_at``); the row
count, column count, headers and wholesale replacement (:meth:`set_rows`) live here once.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from lapdesk.ui.models.one_call import OneCallPerCell

Index = QModelIndex | QPersistentModelIndex


class RowsTableModel(OneCallPerCell, QAbstractTableModel):
    COLUMNS: tuple[str, ...] = ()

    def __init__(self, rows: list | None = None, parent=None):
        super().__init__(parent)
        self.rows: list[Any] = list(rows or [])

    def set_rows(self, rows: list) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def row_at(self, index: Index) -> Any | None:
        """The row behind ``index``, or None for an invalid or stale index."""
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        return self.rows[index.row()]

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole):
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(self.COLUMNS)):
            return self.COLUMNS[section]
        return None
