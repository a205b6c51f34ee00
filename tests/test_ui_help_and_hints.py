"""Help and the smaller points of #19 (point 8): Help > Keyboard shortcuts made from the
actions, a getting-started page, the drop hint on an empty store, mouse selections snapped to
words, an import summary that reads plainly, whole framework labels."""

from __future__ import annotations

from builders import add_text_contribution
from desk_helpers import open_desk, settle
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QTextBrowser

from lapdesk.ui.dialogs.import_summary import headline
from lapdesk.ui.help_pages import VIEW_KEYS, shortcut_rows
from lapdesk.ui.views.reader import DROP_HINT


def test_the_shortcuts_list_is_made_from_the_actions_and_follows_them(qtbot, store):
    window = open_desk(qtbot, store)
    rows = shortcut_rows(window)
    found = {(keys, what) for _where, keys, what in rows}
    native = QKeySequence.SequenceFormat.NativeText
    for keys, what in (("Ctrl+E", "Working paper (Word)"), ("Alt+Left", "Back to the contribution"),
                       ("Ctrl+Shift+R", "Registry of contributors")):
        assert (QKeySequence(keys).toString(native), what) in found, (keys, what)
    assert ("File", QKeySequence("Ctrl+I").toString(native), "Import") in rows
    assert rows[-len(VIEW_KEYS):] == list(VIEW_KEYS)
    # A new action with keys is listed with no one editing the list.
    made = QAction("Frobnicate the paper", window)
    made.setShortcut(QKeySequence("Ctrl+Alt+F"))
    window.menus["export"].addAction(made)
    assert ("Export", QKeySequence("Ctrl+Alt+F").toString(native), "Frobnicate the paper") in \
        shortcut_rows(window)
    window.help.shortcuts_action.trigger()
    dialog = window.help.dialog
    assert dialog.isVisible() and dialog.table.rowCount() == len(shortcut_rows(window))
    assert window.help.shortcuts_action in window.menus["help"].actions()
    window.close()


def test_getting_started_opens_from_help(qtbot, store):
    window = open_desk(qtbot, store)
    assert window.help.getting_started_action in window.menus["help"].actions()
    window.help.getting_started_action.trigger()
    page = window.help.dialog.findChild(QTextBrowser)
    assert "Log what arrived" in page.toPlainText() and "Ctrl+1" in page.toPlainText()
    window.close()


def test_an_empty_store_says_where_to_drop_files(qtbot, store):
    window = open_desk(qtbot, store)
    assert window.reader.toPlainText() == DROP_HINT
    add_text_contribution(store, ["Ghana supports it."], contributors=["Ghana"])
    window.service.notify({"contributions"})
    settle(window)
    assert window.reader.toPlainText() != DROP_HINT
    window.close()


def test_a_mouse_selection_snaps_to_whole_words(qtbot, store):
    wanted = add_text_contribution(store, ["Austria favours regional workshops."],
                                   contributors=["Austria"])
    window = open_desk(qtbot, store)
    window.open_contribution(wanted)
    settle(window)
    reader = window.reader
    start = reader.document().find("ustria").selectionStart()
    end = reader.document().find("favours").selectionEnd() - 2  # "favou"
    cursor = reader.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(end, cursor.MoveMode.KeepAnchor)
    reader.setTextCursor(cursor)
    qtbot.mouseRelease(reader.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    assert reader.textCursor().selectedText() == "Austria favours"
    assert reader.selected_span() == (0, len("Austria favours"))
    window.close()


def test_the_import_headline_counts_files_and_contributions_apart():
    assert headline(12, 10, 3) == ("12 files read · 10 contributions logged · 3 files to check "
                                   "(⚠ below)")
    assert headline(1, 1, 0) == "1 file read · 1 contribution logged · nothing to check"


def test_framework_labels_are_whole_at_a_laptops_width(qtbot, store):
    window = open_desk(qtbot, store)
    window.resize(1366, 740)
    settle(window)
    tree = window.framework.tree
    model = tree.model()
    widths = []
    for row in range(model.rowCount()):
        index = model.index(row, 0)
        text = index.data()
        widths.append((text, tree.visualRect(index).width(),
                       tree.fontMetrics().horizontalAdvance(text)))
    clipped = [text for text, room, needed in widths if needed + 24 > room]
    assert not clipped, clipped
    window.close()
