"""The desk driven through its real widgets: reading, mapping by key, menu and drag, undo."""

from __future__ import annotations

import pytest
from builders import add_text_contribution
from desk_helpers import open_desk, settle
from PySide6.QtCore import QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent, QTextCursor

from lapdesk.store import excerpts
from lapdesk.ui.main_window import MainWindow

FIRST = "Austria considers that the rate of ratification must rise."
SECOND = "We support regional workshops led by the coordinators."


@pytest.fixture
def desk(store, qtbot):
    austria = add_text_contribution(store, ["On universalisation", FIRST, SECOND],
                                    contributors=["Austria"], received="2020-06-05")
    france = add_text_contribution(store, ["La France soutient l'universalisation."],
                                   contributors=["France"], received="2020-06-08", language="fr")
    window = open_desk(qtbot, store)
    window.open_contribution(austria)
    settle(window)
    settle(window)
    return window, austria, france


def select_text(window: MainWindow, needle: str) -> None:
    """Select ``needle`` in the reader as a user would, by document position."""
    document = window.reader.document()
    found = document.find(needle)
    assert not found.isNull(), needle
    window.reader.setTextCursor(found)


def test_the_reader_shows_numbered_paragraphs(desk):
    window, austria, _ = desk
    text = window.reader.toPlainText()
    assert "¶2  " + FIRST in text
    assert window.header.heading.text().startswith("Austria · State Party")


def test_ctrl_3_maps_the_selection_to_universalisation_and_highlights_it(desk, qtbot, store):
    window, austria, _ = desk
    select_text(window, "rate of ratification")
    qtbot.keyClick(window.reader, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    settle(window)
    [mapped] = excerpts.excerpts_of(store, austria)
    assert mapped.text == "rate of ratification"
    assert mapped.nodes == ("universalisation",)
    cursor = window.reader.document().find("rate of ratification")
    probe = QTextCursor(window.reader.document())
    probe.setPosition(cursor.selectionStart() + 2)
    assert probe.charFormat().background().color().isValid()
    assert probe.charFormat().background().style() != Qt.BrushStyle.NoBrush
    assert "◆ a Universalisation" in window.reader.toPlainText()  # a label, never colour alone
    assert window.strip.excerpt_id == mapped.id


def test_the_context_menu_maps(desk, store):
    window, austria, _ = desk
    select_text(window, "regional workshops")
    menu = window.mapping.map_menu()
    universalisation = next(a for a in menu.actions() if "Universalisation" in a.text())
    rate = next(a for a in universalisation.menu().actions() if a.text() == "Rate of accession")
    rate.trigger()
    settle(window)
    [mapped] = excerpts.excerpts_of(store, austria)
    assert (mapped.text, mapped.nodes) == ("regional workshops", ("universalisation.q3",))


def test_dropping_the_selection_on_a_framework_node_maps_it(desk, store):
    window, austria, _ = desk
    select_text(window, "regional workshops led")
    mime = window.reader.createMimeDataFromSelection()
    tree = window.framework.tree
    target = window.framework.model.index_of("transparency")
    tree.scrollTo(target)
    point = QPointF(tree.visualRect(target).center())
    drop = QDropEvent(point, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    tree.dropEvent(drop)
    settle(window)
    [mapped] = excerpts.excerpts_of(store, austria)
    assert (mapped.text, mapped.nodes) == ("regional workshops led", ("transparency",))


def test_undo_removes_the_mapping_and_redo_brings_it_back(desk, qtbot, store):
    window, austria, _ = desk
    select_text(window, "must rise")
    window.mapping.map_selection_to("universalisation")
    settle(window)
    assert len(excerpts.excerpts_of(store, austria)) == 1
    assert window.undo_action.text().replace("&", "") == "Undo Map excerpt to Universalisation"
    qtbot.keyClick(window.reader, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    settle(window)
    assert excerpts.excerpts_of(store, austria) == []
    assert "◆" not in window.reader.toPlainText()
    qtbot.keyClick(window.reader, Qt.Key.Key_Z,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    settle(window)
    assert len(excerpts.excerpts_of(store, austria)) == 1
    assert "◆ a Universalisation" in window.reader.toPlainText()


def test_ctrl_m_maps_to_a_node_chosen_by_typing(desk, qtbot, store):
    window, austria, _ = desk
    select_text(window, "coordinators")
    picker = window.mapping.pick_node()
    qtbot.keyClicks(picker.search, "Rate of acc")
    qtbot.keyClick(picker.search, Qt.Key.Key_Return)
    settle(window)
    [mapped] = excerpts.excerpts_of(store, austria)
    assert mapped.nodes == ("universalisation.q3",)


def test_a_passage_maps_to_several_nodes_and_a_click_selects_its_excerpt(desk, qtbot, store):
    window, austria, _ = desk
    select_text(window, "regional workshops")
    window.mapping.map_selection_to("universalisation.q3")
    settle(window)
    select_text(window, "regional workshops")
    window.mapping.map_selection_to("cooperation_assistance")
    settle(window)
    [mapped] = excerpts.excerpts_of(store, austria)
    assert mapped.nodes == ("universalisation.q3", "cooperation_assistance")
    window.select_excerpt(0)
    found = window.reader.document().find("workshops")
    cursor = QTextCursor(window.reader.document())
    cursor.setPosition(found.selectionStart() + 1)
    window.reader.setTextCursor(cursor)
    rect = window.reader.cursorRect(cursor)
    qtbot.mouseClick(window.reader.viewport(), Qt.MouseButton.LeftButton,
                     pos=rect.center())
    settle(window)
    assert window.strip.excerpt_id == mapped.id


def test_excerpt_actions_resize_review_unmap_and_delete_are_undoable(desk, store):
    window, austria, _ = desk
    select_text(window, "regional workshops")
    window.mapping.map_selection_to("universalisation")
    settle(window)
    [mapped] = excerpts.excerpts_of(store, austria)
    select_text(window, "regional workshops led by the coordinators")
    window.mapping.resize_excerpt()
    settle(window)
    assert excerpts.excerpt(store, mapped.id).text == \
        "regional workshops led by the coordinators"
    window.mapping.toggle_reviewed()
    settle(window)
    assert excerpts.excerpt(store, mapped.id).reviewed
    window.mapping.map_selection_to("transparency")  # a selection equal to the excerpt: one more place
    settle(window)
    assert excerpts.excerpt(store, mapped.id).nodes == ("universalisation", "transparency")
    window.mapping.unmap_menu.aboutToShow.emit()
    [unmap_first, _] = window.mapping.unmap_menu.actions()
    assert unmap_first.text() == "Universalisation"
    unmap_first.trigger()
    settle(window)
    assert excerpts.excerpt(store, mapped.id).nodes == ("transparency",)
    window.mapping.delete_excerpt()
    settle(window)
    assert excerpts.excerpts_of(store, austria) == []
    for _ in range(5):
        window.undo_action.trigger()
    settle(window)
    restored = excerpts.excerpt(store, mapped.id)
    assert (restored.text, restored.nodes) == ("regional workshops", ("universalisation",))


def test_alt_down_moves_to_the_next_contribution(desk, qtbot):
    window, austria, france = desk
    assert window.reader.contribution_id == austria
    qtbot.keyClick(window.reader, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    settle(window)
    assert window.reader.contribution_id == france
    qtbot.keyClick(window.reader, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    settle(window)
    assert window.reader.contribution_id == austria


def test_the_status_says_it_in_words(desk):
    window, _, _ = desk
    assert window.status_label.text() == "2 contributions · 0 need attention · 0 % mapped"
    select_text(window, "must rise")
    window.mapping.map_selection_to("universalisation")
    settle(window)
    assert window.status_label.text() == "2 contributions · 0 need attention · 50 % mapped"


def test_every_menu_exists_and_every_widget_is_named(desk):
    window, _, _ = desk
    titles = [a.text().replace("&", "") for a in window.menuBar().actions()]
    assert titles == ["File", "Edit", "View", "Contribution", "Framework", "Export", "Team",
                      "Help"]
    for widget in (window.reader, window.contributions.table, window.contributions.filter_box,
                   window.framework.tree, window.strip.stance, window.strip.topic,
                   window.strip.summary, window.header.contributors, window.header.received,
                   window.header.language, window.section_view.editor):
        assert widget.accessibleName()


def test_offsets_survive_characters_qt_counts_twice(qtbot, store):
    """Qt counts UTF-16 units: an emoji or a rare CJK character before the passage is two."""
    cid = add_text_contribution(store, ["Intro 😀 𠀋 text", "Then 🇨🇭 the rate of accession."],
                                contributors=["Switzerland"])
    window = open_desk(qtbot, store)
    window.open_contribution(cid)
    settle(window)
    settle(window)
    select_text(window, "rate of accession")
    window.mapping.map_selection_to("universalisation.q3")
    settle(window)
    [mapped] = excerpts.excerpts_of(store, cid)
    assert mapped.text == "rate of accession"
    window.select_excerpt(mapped.id)
    settle(window)
    [selection] = window.reader.extraSelections()
    assert selection.cursor.selectedText() == "rate of accession"


def test_mapping_without_a_selection_says_what_to_do(desk):
    window, _, _ = desk
    window.reader.moveCursor(QTextCursor.MoveOperation.Start)
    window.mapping.map_selection_to("universalisation")
    settle(window)
    assert window.statusBar().currentMessage() == \
        "Select a passage in the text first, then map it."


def test_following_an_excerpt_from_the_section_view_opens_its_contribution(desk, store):
    window, austria, france = desk
    window.open_contribution(france)
    settle(window)
    select_text(window, "soutient")
    window.mapping.map_selection_to("universalisation")
    settle(window)
    window.open_contribution(austria)
    settle(window)
    window.show_section("universalisation")
    settle(window)
    [excerpt] = excerpts.excerpts_under(store, "universalisation")
    link = f"excerpt:{france}:{excerpt.id}"
    assert link in window.section_view.listing.toHtml()
    window.section_view.listing.anchorClicked.emit(QUrl(link))  # the "open" link
    settle(window)
    assert window.centre.currentIndex() == 0
    assert window.reader.contribution_id == france
    assert window.strip.excerpt_id == excerpt.id
    assert window.contributions.current_id() == france


def test_opening_at_a_passage_selects_it_ready_to_map(desk, store):
    window, austria, france = desk
    window.open_contribution(france)
    settle(window)
    start = len("On universalisation\n") + FIRST.index("rate")
    window.open_contribution(austria, offset=start, end=start + len("rate of ratification"))
    settle(window)
    assert window.reader.textCursor().selectedText() == "rate of ratification"
    assert window.reader.selected_span() == (start, start + len("rate of ratification"))


def test_a_click_on_a_section_label_selects_the_excerpt(desk, qtbot, store):
    window, austria, _ = desk
    select_text(window, "must rise")
    window.mapping.map_selection_to("transparency")
    settle(window)
    [mapped] = excerpts.excerpts_of(store, austria)
    window.select_excerpt(0)
    label = window.reader.document().find("◆ f Transparency")
    cursor = QTextCursor(window.reader.document())
    cursor.setPosition(label.selectionStart() + 3)
    qtbot.mouseClick(window.reader.viewport(), Qt.MouseButton.LeftButton,
                     pos=window.reader.cursorRect(cursor).center())
    settle(window)
    assert window.strip.excerpt_id == mapped.id


def test_a_second_file_is_read_and_mapped_at_the_right_offsets(qtbot, store):
    from lapdesk.core.text import Paragraph
    from lapdesk.store import contributions as c
    from lapdesk.store import intake

    cid = add_text_contribution(store, ["Covering letter."], name="letter.txt",
                                contributors=["Austria"])
    with store.transaction():
        digest, _ = intake.store_blob(store, b"annex")
        intake.add_file(store, cid, name="annex.pdf", sha256=digest, size=5,
                        media_type="application/pdf", status="ok", pages=2,
                        paragraphs=[Paragraph("Annex title", page=1, heading_level=1),
                                    Paragraph("Clearance must be faster.", page=2)])
    window = open_desk(qtbot, store)
    window.open_contribution(cid)
    settle(window)
    settle(window)
    shown = window.reader.toPlainText()
    assert "— annex.pdf —" in shown and "— page 2 —" in shown
    select_text(window, "must be faster")
    window.mapping.map_selection_to("clearance_rre")
    settle(window)
    [mapped] = excerpts.excerpts_of(store, cid)
    assert c.text_of(store, cid)[mapped.start:mapped.end] == "must be faster"
    assert window.reader.paragraph_label(mapped.start) == "¶3"
