"""Permission to publish has three states and starts undecided: nobody is named by default.

Before, every contribution — unknown senders included — started "may be published", so a
contribution was anonymised only if someone remembered to untick a box.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from builders import add_text_contribution
from conftest import run_lapdesk

from lapdesk.export.options import ExportOptions
from lapdesk.export.working_paper import export_working_paper
from lapdesk.store import contributions as c
from lapdesk.store import excerpts
from lapdesk.store.connection import open_store

STORES = Path(__file__).parent / "fixtures" / "stores"


def _json(store_path, *args):
    result = run_lapdesk(*args, "--store", store_path, "--json")
    assert result.code == 0, result.err
    return result.json()


def test_an_imported_contribution_is_undecided_and_needs_attention(tmp_path):
    letter = tmp_path / "Austria.txt"
    letter.write_text("Austria welcomes the concept note.\n", encoding="utf-8")
    store = tmp_path / "s.lapdesk"
    run_lapdesk("import", letter, "--store", store)
    [row] = _json(store, "contributions")
    assert row["permission_to_publish"] is None
    assert any("publication not yet decided" in reason for reason in row["needs_attention"])
    assert _json(store, "show", str(row["id"]))["permission_to_publish"] is None


def test_publish_decides_for_some_or_all_and_prints_what_changed(tmp_path):
    store_path = tmp_path / "s.lapdesk"
    with open_store(store_path) as store:
        austria = add_text_contribution(store, ["Austria."], contributors=["Austria"],
                                        publish=None)
        ghana = add_text_contribution(store, ["Ghana."], contributors=["Ghana"], publish=None)
    changed = _json(store_path, "publish", str(austria), "--yes")
    assert changed == [{"id": austria, "title": "note.txt", "contributors": ["Austria"],
                        "permission_to_publish": True}]
    assert _json(store_path, "publish", str(austria), "--yes") == []  # nothing new
    assert {r["id"] for r in _json(store_path, "publish", "--all", "--no")} == {austria, ghana}
    assert [r["id"] for r in _json(store_path, "publish", str(ghana), "--undecided")] == [ghana]
    rows = {r["id"]: r["permission_to_publish"] for r in _json(store_path, "contributions")}
    assert rows == {austria: False, ghana: None}
    text = run_lapdesk("publish", str(austria), "--yes", "--store", store_path)
    assert text.code == 0 and "Austria: may be published" in text.out
    assert run_lapdesk("publish", "--yes", "--store", store_path).code == 2  # no ID, no --all
    assert run_lapdesk("publish", str(austria), "--store", store_path).code == 2  # no decision
    assert run_lapdesk("publish", "999", "--yes", "--store", store_path).code == 1


def test_deciding_is_one_undoable_change(store):
    ids = [add_text_contribution(store, [f"Text {n}."], publish=None) for n in range(3)]
    change = c.set_publication(store, ids, True)
    assert change.result == ids
    from lapdesk.store import changes

    changes.undo(store, change)
    assert {c.contribution(store, i).permission_to_publish for i in ids} == {None}


def test_an_undecided_contribution_is_anonymised_and_the_paper_says_so(store, tmp_path):
    named = add_text_contribution(store, ["Austria supports universalisation."],
                                  contributors=["Austria"], publish=True)
    undecided = add_text_contribution(store, ["Ghana supports universalisation."],
                                      contributors=["Ghana"], publish=None)
    for cid in (named, undecided):
        excerpts.map_span(store, cid, ["universalisation"], start=0, end=10)
    report = export_working_paper(store, tmp_path / "p.docx", options=ExportOptions())
    assert report.anonymised == 1
    assert "1 contribution has no decision on publication: it will be anonymised." in (
        report.warnings)
    import docx

    text = "\n".join(p.text for p in docx.Document(str(tmp_path / "p.docx")).paragraphs)
    assert "Austria" in text and "Ghana" not in text


def test_an_older_store_s_yes_was_no_decision_and_its_no_stays(tmp_path):
    copy, declined = tmp_path / "v5.lapdesk", tmp_path / "v5-declined.lapdesk"
    shutil.copy(STORES / "v5-basic.lapdesk", copy)
    shutil.copy(STORES / "v5-basic.lapdesk", declined)
    conn = sqlite3.connect(declined)
    conn.execute("UPDATE contributions SET permission_to_publish = 0")
    conn.commit()
    conn.close()
    with open_store(copy) as store:
        [row] = c.list_contributions(store)
        assert row.permission_to_publish is None
        assert (row.dated, row.received_source) == (None, "logged")
    with open_store(declined) as store:
        assert c.list_contributions(store)[0].permission_to_publish is False


def test_the_desk_shows_an_undecided_contribution_as_needing_attention(store, qtbot):
    from desk_helpers import open_desk, settle

    decided = add_text_contribution(store, ["Austria."], contributors=["Austria"], publish=True)
    undecided = add_text_contribution(store, ["Ghana."], contributors=["Ghana"], publish=None)
    window = open_desk(qtbot, store)
    assert window.status_label.text().startswith("2 contributions · 1 needs attention")
    window.open_contribution(undecided)
    settle(window)
    header = window.header
    assert header.permission.currentText() == "Not yet decided"
    header.permission.setCurrentIndex(header.permission.findText("May be published"))
    settle(window)
    header.permission.activated.emit(header.permission.currentIndex())
    settle(window)
    assert c.contribution(store, undecided).permission_to_publish == 1
    assert window.status_label.text().startswith("2 contributions · 0 need attention")
    window.open_contribution(decided)
    settle(window)
    assert header.permission.currentText() == "May be published"
