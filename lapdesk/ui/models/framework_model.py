"""The framework tree (sections and questions) as a Qt item model."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt

from lapdesk.store import framework
from lapdesk.store.connection import Store

Index = QModelIndex | QPersistentModelIndex
KeyRole = Qt.ItemDataRole.UserRole + 1
KindRole = Qt.ItemDataRole.UserRole + 2


@dataclass(eq=False)
class _Node:
    row: dict
    parent: _Node | None
    children: list[_Node] = field(default_factory=list)


class FrameworkTreeModel(QAbstractItemModel):
    """Columns: the node's title, and how many questions it holds."""

    HEADERS = ("Section / question", "Questions")

    def __init__(self, store: Store, parent=None):
        super().__init__(parent)
        self._store = store
        self._roots: list[_Node] = []
        self._counts: dict[str, int] = {}
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        by_id: dict[int, _Node] = {}
        self._roots = []
        for row in framework.nodes(self._store):
            parent = by_id.get(row["parent_id"])
            item = _Node(row, parent)
            by_id[row["id"]] = item
            (parent.children if parent else self._roots).append(item)
        self._counts = framework.question_counts(self._store)
        self.endResetModel()

    def _node(self, index: Index) -> _Node | None:
        return index.internalPointer() if index.isValid() else None

    def _siblings(self, node: _Node | None) -> list[_Node]:
        return node.children if node else self._roots

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        return self.createIndex(row, column, self._siblings(self._node(parent))[row])

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        node = self._node(index)
        if node is None or node.parent is None:
            return QModelIndex()
        grand = node.parent.parent
        return self.createIndex(self._siblings(grand).index(node.parent), 0, node.parent)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        if parent.column() > 0:
            return 0
        return len(self._siblings(self._node(parent)))

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return len(self.HEADERS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        node = self._node(index)
        if node is None:
            return None
        row = node.row
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() == 0:
                return row["short_title"] or row["title"]
            count = self._counts.get(row["key"], 0)
            return count if row["kind"] != "question" else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return row["title"]
        if role == KeyRole:
            return row["key"]
        if role == KindRole:
            return row["kind"]
        return None

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None
