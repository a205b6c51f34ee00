"""The main window: contributions on the left, the reader or a section in the centre, the
framework on the right, the selected excerpt's position in a strip along the bottom.

The window wires panes together and owns the actions (every one has a menu entry); the panes
read and edit the store through the :class:`StoreSession`.  Part B of the desk (import,
search, the File, Export and Help menus) hooks in through :data:`EXTENSIONS`.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QMenu,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from lapdesk import APP_NAME
from lapdesk.analysis import suggest
from lapdesk.store import excerpts, framework, settings
from lapdesk.store.connection import Store
from lapdesk.ui import desk_extensions, overview, reliability
from lapdesk.ui.models.contributions_model import status_words
from lapdesk.ui.session import StoreSession
from lapdesk.ui.views.annotation_strip import AnnotationStrip
from lapdesk.ui.views.contribution_header import ContributionHeader
from lapdesk.ui.views.contributions_pane import ContributionsPane
from lapdesk.ui.views.framework_pane import FrameworkPane
from lapdesk.ui.views.node_picker import NodePicker
from lapdesk.ui.views.reader import Reader, map_menu
from lapdesk.ui.views.section_view import SectionView

# Installers that add menus, tool buttons and behaviour from other modules, each called with
# the window once it is built: ``def install(window: MainWindow) -> None``.
EXTENSIONS: list[Callable[[MainWindow], None]] = [desk_extensions.install, reliability.install,
                                                  overview.install]
MENUS = (("file", "&File"), ("edit", "&Edit"), ("view", "&View"),
         ("contribution", "&Contribution"), ("framework", "F&ramework"), ("export", "E&xport"),
         ("help", "&Help"))


class MainWindow(QMainWindow):
    def __init__(self, store: Store | StoreSession, parent=None):
        super().__init__(parent)
        self.session = store if isinstance(store, StoreSession) else StoreSession(store, self)
        self.menus: dict[str, QMenu] = {key: self.menuBar().addMenu(title) for key, title in MENUS}
        self.toolbar = QToolBar("Main", self)
        self.toolbar.setObjectName("main-toolbar")
        self.addToolBar(self.toolbar)
        self.status_label = QLabel(self)
        self.status_label.setAccessibleName("Consultation status")
        self._build_desk()
        self._build_actions()
        self._install_extensions()
        self.resize(1400, 860)
        if self.contributions.proxy.rowCount():
            self.contributions.step(0)

    @property
    def store(self) -> Store:
        return self.session.store

    # --- building -------------------------------------------------------------------------

    def _build_desk(self) -> None:
        session = self.session
        self.contributions = ContributionsPane(session, self)
        self.header = ContributionHeader(session, self)
        self.reader = Reader(session, self)
        self.section_view = SectionView(session, self)
        self.framework = FrameworkPane(session, self)
        self.framework_model = self.framework.model
        self.strip = AnnotationStrip(session, self)
        reading = QWidget(self)
        column = QVBoxLayout(reading)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.header)
        column.addWidget(self.reader, 1)
        self.centre = QStackedWidget(self)
        self.centre.addWidget(reading)
        self.centre.addWidget(self.section_view)
        self.panes = QSplitter(Qt.Orientation.Horizontal, self)
        self.panes.setObjectName("panes")
        for pane, stretch in ((self.contributions, 3), (self.centre, 5), (self.framework, 2)):
            self.panes.addWidget(pane)
            self.panes.setStretchFactor(self.panes.count() - 1, stretch)
        self.panes.setSizes([420, 600, 380])
        self.desk = QSplitter(Qt.Orientation.Vertical, self)
        self.desk.setObjectName("desk")
        self.desk.addWidget(self.panes)
        self.desk.addWidget(self.strip)
        self.desk.setStretchFactor(0, 1)
        self.setCentralWidget(self.desk)
        self.setWindowTitle(self._title())
        header, strip = self.header, self.strip
        chain = (self.contributions.filter_box, self.contributions.quick,
                 self.contributions.table, header.contributors, header.received,
                 header.language, header.channel, header.permission, header.files,
                 header.open_button, header.save_button, self.reader, self.framework.tree,
                 strip.stance, strip.topic, strip.summary, strip.reviewed, strip.note, strip.tags)
        for first, second in zip(chain, chain[1:], strict=False):
            self.setTabOrder(first, second)

        self.contributions.contribution_selected.connect(self.show_contribution)
        self.reader.map_requested.connect(self.map_selection_to)
        self.reader.excerpt_clicked.connect(self.select_excerpt)
        self.reader.suggestion_clicked.connect(self.select_suggestion)
        self.reader.selectionChanged.connect(self._update_excerpt_actions)
        self.framework.node_chosen.connect(self.show_section)
        self.framework.tree.span_dropped.connect(self.map_span_to)
        self.section_view.back_requested.connect(self.back_to_contribution)
        self.section_view.excerpt_opened.connect(self.open_excerpt)
        self.strip.excerpt_gone.connect(lambda: self.select_excerpt(0))
        session.error.connect(self.show_message)
        session.store_changed.connect(self._store_changed)
        self._update_status()

    def _title(self) -> str:
        consultation = settings.get(self.store, "consultation_title")
        shown = f"{consultation} ({self.store.name})" if consultation else self.store.name
        return f"{APP_NAME} — {shown}"

    def _action(self, menu: str, text: str, slot, keys: str | QKeySequence | None = None,
                *, tip: str = "") -> QAction:
        action = QAction(text, self)
        if keys:
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        if tip:
            action.setStatusTip(tip)
        action.triggered.connect(slot)
        self.menus[menu].addAction(action)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        stack = self.session.undo_stack
        self.undo_action = stack.createUndoAction(self, "&Undo")
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = stack.createRedoAction(self, "&Redo")
        # Ctrl+Shift+Z everywhere, and the platform's own Redo keys (Ctrl+Y on Windows), each
        # once: the same key twice on one action is an "ambiguous overload" and does nothing.
        self.redo_action.setShortcuts(list(dict.fromkeys(
            [QKeySequence("Ctrl+Shift+Z"), *QKeySequence.keyBindings(QKeySequence.StandardKey.Redo)])))
        self.menus["edit"].addActions([self.undo_action, self.redo_action])
        self.addActions([self.undo_action, self.redo_action])

        self.back_action = self._action("view", "&Back to the contribution",
                                        self.back_to_contribution, "Alt+Left")
        self._action("view", "Go to the &contributions filter",
                     lambda: self.contributions.filter_box.setFocus(), "Ctrl+L")
        self._action("view", "Go to the &text", lambda: self.reader.setFocus(), "Ctrl+T")
        self._action("view", "Go to the &framework", lambda: self.framework.tree.setFocus(),
                     "Ctrl+K")

        self._action("contribution", "&Previous contribution",
                     lambda: self.contributions.step(-1), "Alt+Up")
        self._action("contribution", "&Next contribution",
                     lambda: self.contributions.step(1), "Alt+Down")
        self.menus["contribution"].addSeparator()
        self._action("contribution", "&Open original", self.header.open_original)
        self._action("contribution", "&Save original as…", self.header.save_original)
        self._action("contribution", "Delete contribution", self.contributions.delete_current)
        self.menus["contribution"].addSeparator()
        self.section_actions: list[QAction] = []
        for position in range(9):  # the section in that place when the key is pressed
            self.section_actions.append(self._action(
                "contribution", "", lambda _=False, n=position: self.map_to_section(n),
                f"Ctrl+{position + 1}"))
        self._name_section_actions()
        self.pick_action = self._action("contribution", "&Map to…", self.pick_node, "Ctrl+M",
                                        tip="Choose a section or question by typing")
        self.menus["contribution"].addSeparator()
        # Enter and Delete decide on a suggestion only while the text has the focus.
        self.accept_action = self._action("contribution", "&Accept suggestion",
                                          lambda: self.decide_suggestion(accept=True), "Return")
        self.reject_action = self._action("contribution", "Re&ject suggestion",
                                          lambda: self.decide_suggestion(accept=False), "Delete")
        for action in (self.accept_action, self.reject_action):
            self.removeAction(action)
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            self.reader.addAction(action)
        self.menus["contribution"].addSeparator()
        self.resize_action = self._action("contribution", "Set excerpt to the se&lection",
                                          self.resize_excerpt)
        self.reviewed_action = self._action("contribution", "Mark excerpt &reviewed",
                                            self.toggle_reviewed, "Ctrl+R")
        self.unmap_menu = self.menus["contribution"].addMenu("&Unmap excerpt from")
        self.unmap_menu.aboutToShow.connect(self._fill_unmap_menu)
        self.delete_action = self._action("contribution", "&Delete excerpt", self.delete_excerpt,
                                          "Ctrl+Del")

        framework_menu = self.menus["framework"]
        framework_menu.addAction("Show excerpts of the chosen section", self._show_current_node)
        framework_menu.addActions(self.framework.editor.actions)
        self.strip.add_action_buttons([self.pick_action, self.resize_action,
                                       self.delete_action])
        self.toolbar.addSeparator()
        spacer = QWidget(self)
        spacer.setSizePolicy(spacer.sizePolicy().Policy.Expanding,
                             spacer.sizePolicy().Policy.Preferred)
        self.toolbar.addWidget(spacer)
        self.toolbar.addWidget(self.status_label)
        self._update_excerpt_actions()

    def _install_extensions(self) -> None:
        for install in EXTENSIONS:
            install(self)

    def closeEvent(self, event) -> None:
        focused = QApplication.focusWidget()
        if focused is not None:
            focused.clearFocus()  # the field being typed in saves itself while still shown
        self.section_view.save_synthesis()  # typing not yet saved by the idle timer
        super().closeEvent(event)

    # --- what the user sees ----------------------------------------------------------------

    def show_message(self, text: str) -> None:
        """One plain sentence in the status bar (errors and confirmations alike)."""
        self.statusBar().showMessage(text, 10000)

    def _store_changed(self, tables: set[str]) -> None:
        if "framework_nodes" in tables:
            self._name_section_actions()
        self._update_status()
        self._update_excerpt_actions()

    def _update_status(self) -> None:
        self.status_label.setText(status_words(self.contributions.model.rows))

    def _update_excerpt_actions(self) -> None:
        has_excerpt = self.reader.selected_excerpt is not None
        for action in (self.reviewed_action, self.delete_action):
            action.setEnabled(has_excerpt)
        self.unmap_menu.setEnabled(has_excerpt)
        for action in (self.accept_action, self.reject_action):
            action.setEnabled(self.reader.selected_suggestion is not None)
        self.resize_action.setEnabled(has_excerpt and self.reader.textCursor().hasSelection())

    def show_contribution(self, contribution_id: int) -> None:
        self.section_view.save_synthesis()
        self.centre.setCurrentIndex(0)
        self.header.show_contribution(contribution_id)
        self.reader.show_contribution(contribution_id)
        self.select_excerpt(0)

    def open_contribution(self, contribution_id: int, *, offset: int | None = None,
                          end: int | None = None) -> None:
        """Show a contribution (selected in the table) at a text offset, e.g. a search hit;
        with ``end`` too, the passage is selected, ready to map."""
        if self.contributions.current_id() != contribution_id:
            self.contributions.select_contribution(contribution_id, notify=False)
            self.show_contribution(contribution_id)
        self.centre.setCurrentIndex(0)
        if offset is not None and end is not None:
            self.reader.select_span(offset, end)
        elif offset is not None:
            self.reader.scroll_to_offset(offset)

    def open_excerpt(self, contribution_id: int, excerpt_id: int) -> None:
        self.open_contribution(contribution_id)
        chosen = next((e for e in self.reader.excerpts if e["id"] == excerpt_id), None)
        if chosen:
            self.reader.scroll_to_offset(chosen["start"])
        self.select_excerpt(excerpt_id)

    def select_excerpt(self, excerpt_id: int) -> None:
        """Follow an excerpt in the reader and the strip (``0``: none)."""
        chosen = next((e for e in self.reader.excerpts if e["id"] == excerpt_id), None)
        self.reader.set_selected_excerpt(chosen["id"] if chosen else None)
        where = self.reader.paragraph_label(chosen["start"]) if chosen else ""
        self.strip.show_excerpt(chosen["id"] if chosen else None, where=where)
        self._update_excerpt_actions()

    def select_suggestion(self, suggestion_id: int) -> None:
        chosen = next((s for s in self.reader.suggestions if s["id"] == suggestion_id), None)
        if chosen is None:
            return
        self.reader.set_selected_suggestion(suggestion_id)
        self.strip.show_suggestion({**chosen, "text": self.reader.span_text(chosen)},
                                   where=self.reader.paragraph_label(chosen["start"]))
        self._update_excerpt_actions()

    def decide_suggestion(self, *, accept: bool) -> None:
        """Accept (it becomes an excerpt) or reject the selected suggestion; undoable."""
        chosen = self.reader.selected_suggestion
        if chosen is None:
            return
        if accept:
            made = self.session.apply(suggest.accept, [chosen])
            self.select_excerpt(made[0] if made else 0)
        else:
            self.session.apply(suggest.reject, [chosen])
            self.select_excerpt(0)

    def show_section(self, node_key: str) -> None:
        back_to = self.header.heading.text() if self.reader.contribution_id else ""
        self.section_view.show_node(node_key, back_to=back_to)
        self.centre.setCurrentIndex(1)
        self.framework.select_node(node_key)

    def _show_current_node(self) -> None:
        self.show_section(self.framework.current_key() or framework.sections(self.store)[0]["key"])

    def back_to_contribution(self) -> None:
        self.section_view.save_synthesis()
        self.centre.setCurrentIndex(0)
        self.reader.setFocus()

    # --- mapping --------------------------------------------------------------------------

    def map_selection_to(self, node_key: str) -> None:
        """Map the reader's selection to a node; with no selection, add the node to the
        selected excerpt (re-mapping it)."""
        span = self.reader.selected_span() if self.centre.currentIndex() == 0 else None
        if span is not None:
            self.map_span_to(node_key, {"contribution_id": self.reader.contribution_id,
                                        "start": span[0], "end": span[1]})
        elif self.reader.selected_excerpt is not None:
            self.session.apply(excerpts.map_excerpt, self.reader.selected_excerpt, node_key)
        else:
            self.show_message("Select a passage in the text first, then map it.")

    def map_to_section(self, position: int) -> None:
        sections = framework.sections(self.store)
        if position < len(sections):
            self.map_selection_to(sections[position]["key"])

    def _name_section_actions(self) -> None:
        sections = framework.sections(self.store)
        for position, action in enumerate(self.section_actions):
            title = (sections[position]["short_title"] or sections[position]["title"]
                     if position < len(sections) else "")
            action.setText(f"Map to {position + 1}: {title}".replace("&", "&&"))
            action.setVisible(bool(title))

    def map_span_to(self, node_key: str, span: dict) -> None:
        excerpt_id = self.session.apply(excerpts.map_span, span["contribution_id"], [node_key],
                                        start=span["start"], end=span["end"])
        if excerpt_id is None:
            return
        if span["contribution_id"] != self.reader.contribution_id:
            self.open_contribution(span["contribution_id"])
        self.select_excerpt(excerpt_id)
        node = framework.node(self.store, node_key)
        self.show_message(f"Mapped to {node['short_title'] or node['title']}.")

    def pick_node(self) -> NodePicker:
        self.picker = NodePicker(self.store, self)
        self.picker.chosen.connect(self.map_selection_to)
        self.picker.move(self.mapToGlobal(self.rect().center()) - self.picker.rect().center())
        self.picker.show()
        self.picker.search.setFocus()
        return self.picker

    def resize_excerpt(self) -> None:
        span = self.reader.selected_span()
        if span is None or self.reader.selected_excerpt is None:
            self.show_message("Select the excerpt, then the new passage, to resize it.")
            return
        self.session.apply(excerpts.resize_excerpt, self.reader.selected_excerpt,
                           start=span[0], end=span[1])

    def toggle_reviewed(self) -> None:
        chosen = next((e for e in self.reader.excerpts
                       if e["id"] == self.reader.selected_excerpt), None)
        if chosen is not None:
            self.session.apply(excerpts.set_reviewed, chosen["id"], not chosen["reviewed"])

    def delete_excerpt(self) -> None:
        if self.reader.selected_excerpt is not None:
            self.session.apply(excerpts.delete_excerpt, self.reader.selected_excerpt)
            self.select_excerpt(0)

    def _fill_unmap_menu(self) -> None:
        self.unmap_menu.clear()
        chosen = next((e for e in self.reader.excerpts
                       if e["id"] == self.reader.selected_excerpt), None)
        for key in chosen["nodes"] if chosen else []:
            node = framework.node(self.store, key)
            self.unmap_menu.addAction(
                (node["short_title"] or node["title"]).replace("&", "&&"),
                lambda key=key, eid=chosen["id"]: self.session.apply(excerpts.unmap, eid, key))

    def map_menu(self) -> QMenu:
        """The "Map to ▸" menu, for callers outside the reader (tests, part B)."""
        return map_menu(self.store, self, self.map_selection_to)
