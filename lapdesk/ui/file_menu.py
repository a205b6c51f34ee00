"""File and Help menus: new, open, open recent, save a copy, settings, quit; about.

Switching stores opens a new window on the new store (the old window, its workers and its
store are closed after the new one is up), so no view can ever keep showing rows of the store
it came from.  "Save a copy as…" uses SQLite's online backup (through the backups module), so
the copy is consistent even while the store is in use, and runs off the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QFileDialog, QMainWindow, QMenu, QMessageBox

from lapdesk import APP_NAME, __version__
from lapdesk.core.errors import LapdeskError
from lapdesk.store import backup
from lapdesk.store.connection import STORE_SUFFIX, Store
from lapdesk.ui.dialogs.locked_dialog import open_store_for_desk
from lapdesk.ui.dialogs.settings_dialog import SettingsDialog
from lapdesk.ui.import_flow import show_failure
from lapdesk.ui.ops import StoreOp, TaskManager
from lapdesk.ui.session import StoreSession

RECENT_KEY = "recent/stores"
RECENT_MAX = 8
STORE_FILTER = f"LAPDesk stores (*{STORE_SUFFIX});;All files (*)"


class RecentStores:
    """The stores this user opened last, newest first, in QSettings."""

    def __init__(self, qsettings: QSettings):
        self.qsettings = qsettings

    def paths(self) -> list[str]:
        value = self.qsettings.value(RECENT_KEY, [])
        if isinstance(value, str):  # QSettings hands back a one-item list as a string
            value = [value]
        return [str(v) for v in value or []]

    def add(self, path: str | Path) -> None:
        path = str(Path(path).resolve())
        paths = [path, *(p for p in self.paths() if p != path)][:RECENT_MAX]
        self.qsettings.setValue(RECENT_KEY, paths)
        self.qsettings.sync()

    def remove(self, path: str | Path) -> None:
        self.qsettings.setValue(RECENT_KEY, [p for p in self.paths() if p != str(path)])

    def clear(self) -> None:
        self.qsettings.setValue(RECENT_KEY, [])


def save_copy_work(dest: Path) -> Callable:
    """The worker's half of "Save a copy as…": an online backup of the store into ``dest``."""

    def work(store: Store, progress, cancel) -> str:
        progress(0, 1, dest.name)
        backup.take_backup(store.conn, store.path, out=dest)
        progress(1, 1, dest.name)
        return str(dest)

    return work


def menu_named(window: QMainWindow, title: str) -> QMenu:
    """The window's top-level menu called ``title`` (ignoring "&"), created when missing."""
    wanted = title.replace("&", "")
    for action in window.menuBar().actions():
        menu = action.menu()
        if menu is not None and action.text().replace("&", "") == wanted:
            return menu
    return window.menuBar().addMenu(title)


class FileMenu(QObject):
    """The File menu's store actions and Help > About, for one window.

    :param open_window: makes and shows a window on an opened store (the application's
        window factory); the current window is closed once the new one is shown.
    """

    store_switched = Signal(object)  # the new window
    copy_saved = Signal(str)

    def __init__(self, window: QMainWindow, session_of: Callable[[], StoreSession],
                 tasks: TaskManager, qsettings: QSettings, *,
                 open_window: Callable[[Store], QMainWindow]):
        super().__init__(window)
        self.window = window
        self.session_of = session_of
        self.tasks = tasks
        self.qsettings = qsettings
        self.recent = RecentStores(qsettings)
        self.open_window = open_window
        self.recent.add(session_of().path)

        def action(text: str, slot, shortcut=None, tip: str = "") -> QAction:
            made = QAction(text, window)
            if shortcut is not None:
                made.setShortcut(QKeySequence(shortcut))
            made.setStatusTip(tip)
            made.triggered.connect(slot)
            return made

        self.new_action = action("&New store…", self.choose_new, QKeySequence.StandardKey.New,
                                 "Start an empty store for another consultation")
        self.open_action = action("&Open store…", self.choose_open, QKeySequence.StandardKey.Open,
                                  "Open another store")
        self.recent_menu = QMenu("Open &recent", window)
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        self.save_copy_action = action("Save a &copy as…", self.choose_copy, None,
                                       "Write a consistent copy of this store to another file")
        self.settings_action = action("Se&ttings…", self.edit_settings,
                                      QKeySequence("Ctrl+,"),
                                      "The consultation's settings and your initials")
        self.quit_action = action("&Quit", self.quit, QKeySequence("Ctrl+Q"), "Close LAPDesk")
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.about_action = action(f"&About {APP_NAME}", self.about, None,
                                   "Version and what LAPDesk is")
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)

    def install(self, *, import_action: QAction | None = None) -> None:
        """Fill the File menu (around what is already there) and Help."""
        menu = menu_named(self.window, "&File")
        existing = menu.actions()
        first = existing[0] if existing else None
        for item in (self.new_action, self.open_action):
            menu.insertAction(first, item)
        menu.insertMenu(first, self.recent_menu)
        menu.insertSeparator(first)
        if import_action is not None:
            menu.insertAction(first, import_action)
        menu.insertAction(first, self.save_copy_action)
        if existing:
            menu.insertSeparator(first)
        first_separator = menu.addSeparator()
        menu.addAction(self.settings_action)
        second_separator = menu.addSeparator()
        menu.addAction(self.quit_action)
        self._tail = [first_separator, self.settings_action, second_separator, self.quit_action]
        menu.aboutToShow.connect(lambda: self._keep_tail_last(menu))
        menu_named(self.window, "&Help").addAction(self.about_action)

    def _keep_tail_last(self, menu: QMenu) -> None:
        """Settings and Quit stay at the end, whatever other installers added after them."""
        if menu.actions()[-len(self._tail):] == self._tail:
            return
        for action in self._tail:
            menu.removeAction(action)
        menu.addActions(self._tail)

    # --- stores -------------------------------------------------------------------------------

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        current = str(self.session_of().path.resolve())
        for path in self.recent.paths():
            if path == current:
                continue
            item = self.recent_menu.addAction(Path(path).name)
            item.setStatusTip(path)
            item.setToolTip(path)
            item.triggered.connect(lambda _checked=False, p=path: self.switch_to(p))
        if self.recent_menu.isEmpty():
            self.recent_menu.addAction("No other store opened yet").setEnabled(False)

    def choose_new(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self.window, "New store", "", STORE_FILTER)
        if path:
            if not path.endswith(STORE_SUFFIX):
                path += STORE_SUFFIX
            self.switch_to(path)

    def choose_open(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self.window, "Open store", "", STORE_FILTER)
        if path:
            self.switch_to(path)

    def switch_to(self, path: str | Path) -> QMainWindow | None:
        """Open ``path`` (creating it when new) in a new window and close this one."""
        path = Path(path)
        session = self.session_of()
        if path.resolve() == session.path.resolve():
            return self.window
        if self.tasks.busy:
            self._say("Work is still running", "Wait for the import or export to finish (or "
                      "cancel it) before opening another store.")
            return None
        try:
            store = open_store_for_desk(path, self.window, author=session.store.author)
        except LapdeskError as error:
            self.recent.remove(path)
            self._say("The store was not opened", str(error))
            return None
        if store is None:  # held by another LAPDesk and the user chose Cancel
            return None
        self.recent.add(path)
        new_window = self.open_window(store)
        self.store_switched.emit(new_window)
        self.window.close()
        session.store.close()  # releases its writer lock, so it can be opened again later
        return new_window

    def choose_copy(self) -> None:
        session = self.session_of()
        suggested = str(session.path.with_name(f"{session.path.stem} copy{STORE_SUFFIX}"))
        path, _ = QFileDialog.getSaveFileName(self.window, "Save a copy as", suggested,
                                              STORE_FILTER)
        if path:
            self.save_copy(Path(path))

    def save_copy(self, dest: Path) -> StoreOp:
        """Write the copy in the background; :attr:`copy_saved` names it when done."""
        session = self.session_of()
        op = StoreOp(self.tasks, save_copy_work(dest), store_path=session.path, writes=False)
        op.succeeded.connect(self.copy_saved.emit)
        op.failed.connect(lambda failure: show_failure(self.window, "The copy was not saved",
                                                       failure))
        if hasattr(self.window, "statusBar"):
            op.succeeded.connect(
                lambda saved: self.window.statusBar().showMessage(f"Copy saved to {saved}", 8000))
        return op.run()

    # --- settings, quit, about ------------------------------------------------------------------

    def edit_settings(self) -> SettingsDialog:
        dialog = SettingsDialog(self.session_of(), self.qsettings, self.window)
        dialog.open()
        return dialog

    def quit(self) -> None:
        self.window.close()
        app = QApplication.instance()
        if app is not None and not any(w.isVisible() for w in app.topLevelWidgets()
                                       if isinstance(w, QMainWindow)):
            app.quit()

    def about(self) -> QMessageBox:
        box = QMessageBox(QMessageBox.Icon.Information, f"About {APP_NAME}",
                          f"{APP_NAME} {__version__}", QMessageBox.StandardButton.Ok, self.window)
        box.setInformativeText(
            "The Presidency's desk for the written contributions on the concept note of the "
            "Lausanne Action Plan: log what arrives, read, map passages to the concept note, "
            "annotate positions and export the working paper in Word. It works offline and "
            "never opens a network connection.")
        box.setObjectName("about-box")
        box.open()
        return box

    def _say(self, title: str, text: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok,
                          self.window)
        box.open()
