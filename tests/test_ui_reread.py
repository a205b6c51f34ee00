"""Reading files again from the desk: "Enter password…" in the import summary and above the
reader opens a protected Word file in place; "Read scans now" reads by OCR the scans logged
before LAPDesk could read them."""

from __future__ import annotations

import pytest
import samples
from desk_helpers import open_desk, settle
from PySide6.QtWidgets import QInputDialog
from samples import scans

from lapdesk.ingest.ocr import models
from lapdesk.ingest.pipeline import import_paths
from lapdesk.store import contributions as c


def answer_password(monkeypatch, password: str) -> list[str]:
    """The password dialog, answered as a user would type it; returns the prompts shown."""
    asked = []

    def get_text(parent, title, label, echo):
        asked.append(label)
        return password, True

    monkeypatch.setattr(QInputDialog, "getText", get_text)
    return asked


@pytest.fixture
def locked(store, tmp_path):
    path = tmp_path / "locked.docx"
    path.write_bytes(samples.docx_encrypted_bytes())
    result, = import_paths(store, [path])
    return result


def test_enter_password_above_the_reader_opens_the_file_in_place(
        qtbot, store, locked, monkeypatch, private_settings):
    window = open_desk(qtbot, store)
    window.open_contribution(locked.contribution_id)
    settle(window)
    header = window.header
    assert header.password_button.isVisible()
    asked = answer_password(monkeypatch, samples.DOCX_PASSWORD)
    rereader = window.rereader
    header.password_button.click()
    with qtbot.waitSignal(rereader.last_op.finished, timeout=60000):
        pass
    settle(window)
    assert asked == ["Password of locked.docx (it is not kept):"]
    assert samples.DOCX_BODY in window.reader.toPlainText()
    assert c.files_of(store, locked.contribution_id)[0].status == "ok"
    qtbot.waitUntil(lambda: not header.password_button.isVisible())
    assert window.statusBar().currentMessage() == "1 file read."


def test_a_wrong_password_says_so_and_changes_nothing(
        qtbot, store, locked, monkeypatch, private_settings):
    window = open_desk(qtbot, store)
    window.open_contribution(locked.contribution_id)
    settle(window)
    answer_password(monkeypatch, "lausanne")
    rereader = window.rereader
    window.header.password_button.click()
    with qtbot.waitSignal(rereader.last_op.finished, timeout=60000):
        pass
    assert window.statusBar().currentMessage() == "0 files read; 1 still not read."
    assert c.files_of(store, locked.contribution_id)[0].status == "encrypted"
    assert window.header.password_button.isVisible()


def test_the_import_summary_offers_enter_password_for_a_protected_file(
        qtbot, store, tmp_path, monkeypatch, private_settings):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "locked.docx").write_bytes(samples.docx_encrypted_bytes())
    (tmp_path / "in" / "note.txt").write_text("Austria welcomes the concept note.\n")
    window = open_desk(qtbot, store)
    importer = window.importer
    with qtbot.waitSignal(importer.import_finished, timeout=60000):
        importer.start_import([str(tmp_path / "in")])
        settle(window)
    summary = importer.summary_dialog
    assert summary.password_button.isVisible()
    rows = {summary.model.index(r, 0).data(): r for r in range(summary.model.rowCount())}
    summary.table.setCurrentIndex(summary.model.index(rows["note.txt"], 0))
    settle(window)
    assert not summary.password_button.isEnabled()
    summary.table.setCurrentIndex(summary.model.index(rows["locked.docx"], 0))
    settle(window)
    assert summary.password_button.isEnabled()
    answer_password(monkeypatch, samples.DOCX_PASSWORD)
    summary.password_button.click()
    rereader = window.rereader
    with qtbot.waitSignal(rereader.last_op.finished, timeout=60000):
        pass
    file_id = next(r.file_id for r in summary.model.rows if r.status == "encrypted")
    assert store.query_one("SELECT status FROM files WHERE id = ?", (file_id,))["status"] == "ok"


@pytest.mark.skipif(models.tessdata_dir() is None, reason="the OCR models are missing")
def test_read_scans_now_reads_the_scans_logged_before_ocr_could(
        qtbot, store, tmp_path, monkeypatch, private_settings):
    path = tmp_path / "letter.pdf"
    path.write_bytes(scans.scan_pdf_bytes("es"))
    monkeypatch.setenv("LAPDESK_TESSDATA", str(tmp_path / "no-models"))
    result, = import_paths(store, [path])
    assert result.status == "needs_ocr"
    monkeypatch.delenv("LAPDESK_TESSDATA")
    window = open_desk(qtbot, store)
    rereader = window.rereader
    action = rereader.read_scans_action
    assert action.isEnabled() and action.text() == "Read &scans now (1)"
    assert action in window.menus["contribution"].actions()
    action.trigger()
    with qtbot.waitSignal(rereader.last_op.finished, timeout=120000):
        pass
    assert window.statusBar().currentMessage() == "1 file read (1 by OCR)."
    assert c.files_of(store, result.contribution_id)[0].status == "ok"
    assert [p.name for p in c.contributors_of(store, result.contribution_id)] == \
        ["Mexico"]
    qtbot.waitUntil(lambda: not action.isEnabled())
