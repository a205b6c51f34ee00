"""Export checks first (#19, point 7): a pre-flight list with a way to each finding, then the
paper; dates in Settings validated; one personal initials setting; Export > Tables."""

from __future__ import annotations

import zipfile

from builders import add_text_contribution
from desk_helpers import open_desk, settle
from PySide6.QtWidgets import QLabel

from lapdesk.export.options import ExportOptions
from lapdesk.export.preflight import EMPTY_SECTION, LATE_DATE, UNDECIDED, UNIDENTIFIED, preflight
from lapdesk.export.tables import build_table
from lapdesk.store import excerpts
from lapdesk.store import settings as store_settings


def test_the_preflight_finds_what_the_paper_would_get_wrong(store):
    unknown = add_text_contribution(store, ["A letter nobody signed."], contributors=[])
    undecided = add_text_contribution(store, ["Austria supports it."], contributors=["Austria"],
                                      publish=None)
    excerpts.map_span(store, undecided, ["universalisation"], start=0, end=7)
    store_settings.update(store, {"meeting_date": "2020-06-29", "paper_date": ""})
    found = preflight(store, ExportOptions(date="2020-07-15"))
    kinds = [f.kind for f in found]
    assert kinds[:2] == [UNIDENTIFIED, UNDECIDED] and kinds[-1] == LATE_DATE
    assert found[0].contribution_ids == (unknown,)
    assert "“An unidentified contributor”" in found[0].sentence
    assert found[1].contribution_ids == (undecided,)
    empty = [f.node_key for f in found if f.kind == EMPTY_SECTION]
    assert "universalisation" not in empty and "transparency" in empty
    assert "after its meeting" in found[-1].sentence
    # An anonymised paper does not ask about publication; chosen sections only.
    chosen = preflight(store, ExportOptions(anonymise=True, sections=("universalisation",),
                                            date="2020-06-20"))
    assert [f.kind for f in chosen] == [UNIDENTIFIED]


def test_export_lists_the_findings_first_with_a_way_to_each(qtbot, store, tmp_path):
    unknown = add_text_contribution(store, ["A letter nobody signed."], contributors=[])
    window = open_desk(qtbot, store)
    exporter = window.exporter
    dialog = exporter.choose()
    out = tmp_path / "paper.docx"
    dialog.path_edit.setText(str(out))
    dialog.date.setText("2020-06-20")
    dialog.accept()
    settle(window)
    check = exporter.preflight_dialog
    assert check is not None and check.isVisible() and not out.exists()  # nothing written yet
    said = [label.text() for label in check.findChildren(QLabel)]
    assert any(text.startswith("• 1 contribution has no identified contributor") for text in said)
    check.go_buttons[0].click()  # the unidentified contribution
    settle(window)
    assert not check.isVisible() and not out.exists()
    assert window.header.contribution_id == unknown and window.reading

    dialog = exporter.choose()
    dialog.path_edit.setText(str(out))
    dialog.date.setText("2020-06-20")
    dialog.accept()
    settle(window)
    empty = next(i for i, f in enumerate(preflight(store, dialog.options()))
                 if f.kind == EMPTY_SECTION)
    exporter.preflight_dialog.go_buttons[empty].click()
    settle(window)
    assert not window.reading and window.section_view.node_key is not None

    dialog = exporter.choose()
    dialog.path_edit.setText(str(out))
    dialog.date.setText("2020-06-20")
    dialog.accept()
    settle(window)
    with qtbot.waitSignal(exporter.exported, timeout=60_000):
        exporter.preflight_dialog.export_anyway.click()
        settle(window)
    assert out.exists()
    window.close()


def test_a_paper_dated_after_its_meeting_leads_back_to_the_date(qtbot, store, tmp_path):
    store_settings.update(store, {"meeting_date": "2020-06-29", "paper_date": ""})
    window = open_desk(qtbot, store)
    dialog = window.exporter.choose()
    dialog.path_edit.setText(str(tmp_path / "late.docx"))
    dialog.date.setText("2020-07-15")
    dialog.accept()
    settle(window)
    check = window.exporter.preflight_dialog
    late = next(i for i, f in enumerate(preflight(store, dialog.options()))
                if f.kind == LATE_DATE)
    check.go_buttons[late].click()
    settle(window)
    assert dialog.isVisible() and dialog.date.hasFocus()
    assert not (tmp_path / "late.docx").exists()
    dialog.reject()
    window.close()


def test_settings_refuse_a_date_without_a_year_and_write_others_as_iso(qtbot, store):
    window = open_desk(qtbot, store)
    dialog = window.file_menu.edit_settings()
    assert "team_initials" not in dialog.fields  # one initials setting: the user's own
    dialog.fields["deadline"].setText("30 June")
    dialog.accept()
    settle(window)
    assert dialog.isVisible()
    assert dialog.problem.text().startswith("Deadline for contributions: “30 June” is not a date")
    assert store_settings.get(store, "deadline") != "30 June"
    dialog.fields["deadline"].setText("30 June 2020")
    dialog.fields["meeting_date"].setText("29/06/2020")
    dialog.fields["meeting_end_date"].setText("2020-06-28")
    dialog.accept()
    assert dialog.isVisible() and dialog.problem.text() == "The meeting cannot end before it starts."
    dialog.fields["meeting_end_date"].setText("")
    dialog.accept()
    settle(window)
    assert not dialog.isVisible()
    assert store_settings.get(store, "deadline") == "2020-06-30"
    assert store_settings.get(store, "meeting_date") == "2020-06-29"
    window.close()


def test_export_tables_writes_xlsx_and_csv(qtbot, store, tmp_path):
    add_text_contribution(store, ["Austria supports it."], contributors=["Austria"])
    window = open_desk(qtbot, store)
    assert window.tables.menu.menuAction() in window.menus["export"].actions()
    with qtbot.waitSignal(window.tables.written, timeout=30_000) as done:
        window.tables.write("contributions", tmp_path / "received.xlsx")
    assert done.args[0]["rows"] == 1
    assert "xl/worksheets/sheet1.xml" in zipfile.ZipFile(tmp_path / "received.xlsx").namelist()
    with qtbot.waitSignal(window.tables.written, timeout=30_000):
        window.tables.write("coverage", tmp_path / "coverage.csv")
    header = ",".join(build_table(store, "coverage").header)
    assert (tmp_path / "coverage.csv").read_text(encoding="utf-8-sig").startswith(header)
    assert window.statusBar().currentMessage().startswith("The coverage table")
    window.close()
