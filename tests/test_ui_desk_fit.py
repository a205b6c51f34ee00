"""The desk on a laptop's screen (#19, point 6): panels share one strip as tabs, nothing comes
back larger than the screen or off it, a closed panel stays closed, and the contributions list
shows what needs attention and whole joint submissions, and lets Tab move on."""

from __future__ import annotations

from builders import add_text_contribution
from desk_helpers import open_desk, settle
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QApplication

from lapdesk.store import contributions
from lapdesk.ui.prefs import app_settings
from lapdesk.ui.window_state import TITLE_BAR, fitted


def test_a_frame_is_made_to_fit_the_screen_and_moved_onto_it():
    screen = QRect(0, 0, 1366, 768)
    assert fitted(QRect(-200, 900, 3000, 2000), screen) == screen
    assert fitted(QRect(1200, 10, 400, 300), screen) == QRect(966, 10, 400, 300)
    assert fitted(QRect(100, 100, 400, 300), screen) == QRect(100, 100, 400, 300)


def test_a_layout_saved_on_a_large_monitor_reopens_on_the_screen(qtbot, store):
    window = open_desk(qtbot, store)
    window.overview.action.trigger()
    window.overview.dock.setFloating(True)
    settle(window)
    window.setGeometry(2400, 1500, 3000, 2000)  # as on a big monitor, since unplugged
    window.overview.dock.setGeometry(2600, 1700, 2800, 1900)
    window.close()
    again = open_desk(qtbot, store.path)
    available = again.screen().availableGeometry().adjusted(0, TITLE_BAR, 0, 0)
    dock = again.overview.dock
    assert dock.isFloating() and dock.isVisible()
    for shown in (again, dock):
        assert on_screen(shown, available), (shown.geometry(), available)
    again.close()


def on_screen(widget, available: QRect) -> bool:
    """Whether the widget is on the screen, its title bar in reach, and no larger than the
    screen (or than the least it can be: the test platform's screen is 800 pixels wide)."""
    frame = widget.geometry()
    least = widget.minimumSizeHint()
    return (available.contains(frame.topLeft())
            and frame.width() <= max(available.width(), least.width())
            and frame.height() <= max(available.height(), least.height()))


def test_a_first_window_is_no_larger_than_the_screen(qtbot, store):
    window = open_desk(qtbot, store)
    assert on_screen(window, window.screen().availableGeometry().adjusted(0, TITLE_BAR, 0, 0))
    window.close()


def test_the_panels_are_tabs_of_one_strip(qtbot, store):
    window = open_desk(qtbot, store)
    window.results_action.trigger()
    window.overview.action.trigger()
    window.registry_action.trigger()
    settle(window)
    tabbed = set(window.tabifiedDockWidgets(window.search_dock))
    assert {window.registry_dock, window.overview.dock} <= tabbed
    assert window.registry_dock.height() <= window.height() // 3 + 1
    window.close()


def test_closed_panels_stay_closed_through_edits_and_the_next_start(qtbot, store):
    wanted = add_text_contribution(store, ["Austria supports clearance."],
                                   contributors=["Austria"])
    window = open_desk(qtbot, store)
    panel = window.search
    window.find_action.trigger()
    qtbot.keyClicks(panel.field, "clearance")
    with qtbot.waitSignal(panel.results_shown, timeout=3000):
        qtbot.keyClick(panel.field, Qt.Key.Key_Return)
    window.registry_action.trigger()
    settle(window)
    assert window.search_dock.isVisible() or window.registry_dock.isVisible()
    window.search_dock.close()
    window.registry_dock.close()
    window.service.apply(contributions.update_contribution, wanted, language="fr")
    window.contributions.step(0)
    settle(window)
    assert not window.search_dock.isVisible() and not window.registry_dock.isVisible()
    window.close()
    again = open_desk(qtbot, store.path)
    assert not again.search_dock.isVisible() and not again.registry_dock.isVisible()
    again.close()


def test_attention_comes_second_and_joint_submissions_are_named_whole(qtbot, store):
    add_text_contribution(store, ["A joint statement."],
                          contributors=["Chile", "Ireland", "New Zealand"])
    window = open_desk(qtbot, store, show=False)
    window.resize(1366, 740)  # a first window on a laptop's screen
    window.show()
    qtbot.waitExposed(window)
    settle(window)
    table = window.contributions.table
    header = table.horizontalHeader()
    assert window.contributions.model.HEADERS[header.logicalIndex(1)] == "Attention"
    index = window.contributions.proxy.index(0, 0)
    label = index.data()
    assert label == "Chile, Ireland, New Zealand"
    # The whole label, unless a wide font (Wine's) would push Attention out of view: then all
    # the room there is, and the tooltip names everyone.
    room = table.viewport().width() - 100
    assert header.sectionSize(0) >= min(table.fontMetrics().horizontalAdvance(label), room)
    assert "New Zealand" in index.data(Qt.ItemDataRole.ToolTipRole)
    assert header.sectionPosition(0) + header.sectionSize(0) + 100 <= table.viewport().width()
    window.close()


def test_tab_leaves_the_contributions_list(qtbot, store):
    add_text_contribution(store, ["One."], contributors=["Austria"])
    add_text_contribution(store, ["Two."], contributors=["France"])
    window = open_desk(qtbot, store)
    table = window.contributions.table
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not table
    window.close()


def test_the_saved_state_is_in_the_users_preferences(qtbot, store):
    window = open_desk(qtbot, store)
    window.close()
    assert app_settings().value("window/geometry") is not None
