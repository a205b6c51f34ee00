"""The section view as a workplace (#19, point 4): each listed excerpt's stance, topic and
summary edited where it is listed; the strip follows the excerpt selected there (never the
one read before); the synthesis pane wide enough, resizable and remembered."""

from __future__ import annotations

import pytest
from builders import add_text_contribution
from desk_helpers import open_desk, settle
from PySide6.QtCore import Qt, QUrl

from lapdesk.store import excerpts
from lapdesk.ui.main_window import MainWindow
from lapdesk.ui.views.excerpt_edits import link
from lapdesk.ui.views.section_view import SYNTHESIS_MIN_WIDTH


@pytest.fixture
def desk(store, qtbot):
    ids = {
        "austria": add_text_contribution(store, ["Austria supports assistance to survivors."],
                                         contributors=["Austria"]),
        "ghana": add_text_contribution(store, ["Ghana calls for regional workshops."],
                                       contributors=["Ghana"]),
    }
    window = open_desk(qtbot, store)
    return window, ids


def map_text(window: MainWindow, contribution_id: int, needle: str, node: str) -> int:
    window.open_contribution(contribution_id)
    settle(window)
    window.reader.setTextCursor(window.reader.document().find(needle))
    window.mapping.map_selection_to(node)
    settle(window)
    return window.strip.excerpt_id


def test_the_strip_leaves_the_excerpt_read_before_and_follows_the_one_selected(desk):
    window, ids = desk
    ghana = map_text(window, ids["ghana"], "regional workshops", "universalisation")
    austria = map_text(window, ids["austria"], "assistance to survivors", "victim_assistance")
    window.open_contribution(ids["ghana"])
    settle(window)
    window.select_excerpt(ghana)
    assert window.strip.excerpt_id == ghana
    window.show_section("victim_assistance")
    settle(window)
    assert window.strip.excerpt_id is None  # not Ghana's while Victim assistance is shown
    view = window.section_view
    view.listing.anchorClicked.emit(QUrl(f"select:{austria}"))
    settle(window)
    assert view.selected_excerpt == austria and window.strip.excerpt_id == austria
    assert "Austria" in window.strip.summary_label.text()  # whose excerpt it edits
    assert "▶" in view.listing.toPlainText()
    window.back_to_contribution()
    settle(window)
    assert window.strip.excerpt_id is None


def test_stance_topic_and_summary_are_edited_where_listed(desk, qtbot, store):
    window, ids = desk
    austria = map_text(window, ids["austria"], "assistance to survivors", "victim_assistance")
    window.show_section("victim_assistance")
    settle(window)
    view = window.section_view
    assert "no position recorded yet" in view.listing.toPlainText()
    assert link("stance", austria, None) in view.listing.toHtml()

    view.edit("stance", austria, None)  # what clicking the chip does
    menu = view.edits.menu
    assert menu is not None and menu.isVisible()
    next(a for a in menu.actions() if a.text() == "supports").trigger()
    settle(window)
    [note] = excerpts.excerpt(store, austria).annotations
    assert note.stance == "supports"
    assert "✔ supports" in view.listing.toPlainText()

    view.edit("topic", austria, note.id)
    editor = view.edits.editor
    assert editor.isVisible() and editor.hasFocus()
    qtbot.keyClicks(editor, "psychosocial support")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    settle(window)
    view.edit("summary", austria, note.id)
    qtbot.keyClicks(view.edits.editor, "Wants an action on psychological support")
    qtbot.keyClick(view.edits.editor, Qt.Key.Key_Return)
    settle(window)
    [note] = excerpts.excerpt(store, austria).annotations
    assert (note.stance, note.topic, note.summary) == (
        "supports", "psychosocial support", "Wants an action on psychological support")
    listing = view.listing.toPlainText()
    assert "psychosocial support" in listing and "Wants an action" in listing
    assert window.strip.summary.text() == "Wants an action on psychological support"

    view.edit("summary", austria, note.id)
    qtbot.keyClicks(view.edits.editor, "typed, then abandoned")
    qtbot.keyClick(view.edits.editor, Qt.Key.Key_Escape)
    settle(window)
    assert excerpts.excerpt(store, austria).annotations[0].summary == (
        "Wants an action on psychological support")
    window.undo_action.trigger()  # each in-place edit is one undo step
    settle(window)
    assert excerpts.excerpt(store, austria).annotations[0].summary == ""


def test_the_synthesis_pane_is_wide_enough_and_its_width_remembered(desk, qtbot, store):
    window, _ids = desk
    window.resize(1366, 740)
    window.show_section("universalisation")
    settle(window)
    view = window.section_view
    synthesis = view.splitter.widget(1)
    assert synthesis.width() >= SYNTHESIS_MIN_WIDTH
    placeholder = view.editor.fontMetrics().horizontalAdvance(view.editor.placeholderText())
    assert view.editor.viewport().width() >= min(placeholder, SYNTHESIS_MIN_WIDTH - 40)
    total = sum(view.splitter.sizes())
    view.splitter.setSizes([total - 500, 500])
    wanted = view.splitter.sizes()
    window.close()
    again = open_desk(qtbot, store.path)
    again.show_section("universalisation")
    settle(again)
    assert again.section_view.splitter.sizes() == wanted
    again.close()
