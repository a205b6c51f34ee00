"""The main window: contributions on the left, the reader or a section in the centre, the
framework on the right, the selected excerpt's position in a strip along the bottom.

Everything the window holds is built here, in its constructor, and handed what it needs: the
:class:`~lapdesk.ui.service.store_service.StoreService` (the one way to the store) and the
:class:`~lapdesk.ui.catalogue.Catalogue` (the framework, registry and settings in memory).
There is one close path (:meth:`MainWindow.closeEvent`).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QLabel,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from lapdesk import APP_NAME
from lapdesk.store.connection import Store
from lapdesk.ui.catalogue import Catalogue
from lapdesk.ui.demo_offer import DemoOffer
from lapdesk.ui.dialogs.settings_dialog import apply_user_initials
from lapdesk.ui.export_flow import ExportFlow
from lapdesk.ui.file_menu import FileMenu
from lapdesk.ui.import_flow import ImportFlow
from lapdesk.ui.mapping_actions import MappingActions
from lapdesk.ui.models.contributions_model import status_words
from lapdesk.ui.overview import Overview
from lapdesk.ui.prefs import app_settings
from lapdesk.ui.registry_view import RegistryView
from lapdesk.ui.reliability import Reliability
from lapdesk.ui.reread_flow import RereadFlow
from lapdesk.ui.round_menus import RoundMenus
from lapdesk.ui.search_panel import SearchPanel
from lapdesk.ui.service.store_service import StoreService
from lapdesk.ui.views.annotation_strip import AnnotationStrip
from lapdesk.ui.views.contribution_header import ContributionHeader
from lapdesk.ui.views.contributions_pane import ContributionsPane
from lapdesk.ui.views.framework_pane import FrameworkPane
from lapdesk.ui.views.reader import Reader
from lapdesk.ui.views.section_view import SectionView
from lapdesk.ui.window_state import restore_window_state, save_window_state


class MainWindow(QMainWindow):
    """The desk on one open store.

    :param store: the store just opened for the desk; the window's service owns it from now
        on and closes it with the window.
    """

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self.qsettings = app_settings()
        self._excerpt_to_show: int | None = None  # open_excerpt's, once the text is drawn
        self.service = StoreService(store, self)
        self.catalogue = Catalogue(self.service, self)
        apply_user_initials(self.service, self.qsettings)
        self._build_desk()
        self._build_flows()
        self._build_menus()
        self._connect()
        restore_window_state(self, self.qsettings)
        self.resize(1400, 860)
        self.update_title()
        self.reliability.start_when_loaded()

    # --- building -------------------------------------------------------------------------

    def _build_desk(self) -> None:
        service, catalogue = self.service, self.catalogue
        self.contributions = ContributionsPane(service, self)
        self.header = ContributionHeader(service, catalogue, self)
        self.reader = Reader(service, catalogue, self)
        self.section_view = SectionView(service, catalogue, self)
        self.framework = FrameworkPane(service, catalogue, self)
        self.strip = AnnotationStrip(service, catalogue, self)
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
        header, strip = self.header, self.strip
        chain = (self.contributions.filter_box, self.contributions.quick,
                 self.contributions.table, header.contributors, header.received,
                 header.language, header.channel, header.permission, header.files,
                 header.open_button, header.save_button, self.reader, self.framework.tree,
                 strip.stance, strip.topic, strip.summary, strip.reviewed, strip.note, strip.tags)
        for first, second in zip(chain, chain[1:], strict=False):
            self.setTabOrder(first, second)

    def _dock(self, title: str, name: str, widget: QWidget) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
        dock.hide()
        return dock

    def _build_flows(self) -> None:
        service, catalogue = self.service, self.catalogue
        self.mapping = MappingActions(self, service, catalogue)
        self.rereader = RereadFlow(self, service)
        self.importer = ImportFlow(self, service, open_contribution=self.open_contribution,
                                   enter_password=self.rereader.enter_password)
        self.exporter = ExportFlow(self, service, catalogue,
                                   contributions=lambda: [
                                       r.contribution for r in self.contributions.model.rows])
        self.search = SearchPanel(service, self)
        self.search_dock = self._dock("Search results", "search-dock", self.search)
        self.registry = RegistryView(service, self)
        self.registry_dock = self._dock("Registry of contributors", "registry-dock",
                                        self.registry)
        # Both are wide tables: they share the bottom, one tab each.
        self.tabifyDockWidget(self.search_dock, self.registry_dock)
        self.overview = Overview(service, self, open_section=self.show_section)
        self.reliability = Reliability(self, service, catalogue)
        self.file_menu = FileMenu(self, service, catalogue, self.qsettings,
                                  open_window=open_window)
        self.demo = DemoOffer(self, service, self.qsettings, switch_to=self.file_menu.switch_to)

    def _action(self, text: str, slot, keys: str | QKeySequence | None = None) -> QAction:
        made = QAction(text, self)
        if keys:
            made.setShortcut(QKeySequence(keys))
            made.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        made.triggered.connect(slot)
        self.addAction(made)
        return made

    def _undo_action(self, text: str, slot, which: str) -> QAction:
        """Undo or Redo, named after the change it would undo ("Undo Map excerpt to …") and
        enabled as the stack allows, like Qt's own; unlike Qt's, it waits for the changes
        still being written (see :meth:`StoreService.undo`)."""
        stack = self.service.undo_stack
        made = QAction(text, self)
        made.triggered.connect(slot)
        made.setEnabled(False)
        able, named = ((stack.canUndoChanged, stack.undoTextChanged) if which == "undo"
                       else (stack.canRedoChanged, stack.redoTextChanged))
        able.connect(made.setEnabled)
        named.connect(lambda name: made.setText(f"{text} {name}" if name else text))
        return made

    def _build_menus(self) -> None:
        bar = self.menuBar()
        menus = {title.replace("&", "").lower(): bar.addMenu(title) for title in (
            "&File", "&Edit", "&View", "&Contribution", "F&ramework", "E&xport", "&Help")}
        self.menus = menus
        self.file_menu.fill(menus["file"], menus["help"], import_action=self.importer.action,
                            backups_action=self.reliability.backups_action)
        self.undo_action = self._undo_action("&Undo", self.service.undo, "undo")
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self._undo_action("&Redo", self.service.redo, "redo")
        # Ctrl+Shift+Z everywhere, and the platform's own Redo keys (Ctrl+Y on Windows), each
        # once: the same key twice on one action is an "ambiguous overload" and does nothing.
        self.redo_action.setShortcuts(list(dict.fromkeys(
            [QKeySequence("Ctrl+Shift+Z"), *QKeySequence.keyBindings(QKeySequence.StandardKey.Redo)])))
        menus["edit"].addActions([self.undo_action, self.redo_action])
        self.addActions([self.undo_action, self.redo_action])

        self.find_action = self._action("&Search all contributions…", self.search.focus_field,
                                        QKeySequence.StandardKey.Find)
        self.results_action = self.search_dock.toggleViewAction()
        self.results_action.setText("Search &results")
        self.registry_action = self.registry_dock.toggleViewAction()
        self.registry_action.setText("&Registry of contributors")
        self.registry_action.setShortcut(QKeySequence("Ctrl+Shift+R"))
        self.registry_action.triggered.connect(
            lambda shown: shown and self._raise(self.registry_dock))
        view = menus["view"]
        view.addActions([self.find_action, self.results_action, self.registry_action,
                         self.overview.action])
        view.addSeparator()
        self.back_action = self._action("&Back to the contribution", self.back_to_contribution,
                                        "Alt+Left")
        view.addActions([self.back_action, self._action(
            "Go to the &contributions filter", lambda: self.contributions.filter_box.setFocus(),
            "Ctrl+L"), self._action("Go to the &text", self.reader.setFocus, "Ctrl+T"),
            self._action("Go to the &framework", self.framework.tree.setFocus, "Ctrl+K")])
        contribution = menus["contribution"]
        contribution.addActions([
            self._action("&Previous contribution", lambda: self.contributions.step(-1),
                         "Alt+Up"),
            self._action("&Next contribution", lambda: self.contributions.step(1), "Alt+Down")])
        contribution.addSeparator()
        contribution.addActions([
            self._action("&Open original", self.header.open_original),
            self._action("&Save original as…", self.header.save_original),
            self._action("Delete contribution", self.contributions.delete_current)])
        contribution.addSeparator()
        self.mapping.fill(contribution)
        contribution.addSeparator()
        contribution.addAction(self.rereader.read_scans_action)
        framework_menu = menus["framework"]
        framework_menu.addAction("Show excerpts of the chosen section", self._show_current_node)
        framework_menu.addActions(self.framework.editor.actions)
        menus["export"].addAction(self.exporter.action)
        self.rounds = RoundMenus(self, self.service).fill(menus)  # File > New round, Export
        menus["help"].insertAction(menus["help"].actions()[0], self.demo.action)
        for made in (self.importer.action, self.exporter.action, self.registry_action):
            self.addAction(made)
        self.strip.add_action_buttons([self.mapping.pick_action, self.mapping.resize_action,
                                       self.mapping.delete_action])

        self.toolbar = QToolBar("Main", self)
        self.toolbar.setObjectName("main-toolbar")
        self.addToolBar(self.toolbar)
        self.toolbar.addAction(self.importer.action)
        self.toolbar.addWidget(self.search.field)
        self.toolbar.addSeparator()
        spacer = QWidget(self)
        spacer.setSizePolicy(spacer.sizePolicy().Policy.Expanding,
                             spacer.sizePolicy().Policy.Preferred)
        self.toolbar.addWidget(spacer)
        self.status_label = QLabel(self)
        self.status_label.setAccessibleName("Consultation status")
        self.toolbar.addWidget(self.status_label)

    def _connect(self) -> None:
        self.contributions.contribution_selected.connect(self.show_contribution)
        self.contributions.rows_changed.connect(self._rows_changed)
        self.reader.map_requested.connect(self.mapping.map_selection_to)
        self.reader.excerpt_clicked.connect(self.select_excerpt)
        self.reader.suggestion_clicked.connect(self.select_suggestion)
        self.reader.selectionChanged.connect(self.mapping.update)
        self.reader.shown.connect(lambda _id: self._reader_shown())
        self.framework.node_chosen.connect(self.show_section)
        self.framework.tree.span_dropped.connect(self.mapping.map_span_to)
        self.section_view.back_requested.connect(self.back_to_contribution)
        self.section_view.excerpt_opened.connect(self.open_excerpt)
        self.strip.excerpt_gone.connect(lambda: self.select_excerpt(0))
        self.search.result_chosen.connect(self.open_search_result)
        self.search.results_shown.connect(lambda _n: self._raise(self.search_dock))
        self.registry.contribution_chosen.connect(self.open_contribution)
        self.header.password_requested.connect(self.rereader.enter_password)
        self.service.error.connect(self.show_message)
        self.catalogue.settings_changed.connect(self.update_title)
        self.catalogue.ready.connect(lambda: QTimer.singleShot(0, self.demo.offer_if_first_start))
        self.mapping.update()

    # --- what the user sees ----------------------------------------------------------------

    @property
    def reading(self) -> bool:
        """Whether the centre shows a contribution (not a section)."""
        return self.centre.currentIndex() == 0

    def show_message(self, text: str) -> None:
        """One plain sentence in the status bar (errors and confirmations alike)."""
        self.statusBar().showMessage(text, 10000)

    def update_title(self) -> None:
        consultation = self.catalogue.setting("consultation_title")
        shown = f"{consultation} ({self.service.name})" if consultation else self.service.name
        suffix = " (read-only)" if self.service.readonly else ""
        self.setWindowTitle(f"{APP_NAME} — {shown}{suffix}")

    @staticmethod
    def _raise(dock: QDockWidget) -> None:
        dock.show()
        dock.raise_()

    def _rows_changed(self) -> None:
        self.status_label.setText(status_words(self.contributions.model.rows))
        if self.header.contribution_id is None and self.contributions.proxy.rowCount():
            self.contributions.step(0)  # the first contribution, once the list has arrived

    # --- where the user is ---------------------------------------------------------------------

    def show_contribution(self, contribution_id: int, *, offset: int | None = None,
                          end: int | None = None) -> None:
        self.section_view.save_synthesis()
        self.centre.setCurrentIndex(0)
        self.strip.show_excerpt(None)  # saves what was typed for the previous excerpt
        self.header.show_contribution(contribution_id)
        self.reader.show_contribution(contribution_id, offset=offset, end=end)
        self.mapping.update()

    def open_contribution(self, contribution_id: int, *, offset: int | None = None,
                          end: int | None = None) -> None:
        """Show a contribution (selected in the table) at a text offset, e.g. a search hit;
        with ``end`` too, the passage is selected, ready to map."""
        if self.contributions.current_id() != contribution_id:
            self.contributions.select_contribution(contribution_id, notify=False)
        if self.header.contribution_id != contribution_id or not self.reading:
            self.show_contribution(contribution_id, offset=offset, end=end)
        elif offset is not None:
            self.reader.show_contribution(contribution_id, offset=offset, end=end)

    def open_search_result(self, contribution_id: int, start: int, end: int) -> None:
        """Open the contribution at the paragraph found, selected (Ctrl+1…9 then maps it)."""
        self.open_contribution(contribution_id, offset=start, end=end)
        self.reader.setFocus()

    def open_excerpt(self, contribution_id: int, excerpt_id: int) -> None:
        self.open_contribution(contribution_id)
        self._excerpt_to_show = excerpt_id
        if self.reader.ready and self.reader.contribution_id == contribution_id:
            self._reader_shown()

    def _reader_shown(self) -> None:
        """The reader has drawn its contribution: follow the excerpt that was asked for."""
        wanted = self._excerpt_to_show
        chosen = next((e for e in self.reader.excerpts if e.id == wanted), None)
        if chosen is None:
            return
        self.reader.scroll_to_offset(chosen.start)
        self.select_excerpt(wanted)

    def select_excerpt(self, excerpt_id: int) -> None:
        """Follow an excerpt in the reader and the strip (``0``: none).  One the reader has
        not drawn yet (just made, or in a contribution being opened) is followed as soon as it
        has."""
        chosen = next((e for e in self.reader.excerpts if e.id == excerpt_id), None)
        if excerpt_id and chosen is None:
            self._excerpt_to_show = excerpt_id
            return
        self._excerpt_to_show = None
        self.reader.set_selected_excerpt(chosen.id if chosen else None)
        where = self.reader.paragraph_label(chosen.start) if chosen else ""
        self.strip.show_excerpt(chosen.id if chosen else None, where=where)
        self.mapping.update()

    def select_suggestion(self, suggestion_id: int) -> None:
        chosen = next((s for s in self.reader.suggestions if s.id == suggestion_id), None)
        if chosen is None:
            return
        self.reader.set_selected_suggestion(suggestion_id)
        self.strip.show_suggestion(chosen, text=self.reader.span_text(chosen),
                                   where=self.reader.paragraph_label(chosen.start))
        self.mapping.update()

    def show_section(self, node_key: str) -> None:
        back_to = self.header.heading.text() if self.reader.contribution_id else ""
        self.section_view.show_node(node_key, back_to=back_to)
        self.centre.setCurrentIndex(1)
        self.framework.select_node(node_key)

    def _show_current_node(self) -> None:
        sections = self.catalogue.framework.sections()
        key = self.framework.current_key() or (sections[0]["key"] if sections else None)
        if key:
            self.show_section(key)

    def back_to_contribution(self) -> None:
        self.section_view.save_synthesis()
        self.centre.setCurrentIndex(0)
        self.reader.setFocus()

    # --- closing --------------------------------------------------------------------------

    def closeEvent(self, event) -> None:
        """The one way a window closes: what is being typed is saved, the layout remembered,
        the last backup queued behind the last edit, the store's lanes stopped."""
        focused = QApplication.focusWidget()
        if focused is not None:
            focused.clearFocus()  # the field being typed in saves itself while still shown
        self.header.commit_pending()
        self.strip.commit_pending()
        self.section_view.save_synthesis()
        save_window_state(self, self.qsettings)
        self.importer.let_workers_go()
        self.reliability.auto_backup.final()
        self.service.close()
        super().closeEvent(event)


def open_window(store: Store) -> MainWindow:
    """A window on ``store``, shown, kept alive by the application."""
    window = MainWindow(store)
    app = QApplication.instance()
    windows = getattr(app, "lapdesk_windows", [])
    app.lapdesk_windows = [w for w in windows if isValid(w) and w.isVisible()] + [window]
    window.show()
    return window
