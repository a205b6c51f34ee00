"""Reading files again in place: a scan once the OCR models are there, a protected Word file
once its password is known — the contribution, its other files' excerpts and positions, and
the history are kept; nothing is changed when an excerpt would lose its passage."""

from __future__ import annotations

import pytest
import samples
from conftest import run_lapdesk
from samples import revisions as rv
from samples import scans

from lapdesk.core.errors import UsageError
from lapdesk.core.text import Paragraph
from lapdesk.ingest.ocr import models
from lapdesk.ingest.pipeline import import_paths
from lapdesk.ingest.reread import reread, unread_files
from lapdesk.store import contributions as c
from lapdesk.store import excerpts, intake, integrity
from lapdesk.store.changes import undo
from lapdesk.store.search import search

ocr = pytest.mark.skipif(models.tessdata_dir() is None, reason="the OCR models are missing")
BEFORE = "Austria welcomes the concept note and its attention to victim assistance."
AFTER = "Austria supports clear, measurable and time-bound actions on clearance."


def passage(store, contribution_id, excerpt_id):
    e = excerpts.excerpt(store, excerpt_id)
    return c.text_of(store, contribution_id)[e.start:e.end], e


@ocr
def test_a_scan_read_later_takes_its_place_and_the_other_files_excerpts_follow(
        store, tmp_path, monkeypatch):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a-cover.txt").write_text(BEFORE + "\n")
    (folder / "b-letter.pdf").write_bytes(scans.scan_pdf_bytes("en"))
    (folder / "c-annex.txt").write_text(AFTER + "\n")
    monkeypatch.setenv("LAPDESK_TESSDATA", str(tmp_path / "no-models"))  # OCR cannot run
    results = import_paths(store, [folder], together=True)
    assert [r.status for r in results] == ["ok", "needs_ocr", "ok"]
    contribution = results[0].contribution_id
    scan_id = results[1].file_id
    text = c.text_of(store, contribution)
    first = excerpts.map_span(store, contribution, ["victim_assistance"],
                              start=text.index("victim"), end=text.index(" assistance.") + 11,
                              stance="supports").result
    last = excerpts.map_span(store, contribution, ["clearance_rre"],
                             start=text.index("clear,"), end=text.index(" actions"),
                             stance="proposes").result
    monkeypatch.delenv("LAPDESK_TESSDATA")
    assert unread_files(store) == [scan_id]

    result, = reread(store, [scan_id])
    assert result["changed"] and result["status"] == "ok" and result["ocr"]
    assert result["chars_before"] == 0 and result["chars"] > 400
    assert passage(store, contribution, first)[0] == "victim assistance"
    moved, shape = passage(store, contribution, last)
    assert moved == "clear, measurable and time-bound" and shape.annotations
    assert [p.name for p in c.contributors_of(store, contribution)] == ["Austria"]
    row = c.contribution(store, contribution)
    assert (row.dated, row.received_source) == (scans.DATES["en"], "letter")
    assert search(store, "compliments")[0]["file_id"] == scan_id
    paragraphs = c.paragraphs_of(store, contribution)
    assert [p["index"] for p in paragraphs] == list(range(len(paragraphs)))
    assert [p["file_id"] for p in paragraphs] == sorted(
        (p["file_id"] for p in paragraphs), key=[r.file_id for r in results].index)
    assert integrity.check(store)["ok"]
    assert store.query_one("SELECT action FROM audit ORDER BY id DESC LIMIT 1")["action"] == \
        "Read b-letter.pdf again"
    assert unread_files(store) == []


def test_reading_again_is_one_undoable_change(store, tmp_path):
    path = tmp_path / "locked.docx"
    path.write_bytes(samples.docx_encrypted_bytes())
    (tmp_path / "z-annex.txt").write_text(AFTER + "\n")
    results = import_paths(store, [path, tmp_path / "z-annex.txt"], together=True)
    contribution = results[0].contribution_id
    excerpt = excerpts.map_span(store, contribution, ["clearance_rre"], start=0,
                                end=len("Austria supports")).result
    before = c.text_of(store, contribution)
    from lapdesk.ingest.formats import extract
    from lapdesk.store.rewrite import Reading, replace_file_text

    read = extract(samples.docx_encrypted_bytes(), "locked.docx", password="geneva")
    change, _ = replace_file_text(store, results[0].file_id, Reading(
        read.status, read.message, read.paragraphs))
    assert passage(store, contribution, excerpt)[0] == "Austria supports"
    undo(store, change)
    assert c.text_of(store, contribution) == before
    assert passage(store, contribution, excerpt)[0] == "Austria supports"
    assert c.files_of(store, contribution)[0].status == "encrypted"
    assert integrity.check(store)["ok"]


def test_a_protected_word_file_is_read_again_with_its_password(store, tmp_path):
    path = tmp_path / "locked.docx"
    path.write_bytes(samples.docx_encrypted_bytes())
    result, = import_paths(store, [path])
    assert result.status == "encrypted"
    assert unread_files(store) == [] and unread_files(store, with_password=True) == \
        [result.file_id]
    wrong, = reread(store, [result.file_id], password="lausanne")
    assert not wrong["changed"] and wrong["status"] == "encrypted"
    assert "not the right one" in wrong["message"]
    right, = reread(store, [result.file_id], password=samples.DOCX_PASSWORD)
    assert right["changed"] and right["status"] == "ok"
    assert samples.DOCX_BODY in c.text_of(store, result.contribution_id)


def test_an_excerpt_that_would_lose_its_passage_stops_the_reread(store, tmp_path):
    """A Word file read by an older LAPDesk, which read moved text twice; an excerpt on the
    duplicated text cannot be found in the corrected reading, so nothing is changed."""
    data = rv.tracked_docx_bytes()
    with store.transaction():
        contribution = intake.create_contribution(store, title="tracked.docx")
        digest, _ = intake.store_blob(store, data)
        file_id = intake.add_file(store, contribution, name="tracked.docx", sha256=digest,
                             size=len(data), media_type="application/vnd.openxmlformats-"
                             "officedocument.wordprocessingml.document", status="ok",
                             paragraphs=[Paragraph("Moved sentence. Other text. Moved "
                                                     "sentence.")])
    excerpt = excerpts.map_span(store, contribution, ["universalisation"], start=0,
                                end=len("Moved sentence. Other")).result
    before = c.text_of(store, contribution)
    with pytest.raises(UsageError, match=f"lose the passage of excerpt #{excerpt}"):
        reread(store, [file_id])
    assert c.text_of(store, contribution) == before
    assert excerpts.excerpt(store, excerpt).text == "Moved sentence. Other"


def test_the_cli_rereads_by_id_and_all_unread(tmp_path):
    (tmp_path / "locked.docx").write_bytes(samples.docx_encrypted_bytes())
    store = tmp_path / "s.lapdesk"
    imported = run_lapdesk("--store", store, "import", tmp_path / "locked.docx", "--json")
    file_id = imported.json()[0]["file_id"]
    none = run_lapdesk("--store", store, "reread", "--all-unread", "--json")
    assert none.code == 0 and none.json() == []  # without a password, nothing to try
    done = run_lapdesk("--store", store, "reread", "--all-unread", "--password", "geneva",
                       "--json")
    assert done.code == 0, done.err
    row, = done.json()
    assert set(row) == {"file_id", "contribution_id", "name", "status", "message", "changed",
                        "ocr", "ocr_confidence", "pages", "chars", "chars_before",
                        "excerpts_moved", "contributors"}
    assert (row["file_id"], row["status"], row["changed"]) == (file_id, "ok", True)
    assert run_lapdesk("--store", store, "reread").code == 2
    assert run_lapdesk("--store", store, "reread", "999").code == 1
    people = run_lapdesk("--store", store, "reread", str(file_id), "--password", "geneva")
    assert "read again" in people.out
