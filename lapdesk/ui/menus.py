"""The desk's menu bar and toolbar: every menu, its actions and their keys, in one place.

The window builds its panes and flows first, then hands itself to :class:`DeskMenus`, which
only arranges what they already offer (their actions, or a slot for a new one) into the menus
and onto the toolbar; nothing here holds state of its own.  Other parts of the desk add their
entries to :attr:`DeskMenus.menus` (``"file"``, ``"edit"``, ``"view"``, ``"contribution"``,
``"framework"``, ``"export"``, ``"help"``).  Every action is added to the window as well, so its
keys work wherever the focus is in the window.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QMenu, QToolBar, QWidget

MENU_TITLES = ("&File", "&Edit", "&View", "&Contribution", "F&ramework", "E&xport", "&Help")


class DeskMenus:
    """The menus and toolbar of one main window.

    :param window: the main window, whose panes (``contributions``, ``header``, ``reader``,
        ``framework``, ``strip``, ``search``) and flows (``importer``, ``exporter``,
        ``mapping``, ``rereader``, ``file_menu``, ``reliability``, ``demo``, ``overview``,
        ``history``)
        are already built.
    """

    def __init__(self, window: QMainWindow):
        self.window = window
        bar = window.menuBar()
        self.menus: dict[str, QMenu] = {
            title.replace("&", "").lower(): bar.addMenu(title) for title in MENU_TITLES}
        self._file_and_edit()
        self._view()
        self._contribution_and_framework()
        self._toolbar()

    def action(self, text: str, slot, keys: str | QKeySequence | None = None) -> QAction:
        """An action of the window, its keys working anywhere in it."""
        made = QAction(text, self.window)
        if keys:
            made.setShortcut(QKeySequence(keys))
            made.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        made.triggered.connect(slot)
        self.window.addAction(made)
        return made

    def _undo_action(self, text: str, slot, which: str) -> QAction:
        """Undo or Redo, named after the change it would undo ("Undo Map excerpt to …") and
        enabled as the stack allows, like Qt's own; unlike Qt's, it waits for the changes
        still being written (see :meth:`StoreService.undo`)."""
        stack = self.window.service.undo_stack
        made = QAction(text, self.window)
        made.triggered.connect(slot)
        made.setEnabled(False)
        able, named = ((stack.canUndoChanged, stack.undoTextChanged) if which == "undo"
                       else (stack.canRedoChanged, stack.redoTextChanged))
        able.connect(made.setEnabled)
        named.connect(lambda name: made.setText(f"{text} {name}" if name else text))
        return made

    def _file_and_edit(self) -> None:
        window, menus = self.window, self.menus
        window.file_menu.fill(menus["file"], menus["help"], import_action=window.importer.action,
                              backups_action=window.reliability.backups_action)
        service = window.service
        self.undo_action = self._undo_action("&Undo", service.undo, "undo")
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self._undo_action("&Redo", service.redo, "redo")
        # Ctrl+Shift+Z everywhere, and the platform's own Redo keys (Ctrl+Y on Windows), each
        # once: the same key twice on one action is an "ambiguous overload" and does nothing.
        self.redo_action.setShortcuts(list(dict.fromkeys(
            [QKeySequence("Ctrl+Shift+Z"), *QKeySequence.keyBindings(QKeySequence.StandardKey.Redo)])))
        menus["edit"].addActions([self.undo_action, self.redo_action])
        window.addActions([self.undo_action, self.redo_action])
        menus["export"].addAction(window.exporter.action)
        menus["export"].addMenu(window.tables.menu)
        first = menus["help"].actions()[0]
        menus["help"].insertActions(first, [window.help.getting_started_action,
                                            window.help.shortcuts_action, window.demo.action])
        menus["help"].insertSeparator(first)
        window.addActions([window.importer.action, window.exporter.action])

    def _view(self) -> None:
        window = self.window
        self.find_action = self.action("&Search all contributions…", window.search.focus_field,
                                       QKeySequence.StandardKey.Find)
        self.results_action = window.search_dock.toggleViewAction()
        self.results_action.setText("Search &results")
        self.registry_action = window.registry_dock.toggleViewAction()
        self.registry_action.setText("&Registry of contributors")
        self.registry_action.setShortcut(QKeySequence("Ctrl+Shift+R"))
        self.registry_action.triggered.connect(
            lambda shown: shown and window.raise_dock(window.registry_dock))
        window.addAction(self.registry_action)
        view = self.menus["view"]
        view.addActions([self.find_action, self.results_action, self.registry_action,
                         window.overview.action, window.history.action])
        view.addSeparator()
        self.back_action = self.action("&Back to the contribution", window.back_to_contribution,
                                       "Alt+Left")
        view.addActions([self.back_action, self.action(
            "Go to the &contributions filter", lambda: window.contributions.filter_box.setFocus(),
            "Ctrl+L"), self.action("Go to the &text", window.reader.setFocus, "Ctrl+T"),
            self.action("Go to the &framework", window.framework.tree.setFocus, "Ctrl+K")])

    def _contribution_and_framework(self) -> None:
        window = self.window
        contribution = self.menus["contribution"]
        contribution.addActions([
            self.action("&Previous contribution", lambda: window.contributions.step(-1),
                        "Alt+Up"),
            self.action("&Next contribution", lambda: window.contributions.step(1), "Alt+Down")])
        contribution.addSeparator()
        contribution.addActions([
            self.action("&Open original", window.header.open_original),
            self.action("&Save original as…", window.header.save_original),
            self.action("Delete contribution", window.contributions.delete_current)])
        contribution.addSeparator()
        window.mapping.fill(contribution)
        contribution.addSeparator()
        contribution.addAction(window.rereader.read_scans_action)
        framework = self.menus["framework"]
        framework.addAction("Show excerpts of the chosen section", window.show_current_node)
        framework.addActions(window.framework.editor.actions)
        window.strip.add_action_buttons([window.mapping.pick_action, window.mapping.resize_action,
                                         window.mapping.delete_action])

    def _toolbar(self) -> None:
        window = self.window
        self.toolbar = QToolBar("Main", window)
        self.toolbar.setObjectName("main-toolbar")
        window.addToolBar(self.toolbar)
        self.toolbar.addAction(window.importer.action)
        self.toolbar.addWidget(window.search.field)
        self.toolbar.addSeparator()
        spacer = QWidget(window)
        spacer.setSizePolicy(spacer.sizePolicy().Policy.Expanding,
                             spacer.sizePolicy().Policy.Preferred)
        self.toolbar.addWidget(spacer)
        self.status_label = QLabel(window)
        self.status_label.setAccessibleName("Consultation status")
        self.toolbar.addWidget(self.status_label)
