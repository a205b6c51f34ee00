"""File and Help menus: new, open, open recent, save a copy, settings, quit; about.

Switching stores opens the new store off the GUI thread, then a new window on it (the old
window, its lanes and its store are closed once the new one is up), so no view can ever keep
showing rows of the store it came from.  "Save a copy as…" uses SQLite's online backup (through the backups module), so
the copy is consistent even while the store is in use, and runs off the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QFileDialog, QMainWindow, QMenu, QMessageBox

from lapdesk import APP_NAME, __version__
from lapdesk.store import backup
from lapdesk.store.connection import STORE_SUFFIX, Store
from lapdesk.ui.catalogue import Catalogue
from lapdesk.ui.dialogs.settings_dialog import SettingsDialog
from lapdesk.ui.import_flow import show_failure
from lapdesk.ui.service.store_service import StoreService
from lapdesk.ui.service.tasks import Task
from lapdesk.ui.store_opener import StoreOpening, open_for_desk

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


class FileMenu(QObject):
    """The File menu's store actions and Help > About, for one window.

    :param open_window: makes and shows a window on an opened store (the application's
        window factory); the current window is closed once the new one is shown.
    """

    store_switched = Signal(object)  # the new window
    copy_saved = Signal(str)

    def __init__(self, window: QMainWindow, service: StoreService, catalogue: Catalogue,
                 qsettings: QSettings, *, open_window: Callable[[Store], QMainWindow]):
        super().__init__(window)
        self.window = window
        self.service = service
        self.catalogue = catalogue
        self.qsettings = qsettings
        self.recent = RecentStores(qsettings)
        self.open_window = open_window
        self.opening: StoreOpening | None = None
        self.recent.add(service.path)

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

    def fill(self, file_menu: QMenu, help_menu: QMenu, *, import_action: QAction,
             backups_action: QAction) -> None:
        """The File menu, top to bottom, and Help > About."""
        file_menu.addActions([self.new_action, self.open_action])
        file_menu.addMenu(self.recent_menu)
        file_menu.addSeparator()
        file_menu.addActions([import_action, self.save_copy_action, backups_action])
        file_menu.addSeparator()
        file_menu.addAction(self.settings_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        help_menu.addAction(self.about_action)

    # --- stores -------------------------------------------------------------------------------

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        current = str(self.service.path.resolve())
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

    def switch_to(self, path: str | Path) -> StoreOpening | None:
        """Open ``path`` (creating it when new), then a window on it, and close this one;
        :attr:`store_switched` carries the new window."""
        path = Path(path)
        if path.resolve() == self.service.path.resolve():
            return None
        if self.service.working:
            self._say("Work is still running", "Wait for the import or export to finish (or "
                      "cancel it) before opening another store.")
            return None
        self.opening = open_for_desk(path, author=self.service.author, parent=self.window,
                                     then=lambda store: self._switched(path, store),
                                     failed=lambda sentence: self._not_opened(path, sentence))
        return self.opening

    def _switched(self, path: Path, store: Store) -> None:
        self.recent.add(path)
        new_window = self.open_window(store)
        self.store_switched.emit(new_window)
        self.window.close()  # its lanes close, and its writer lock is released

    def _not_opened(self, path: Path, sentence: str) -> None:
        self.recent.remove(path)
        self._say("The store was not opened", sentence)

    def choose_copy(self) -> None:
        path = self.service.path
        suggested = str(path.with_name(f"{path.stem} copy{STORE_SUFFIX}"))
        path, _ = QFileDialog.getSaveFileName(self.window, "Save a copy as", suggested,
                                              STORE_FILTER)
        if path:
            self.save_copy(Path(path))

    def save_copy(self, dest: Path) -> Task:
        """Write the copy in the background; :attr:`copy_saved` names it when done."""
        op = self.service.start(save_copy_work(dest), writes=False)
        op.succeeded.connect(self.copy_saved.emit)
        op.failed.connect(lambda failure: show_failure(self.window, "The copy was not saved",
                                                       failure))
        if hasattr(self.window, "statusBar"):
            op.succeeded.connect(
                lambda saved: self.window.statusBar().showMessage(f"Copy saved to {saved}", 8000))
        return op

    # --- settings, quit, about ------------------------------------------------------------------

    def edit_settings(self) -> SettingsDialog:
        dialog = SettingsDialog(self.service, self.catalogue, self.qsettings, self.window)
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
