"""The right pane: the framework with its counts; a drop of the reader's selection maps it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from lapdesk.store import framework
from lapdesk.ui.catalogue import Catalogue
from lapdesk.ui.models.framework_model import FrameworkTreeModel, KeyRole
from lapdesk.ui.service.live import LiveQuery
from lapdesk.ui.service.store_service import StoreService
from lapdesk.ui.views.framework_edit import FrameworkEditor
from lapdesk.ui.views.reader import span_from_mime

# Changes after which the counts beside each node may be out of date.
COUNTS_ON = {"mappings", "excerpts", "contribution_contributors", "framework_nodes"}


class FrameworkTree(QTreeView):
    """Accepts drops that carry a reader span and reports them as (node key, span)."""

    span_dropped = Signal(str, dict)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setAcceptDrops(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
        self.setDropIndicatorShown(True)

    def dragEnterEvent(self, event) -> None:
        if span_from_mime(event.mimeData()) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:
        index = self.indexAt(event.position().toPoint())
        if index.isValid() and span_from_mime(event.mimeData()) is not None:
            self.setCurrentIndex(index)
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event) -> None:
        index = self.indexAt(event.position().toPoint())
        span = span_from_mime(event.mimeData())
        if not index.isValid() or span is None:
            event.ignore()
            return
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()
        self.span_dropped.emit(index.siblingAtColumn(0).data(KeyRole), span)


class FrameworkPane(QWidget):
    """Emits :attr:`node_chosen` when the user picks a section or question."""

    node_chosen = Signal(str)

    def __init__(self, service: StoreService, catalogue: Catalogue, parent=None):
        super().__init__(parent)
        self._catalogue = catalogue
        self.model = FrameworkTreeModel(self)
        self.title = QLabel("Framework  (excerpts │ contributors)", self)
        self.tree = FrameworkTree(self)
        self.tree.setModel(self.model)
        self.tree.setAccessibleName("Framework")
        self.tree.setUniformRowHeights(True)
        self.tree.setIndentation(14)  # "e. Cooperation and assistance" whole in a laptop's pane
        self.tree.expandAll()
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # Counts of up to four digits.  Not sized to their contents: that measures every row
        # again at each count that changes, a tenth of a second per mapping.
        width = max(self.fontMetrics().horizontalAdvance(text) for text in ("9999", "Exc.",
                                                                             "From")) + 16
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            header.resizeSection(column, width)
        self._counts_width = 2 * width
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.tree)
        self.editor = FrameworkEditor(service, catalogue, self.current_key, self)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.tree.addActions(self.editor.actions)
        self.tree.clicked.connect(self._chosen)
        self.tree.activated.connect(self._chosen)
        catalogue.framework_changed.connect(self._framework_changed)
        self.counts = LiveQuery(service, framework.mapping_counts, tables=COUNTS_ON, parent=self)
        self.counts.updated.connect(self.model.set_counts)

    def _chosen(self, index) -> None:
        if index.isValid():
            self.node_chosen.emit(index.siblingAtColumn(0).data(KeyRole))

    def _framework_changed(self) -> None:
        current = self.current_key()
        self.model.set_framework(self._catalogue.framework)
        if self.counts.loaded:
            self.model.set_counts(self.counts.result)
        self.tree.expandAll()
        if current:
            self.select_node(current)
        self._fit_sections()

    def _fit_sections(self) -> None:
        """Room for every section's label whole ("e. Cooperation and assistance"): its text,
        colour swatch and indentation, the two counts and a scroll bar."""
        labels = [self.model.index(row, 0).data() for row in range(self.model.rowCount())]
        if labels:
            text = max(self.tree.fontMetrics().horizontalAdvance(label) for label in labels)
            scroll = self.tree.style().pixelMetric(self.tree.style().PixelMetric.PM_ScrollBarExtent)
            self.tree.setMinimumWidth(text + self.tree.iconSize().width() + 2 * 14 + 16
                                      + self._counts_width + scroll)

    def current_key(self) -> str | None:
        index = self.tree.currentIndex()
        return index.siblingAtColumn(0).data(KeyRole) if index.isValid() else None

    def select_node(self, key: str) -> None:
        index = self.model.index_of(key)
        if index.isValid():
            self.tree.setCurrentIndex(index)
