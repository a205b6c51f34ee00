"""The main window: for now, the framework tree with its question counts."""

from __future__ import annotations

from PySide6.QtWidgets import QHeaderView, QMainWindow, QTreeView

from lapdesk.store.connection import Store
from lapdesk.ui.models.framework_model import FrameworkTreeModel


class MainWindow(QMainWindow):
    def __init__(self, store: Store, parent=None):
        super().__init__(parent)
        self.store = store
        self.setWindowTitle(f"LAPDesk — {store.name}")
        self.framework_model = FrameworkTreeModel(store, self)
        self.framework_view = QTreeView(self)
        self.framework_view.setModel(self.framework_model)
        self.framework_view.setAccessibleName("Framework")
        self.framework_view.expandAll()
        header = self.framework_view.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.setCentralWidget(self.framework_view)
        self.resize(1200, 800)
