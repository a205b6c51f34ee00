"""Import by drop and by File > Import…: progress with Cancel, then a summary of what needs
attention; a drop without files explains how to save an email first."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

from desk_helpers import open_desk, settle
from PySide6.QtCore import QByteArray, QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QMessageBox

import lapdesk.ui.import_flow as import_flow
from lapdesk.core.paths import resource
from lapdesk.core.records import ContributorRef, ImportedFile, ImportResult
from lapdesk.ui.import_flow import drop_hint
from lapdesk.ui.models.import_summary_model import (
    ContributionIdRole,
    ImportSummaryModel,
    NeedsAttentionRole,
)

DEMO = resource("demo")


def copy_samples(folder: Path, *names: str) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    return [Path(shutil.copy(DEMO / name, folder / name)) for name in names]


def drop(widget, mime: QMimeData) -> None:
    """Drag ``mime`` from outside the application onto ``widget`` and let go."""
    point = QPoint(10, 10)
    actions = Qt.DropAction.CopyAction | Qt.DropAction.MoveAction
    enter = QDragEnterEvent(point, actions, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, enter)
    assert enter.isAccepted() and enter.dropAction() == Qt.DropAction.CopyAction
    assert widget.window().statusBar().currentMessage().startswith(("Drop to import",
                                                                    "Nothing to import"))
    release = QDropEvent(QPointF(point), actions, mime, Qt.MouseButton.LeftButton,
                         Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, release)
    assert release.isAccepted()


def url_mime(paths) -> QMimeData:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    return mime


def test_files_and_a_folder_dropped_on_the_reader_are_imported(
        qtbot, store, tmp_path, private_settings):
    files = copy_samples(tmp_path / "in", "05_Philippines_letter.txt",
                         "01_Austria_note_verbale.docx")
    folder_files = copy_samples(tmp_path / "folder", "04_Ghana_email.eml")
    window = open_desk(qtbot, store)
    importer = window.importer
    with qtbot.waitSignal(importer.import_finished, timeout=60000) as finished:
        drop(window.reader.viewport(), url_mime([*files, folder_files[0].parent]))
    results = finished.args[0]
    assert window.statusBar().currentMessage() == ""
    assert sorted(Path(r.path).name for r in results) == [
        "01_Austria_note_verbale.docx", "04_Ghana_email.eml", "05_Philippines_letter.txt"]
    assert {r.status for r in results} == {"ok"}
    qtbot.waitUntil(lambda: len(window.contributions.model.rows) == 3)
    names = {c.name for row in window.contributions.model.rows
             for c in row.contribution.contributors}
    assert {"Austria", "Ghana", "Philippines"} <= names
    summary = importer.summary_dialog
    assert summary.isVisible() and summary.model.rowCount() == 3
    assert summary.headline.text() == "3 files read · 3 contributions logged · nothing to check"


def test_summary_lists_what_needs_attention_and_opens_a_contribution(
        qtbot, store, tmp_path, private_settings):
    files = copy_samples(tmp_path / "in", "12_Senegal_note_verbale.txt")
    twin = tmp_path / "in" / "Senegal again.txt"
    shutil.copy(files[0], twin)
    empty = tmp_path / "in" / "blank.txt"
    empty.write_bytes(b"")
    window = open_desk(qtbot, store)
    importer = window.importer
    with qtbot.waitSignal(importer.import_finished, timeout=60000):
        importer.start_import([str(files[0]), str(twin), str(empty)])
        settle(window)
    model = importer.summary_dialog.model
    outcomes = {model.index(r, 0).data(): model.index(r, 1).data() for r in range(3)}
    assert outcomes["12_Senegal_note_verbale.txt"] == "✓ Logged"
    assert outcomes["Senegal again.txt"].startswith("⚠ Duplicate")
    assert outcomes["blank.txt"].startswith("⚠ ")
    assert [model.index(r, 0).data(NeedsAttentionRole) for r in range(3)] == [False, True, True]
    duplicate_row = next(r for r in range(3) if model.index(r, 0).data() == "Senegal again.txt")
    assert "contribution" in model.index(duplicate_row, 3).data()
    blank_row = next(r for r in range(3) if model.index(r, 0).data() == "blank.txt")
    blank = model.index(blank_row, 0).data(ContributionIdRole)
    assert blank and blank != model.index(0, 0).data(ContributionIdRole)
    window.open_contribution(model.index(0, 0).data(ContributionIdRole))
    settle(window)
    importer.summary_dialog.table.activated.emit(model.index(blank_row, 0))
    settle(window)
    assert window.reader.contribution_id == blank


def test_cancel_stops_between_files_and_keeps_what_was_logged(
        qtbot, store, tmp_path, monkeypatch, private_settings):
    files = copy_samples(tmp_path / "in", "05_Philippines_letter.txt",
                         "12_Senegal_note_verbale.txt", "04_Ghana_email.eml",
                         "08_Indonesia_email.eml", "10_Cluster_Munition_Coalition.eml")
    second_logged = threading.Event()
    real_import = import_flow.import_steps

    def import_steps_pausing_after_two(store_, importer_, paths, progress, cancel):
        def watched(done, total, name):
            progress(done, total, name)
            if done == 2:  # hold the worker here until the user has pressed Cancel
                second_logged.set()
                for _ in range(500):
                    if cancel.cancelled:
                        break
                    threading.Event().wait(0.01)

        return real_import(store_, importer_, paths, watched, cancel)

    monkeypatch.setattr(import_flow, "import_steps", import_steps_pausing_after_two)
    window = open_desk(qtbot, store)
    importer = window.importer
    op = importer.start_import([str(f) for f in files])
    dialog = importer.progress_dialog
    qtbot.waitUntil(second_logged.is_set, timeout=60000)
    qtbot.waitUntil(dialog.isVisible)  # shown once the import has run a little while
    qtbot.waitUntil(lambda: dialog.count_label.text() == "File 2 of 5 logged", timeout=5000)
    with qtbot.waitSignal(op.cancelled, timeout=30000):
        dialog.cancel_button.click()
    assert not dialog.isVisible()
    assert store.query_one("SELECT count(*) AS n FROM contributions")["n"] == 2
    qtbot.waitUntil(lambda: len(window.contributions.model.rows) == 2)


def test_a_drop_without_files_explains_how_to_save_the_email(
        qtbot, store, private_settings):
    window = open_desk(qtbot, store)
    importer = window.importer
    mime = QMimeData()  # what Outlook sends for a message dragged straight out of it
    mime.setData('application/x-qt-windows-mime;value="FileGroupDescriptorW"',
                 QByteArray(b"\x01\x00\x00\x00"))
    with qtbot.waitSignal(importer.no_files_dropped) as said:
        drop(window.contributions.table.viewport(), mime)
    assert "Save the email first" in said.args[0] and ".msg" in said.args[0]
    box = window.findChild(QMessageBox, "no-files-dropped")
    assert box is not None and box.isVisible()
    assert store.query_one("SELECT count(*) AS n FROM contributions")["n"] == 0


def test_import_summary_model_passes_the_model_tester(qtmodeltester):
    def person(name, confidence):
        return ContributorRef(id=1, name=name, kind="state", status="state_party",
                              confidence=confidence)

    scan = ImportedFile(file_id=9, name="views.pdf", sha256="0" * 64, size=10,
                        media_type="application/pdf", status="needs_ocr",
                        message="The PDF is scanned.", pages=1, chars=0, ocr=False,
                        ocr_confidence=None)
    results = [
        ImportResult("/x/a.eml", contribution_id=1, contributors=(person("Ghana", 0.9),),
                     attachments=(scan,)),
        ImportResult("/x/b.docx", contribution_id=2, language="en"),
        ImportResult("/x/c.pdf", contribution_id=3, language="fr",
                     contributors=(person("Chad", 0.4),)),
    ]
    model = ImportSummaryModel(results)
    assert model.rowCount() == 4
    assert model.index(0, 1).data() == "⚠ Logged — language unknown"
    assert model.index(3, 1).data() == "⚠ Logged — contributor to confirm"
    assert model.index(1, 0).data() == "    ↳ views.pdf"
    assert model.index(1, 2).data() == "Ghana"  # an attachment belongs to its email's sender
    assert model.index(2, 1).data() == "⚠ Logged — contributor unknown"
    qtmodeltester.check(model)


def test_the_status_bar_says_what_a_drop_will_do(tmp_path):
    files = copy_samples(tmp_path / "in", "05_Philippines_letter.txt", "04_Ghana_email.eml")
    assert drop_hint(url_mime([*files, tmp_path / "in"])) == "Drop to import 2 files and 1 folder."
    assert drop_hint(QMimeData()).startswith("Nothing to import")


def test_a_revised_contribution_is_offered_as_superseding_the_earlier_one(
        qtbot, store, tmp_path, private_settings):
    from lapdesk.store import contributions

    note = ("The Permanent Mission of Austria presents its compliments to the Presidency.\n\n"
            + "Austria considers that universalisation must remain the first priority of the "
              "Lausanne Action Plan, with regional workshops and annual reporting. " * 6)
    first = tmp_path / "Austria_LAP.txt"
    first.write_text(note, encoding="utf-8")
    revised = tmp_path / "Austria_LAP_rev1.txt"
    revised.write_text(note + "\n\nAustria also proposes a baseline for each indicator.",
                       encoding="utf-8")
    window = open_desk(qtbot, store)
    importer = window.importer
    with qtbot.waitSignal(importer.import_finished, timeout=60000):
        importer.start_import([str(first)])
        settle(window)
    assert not importer.summary_dialog.revisions
    with qtbot.waitSignal(importer.import_finished, timeout=60000) as finished:
        importer.start_import([str(revised)])
        settle(window)
    summary = importer.summary_dialog
    [revision] = summary.revisions
    old_id, new_id = revision["old_id"], finished.args[0][0].contribution_id
    assert revision["new_id"] == new_id and "Austria_LAP_rev1.txt" in summary.revisions_label.text()
    summary.supersede_button.click()
    settle(window)
    assert contributions.contribution(store, old_id).superseded_by == new_id
    window.service.undo_stack.undo()
    settle(window)
    assert contributions.contribution(store, old_id).superseded_by is None


def test_workers_start_when_files_are_dragged_in_and_serve_the_drop(
        qtbot, store, tmp_path, private_settings):
    files = copy_samples(tmp_path / "in", "05_Philippines_letter.txt")
    window = open_desk(qtbot, store)
    importer = window.importer
    mime = url_mime(files)  # kept alive: the event holds only a pointer to it
    enter = QDragEnterEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window.reader.viewport(), enter)
    settle(window)
    assert importer.warm_importer is not None  # booting while the user moves to the drop
    pool = importer.warm_importer.pool()
    qtbot.waitUntil(lambda: len(pool.worker_pids()) == pool.size, timeout=30_000)
    with qtbot.waitSignal(importer.import_finished, timeout=60_000) as finished:
        importer.start_import([str(files[0])])
        settle(window)
    assert importer.warm_importer is None and finished.args[0][0].status == "ok"
    qtbot.waitUntil(lambda: pool.worker_pids() == [], timeout=10_000)  # let go after it


def test_workers_a_drag_started_are_let_go_when_nothing_is_dropped(
        qtbot, store, tmp_path, monkeypatch, private_settings):
    files = copy_samples(tmp_path / "in", "05_Philippines_letter.txt")
    window = open_desk(qtbot, store)
    importer = window.importer
    importer._warm_timer.setInterval(200)
    mime = url_mime(files)  # kept alive: the event holds only a pointer to it
    enter = QDragEnterEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window.reader.viewport(), enter)
    settle(window)
    assert importer.warm_importer is not None
    pool = importer.warm_importer.pool()
    qtbot.waitUntil(lambda: importer.warm_importer is None, timeout=10_000)
    # They leave on a thread of their own, so the window never waits for them.
    qtbot.waitUntil(lambda: pool.worker_pids() == [], timeout=10_000)
