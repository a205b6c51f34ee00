"""Export > Working paper (Ctrl+E) in the background, and the first-start demo offer."""

from __future__ import annotations

import zipfile

from desk_helpers import open_desk, settle
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

import lapdesk.ui.demo_offer as demo_offer
from lapdesk.demo import build_demo, is_empty
from lapdesk.store.connection import open_store
from lapdesk.ui.prefs import app_settings


def test_export_dialog_options_and_the_paper_written_in_the_background(
        qtbot, store, tmp_path, private_settings):
    build_demo(store)
    window = open_desk(qtbot, store)
    exporter = window.exporter
    assert exporter.action.shortcut().toString() == "Ctrl+E"
    dialog = exporter.choose()
    out = tmp_path / "paper.docx"
    dialog.path_edit.setText(str(out))
    for row in range(dialog.sections.count()):
        item = dialog.sections.item(row)
        if item.data(Qt.ItemDataRole.UserRole) != "universalisation":
            item.setCheckState(Qt.CheckState.Unchecked)
    dialog.anonymise.setChecked(True)
    assert not dialog.comments.isEnabled()  # never comments in an anonymised paper
    dialog.date.setText("2020-06-20")
    dialog.language.setCurrentIndex(dialog.language.findData("fr"))
    settle(window)
    options = dialog.options()
    assert options.sections == ("universalisation",) and options.anonymise
    assert options.lang == "fr" and not options.overwrite
    with qtbot.waitSignal(exporter.exported, timeout=60000) as done:
        dialog.accept()
        settle(window)
    report = done.args[0]
    assert report["sections"] == ["universalisation"] and out.exists()
    body = zipfile.ZipFile(out).read("word/document.xml").decode()
    assert "Universalisation" in body
    box = window.findChild(QMessageBox, "export-done")
    assert box is not None and box.isVisible() and "paper.docx" in box.text()


def test_export_asks_before_replacing_a_file(qtbot, store, tmp_path, monkeypatch,
                                            private_settings):
    window = open_desk(qtbot, store)
    dialog = window.exporter.choose()
    out = tmp_path / "exists.docx"
    out.write_bytes(b"an older paper")
    dialog.path_edit.setText(str(out))
    dialog.date.setText("2020-06-20")
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a[2]) or
                        QMessageBox.StandardButton.No)
    dialog.accept()
    settle(window)
    assert asked and "exists.docx" in asked[0]
    assert dialog.isVisible() and out.read_bytes() == b"an older paper"


def test_a_paper_dated_after_its_meeting_is_questioned_before_anything_is_written(
        qtbot, store, tmp_path, private_settings):
    from PySide6.QtWidgets import QLabel

    from lapdesk.store import settings as store_settings

    store_settings.update(store, {"paper_date": "", "meeting_date": "2020-06-29"})
    window = open_desk(qtbot, store)
    exporter = window.exporter
    dialog = exporter.choose()
    out = tmp_path / "late.docx"
    dialog.path_edit.setText(str(out))
    assert dialog.date.text() > "2020-06-29"  # today, for want of a paper_date
    dialog.accept()
    settle(window)
    check = exporter.preflight_dialog  # the pre-flight list (tests/test_ui_export_checks.py)
    said = " ".join(label.text() for label in check.findChildren(QLabel))
    assert "after its meeting (First Preparatory Meeting, 29 June 2020)" in said
    assert check.isVisible() and not out.exists()
    with qtbot.waitSignal(exporter.exported, timeout=60000) as done:
        check.export_anyway.click()
        settle(window)
    assert out.exists() and any("after its meeting" in w for w in done.args[0]["warnings"])
    window.service.apply(store_settings.update, {"paper_date": "2020-06-20"})
    settle(window)
    assert exporter.choose().date.text() == "2020-06-20"


def test_first_start_offers_the_demo_in_a_store_of_its_own(
        qtbot, store, tmp_path, monkeypatch, private_settings):
    monkeypatch.delenv("LAPDESK_STORE", raising=False)
    monkeypatch.setattr(demo_offer, "default_store_path", lambda: store.path)
    monkeypatch.setattr(demo_offer, "data_dir", lambda: tmp_path / "data")
    window = open_desk(qtbot, store)
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "demo-offer") is not None)
    box = window.findChild(QMessageBox, "demo-offer")
    with qtbot.waitSignal(window.file_menu.store_switched, timeout=60000) as switched:
        box.button(QMessageBox.StandardButton.Yes).click()
        settle(window)
    demo_window = switched.args[0]
    qtbot.addWidget(demo_window)
    settle(demo_window)
    assert demo_window.service.path == tmp_path / "data" / demo_offer.DEMO_STORE_NAME
    assert len(demo_window.contributions.model.rows) >= 10
    assert not window.isVisible()
    assert app_settings().value(demo_offer.OFFERED_KEY, False, type=bool)
    with open_store(store.path, create=False, readonly=True) as own:
        assert is_empty(own)  # the user's store never receives the samples
    # Help > Open the demo from another store goes straight to the built demo.
    with qtbot.waitSignal(demo_window.file_menu.store_switched, timeout=60000) as opened:
        demo_window.file_menu.switch_to(tmp_path / "other.lapdesk")
        settle(window)
    other = opened.args[0]
    qtbot.addWidget(other)
    settle(other)
    with qtbot.waitSignal(other.file_menu.store_switched, timeout=60000) as again:
        other.demo.action.trigger()
        settle(window)
    qtbot.addWidget(again.args[0])
    assert again.args[0].service.path == demo_window.service.path


def test_no_offer_for_a_chosen_store_or_a_second_time(
        qtbot, store, monkeypatch, private_settings):
    settings = app_settings()
    monkeypatch.setattr(demo_offer, "default_store_path", lambda: store.path)
    monkeypatch.setenv("LAPDESK_STORE", str(store.path))
    assert not demo_offer.should_offer_demo(store.path, settings, is_empty=lambda: True)
    monkeypatch.delenv("LAPDESK_STORE")
    assert demo_offer.should_offer_demo(store.path, settings, is_empty=lambda: True)
    assert not demo_offer.should_offer_demo(store.path.with_name("x.lapdesk"), settings,
                                            is_empty=lambda: True)
    settings.setValue(demo_offer.OFFERED_KEY, True)
    assert not demo_offer.should_offer_demo(store.path, settings, is_empty=lambda: True)
