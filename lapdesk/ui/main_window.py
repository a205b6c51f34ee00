"""The main window: contributions on the left, the reader or a section in the centre, the
framework on the right, the selected excerpt's position in a strip along the bottom.

Everything the window holds is built here, in its constructor, and handed what it needs: the
:class:`~lapdesk.ui.service.store_service.StoreService` (the one way to the store) and the
:class:`~lapdesk.ui.catalogue.Catalogue` (the framework, registry and settings in memory).
The menus and toolbar are arranged by :class:`~lapdesk.ui.menus.DeskMenus` from the actions
the panes and flows offer.  There is one close path (:meth:`MainWindow.closeEvent`).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QMainWindow,
    QSplitter,
    QStackedWidget,
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
from lapdesk.ui.help_pages import HelpPages
from lapdesk.ui.history_view import HistoryDialog
from lapdesk.ui.import_flow import ImportFlow
from lapdesk.ui.mapping_actions import MappingActions
from lapdesk.ui.menus import DeskMenus
from lapdesk.ui.models.contributions_model import status_words
from lapdesk.ui.overview import Overview
from lapdesk.ui.prefs import app_settings
from lapdesk.ui.registry_edits import RegistryEdits
from lapdesk.ui.registry_view import RegistryView
from lapdesk.ui.reliability import Reliability
from lapdesk.ui.reread_flow import RereadFlow
from lapdesk.ui.round_menus import RoundMenus
from lapdesk.ui.search_panel import SearchPanel
from lapdesk.ui.service.store_service import StoreService
from lapdesk.ui.suggesting import BackgroundSuggestions
from lapdesk.ui.tables_flow import TablesFlow
from lapdesk.ui.team_menu import TeamMenu
from lapdesk.ui.views.annotation_strip import AnnotationStrip
from lapdesk.ui.views.contribution_header import ContributionHeader
from lapdesk.ui.views.contributions_pane import ContributionsPane
from lapdesk.ui.views.framework_pane import FrameworkPane
from lapdesk.ui.views.reader import Reader
from lapdesk.ui.views.section_view import SectionView
from lapdesk.ui.window_state import restore_window_state, save_window_state

# The three panes' shares of a first window's width (contributions, centre, framework).
PANE_SHARES = (0.29, 0.46, 0.25)


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
        self.team = TeamMenu(self, self.service, self.qsettings)  # the Team menu, drops of packs
        self._connect()
        self._panes_sized = restore_window_state(self, self.qsettings)  # else at first show
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
                                       r.contribution for r in self.contributions.model.rows],
                                   open_contribution=self.open_contribution,
                                   open_section=self.show_section)
        self.tables = TablesFlow(self, service)
        self.help = HelpPages(self)
        self.search = SearchPanel(service, self)
        self.search_dock = self._dock("Search results", "search-dock", self.search)
        self.registry_edits = RegistryEdits(self, service, catalogue)
        self.registry = RegistryView(service, self.registry_edits, self)
        self.registry_dock = self._dock("Registry of contributors", "registry-dock",
                                        self.registry)
        self.overview = Overview(service, self, open_section=self.show_section)
        self.history = HistoryDialog(service, self,
                                     current_contribution=lambda: self.contributions.current_id())
        # The panels share the bottom, one tab each, so that one at a time takes room from
        # the reader (on a 1366x768 laptop, three strips left it a few lines).
        self.tabifyDockWidget(self.search_dock, self.registry_dock)
        self.tabifyDockWidget(self.registry_dock, self.overview.dock)
        for dock in (self.search_dock, self.registry_dock, self.overview.dock):
            dock.visibilityChanged.connect(lambda shown, dock=dock: shown and QTimer.singleShot(
                0, lambda: self._fit_panel(dock)))  # once the dock is laid out
        self.suggestions = BackgroundSuggestions(service, self)
        self.reliability = Reliability(self, service, catalogue)
        self.file_menu = FileMenu(self, service, catalogue, self.qsettings,
                                  open_window=open_window)
        self.demo = DemoOffer(self, service, self.qsettings, switch_to=self.file_menu.switch_to)

    def _build_menus(self) -> None:
        menus = DeskMenus(self)
        self.menus, self.toolbar, self.status_label = menus.menus, menus.toolbar, menus.status_label
        self.undo_action, self.redo_action = menus.undo_action, menus.redo_action
        self.find_action, self.registry_action = menus.find_action, menus.registry_action
        self.results_action, self.back_action = menus.results_action, menus.back_action
        self.rounds = RoundMenus(self, self.service).fill(self.menus)  # New round, Export

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
        self.section_view.excerpt_selected.connect(
            lambda excerpt_id, whose: self.strip.show_excerpt(excerpt_id, where=whose))
        self.strip.excerpt_gone.connect(lambda: self.select_excerpt(0))
        self.search.result_chosen.connect(self.open_search_result)
        self.search.results_shown.connect(lambda _n: self.raise_dock(self.search_dock))
        self.registry.contribution_chosen.connect(self.open_contribution)
        self.header.password_requested.connect(self.rereader.enter_password)
        self.header.add_to_registry.connect(lambda name: self.registry_edits.add(
            name, then=lambda _id: self.header.save_contributors()))
        self.service.error.connect(self.show_message)
        self.catalogue.settings_changed.connect(self.update_title)
        self.catalogue.ready.connect(lambda: QTimer.singleShot(0, self.demo.offer_if_first_start))
        self.catalogue.ready.connect(self.suggestions.for_a_store_without_any)
        self.importer.import_finished.connect(self.suggestions.after_import)
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
    def raise_dock(dock: QDockWidget) -> None:
        dock.show()
        dock.raise_()

    def _fit_panel(self, dock: QDockWidget) -> None:
        """A panel docked at the bottom takes at most a third of the window's height."""
        most = self.height() // 3
        if isValid(dock) and not dock.isFloating() and dock.height() > most:
            self.resizeDocks([dock], [most], Qt.Orientation.Vertical)

    def _rows_changed(self) -> None:
        rows = self.contributions.model.rows
        self.status_label.setText(status_words(rows))
        if self.reader.empty_store != (not rows):
            self.reader.empty_store = not rows
            if self.header.contribution_id is None:
                self.reader.show_contribution(None)  # the drop hint, or "choose one"
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
        # The strip edits what the section view selects, never the excerpt read before.
        self.strip.show_excerpt(self.section_view.selected_excerpt)
        self.reader.set_selected_excerpt(None)
        self.centre.setCurrentIndex(1)
        self.framework.select_node(node_key)

    def show_current_node(self) -> None:
        sections = self.catalogue.framework.sections()
        key = self.framework.current_key() or (sections[0]["key"] if sections else None)
        if key:
            self.show_section(key)

    def back_to_contribution(self) -> None:
        self.section_view.save_synthesis()
        self.select_excerpt(0)  # the strip leaves the section's excerpt
        self.centre.setCurrentIndex(0)
        self.reader.setFocus()

    def showEvent(self, event) -> None:
        """A first window shares its width out once it has one: the list wide enough for a
        joint submission and what needs attention, the framework for its labels."""
        super().showEvent(event)
        if not self._panes_sized:
            self._panes_sized = True
            QTimer.singleShot(0, self._share_panes)  # once the layout has its width

    def _share_panes(self) -> None:
        width = sum(self.panes.sizes())
        self.panes.setSizes([round(width * share) for share in PANE_SHARES])

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
