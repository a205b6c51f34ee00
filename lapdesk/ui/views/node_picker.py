"""Ctrl+M: a small popup to choose any section or question by typing part of its name."""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QDialog, QLineEdit, QListView, QVBoxLayout

from lapdesk.core.framework_tree import FrameworkTree

KeyRole = Qt.ItemDataRole.UserRole + 1


class NodePicker(QDialog):
    """Emits :attr:`chosen` with a node key when the user presses Enter or double-clicks."""

    chosen = Signal(str)

    def __init__(self, tree: FrameworkTree, parent=None):
        super().__init__(parent, Qt.WindowType.Popup)
        self.setWindowTitle("Map to…")
        self.setAccessibleName("Map to a section or question")
        self.items = QStandardItemModel(self)
        section = ""
        for row in tree.rows:
            title = row["short_title"] or row["title"]
            if row["kind"] == "section":
                section = f"{row['number']}. {title}" if row["number"] else title
                shown = section
            else:
                shown = f"{section} › {title}"
            item = QStandardItem(shown)
            item.setToolTip(row["title"])
            item.setData(row["key"], KeyRole)
            item.setData(f"{shown} {row['title']}", Qt.ItemDataRole.UserRole + 2)
            item.setEditable(False)
            self.items.appendRow(item)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.items)
        self.proxy.setFilterRole(Qt.ItemDataRole.UserRole + 2)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText("Type part of a section or question…")
        self.search.setAccessibleName("Find a section or question")
        self.list = QListView(self)
        self.list.setModel(self.proxy)
        self.list.setAccessibleName("Sections and questions")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.search)
        layout.addWidget(self.list)
        self.resize(460, 360)
        self.search.textChanged.connect(self._filter)
        self.search.returnPressed.connect(self._accept_current)
        self.list.activated.connect(self._accept_index)
        self._filter("")

    def _filter(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())
        if self.proxy.rowCount():
            self.list.setCurrentIndex(self.proxy.index(0, 0))

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.search.hasFocus():
            step = 1 if event.key() == Qt.Key.Key_Down else -1
            row = max(0, min(self.proxy.rowCount() - 1, self.list.currentIndex().row() + step))
            self.list.setCurrentIndex(self.proxy.index(row, 0))
            return
        super().keyPressEvent(event)

    def _accept_current(self) -> None:
        self._accept_index(self.list.currentIndex())

    def _accept_index(self, index) -> None:
        if index.isValid():
            self.chosen.emit(index.data(KeyRole))
            self.accept()
