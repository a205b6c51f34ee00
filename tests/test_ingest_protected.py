"""Password-protected Word documents: opened with the right password, a clear message for a
wrong one or none, and the password never stored anywhere in the store."""

from __future__ import annotations

import io

import apsw.shell
import samples
from conftest import run_lapdesk

from lapdesk.ingest.formats import extract
from lapdesk.ingest.pipeline import import_paths


def test_the_right_password_opens_a_protected_word_document():
    result = extract(samples.docx_encrypted_bytes(), "locked.docx",
                     password=samples.DOCX_PASSWORD)
    assert result.status == "ok"
    texts = [p.text for p in result.paragraphs]
    assert samples.DOCX_BODY in " ".join(texts) and samples.DOCX_HEADING in texts
    assert "does not keep" in result.message


def test_a_wrong_password_or_none_says_so_clearly():
    wrong = extract(samples.docx_encrypted_bytes(), "locked.docx", password="lausanne")
    assert wrong.status == "encrypted"
    assert wrong.message.startswith("The password given for this Office document is not the "
                                    "right one")
    none = extract(samples.docx_encrypted_bytes(), "locked.docx")
    assert none.status == "encrypted"
    assert "--password" in none.message and "Enter password" in none.message
    assert wrong.paragraphs == none.paragraphs == []


def test_import_with_the_password_reads_it_and_keeps_no_trace_of_the_password(store, tmp_path):
    path = tmp_path / "locked.docx"
    path.write_bytes(samples.docx_encrypted_bytes())
    result, = import_paths(store, [path], password=samples.DOCX_PASSWORD)
    assert result.status == "ok" and result.chars > 100
    assert [p.name for p in result.contributors] == ["France"]  # from its French text
    dump = io.StringIO()  # the whole store as SQL, as sqlite3's iterdump gave it
    apsw.shell.Shell(stdout=dump, db=store.conn).process_command(".dump")
    dump = dump.getvalue()
    assert samples.DOCX_PASSWORD not in dump


def test_the_cli_password_applies_to_word_documents_as_to_pdfs(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "locked.docx").write_bytes(samples.docx_encrypted_bytes())
    (tmp_path / "in" / "locked.pdf").write_bytes(samples.pdf_bytes(password=samples.PDF_PASSWORD))
    store = tmp_path / "s.lapdesk"
    result = run_lapdesk("--store", store, "import", tmp_path / "in", "--password",
                         "geneva", "--json")
    assert result.code == 0, result.err
    assert [r["status"] for r in result.json()] == ["ok", "ok"]
