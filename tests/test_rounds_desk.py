"""The whole round in the desk: start it from a draft, import three replies, accept the
suggested amendments, decide, and export the three documents (pytest-qt, a real window)."""

from __future__ import annotations

import zipfile

from desk_helpers import open_desk, settle
from PySide6.QtCore import Qt
from samples.drafts import tracked_reply_bytes, zero_draft_bytes

from lapdesk.rounds.amendments import amendments_of_round
from lapdesk.store import framework

ACTION_1, ACTION_4 = 5, 12


def _replies(folder):
    austria = folder / "Austria_reply.docx"
    austria.write_bytes(tracked_reply_bytes({ACTION_1: [("should", "shall")]}, author="Austria"))
    chile = folder / "Chile_reply.docx"
    chile.write_bytes(tracked_reply_bytes(
        {ACTION_4: [("sex and age", "sex, age and disability")]}, author="Chile"))
    mexico = folder / "Mexico_note.txt"
    mexico.write_text("The Permanent Mission of Mexico presents its compliments.\n"
                      "Action 1: replace 'as soon as possible' with 'by 2026'.\n",
                      encoding="utf-8")
    return [austria, chile, mexico]


def test_the_whole_round_in_the_desk(qtbot, store, tmp_path):
    window = open_desk(qtbot, store)
    draft = tmp_path / "zero.docx"
    draft.write_bytes(zero_draft_bytes())
    assert window.rounds.new_round_action in window.menus["file"].actions()
    assert set(window.rounds.export_actions.values()) <= set(window.menus["export"].actions())

    with qtbot.waitSignal(window.rounds.round_started, timeout=20_000):
        window.rounds.start(draft)
    settle(window)
    assert window.catalogue.framework.node("action_1")["label"] == "Action 1"

    folder = tmp_path / "in"
    folder.mkdir()
    window.importer.start_import([str(p) for p in _replies(folder)])
    settle(window)
    window.importer.summary_dialog.close()

    window.show_section("action_1")
    settle(window)
    view = window.section_view.amendments
    assert view.isVisible()
    assert [(a.op, a.status) for a in view.amendments()] == [("replace", "suggested")] * 2
    assert "Text proposed" in view.compared.toPlainText()
    qtbot.mouseClick(view.accept_all_button, Qt.MouseButton.LeftButton)
    settle(window)
    assert [a.status for a in view.amendments()] == ["recorded", "recorded"]
    for a in view.amendments():
        view.select(a.id)
        view.decision.setCurrentIndex(view.decision.findData("retained"))
        view.decide_button.click()
        settle(window)
    assert view.panel.new_text == ("States Parties shall promote adherence to the Convention "
                                   "by 2026.")
    assert "shall" in view.new_text.toPlainText()

    window.service.undo()  # the last decision, taken back
    settle(window)
    assert [a.decision for a in view.amendments()] == ["retained", "undecided"]
    window.service.redo()
    settle(window)

    window.show_section("action_4")
    settle(window)
    view.accept_all()
    settle(window)
    view.select(view.amendments()[0].id)
    view.decision.setCurrentIndex(view.decision.findData("retained_as_amended"))
    view.decide_selected(text="Collect data on victims disaggregated by sex, age and "
                              "disability, and publish them.")
    settle(window)
    assert [a.decision for a in amendments_of_round(store)] == [
        "retained", "retained", "retained_as_amended"]
    window.show_section("action_3")
    settle(window)
    view.write_new_text(text="Ensure that victims have access to care.")  # the Presidency's
    settle(window)
    assert view.panel.new_text == "Ensure that victims have access to care."
    assert view.amendments()[0].proposers == ()

    outs = {kind: tmp_path / f"{kind}.docx" for kind in
            ("amendments", "revision", "revision-changes")}
    for kind, out in outs.items():
        with qtbot.waitSignal(window.rounds.exported, timeout=30_000):
            window.rounds.export(kind, out)
        settle(window)
    with zipfile.ZipFile(outs["revision-changes"]) as archive:
        body = archive.read("word/document.xml").decode()
    assert "<w:ins " in body and "<w:del " in body
    with zipfile.ZipFile(outs["revision"]) as archive:
        clean = archive.read("word/document.xml").decode()
    assert "and publish them." in clean and "<w:ins " not in clean
    assert "Action 3. Ensure that victims have access to care." in clean
    assert framework.node(store, "action_4")["text"].startswith("Collect data")



def test_a_round_in_a_new_store_of_its_own(qtbot, store, tmp_path):
    window = open_desk(qtbot, store)
    draft = tmp_path / "zero.docx"
    draft.write_bytes(zero_draft_bytes())
    with qtbot.waitSignal(window.file_menu.store_switched, timeout=20_000) as switched:
        window.rounds.start_in_new_store(draft, tmp_path / "round.lapdesk")
    new_window = switched.args[0]
    qtbot.addWidget(new_window)
    qtbot.waitUntil(lambda: new_window.catalogue.framework.has("action_1"), timeout=20_000)
    settle(new_window)
    keys = [row["key"] for row in new_window.catalogue.framework.rows]
    assert "structure" not in keys and keys[0] == "preamble"  # the draft alone
    new_window.close()


def test_undoing_the_start_of_a_round_with_replies_says_why_and_keeps_it(qtbot, store,
                                                                         tmp_path):
    """Ctrl+Z on a round's start once a reply is logged in it: refused in the status bar with
    the reason, the round stays, and it stays the change Ctrl+Z undoes (nothing to redo)."""
    window = open_desk(qtbot, store)
    draft = tmp_path / "zero.docx"
    draft.write_bytes(zero_draft_bytes())
    with qtbot.waitSignal(window.rounds.round_started, timeout=20_000):
        window.rounds.start(draft)
    settle(window)
    folder = tmp_path / "in"
    folder.mkdir()
    window.importer.start_import([str(_replies(folder)[2])])
    settle(window)
    window.importer.summary_dialog.close()
    stack = window.service.undo_stack
    index = stack.index()
    assert stack.canUndo() and stack.undoText().startswith("Start the round")
    window.service.undo()
    settle(window)
    message = window.statusBar().currentMessage()
    assert "cannot be undone: replies are logged in this round" in message
    assert "Mexico_note.txt" in message and "FOREIGN KEY" not in message
    assert window.catalogue.framework.node("action_1")["label"] == "Action 1"
    assert stack.index() == index and not stack.canRedo()
    assert stack.undoText().startswith("Start the round")
