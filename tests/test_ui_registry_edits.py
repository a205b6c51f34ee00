"""The registry as the team's own, from the desk (#19, point 2): add, edit and merge in View >
Registry; "Add 'X' to the registry…" from the header; a guess's reason with Confirm and
Change; completion by a name in any language."""

from __future__ import annotations

from builders import add_text_contribution
from desk_helpers import open_desk, settle
from PySide6.QtWidgets import QDialogButtonBox

from lapdesk.store import contributions, intake, registry
from lapdesk.ui.views.contributors_field import NameRole


def save(dialog) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()


def test_a_contributor_is_added_from_the_registry_and_undone(qtbot, store):
    window = open_desk(qtbot, store)
    window.registry_action.trigger()
    settle(window)
    view = window.registry
    view.add_button.click()
    dialog = window.registry_edits.dialog
    assert dialog is not None and dialog.isVisible()
    dialog.name.setText("Mines Action Canada")
    dialog.kind.setCurrentIndex(dialog.kind.findData("civil_society"))
    dialog.name_fr.setText("Action Mines Canada")
    dialog.aliases.setText("Acción contra las Minas Canadá, MAC")
    save(dialog)
    settle(window)
    added = registry.find(store, "MAC")
    assert added["name"] == "Mines Action Canada" and added["kind"] == "civil_society"
    assert registry.find(store, "Accion contra las Minas Canada")["id"] == added["id"]
    assert [row["id"] for row in view.selected_rows()] == [added["id"]]  # shown, selected
    assert any(r["name"] == "Mines Action Canada" for r in window.catalogue.contributors)
    window.undo_action.trigger()
    settle(window)
    assert registry.find(store, "MAC") is None
    window.close()


def test_a_name_already_taken_keeps_the_dialog_open_saying_whose(qtbot, store):
    window = open_desk(qtbot, store)
    window.registry.add_button.click()
    dialog = window.registry_edits.dialog
    dialog.name.setText("Geneva Demining Centre")
    dialog.aliases.setText("GICHD")
    save(dialog)
    settle(window)
    assert dialog.isVisible()
    assert "already in the registry, as Geneva International Centre" in dialog.problem.text()
    assert dialog.name.text() == "Geneva Demining Centre"  # what was typed is kept
    dialog.reject()
    window.close()


def test_an_entry_is_edited_and_a_duplicate_merged_from_the_registry(qtbot, store):
    window = open_desk(qtbot, store)
    view = window.registry
    window.registry_action.trigger()
    settle(window)
    view.add_button.click()
    dialog = window.registry_edits.dialog
    dialog.name.setText("Austrian Mission")
    dialog.kind.setCurrentIndex(dialog.kind.findData("state"))
    save(dialog)
    settle(window)
    duplicate = registry.find(store, "Austrian Mission")["id"]
    letter = add_text_contribution(store, ["A note."])
    contributions.set_chosen_contributors(store, letter, [duplicate])

    assert view.select_contributor(duplicate) and view.edit_button.isEnabled()
    view.edit_button.click()
    dialog = window.registry_edits.dialog
    assert dialog.name.text() == "Austrian Mission"
    dialog.aliases.setText("Mission autrichienne")
    save(dialog)
    settle(window)
    assert registry.find(store, "mission autrichienne")["id"] == duplicate

    view.select_contributor(duplicate)
    view.merge_button.click()
    merge = window.registry_edits.dialog
    merge.into.setCurrentText("Austria")
    merge.accept()
    settle(window)
    austria = registry.find(store, "Austria")["id"]
    assert registry.find(store, "Mission autrichienne")["id"] == austria
    assert [p.id for p in contributions.contributors_of(store, letter)] == [austria]
    window.close()


def test_an_unknown_name_typed_in_the_header_is_added_and_credited(qtbot, store):
    wanted = add_text_contribution(store, ["Our association welcomes the concept note."])
    window = open_desk(qtbot, store)
    window.open_contribution(wanted)
    settle(window)
    header = window.header
    header.contributors.setText("Landmine Survivors Ghana")
    header.contributors.setModified(True)
    header.contributors.editingFinished.emit()
    settle(window)
    assert header.detection.isVisible() and header.detection.add_button.isVisible()
    assert header.detection.add_button.text() == "Add “Landmine Survivors Ghana” to the registry…"
    assert contributions.contributors_of(store, wanted) == []  # nothing saved, no error
    header.detection.add_button.click()
    dialog = window.registry_edits.dialog
    assert dialog.name.text() == "Landmine Survivors Ghana"
    save(dialog)
    settle(window)
    people = contributions.contributors_of(store, wanted)
    assert [p.name for p in people] == ["Landmine Survivors Ghana"]
    assert header.contributors.text() == "Landmine Survivors Ghana"
    window.close()


def test_a_weak_guess_shows_its_reason_and_is_confirmed_with_one_click(qtbot, store):
    wanted = add_text_contribution(store, ["Austria considers that ..."])
    with store.transaction():
        intake.set_contributors(store, wanted, [{
            "contributor_id": registry.find(store, "Austria")["id"], "confidence": 0.45,
            "reason": "mention 'Austria' ¶1"}])
    window = open_desk(qtbot, store)
    window.open_contribution(wanted)
    settle(window)
    line = window.header.detection
    assert line.isVisible()
    assert line.text.text() == ("Detected: Austria (a weak match, mention 'Austria' ¶1; "
                                "45 % sure)")
    line.change_button.click()
    assert window.header.contributors.hasFocus()
    assert window.header.contributors.selectedText() == "Austria"
    line.confirm_button.click()
    settle(window)
    assert contributions.contributors_of(store, wanted)[0].confirmed
    assert not line.isVisible()
    assert not window.contributions.model.rows[0].attention
    window.close()


def test_names_complete_in_any_language_to_the_registry_name(qtbot, store):
    wanted = add_text_contribution(store, ["Une note."])
    window = open_desk(qtbot, store)
    window.open_contribution(wanted)
    settle(window)
    completer = window.header.contributors.completer()
    completer.setCompletionPrefix("Autri")
    shown = completer.completionModel()
    texts = [shown.index(row, 0).data() for row in range(shown.rowCount())]
    assert "Autriche (Austria)" in texts
    position = texts.index("Autriche (Austria)")
    assert shown.index(position, 0).data(NameRole) == "Austria"
    window.header.contributors.setText("Ghana, Autri")
    assert completer.pathFromIndex(shown.index(position, 0)) == "Ghana, Austria"
    window.close()
