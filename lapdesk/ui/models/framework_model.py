"""The framework tree (sections and questions) as a Qt item model, with what is mapped to it."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt

from lapdesk.core.framework_tree import FrameworkTree
from lapdesk.ui import colours
from lapdesk.ui.models.one_call import OneCallPerCell

Index = QModelIndex | QPersistentModelIndex
KeyRole = Qt.ItemDataRole.UserRole + 1
KindRole = Qt.ItemDataRole.UserRole + 2
RIGHT_ALIGNED = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


@dataclass(eq=False)
class _Node:
    row: dict
    parent: _Node | None
    section: int
    children: list[_Node] = field(default_factory=list)


class FrameworkTreeModel(OneCallPerCell, QAbstractItemModel):
    """Columns: the node's title, the excerpts mapped to it (or below), their contributors."""

    HEADERS = ("Section / question", "Exc.", "From")
    HEADER_TIPS = ("", "Excerpts mapped here or below", "Contributors of those excerpts")

    def __init__(self, parent=None):
        super().__init__(parent)
        self._roots: list[_Node] = []
        self._by_key: dict[str, _Node] = {}
        self._questions: dict[str, int] = {}
        self._counts: dict[str, dict[str, int]] = {}

    def set_framework(self, tree: FrameworkTree) -> None:
        """Rebuild (after the framework itself changed)."""
        self.beginResetModel()
        self._roots, self._by_key = [], {}
        by_id: dict[int, _Node] = {}
        sections = -1
        for row in tree.rows:
            parent = by_id.get(row["parent_id"])
            if row["kind"] == "section":
                sections += 1
            item = _Node(row, parent, parent.section if parent and row["kind"] != "section"
                         else max(sections, 0))
            by_id[row["id"]] = item
            self._by_key[row["key"]] = item
            (parent.children if parent else self._roots).append(item)
        self._questions = tree.question_counts()
        self.endResetModel()

    def set_counts(self, counts: dict[str, dict[str, int]]) -> None:
        """Update the count columns in place, only where a count changed (keeps the view's
        expansion and selection, and spares it re-measuring every row)."""
        old, self._counts = self._counts, counts
        for key, node_counts in counts.items():
            if old.get(key) != node_counts:
                index = self.index_of(key)
                if index.isValid():
                    self.dataChanged.emit(index.siblingAtColumn(1), index.siblingAtColumn(2),
                                          [Qt.ItemDataRole.DisplayRole,
                                           Qt.ItemDataRole.AccessibleTextRole])

    def index_of(self, key: str) -> QModelIndex:
        node = self._by_key.get(key)
        if node is None:
            return QModelIndex()
        return self.createIndex(self._siblings(node.parent).index(node), 0, node)

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
        row, column = node.row, index.column()
        counts = self._counts.get(row["key"], {"excerpts": 0, "contributors": 0})
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                title = row["short_title"] or row["title"]
                if row.get("label"):  # a draft's "Action 12": its label carries its number
                    return title
                return f"{row['number']}. {title}" if row["number"] else title
            return counts["excerpts"] if column == 1 else counts["contributors"]
        if role == Qt.ItemDataRole.ToolTipRole:
            questions = self._questions.get(row["key"], 0)
            extra = f" ({questions} questions)" if questions else ""
            return f"{row['title']}{extra}"
        if role == Qt.ItemDataRole.AccessibleTextRole and column:
            return f"{counts['excerpts']} excerpts, {counts['contributors']} contributors"
        if role == Qt.ItemDataRole.DecorationRole and column == 0 and row["kind"] == "section":
            return colours.swatch(node.section)
        if role == Qt.ItemDataRole.TextAlignmentRole and column:
            return RIGHT_ALIGNED
        if role == KeyRole:
            return row["key"]
        if role == KindRole:
            return row["kind"]
        return None

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole:
            return self.HEADER_TIPS[section] or None
        return None
