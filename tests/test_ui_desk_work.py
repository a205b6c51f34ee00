"""The desk's other work: annotating, working by section, the synthesis, metadata, filtering."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from builders import add_text_contribution
from desk_helpers import open_desk, settle
from PySide6.QtCore import Qt
from windows_support import not_under_wine

from lapdesk.store import contributions, excerpts, framework
from lapdesk.ui.main_window import MainWindow
from lapdesk.ui.models.contributions_model import ContributionsTable, contribution_rows


@pytest.fixture
def desk(store, qtbot):
    ids = {
        "austria": add_text_contribution(
            store, ["Austria considers that the rate of ratification must rise."],
            contributors=["Austria"], received="2020-06-05"),
        "ghana": add_text_contribution(
            store, ["Ghana calls for more regional workshops."],
            contributors=["Ghana"], received="2020-06-06"),
        "icrc": add_text_contribution(
            store, ["The ICRC recalls the rate of accession."],
            contributors=[], received="2020-06-07"),
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


def test_the_annotation_strip_saves_stance_topic_and_summary(desk, qtbot, store):
    window, ids = desk
    excerpt_id = map_text(window, ids["austria"], "rate of ratification", "universalisation.q3")
    strip = window.strip
    strip.stance.setFocus()
    strip.stance.setCurrentText("supports")
    strip.stance.activated.emit(strip.stance.currentIndex())
    settle(window)
    strip.topic.setFocus()
    qtbot.keyClicks(strip.topic.lineEdit(), "regional outreach")
    qtbot.keyClick(strip.topic.lineEdit(), Qt.Key.Key_Return)
    settle(window)
    strip.summary.setFocus()
    qtbot.keyClicks(strip.summary, "Favours regional workshops")
    qtbot.keyClick(strip.summary, Qt.Key.Key_Return)
    settle(window)
    [note] = excerpts.excerpt(store, excerpt_id).annotations
    assert (note.stance, note.topic, note.summary) == (
        "supports", "regional outreach", "Favours regional workshops")
    assert strip.author.text() == f"by {store.author}"  # who recorded the position
    assert "regional outreach" in [t["title"] for t in excerpts.topics(store)]
    window.undo_action.trigger()
    settle(window)
    [note] = excerpts.excerpt(store, excerpt_id).annotations
    assert note.summary == ""
    assert strip.summary.text() == ""


def _choose(combo, text: str) -> None:
    combo.setCurrentText(text)
    combo.activated.emit(combo.currentIndex())


def test_one_excerpt_records_several_positions_edited_one_at_a_time(desk, qtbot, store):
    window, ids = desk
    excerpt_id = map_text(window, ids["ghana"], "regional workshops", "universalisation.q3")
    strip = window.strip
    assert [strip.position.itemText(i) for i in range(strip.position.count())] == [
        "First position"]
    assert not strip.remove_position.isEnabled()
    _choose(strip.stance, "supports")
    settle(window)
    strip.topic.setFocus()
    qtbot.keyClicks(strip.topic.lineEdit(), "regional outreach")
    qtbot.keyClick(strip.topic.lineEdit(), Qt.Key.Key_Return)
    settle(window)
    # A second position on the same passage: pick "New position", then fill it in.
    _choose(strip.position, "New position")
    settle(window)
    assert strip.stance.currentText() == "neutral" and strip.topic.currentText() == ""
    _choose(strip.stance, "proposes")
    settle(window)
    strip.summary.setFocus()
    qtbot.keyClicks(strip.summary, "Workshops every year")
    qtbot.keyClick(strip.summary, Qt.Key.Key_Return)
    settle(window)
    notes = excerpts.excerpt(store, excerpt_id).annotations
    assert [(n.stance, n.topic, n.summary) for n in notes] == [
        ("supports", "regional outreach", ""), ("proposes", None, "Workshops every year")]
    assert strip.position.currentText() == "2. proposes"  # the one just made stays in view
    # Back to the first: its fields show, and an edit changes it alone.
    strip.position.setCurrentIndex(0)
    settle(window)
    strip.position.activated.emit(0)
    settle(window)
    assert (strip.stance.currentText(), strip.topic.currentText()) == (
        "supports", "regional outreach")
    strip.note.setFocus()
    qtbot.keyClicks(strip.note, "check with the coordinators")
    qtbot.keyClick(strip.note, Qt.Key.Key_Return)
    settle(window)
    notes = excerpts.excerpt(store, excerpt_id).annotations
    assert [n.note for n in notes] == ["check with the coordinators", ""]
    strip.remove_position.click()  # removes the first; undo brings it back
    settle(window)
    assert [n.stance for n in excerpts.excerpt(store, excerpt_id).annotations] == [
        "proposes"]
    window.undo_action.trigger()
    settle(window)
    assert len(excerpts.excerpt(store, excerpt_id).annotations) == 2


def test_the_strip_offers_the_wordings_stance_and_applies_it_only_when_asked(desk, store):
    window, _ = desk
    french = add_text_contribution(store, ["La France soutient l'universalisation."],
                                   contributors=["France"], language="fr")
    window.service.notify({"contributions"})
    settle(window)
    excerpt_id = map_text(window, french, "La France soutient", "universalisation")
    strip = window.strip
    assert not strip.hint.isHidden() and "supports" in strip.hint.text()
    assert excerpts.excerpt(store, excerpt_id).annotations == ()  # never applied silently
    strip.hint.click()
    settle(window)
    assert excerpts.excerpt(store, excerpt_id).annotations[0].stance == "supports"
    assert strip.hint.isHidden()  # a stance is recorded: nothing more to suggest


def test_the_section_view_groups_excerpts_by_contributor_in_attribution_order(desk, store):
    window, ids = desk
    map_text(window, ids["ghana"], "regional workshops", "universalisation.q2")
    map_text(window, ids["austria"], "must rise", "universalisation.q3")
    map_text(window, ids["icrc"], "rate of accession", "universalisation")
    window.show_section("universalisation")
    settle(window)
    assert window.centre.currentWidget() is window.section_view
    listing = window.section_view.listing.toPlainText()
    assert listing.index("Austria") < listing.index("Ghana") < listing.index("Unknown contributor")
    assert "“must rise”" in listing and "“regional workshops”" in listing
    assert "3 excerpts from 3 contributions" in listing
    window.show_section("universalisation.q3")
    settle(window)
    listing = window.section_view.listing.toPlainText()
    assert "must rise" in listing and "regional workshops" not in listing


def test_back_returns_to_the_contribution(desk, qtbot):
    window, ids = desk
    window.open_contribution(ids["ghana"])
    settle(window)
    window.show_section("transparency")
    settle(window)
    qtbot.keyClick(window.section_view.listing, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    settle(window)
    assert window.centre.currentIndex() == 0
    assert window.reader.contribution_id == ids["ghana"]


@not_under_wine("Qt writes **bold** only for a font it finds a bold face of, and finds none "
                "among Wine's fonts")
def test_the_synthesis_editor_saves_markdown_and_undo_restores_it(desk, qtbot, store):
    window, _ = desk
    window.show_section("universalisation")
    settle(window)
    editor = window.section_view.editor
    editor.setFocus()
    qtbot.keyClicks(editor, "Views ")
    window.section_view.bold.trigger()
    settle(window)
    qtbot.keyClicks(editor, "converge")
    window.section_view.save_synthesis()
    settle(window)
    saved = framework.node(store, "universalisation")["synthesis"]
    assert saved == "Views **converge**"
    window.section_view.bold.trigger()
    settle(window)
    qtbot.keyClicks(editor, ".")
    qtbot.waitUntil(lambda: framework.node(store, "universalisation")["synthesis"]
                    == "Views **converge**.", timeout=3000)  # the idle timer saved it
    window.undo_action.trigger()
    settle(window)
    assert framework.node(store, "universalisation")["synthesis"] == "Views **converge**"
    assert editor.toMarkdown().strip() == "Views **converge**"


def test_metadata_edits_are_undoable(desk, qtbot, store):
    window, ids = desk
    window.open_contribution(ids["icrc"])
    settle(window)
    header = window.header
    header.contributors.setFocus()
    qtbot.keyClicks(header.contributors, "Autriche, Ghana")
    header.contributors.editingFinished.emit()
    settle(window)
    assert [p.name for p in contributions.contributors_of(store, ids["icrc"])] == [
        "Austria", "Ghana"]
    header.language.setFocus()
    header.language.lineEdit().selectAll()
    qtbot.keyClicks(header.language.lineEdit(), "fr")
    qtbot.keyClick(header.language.lineEdit(), Qt.Key.Key_Return)
    settle(window)
    assert window.service.undo_stack.count() == 2  # one step for the language, not one a key
    header.received.setDate(header.received.date().addDays(2))
    header.received.editingFinished.emit()
    settle(window)
    row = contributions.contribution(store, ids["icrc"])
    assert (row.language, row.received) == ("fr", "2020-06-09")
    for _ in range(3):
        window.undo_action.trigger()
        settle(window)
    row = contributions.contribution(store, ids["icrc"])
    assert (row.language, row.received) == ("en", "2020-06-07")
    assert contributions.contributors_of(store, ids["icrc"]) == []
    assert header.language.currentText() == "en"


def test_an_unknown_contributor_is_one_sentence_with_an_offer_to_add_it(desk, qtbot, store):
    window, ids = desk
    window.open_contribution(ids["icrc"])
    settle(window)
    window.header.contributors.setText("Atlantis")
    window.header.contributors.editingFinished.emit()
    settle(window)
    line = window.header.detection
    assert line.text.text() == "“Atlantis” is not in the registry of contributors."
    assert line.add_button.isVisible()  # (tests/test_ui_registry_edits.py adds it)


def test_save_original_writes_the_stored_bytes(desk, tmp_path):
    window, ids = desk
    window.open_contribution(ids["ghana"])
    settle(window)
    window.header.write_original(tmp_path / "copy.txt")
    settle(window)
    assert (tmp_path / "copy.txt").read_text() == "Ghana calls for more regional workshops."


def test_the_filter_box_matches_any_alias(desk, qtbot):
    window, ids = desk
    pane = window.contributions
    qtbot.keyClicks(pane.filter_box, "Autriche")
    assert pane.proxy.rowCount() == 1
    assert pane.proxy.index(0, 0).data().endswith("Austria")
    pane.filter_box.clear()
    qtbot.keyClicks(pane.filter_box, "ghana")
    assert pane.proxy.rowCount() == 1


def test_quick_filters(desk):
    window, ids = desk
    pane = window.contributions
    pane.model.set_quick("attention")
    assert pane.proxy.rowCount() == 1  # the one without a contributor
    assert "contributor" in pane.proxy.index(0, 6).data()
    map_text(window, ids["austria"], "must rise", "universalisation")
    pane.model.set_quick("unmapped")
    assert pane.proxy.rowCount() == 2
    pane.model.set_quick("group", "WEOG")
    assert pane.proxy.rowCount() == 1


def test_the_contribution_models_pass_the_model_tester(qtmodeltester, desk, store):
    window, ids = desk
    map_text(window, ids["austria"], "must rise", "universalisation")
    table = ContributionsTable(window)
    table.set_rows(contribution_rows(store))
    qtmodeltester.check(table.items)
    table.set_text("austr")
    qtmodeltester.check(table.proxy)
    qtmodeltester.check(window.framework.model)


def test_a_suggestion_is_underlined_and_enter_accepts_it_delete_rejects(desk, qtbot, store):
    from lapdesk.analysis import suggest

    window, ids = desk
    with store.transaction():
        # Only these two: not those the desk made in the background when it opened.
        store.conn.execute("DELETE FROM suggestions")
        for start, end in ((0, 5), (6, 11)):
            store.conn.execute(
                "INSERT INTO suggestions (contribution_id, start, \"end\", node_id, confidence,"
                " reason) VALUES (?, ?, ?, (SELECT id FROM framework_nodes WHERE key = ?),"
                " 0.8, 'test')", (ids["ghana"], start, end, "universalisation"))
    window.open_contribution(ids["ghana"])
    settle(window)
    first, second = window.reader.suggestions
    probe = window.reader.document().find("Ghana")
    assert probe.charFormat().underlineStyle().name == "DashUnderline"
    window.select_suggestion(first.id)
    assert "Enter accepts" in window.strip.summary_label.text()
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_Return)
    settle(window)
    [made] = excerpts.excerpts_of(store, ids["ghana"])
    assert (made.text, made.nodes) == ("Ghana", ("universalisation",))
    window.select_suggestion(second.id)
    qtbot.keyClick(window.reader, Qt.Key.Key_Delete)
    settle(window)
    assert suggest.suggestions(store, ids["ghana"]) == []
    assert suggest.suggestions(store, ids["ghana"], state="rejected")[0].id == second.id
    window.undo_action.trigger()
    settle(window)
    assert len(suggest.suggestions(store, ids["ghana"])) == 1


def test_open_original_hands_a_private_copy_to_the_system(desk, qtbot):
    from PySide6.QtCore import QObject, Slot
    from PySide6.QtGui import QDesktopServices

    class Catcher(QObject):
        urls: list = []

        @Slot("QUrl")
        def open(self, url):
            self.urls.append(url)

    window, ids = desk
    window.open_contribution(ids["ghana"])
    settle(window)
    catcher = Catcher()
    QDesktopServices.setUrlHandler("file", catcher, "open")
    try:
        window.header.open_original()
        settle(window)
        path = window.header.opened_copy
    finally:
        QDesktopServices.unsetUrlHandler("file")
    assert catcher.urls and Path(catcher.urls[0].toLocalFile()) == path
    assert path.read_text() == "Ghana calls for more regional workshops."
    if os.name == "posix":  # Windows has no such mode bits: the profile's ACL keeps it private
        assert path.parent.stat().st_mode & 0o777 == 0o700


def test_closing_the_window_keeps_what_is_being_typed(desk, qtbot, store):
    window, ids = desk
    excerpt_id = map_text(window, ids["ghana"], "regional workshops", "universalisation")
    window.activateWindow()
    window.strip.summary.setFocus()
    qtbot.keyClicks(window.strip.summary, "More workshops")
    window.close()
    assert excerpts.excerpt(store, excerpt_id).annotations[0].summary == "More workshops"
    window = open_desk(qtbot, store)  # a closed window has let its store go: open another
    window.show_section("transparency")
    settle(window)
    qtbot.keyClicks(window.section_view.editor, "Reports on time")
    window.close()
    assert framework.node(store, "transparency")["synthesis"] == "Reports on time"


def test_the_framework_is_edited_from_the_desk_and_every_edit_undoes(desk, store):
    window, ids = desk
    pane = window.framework
    pane.select_node("universalisation.q3")
    pane.editor.rename("Pace of accession")
    settle(window)
    assert framework.node(store, "universalisation.q3")["short_title"] == "Pace of accession"
    assert pane.model.index_of("universalisation.q3").data() == "Pace of accession"
    key = pane.editor.add_question("Role of regional coordinators")
    settle(window)
    assert key == "universalisation.q6"
    assert pane.model.rowCount(pane.model.index_of("universalisation")) == 6
    pane.select_node("transparency")
    pane.editor.move(-1)
    settle(window)
    assert [s["key"] for s in framework.sections(store)][-3:] == [
        "transparency", "cooperation_assistance", "national_implementation"]
    assert window.mapping.section_actions[6].text() == "Map to 7: Transparency"
    map_text(window, ids["ghana"], "regional workshops", "transparency")
    window.show_section("transparency")
    settle(window)
    pane.editor.remove(confirm=False)
    settle(window)
    assert window.centre.currentIndex() == 0  # the section view of what is gone closes
    assert "transparency" not in [s["key"] for s in framework.sections(store)]
    assert excerpts.excerpts_of(store, ids["ghana"])[0].nodes == ()
    for _ in range(5):
        window.undo_action.trigger()
        settle(window)
    assert framework.node(store, "universalisation.q3")["short_title"] == "Rate of accession"
    assert [s["key"] for s in framework.sections(store)][-3:] == [
        "cooperation_assistance", "transparency", "national_implementation"]
    assert pane.model.rowCount(pane.model.index_of("universalisation")) == 5


def test_deleting_a_contribution_moves_on_and_undo_brings_it_back(desk, store):
    window, ids = desk
    map_text(window, ids["ghana"], "regional workshops", "universalisation")
    window.open_contribution(ids["ghana"])
    settle(window)
    window.contributions.delete_current()
    settle(window)
    assert [r.id for r in contributions.list_contributions(store)] == [ids["austria"],
                                                                        ids["icrc"]]
    assert window.reader.contribution_id == ids["icrc"]
    assert "Undo brings it back" in window.statusBar().currentMessage()
    window.undo_action.trigger()
    settle(window)
    assert excerpts.excerpts_of(store, ids["ghana"])[0].text == "regional workshops"
    assert window.contributions.proxy.rowCount() == 3
