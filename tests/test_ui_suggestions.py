"""Suggested mappings made in the desk (#19, point 1): in the background after every import
and for a store that has none, shown as dashed underlines with their confidence, with a filter
for the contributions that have open suggestions."""

from __future__ import annotations

from builders import add_text_contribution
from desk_helpers import open_desk, settle
from PySide6.QtCore import Qt

from lapdesk.analysis import suggest
from lapdesk.store import excerpts

UNIVERSAL = ("The rate of ratification and accession to the Convention could be accelerated "
             "through universalisation efforts towards States not party.")


def test_a_store_without_suggestions_gets_them_in_the_background(qtbot, store):
    wanted = add_text_contribution(store, ["Dear President,", UNIVERSAL],
                                   contributors=["Austria"])
    add_text_contribution(store, ["Nothing of the kind."], contributors=["France"])
    assert suggest.suggestions(store) == []  # as logged by an older desk or the CLI
    window = open_desk(qtbot, store)
    settle(window)
    made = suggest.suggestions(store, wanted)
    assert made and any(s.node.startswith("universalisation") for s in made)
    window.open_contribution(wanted)
    settle(window)
    assert window.reader.suggestions
    first = window.reader.suggestions[0]
    cursor = window.reader.document().find(UNIVERSAL[:20])
    fmt = cursor.charFormat()
    assert fmt.underlineStyle().name == "DashUnderline"
    assert f"{round(100 * first.confidence)} % sure" in fmt.toolTip()

    pane = window.contributions
    position = next(i for i in range(pane.quick.count())
                    if tuple(pane.quick.itemData(i)) == ("suggested", ""))
    assert pane.quick.itemText(position) == "With open suggestions (1)"
    pane.quick.setCurrentIndex(position)
    pane.quick.activated.emit(position)
    assert pane.proxy.rowCount() == 1 and pane.current_id() in (wanted, None)
    assert pane.proxy.index(0, 0).data().endswith("Austria")

    # Enter accepts one: an excerpt, mapped.
    window.select_suggestion(first.id)
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_Return)
    settle(window)
    assert excerpts.excerpts_of(store, wanted)
    window.close()


def test_a_store_with_suggestions_is_not_suggested_again_on_opening(qtbot, store):
    wanted = add_text_contribution(store, [UNIVERSAL], contributors=["Austria"])
    [first, *_] = suggest.suggest(store, wanted)
    suggest.reject(store, [first.id])
    pending = len(suggest.suggestions(store))
    window = open_desk(qtbot, store)
    settle(window)
    assert window.suggestions.task is None
    assert len(suggest.suggestions(store)) == pending
    window.close()


def test_an_import_is_followed_by_its_suggestions(qtbot, store, tmp_path):
    add_text_contribution(store, ["An older contribution."], contributors=["France"])
    suggest.suggest_all(store)
    window = open_desk(qtbot, store)
    note = tmp_path / "Ghana note verbale.txt"
    note.write_text("The Permanent Mission of Ghana presents its compliments.\n\n" + UNIVERSAL,
                    encoding="utf-8")
    with qtbot.waitSignal(window.suggestions.finished, timeout=60_000) as made:
        window.importer.start_import([str(note)])
    settle(window)
    assert made.args[0] >= 1
    new = store.query_one("SELECT id FROM contributions ORDER BY id DESC LIMIT 1")["id"]
    assert suggest.suggestions(store, new)
    assert "suggested mapping" in window.statusBar().currentMessage()
    window.importer.summary_dialog.close()
    window.close()


def test_the_suggester_works_in_the_background_without_holding_the_desk(qtbot, store):
    wanted = add_text_contribution(store, [UNIVERSAL], contributors=["Austria"])
    window = open_desk(qtbot, store)
    task = window.suggestions.for_contributions([wanted])
    assert task.background and window.service.busy
    assert not window.service.working  # File > Open is not refused for it
    settle(window)
    assert suggest.suggestions(store, wanted)
    window.close()
