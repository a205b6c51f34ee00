"""Every key does one thing: no shortcut is bound twice where both could fire, so none is left
dead by Qt's "ambiguous shortcut overload" — Redo by keyboard among them."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections import defaultdict

import pytest
from builders import add_text_contribution
from conftest import ROOT
from desk_helpers import open_desk, settle
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtTest import QTest

from lapdesk.store import contributions

# Contexts in which a shortcut is live for the whole window.
WINDOW_WIDE = {Qt.ShortcutContext.WindowShortcut, Qt.ShortcutContext.ApplicationShortcut}


@pytest.fixture
def window(store, qtbot):
    add_text_contribution(store, ["Austria supports universalisation."], contributors=["Austria"])
    made = open_desk(qtbot, store)
    made.activateWindow()
    return made


def _scope(action: QAction) -> tuple:
    """Where a shortcut is live: the whole window, or the widgets it is attached to."""
    if action.shortcutContext() in WINDOW_WIDE:
        return ("window",)
    return tuple(sorted(id(w) for w in action.associatedObjects()))


def test_no_key_is_bound_twice(window):
    bound: dict[str, list[str]] = defaultdict(list)
    for action in window.findChildren(QAction):
        keys = [k.toString() for k in action.shortcuts() if not k.isEmpty()]
        assert len(keys) == len(set(keys)), f"{action.text()!r} lists a key twice: {keys}"
        for key in keys:
            bound[key].append((action.text(), _scope(action)))
    clashes = {}
    for key, uses in bound.items():
        window_wide = [text for text, scope in uses if scope == ("window",)]
        # A window-wide key clashes with any other use of it; two attached to one widget too.
        if len(window_wide) > 1 or window_wide and len(uses) > 1 or (
                len({scope for _text, scope in uses}) < len(uses)):
            clashes[key] = [text for text, _scope in uses]
    assert clashes == {}


def test_redo_works_by_keyboard(window, store, qtbot):
    [row] = contributions.list_contributions(store)
    window.service.apply(contributions.update_contribution, row.id, notes="to redo")
    settle(window)
    window.reader.setFocus()
    QTest.keyClick(window.reader, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    settle(window)
    assert contributions.contribution(store, row.id).notes == ""
    QTest.keyClick(window.reader, Qt.Key.Key_Z,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    settle(window)
    assert contributions.contribution(store, row.id).notes == "to redo"
    assert "Ctrl+Shift+Z" in window.redo_action.shortcut().toString()


def test_ctrl_i_italicises_in_the_synthesis_and_imports_elsewhere(window, qtbot):
    window.show_section("universalisation")
    settle(window)
    editor = window.section_view.editor
    editor.setFocus()
    QTest.keyClick(editor, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    settle(window)
    assert editor.fontItalic()
    opened = []
    window.importer.choose_files = lambda: opened.append(True)
    window.importer.action.triggered.disconnect()
    window.importer.action.triggered.connect(
        window.importer.choose_files)
    window.back_to_contribution()
    settle(window)
    window.reader.setFocus()
    QTest.keyClick(window.reader, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    settle(window)
    assert opened == [True]
    assert QKeySequence("Ctrl+I") == window.importer.action.shortcut()


X11_CHECK = """
import sys
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication
from lapdesk.store.connection import open_store
from lapdesk.ui.main_window import MainWindow
app = QApplication([])
window = MainWindow(open_store(sys.argv[1]))
for action in window.findChildren(QAction):
    keys = [k.toString() for k in action.shortcuts() if not k.isEmpty()]
    if len(keys) != len(set(keys)):
        print(action.text(), keys)
"""


@pytest.mark.skipif(not shutil.which("xvfb-run"), reason="needs Xvfb")
def test_no_action_lists_a_key_twice_on_an_x11_desktop(tmp_path):
    """On X11 the platform's Redo key is Ctrl+Shift+Z itself, which the offscreen platform
    does not show: the window is built there, in a process of its own."""
    result = subprocess.run(
        ["xvfb-run", "-a", sys.executable, "-c", X11_CHECK, str(tmp_path / "x.lapdesk")],
        capture_output=True, text=True, timeout=120, cwd=ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "xcb"})
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
