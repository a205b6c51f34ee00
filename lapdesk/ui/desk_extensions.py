"""Part B of the desk, installed into the main window: import, search, registry, File and Help
menus, settings, export, the window's remembered layout and the first-start demo offer.

:func:`install` is one of the main window's ``EXTENSIONS``; it only adds to the window (menus,
toolbar, docks, an event filter) and talks to it through ``window.session``,
``window.menus``, ``window.toolbar`` and ``window.open_contribution``.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QDockWidget, QMainWindow
from shiboken6 import isValid

from lapdesk.store.connection import Store
from lapdesk.ui.demo_offer import DemoOffer
from lapdesk.ui.dialogs.settings_dialog import apply_user_initials
from lapdesk.ui.export_flow import ExportFlow
from lapdesk.ui.file_menu import FileMenu
from lapdesk.ui.import_flow import ImportFlow
from lapdesk.ui.ops import TaskManager
from lapdesk.ui.prefs import app_settings
from lapdesk.ui.registry_view import RegistryView
from lapdesk.ui.reread_flow import RereadFlow
from lapdesk.ui.search_panel import SearchPanel
from lapdesk.ui.window_state import restore_window_state, save_window_state


class DeskExtensions(QObject):
    """Everything part B adds to one window; reachable as ``window.desk_extensions``."""

    def __init__(self, window: QMainWindow):
        super().__init__(window)
        self.window = window
        self.qsettings = app_settings()
        self.tasks = TaskManager(self)
        self.owns_store = False  # True for a window opened by switching stores

        def session_of():
            return window.session

        self.rereader = RereadFlow(window, session_of, self.tasks)
        self.importer = ImportFlow(window, session_of, self.tasks,
                                   open_contribution=window.open_contribution,
                                   enter_password=self.rereader.enter_password)
        self.search = SearchPanel(session_of, self.tasks, window)
        self.search_dock = self._dock("Search results", "search-dock", self.search,
                                      Qt.DockWidgetArea.BottomDockWidgetArea)
        self.registry = RegistryView(session_of, window)
        self.registry_dock = self._dock("Registry of contributors", "registry-dock",
                                        self.registry, Qt.DockWidgetArea.BottomDockWidgetArea)
        # Both are wide tables: they share the bottom, one tab each.
        window.tabifyDockWidget(self.search_dock, self.registry_dock)
        self.file_menu = FileMenu(window, session_of, self.tasks, self.qsettings,
                                  open_window=self.open_window)
        self.exporter = ExportFlow(window, session_of, self.tasks)
        self.demo = DemoOffer(window, session_of, self.tasks, self.qsettings,
                              switch_to=self.file_menu.switch_to)
        self._install_actions()
        window.session.store_changed.connect(self.search.refresh_if_shown)
        window.session.store_changed.connect(self.registry.refresh)
        self.search.result_chosen.connect(self.open_search_result)
        self.registry.contribution_chosen.connect(window.open_contribution)
        apply_user_initials(window.session, self.qsettings)
        restore_window_state(window, self.qsettings)
        window.installEventFilter(self)
        QTimer.singleShot(0, self.demo.offer_if_first_start)

    def _dock(self, title: str, name: str, widget, area) -> QDockWidget:
        dock = QDockWidget(title, self.window)
        dock.setObjectName(name)
        dock.setWidget(widget)
        self.window.addDockWidget(area, dock)
        dock.hide()
        return dock

    def _install_actions(self) -> None:
        window = self.window
        menus = window.menus
        self.file_menu.install(import_action=self.importer.action)
        toolbar = window.toolbar
        first = toolbar.actions()[0] if toolbar.actions() else None
        toolbar.insertAction(first, self.importer.action)
        self.search_field_action = toolbar.insertWidget(first, self.search.field)
        self.find_action = QAction("&Search all contributions…", window)
        self.find_action.setShortcut(QKeySequence.StandardKey.Find)
        self.find_action.setStatusTip("Find words in every contribution")
        self.find_action.triggered.connect(self.focus_search)
        self.search.results_shown.connect(lambda _n: self._raise(self.search_dock))
        self.registry_action = self.registry_dock.toggleViewAction()
        self.registry_action.setText("&Registry of contributors")
        self.registry_action.setShortcut(QKeySequence("Ctrl+Shift+R"))
        self.registry_action.setStatusTip("Who has written and who has not yet")
        self.registry_action.triggered.connect(
            lambda shown: shown and self._raise(self.registry_dock))
        self.results_action = self.search_dock.toggleViewAction()
        self.results_action.setText("Search &results")
        view = menus["view"]
        first_view = view.actions()[0] if view.actions() else None
        view.insertActions(first_view, [self.find_action, self.results_action,
                                        self.registry_action])
        view.insertSeparator(first_view)
        menus["export"].addAction(self.exporter.action)
        help_menu = menus["help"]
        help_menu.insertAction(help_menu.actions()[0] if help_menu.actions() else None,
                               self.demo.action)
        for action in (self.find_action, self.registry_action, self.importer.action,
                       self.exporter.action):
            window.addAction(action)

    @staticmethod
    def _raise(dock: QDockWidget) -> None:
        dock.show()
        dock.raise_()

    def open_search_result(self, contribution_id: int, start: int, end: int) -> None:
        """Open the contribution at the paragraph found, selected (Ctrl+1…9 then maps it)."""
        self.window.open_contribution(contribution_id, offset=start, end=end)
        self.window.reader.setFocus()

    def focus_search(self) -> None:
        self.search.focus_field()

    def open_window(self, store: Store) -> QMainWindow:
        """A window like this one on another store; kept alive by the application."""
        new_window = type(self.window)(store)
        extensions = getattr(new_window, "desk_extensions", None)
        if extensions is not None:
            extensions.owns_store = True
        app = QApplication.instance()
        windows = getattr(app, "lapdesk_windows", [])
        app.lapdesk_windows = [w for w in windows if isValid(w) and w.isVisible()] + [new_window]
        new_window.show()
        return new_window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Close:
            self.closing()
        return False

    def closing(self) -> None:
        """The window closes: remember its layout, stop the workers, release a switched store."""
        save_window_state(self.window, self.qsettings)
        self.tasks.shutdown()
        if self.owns_store:
            self.window.session.store.close()


def install(window: QMainWindow) -> None:
    window.desk_extensions = DeskExtensions(window)
