"""The import pipeline on real files: one contribution per file, duplicates, together, folders,
cancel, progress, size and time limits, paths that cannot be opened, awkward names."""

from __future__ import annotations

import io
import os
import sys
from dataclasses import replace
from pathlib import Path

import pytest
import samples
from windows_support import not_under_wine

from lapdesk.core.progress import Cancelled, CancelToken
from lapdesk.ingest.extracted import Limits
from lapdesk.ingest.pipeline import import_paths
from lapdesk.store import contributions as c
from lapdesk.store import integrity

AUSTRIA = ("Statement of the Republic of Austria\n\nAustria welcomes the draft Lausanne Action "
           "Plan and the attention it gives to victim assistance.\n")


def write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def test_each_file_becomes_one_contribution_with_its_text_and_contributor(store, tmp_path):
    austria = write(tmp_path, "austria.txt", AUSTRIA.encode())
    word = write(tmp_path, "republic.docx", samples.docx_bytes())
    results = import_paths(store, [austria, word])
    assert [r.status for r in results] == ["ok", "ok"]
    first, second = results
    assert first.contribution_id != second.contribution_id
    assert [p.name for p in first.contributors] == ["Austria"]
    assert set(first.to_json()["contributors"][0]) == {"id", "name", "kind", "status", "confidence",
                                             "reason"}
    assert first.language == "en"
    assert first.sha256 == c.sha256_of(AUSTRIA.encode())
    assert first.chars == len(AUSTRIA.replace("\n", ""))
    assert c.blob(store, first.sha256) == AUSTRIA.encode()
    assert samples.DOCX_BODY in c.text_of(store, second.contribution_id)
    assert second.media_type.endswith("wordprocessingml.document")
    row = c.contribution(store, first.contribution_id)
    assert row.channel == "file" and row.title == "austria.txt"
    audit = store.query("SELECT action, details FROM audit WHERE action = 'Import'")
    assert len(audit) == 2 and "austria.txt" in audit[0]["details"]
    assert integrity.check(store)["ok"]


def test_a_byte_identical_file_is_a_duplicate_of_the_first(store, tmp_path):
    first = import_paths(store, [write(tmp_path, "a.txt", AUSTRIA.encode())])[0]
    again = import_paths(store, [write(tmp_path / "later", "renamed.txt", AUSTRIA.encode())])[0]
    assert again.status == "duplicate"
    assert (again.contribution_id, again.file_id) == (first.contribution_id,
                                                           first.file_id)
    assert [p.name for p in again.contributors] == ["Austria"]
    assert store.query_one("SELECT count(*) AS n FROM files")["n"] == 1
    assert store.query_one("SELECT count(*) AS n FROM contributions")["n"] == 1


def test_copies_within_one_batch_are_stored_once(store, tmp_path):
    for name in ("1.txt", "2.txt", "3.txt"):
        write(tmp_path / "in", name, AUSTRIA.encode())
    results = import_paths(store, [tmp_path / "in"])
    assert [r.status for r in results] == ["ok", "duplicate", "duplicate"]
    assert store.query_one("SELECT count(*) AS n FROM files")["n"] == 1


def test_together_puts_every_file_into_one_contribution(store, tmp_path):
    letter = write(tmp_path, "letter.txt", AUSTRIA.encode())
    annex = write(tmp_path, "annex.docx", samples.docx_bytes())
    results = import_paths(store, [letter, annex], together=True)
    ids = {r.contribution_id for r in results}
    assert len(ids) == 1
    files = c.files_of(store, ids.pop())
    assert [f.name for f in files] == ["letter.txt", "annex.docx"]
    assert files[1].text_start > 0  # the annex's text follows the letter's


def test_folders_are_walked_in_order_skipping_hidden_and_temporary_files(store, tmp_path):
    folder = tmp_path / "inbox"
    write(folder, "b.txt", b"Second file.")
    write(folder, "A.txt", b"First file.")
    write(folder, "sub/c.txt", b"Third file.")
    for junk in ("~$b.docx", ".hidden.txt", "Thumbs.db", "draft.tmp", ".git/x.txt"):
        write(folder, junk, b"junk")
    results = import_paths(store, [folder])
    assert [Path(r.path).name for r in results] == ["A.txt", "b.txt", "c.txt"]


@not_under_wine("a dangling symbolic link is not reported as a link")
def test_a_path_that_cannot_be_opened_is_reported_and_the_batch_goes_on(store, tmp_path):
    good = write(tmp_path, "good.txt", b"Readable contribution.")
    dangling = tmp_path / "dangling.docx"
    try:
        dangling.symlink_to(tmp_path / "gone.docx")
    except OSError:  # Windows without Developer Mode may not create symbolic links
        pytest.skip("this account cannot create symbolic links")
    results = import_paths(store, [tmp_path / "missing.txt", dangling, good])
    assert [r.status for r in results] == ["unreadable", "unreadable", "ok"]
    assert "no file or folder" in results[0].message
    assert "not a file" in results[1].message
    assert results[0].file_id is None and results[2].file_id is not None


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0,
                    reason="POSIX permissions (root ignores them; on Windows chmod only sets "
                           "read-only)")
def test_a_file_without_permission_is_reported(store, tmp_path):
    locked = write(tmp_path, "locked.txt", b"Secret.")
    locked.chmod(0)
    try:
        result = import_paths(store, [locked])[0]
    finally:
        locked.chmod(0o600)
    assert result.status == "unreadable" and "cannot be opened" in result.message


def test_progress_is_reported_per_input_and_cancel_keeps_what_was_committed(store, tmp_path):
    for i in range(6):
        write(tmp_path / "in", f"{i}.txt", f"Contribution number {i}.".encode())
    token = CancelToken()
    seen = []

    def progress(done, total, name):
        seen.append((done, total, name))
        if done == 2:
            token.cancel()

    with pytest.raises(Cancelled):
        import_paths(store, [tmp_path / "in"], progress=progress, cancel=token)
    assert seen == [(1, 6, "0.txt"), (2, 6, "1.txt")]
    assert store.query_one("SELECT count(*) AS n FROM contributions")["n"] == 2
    rest = import_paths(store, [tmp_path / "in"])
    assert [r.status for r in rest] == ["duplicate"] * 2 + ["ok"] * 4


def test_a_file_over_the_size_limit_is_logged_by_hash_without_its_bytes(store, tmp_path):
    big = write(tmp_path, "big.txt", b"x" * 5000)
    limits = replace(Limits(), max_file_bytes=1000)
    result = import_paths(store, [big], limits=limits)[0]
    assert result.status == "too_large" and "1000 bytes" in result.message
    assert result.sha256 == c.sha256_of(b"x" * 5000)
    row = store.query_one("SELECT size, kept, length(data) AS stored FROM blobs")
    assert row == {"size": 5000, "kept": 0, "stored": 0}
    assert integrity.check(store)["ok"]
    assert import_paths(store, [big], limits=limits)[0].status == "duplicate"


@not_under_wine("a worker's first file takes Wine longer than the test's 0.3 s limit")
def test_an_extraction_past_the_time_limit_is_stopped_and_the_file_logged(store, tmp_path):
    import copy

    import docx

    document = docx.Document()
    paragraph = document.add_paragraph("A paragraph of a very long contribution on clearance.")
    for i in range(100_000):  # copied as XML: adding them through python-docx takes minutes
        element = copy.deepcopy(paragraph._p)
        element.xpath(".//w:t")[0].text = f"Paragraph {i} of a long contribution on clearance."
        paragraph._p.addnext(element)
    out = io.BytesIO()
    document.save(out)
    slow = write(tmp_path, "long.docx", out.getvalue())
    quick = write(tmp_path, "quick.txt", b"A short one.")
    # The long file takes about 1 s to read, the short one 10 ms once a worker is up: 0.3 s
    # stops the first and leaves the second room for a fresh worker's imports on a busy
    # machine (at 0.05 s it was logged unreadable about one run in five).
    results = import_paths(store, [slow, quick], limits=replace(Limits(), timeout_s=0.3))
    assert results[0].status == "unreadable" and "too long" in results[0].message
    assert c.blob(store, results[0].sha256) == out.getvalue()  # the original is kept
    assert results[1].status == "ok"


# Windows cannot create a file named like a device (con) or holding a double quote: those
# names arrive only inside emails and archives there (tests/test_windows.py).
NOT_ON_WINDOWS = pytest.mark.skipif(sys.platform == "win32",
                                    reason="no such file can exist on a Windows disk")


@pytest.mark.parametrize("name", [
    "Réponse de la Côte d'Ivoire.txt", "名前 with spaces.txt",
    pytest.param("con.txt", marks=NOT_ON_WINDOWS), pytest.param("a;b'c\"d.txt", marks=NOT_ON_WINDOWS),
    "-starts-with-dash.txt", "x" * 200 + ".txt",
])
def test_awkward_names_are_imported_under_a_safe_name(store, tmp_path, name):
    path = write(tmp_path, name, f"Contribution in the file {name!r}.".encode())
    result = import_paths(store, [path])[0]
    assert result.status == "ok" and result.path == str(path)
    stored = c.files_of(store, result.contribution_id)[0]
    assert stored.original_name == name
    assert "/" not in stored.name and len(stored.name) <= 120


def test_the_store_itself_is_never_imported(store, tmp_path):
    write(tmp_path, "note.txt", b"A note beside the store.")
    results = import_paths(store, [store.path.parent])
    assert [Path(r.path).name for r in results] == ["note.txt"]


def test_an_email_is_one_contribution_with_its_attachments_nested(store, tmp_path):
    mail = write(tmp_path, "france.eml", samples.eml_bytes())
    result = import_paths(store, [mail])[0]
    assert result.status == "ok" and result.media_type == "message/rfc822"
    assert [a.name for a in result.attachments] == [
        "Contribution France.docx", "annexe.pdf", result.attachments[2].name]
    forwarded = result.attachments[2]
    assert forwarded.media_type == "message/rfc822" and forwarded.status == "ok"
    assert all(a.status == "ok" and a.sha256 for a in result.attachments)
    row = c.contribution(store, result.contribution_id)
    assert row.channel == "email" and row.received == samples.EML_DATE
    assert row.sender == samples.EML_SENDER and row.title == samples.EML_SUBJECT
    assert result.language == "en"  # the attachments, in English, are most of the text
    assert "France" in [p.name for p in result.contributors]
    files = c.files_of(store, result.contribution_id)
    assert len(files) == 4 and files[0].parent_id is None
    assert {f.parent_id for f in files[1:]} == {files[0].file_id}
    assert samples.DOCX_BODY in c.text_of(store, result.contribution_id)
    # Every candidate detection considered is kept; the others are not chosen.
    chosen = store.query("SELECT chosen FROM contribution_contributors WHERE contribution_id = ?",
                         (result.contribution_id,))
    assert sum(r["chosen"] for r in chosen) == len(result.contributors)


def test_nesting_deeper_than_the_limit_is_kept_but_not_opened(store, tmp_path):
    mail = write(tmp_path, "france.eml", samples.eml_bytes())
    result = import_paths(store, [mail], limits=replace(Limits(), max_depth=0))[0]
    assert {a.status for a in result.attachments} == {"unsupported"}
    assert "nested" in result.attachments[0].message
    kept = result.attachments[0]
    assert len(c.blob(store, kept.sha256)) == kept.size
    assert len(c.files_of(store, result.contribution_id)) == 4


def _long_docx(paragraphs: int) -> bytes:
    """A real Word file with ``paragraphs`` paragraphs, written directly (python-docx is slow)."""
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(samples.docx_bytes()))
    body = "".join(f"<w:p><w:r><w:t>Paragraph {i} on clearance and risk education.</w:t>"
                   "</w:r></w:p>" for i in range(paragraphs))
    document = source.read("word/document.xml").decode()
    start, end = document.index("<w:body>") + len("<w:body>"), document.index("<w:sectPr")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/document.xml":
                data = (document[:start] + body + document[end:]).encode()
            target.writestr(item, data)
    return out.getvalue()


def test_cancel_does_not_wait_for_a_slow_extraction(store, tmp_path):
    import threading
    import time

    slow = write(tmp_path, "long.docx", _long_docx(150_000))
    token = CancelToken()
    threading.Timer(0.3, token.cancel).start()
    started = time.monotonic()
    with pytest.raises(Cancelled):
        import_paths(store, [slow], cancel=token, limits=replace(Limits(), timeout_s=600))
    assert time.monotonic() - started < 3
    assert store.query_one("SELECT count(*) AS n FROM files")["n"] == 0


def _email_with_attachment(body: str, attachment_name: str, attachment: str) -> bytes:
    return samples.email_message(
        subject="LAP contribution", body=body, sender="Registry <registry@mail.example.org>",
        to="ccm2rc@eda.admin.ch",
        attachments=[(attachment_name, attachment.encode("utf-8"), "text/plain")]).as_bytes()


def test_an_attached_notes_letterhead_names_the_author_of_the_email(store, tmp_path):
    note = ("Permanent Mission of Mexico to the United Nations Office at Geneva\n\n"
            "Comments on the concept note on the Lausanne Action Plan.\n\n"
            "Universalisation should remain the first priority, with regional workshops.")
    path = write(tmp_path, "contribution.eml", _email_with_attachment(
        "Dear colleagues, please find attached our comments. We also thank Chile and "
        "Ireland for their support.", "comments.txt", note))
    [result] = import_paths(store, [path])
    assert [who.name for who in result.contributors] == ["Mexico"]
    assert result.contributors[0].confidence >= 0.6


def test_an_attachments_name_is_a_clue_when_nothing_else_is(store, tmp_path):
    path = write(tmp_path, "fwd.eml", _email_with_attachment(
        "Please find attached.", "NV_Mexico_LAP.txt",
        "Comments on the concept note: universalisation first."))
    [result] = import_paths(store, [path])
    assert [who.name for who in result.contributors] == ["Mexico"]


def test_an_import_uses_the_workers_it_is_given_and_leaves_them_running(store, tmp_path):
    from lapdesk.ingest.workers import WorkerPool

    files = [write(tmp_path, f"n{i}.txt", f"{AUSTRIA}\nCopy {i}.".encode()) for i in range(3)]
    with WorkerPool(size=2, prestart=True) as pool:
        results = import_paths(store, files, pool=pool)
        assert [r.status for r in results] == ["ok", "ok", "ok"]
        assert len(pool.worker_pids()) == 2  # still there: whoever started them stops them
    assert [p.name for p in results[2].contributors] == ["Austria"]


@pytest.mark.parametrize(("ahead_bytes", "most_ahead"), [(1, 0), (10**9, 5)])
def test_files_are_read_ahead_of_the_writer_within_a_byte_budget(store, tmp_path, monkeypatch,
                                                                 ahead_bytes, most_ahead):
    """Large files are not all read into memory at once: reading ahead stops at the budget."""
    from lapdesk.ingest import importer

    monkeypatch.setattr(importer, "AHEAD_BYTES", ahead_bytes)
    monkeypatch.setattr(importer, "AHEAD_INPUTS", 6)
    loaded, ahead = [], []
    real_load = importer.load
    monkeypatch.setattr(importer, "load", lambda *a, **k: loaded.append(1) or real_load(*a, **k))
    files = [write(tmp_path, f"n{i:02d}.txt", f"{AUSTRIA} Copy {i}.".encode()) for i in range(12)]
    import_paths(store, files, progress=lambda done, total, name: ahead.append(len(loaded) - done))
    assert max(ahead) == most_ahead
