"""The Contribution menu's work on passages: map (Ctrl+1 … Ctrl+9, Ctrl+M, a drop on the
framework), decide on a suggestion (Enter, Delete), resize, review, unmap and delete an
excerpt.  Each is one undoable change made on the store service's writer lane; the views follow
from the change, and the strip is pointed at the excerpt the change made.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from lapdesk.analysis import suggest
from lapdesk.core.records import Excerpt
from lapdesk.store import excerpts
from lapdesk.ui.catalogue import Catalogue
from lapdesk.ui.service.store_service import StoreService
from lapdesk.ui.views.node_picker import NodePicker
from lapdesk.ui.views.reader import map_menu


class MappingActions(QObject):
    """The actions of one window on the passage or excerpt selected in its reader."""

    def __init__(self, window: QMainWindow, service: StoreService, catalogue: Catalogue):
        super().__init__(window)
        self.window = window
        self.service = service
        self.catalogue = catalogue
        self.reader = window.reader
        self.picker: NodePicker | None = None

        def action(text: str, slot, keys: str | None = None, *, tip: str = "") -> QAction:
            made = QAction(text, window)
            if keys:
                made.setShortcut(QKeySequence(keys))
                made.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            if tip:
                made.setStatusTip(tip)
            made.triggered.connect(slot)
            window.addAction(made)
            return made

        # Ctrl+N maps to the section in place N when the key is pressed.
        self.section_actions = [
            action("", lambda _=False, n=position: self.map_to_section(n), f"Ctrl+{position + 1}")
            for position in range(9)]
        self.pick_action = action("&Map to…", self.pick_node, "Ctrl+M",
                                  tip="Choose a section or question by typing")
        # Enter and Delete decide on a suggestion only while the text has the focus.
        self.accept_action = action("&Accept suggestion",
                                    lambda: self.decide_suggestion(accept=True), "Return")
        self.reject_action = action("Re&ject suggestion",
                                    lambda: self.decide_suggestion(accept=False), "Delete")
        for made in (self.accept_action, self.reject_action):
            window.removeAction(made)
            made.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            self.reader.addAction(made)
        self.resize_action = action("Set excerpt to the se&lection", self.resize_excerpt)
        self.reviewed_action = action("Mark excerpt &reviewed", self.toggle_reviewed, "Ctrl+R")
        self.unmap_menu = QMenu("&Unmap excerpt from", window)
        self.unmap_menu.aboutToShow.connect(self._fill_unmap_menu)
        self.delete_action = action("&Delete excerpt", self.delete_excerpt, "Ctrl+Del")
        catalogue.framework_changed.connect(self._name_section_actions)
        self._name_section_actions()

    def fill(self, menu: QMenu) -> None:
        """The mapping half of the Contribution menu."""
        menu.addActions(self.section_actions)
        menu.addAction(self.pick_action)
        menu.addSeparator()
        menu.addActions([self.accept_action, self.reject_action])
        menu.addSeparator()
        menu.addActions([self.resize_action, self.reviewed_action])
        menu.addMenu(self.unmap_menu)
        menu.addAction(self.delete_action)

    def update(self) -> None:
        """Enable what applies to the selection in the reader."""
        has_excerpt = self.reader.selected_excerpt is not None
        for made in (self.reviewed_action, self.delete_action):
            made.setEnabled(has_excerpt)
        self.unmap_menu.setEnabled(has_excerpt)
        for made in (self.accept_action, self.reject_action):
            made.setEnabled(self.reader.selected_suggestion is not None)
        self.resize_action.setEnabled(has_excerpt and self.reader.textCursor().hasSelection())

    def _name_section_actions(self) -> None:
        sections = self.catalogue.framework.sections()
        for position, made in enumerate(self.section_actions):
            title = (sections[position]["short_title"] or sections[position]["title"]
                     if position < len(sections) else "")
            made.setText(f"Map to {position + 1}: {title}".replace("&", "&&"))
            made.setVisible(bool(title))

    # --- mapping ------------------------------------------------------------------------------

    def map_selection_to(self, node_key: str) -> None:
        """Map the reader's selection to a node; with no selection, add the node to the
        selected excerpt (re-mapping it)."""
        span = self.reader.selected_span() if self.window.reading else None
        if span is not None:
            self.map_span_to(node_key, {"contribution_id": self.reader.contribution_id,
                                        "start": span[0], "end": span[1]})
        elif self.reader.selected_excerpt is not None:
            self.service.apply(excerpts.map_excerpt, self.reader.selected_excerpt, node_key)
        else:
            self.window.show_message("Select a passage in the text first, then map it.")

    def map_to_section(self, position: int) -> None:
        sections = self.catalogue.framework.sections()
        if position < len(sections):
            self.map_selection_to(sections[position]["key"])

    def map_span_to(self, node_key: str, span: dict) -> None:
        tree = self.catalogue.framework
        title = tree.node(node_key)["short_title"] or tree.node(node_key)["title"]

        def mapped(excerpt_id: int) -> None:
            if span["contribution_id"] != self.reader.contribution_id:
                self.window.open_contribution(span["contribution_id"])
            self.window.select_excerpt(excerpt_id)
            self.window.show_message(f"Mapped to {title}.")

        self.service.apply(excerpts.map_span, span["contribution_id"], [node_key],
                           start=span["start"], end=span["end"], then=mapped)

    def pick_node(self) -> NodePicker:
        self.picker = NodePicker(self.catalogue.framework, self.window)
        self.picker.chosen.connect(self.map_selection_to)
        window = self.window
        self.picker.move(window.mapToGlobal(window.rect().center()) - self.picker.rect().center())
        self.picker.show()
        self.picker.search.setFocus()
        return self.picker

    def map_menu(self) -> QMenu:
        """The "Map to ▸" menu, for callers outside the reader."""
        return map_menu(self.catalogue.framework, self.window, self.map_selection_to)

    # --- suggestions and excerpts -----------------------------------------------------------

    def decide_suggestion(self, *, accept: bool) -> None:
        """Accept (it becomes an excerpt) or reject the selected suggestion; undoable."""
        chosen = self.reader.selected_suggestion
        if chosen is None:
            return
        if accept:
            self.service.apply(suggest.accept, [chosen], then=lambda made: self.window
                               .select_excerpt(made[0] if made else 0))
        else:
            self.service.apply(suggest.reject, [chosen])
            self.window.select_excerpt(0)

    def _selected(self) -> Excerpt | None:
        return next((e for e in self.reader.excerpts
                     if e.id == self.reader.selected_excerpt), None)

    def resize_excerpt(self) -> None:
        span = self.reader.selected_span()
        if span is None or self.reader.selected_excerpt is None:
            self.window.show_message("Select the excerpt, then the new passage, to resize it.")
            return
        self.service.apply(excerpts.resize_excerpt, self.reader.selected_excerpt,
                           start=span[0], end=span[1])

    def toggle_reviewed(self) -> None:
        chosen = self._selected()
        if chosen is not None:
            self.service.apply(excerpts.set_reviewed, chosen.id, not chosen.reviewed)

    def delete_excerpt(self) -> None:
        if self.reader.selected_excerpt is not None:
            self.service.apply(excerpts.delete_excerpt, self.reader.selected_excerpt)
            self.window.select_excerpt(0)

    def _fill_unmap_menu(self) -> None:
        self.unmap_menu.clear()
        chosen = self._selected()
        tree = self.catalogue.framework
        for key in chosen.nodes if chosen else ():
            node = tree.node(key)
            self.unmap_menu.addAction(
                (node["short_title"] or node["title"]).replace("&", "&&"),
                lambda key=key, eid=chosen.id: self.service.apply(excerpts.unmap, eid, key))
