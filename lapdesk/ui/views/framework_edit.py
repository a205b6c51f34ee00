"""Editing the framework from the desk: rename, add a question, move, remove — each one
undoable change made by :mod:`lapdesk.store.framework`."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QInputDialog, QMessageBox, QWidget

from lapdesk.core.framework_tree import FrameworkTree
from lapdesk.store import framework
from lapdesk.ui.catalogue import Catalogue
from lapdesk.ui.service.store_service import StoreService


def new_question_key(tree: FrameworkTree, parent_key: str) -> str:
    """``<parent>.qN`` with the first N not yet taken."""
    taken = {row["key"] for row in tree.rows}
    number = 1
    while f"{parent_key}.q{number}" in taken:
        number += 1
    return f"{parent_key}.q{number}"


class FrameworkEditor(QObject):
    """The Framework menu's editing actions, applied to the node ``current_key()`` names."""

    def __init__(self, service: StoreService, catalogue: Catalogue, current_key,
                 parent: QWidget):
        super().__init__(parent)
        self._service = service
        self._catalogue = catalogue
        self._current_key = current_key
        self._parent = parent
        self.actions: list[QAction] = []
        for text, slot in (("&Rename…", self.rename), ("&Add a question…", self.add_question),
                           ("Move &up", lambda: self.move(-1)),
                           ("Move &down", lambda: self.move(1)), ("Re&move…", self.remove)):
            action = QAction(text, parent)
            action.triggered.connect(lambda _=False, slot=slot: slot())
            self.actions.append(action)

    def _node(self) -> dict | None:
        key = self._current_key()
        tree = self._catalogue.framework
        return tree.node(key) if key and tree.has(key) else None

    def rename(self, title: str | None = None) -> None:
        node = self._node()
        if node is None:
            return
        field = "short_title" if node["short_title"] else "title"
        if title is None:
            title, ok = QInputDialog.getText(self._parent, "Rename", "New name:",
                                             text=node[field])
            if not ok:
                return
        if title.strip():
            self._service.apply(framework.update_node, node["key"], **{field: title.strip()})

    def add_question(self, title: str | None = None) -> str | None:
        """Add a question under the chosen section (or beside the chosen question)."""
        node = self._node()
        if node is None:
            return None
        tree = self._catalogue.framework
        parent = node if node["kind"] != "question" else tree.by_id(node["parent_id"])
        if title is None:
            title, ok = QInputDialog.getText(
                self._parent, "Add a question",
                f"New question under {parent['short_title'] or parent['title']}:")
            if not ok:
                return None
        if not title.strip():
            return None
        key = new_question_key(tree, parent["key"])
        self._service.apply(framework.add_node, parent_key=parent["key"], key=key,
                            title=title.strip(), kind="question")
        return key

    def move(self, step: int) -> None:
        node = self._node()
        if node is None:
            return
        siblings = [row["key"] for row in self._catalogue.framework.rows
                    if row["parent_id"] == node["parent_id"]]
        position = siblings.index(node["key"]) + step
        if 0 <= position < len(siblings):
            self._service.apply(framework.move_node, node["key"], position)

    def remove(self, *, confirm: bool = True) -> None:
        node = self._node()
        if node is None:
            return
        name = node["short_title"] or node["title"]
        if confirm and QMessageBox.question(
            self._parent, "Remove from the framework",
            f"Remove “{name}” and what is mapped to it? Edit > Undo brings it back.",
        ) != QMessageBox.StandardButton.Yes:
            return
        self._service.apply(framework.remove_node, node["key"])
