"""Help > Getting started and Help > Keyboard shortcuts.

The list of shortcuts is made from the window's actions when it is opened — every menu entry
and window action that has keys, under its menu — so it cannot drift from what the keys do.
Only the few keys a view handles itself (Enter on a suggestion, Down from the search field)
are named here, in :data:`VIEW_KEYS`.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMainWindow,
    QMenu,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
)

# Keys that views handle themselves rather than through an action: (where, keys, what).
VIEW_KEYS = (
    ("In the text", "Enter / Delete", "Accept / reject the suggestion clicked"),
    ("In the search field", "Down", "Go to the results (Enter opens one)"),
    ("In the synthesis", "Ctrl+B / Ctrl+I", "Bold / italic"),
    ("In the section view", "Alt+Left", "Back to the contribution"),
)

GETTING_STARTED = """
<h2>Getting started with LAPDesk</h2>
<p>LAPDesk keeps the consultation on the Lausanne Action Plan in one store (a
<code>.lapdesk</code> file): every contribution received, who sent it, the passages mapped to
the concept note, the team's positions and the Presidency's synthesis.</p>
<h3>1. Log what arrived</h3>
<p>Drop files, folders or saved emails (.eml, .msg) anywhere on the window, or use
<b>File › Import…</b> (Ctrl+I). The summary says what was logged and what needs attention
(a contributor to confirm, a scan to read, a password). Suggested mappings are made in the
background: they appear as dashed underlines.</p>
<h3>2. Check who wrote</h3>
<p>Under <b>Contributors</b>, a guess says why it was made: <b>Confirm</b> it or
<b>Change…</b> it. A sender the registry lacks (a national NGO, a new organisation) is added
with <b>Add “…” to the registry…</b>, or in <b>View › Registry of contributors</b>.</p>
<h3>3. Read and map</h3>
<p>Select a passage and press Ctrl+1 … Ctrl+9 for the nine sections, Ctrl+M to choose a
question, or drag it onto the framework. Click a dashed suggestion, then Enter accepts it
and Delete rejects it. The strip at the bottom records the excerpt's stance, topic and
summary.</p>
<h3>4. Work by section</h3>
<p>Choose a section in the framework: every excerpt under it, by contributor, with stances,
topics and summaries you can edit where they are listed, beside the Presidency's synthesis.
Alt+Left goes back to the contribution.</p>
<h3>5. Export</h3>
<p><b>Export › Working paper</b> (Ctrl+E) lists what is left to settle first (unidentified
contributors, publication not decided, empty sections, a date after the meeting), then
writes the Word paper; <b>Export › Tables</b> writes the tables for Excel.</p>
<p>Every change can be undone (Ctrl+Z). <b>Help › Keyboard shortcuts</b> lists every key.</p>
"""


def _plain(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…").strip()


def _keys(action: QAction) -> str:
    return " or ".join(s.toString(QKeySequence.SequenceFormat.NativeText)
                       for s in action.shortcuts() if not s.isEmpty())


def shortcut_rows(window: QMainWindow) -> list[tuple[str, str, str]]:
    """(where, keys, what) for every action of the window that has keys, under the menu it is
    in (menus in the menu bar's order), then the keys views handle themselves."""
    rows: list[tuple[str, str, str]] = []
    seen: set[int] = set()

    def walk(menu: QMenu, where: str) -> None:
        for action in menu.actions():
            if action.menu() is not None:
                walk(action.menu(), f"{where} › {_plain(action.text())}")
            elif _keys(action) and id(action) not in seen:
                seen.add(id(action))
                rows.append((where, _keys(action), _plain(action.text())))

    for top in window.menuBar().actions():
        if top.menu() is not None:
            walk(top.menu(), _plain(top.text()))
    for action in window.actions():
        if _keys(action) and id(action) not in seen:
            seen.add(id(action))
            rows.append(("Window", _keys(action), _plain(action.text())))
    return rows + list(VIEW_KEYS)


class ShortcutsDialog(QDialog):
    def __init__(self, window: QMainWindow):
        super().__init__(window)
        self.setWindowTitle("Keyboard shortcuts")
        self.setObjectName("keyboard-shortcuts")
        rows = shortcut_rows(window)
        self.table = QTableWidget(len(rows), 3, self)
        self.table.setHorizontalHeaderLabels(["Where", "Keys", "What it does"])
        self.table.setAccessibleName("Keyboard shortcuts")
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for number, row in enumerate(rows):
            for column, text in enumerate(row):
                self.table.setItem(number, column, QTableWidgetItem(text))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(640, min(680, 80 + 26 * len(rows)))


class HelpPages(QObject):
    """The Help menu's two pages; :attr:`dialog` is the one open (for tests)."""

    def __init__(self, window: QMainWindow):
        super().__init__(window)
        self.window = window
        self.dialog: QDialog | None = None
        self.getting_started_action = QAction("&Getting started", window)
        self.getting_started_action.setShortcut(QKeySequence.StandardKey.HelpContents)
        self.getting_started_action.triggered.connect(self.show_getting_started)
        self.shortcuts_action = QAction("&Keyboard shortcuts", window)
        self.shortcuts_action.setShortcut(QKeySequence("Ctrl+/"))
        self.shortcuts_action.triggered.connect(self.show_shortcuts)
        window.addActions([self.getting_started_action, self.shortcuts_action])

    def show_shortcuts(self) -> ShortcutsDialog:
        self.dialog = ShortcutsDialog(self.window)
        self.dialog.open()
        return self.dialog

    def show_getting_started(self) -> QDialog:
        dialog = QDialog(self.window)
        dialog.setWindowTitle("Getting started")
        dialog.setObjectName("getting-started")
        page = QTextBrowser(dialog)
        page.setHtml(GETTING_STARTED)
        page.setAccessibleName("Getting started")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
        buttons.rejected.connect(dialog.reject)
        layout = QVBoxLayout(dialog)
        layout.addWidget(page)
        layout.addWidget(buttons)
        dialog.resize(640, 620)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.open()
        return dialog
