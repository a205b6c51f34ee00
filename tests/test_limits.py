"""Every limit on hostile or huge input, one by one, end to end: through ``extract`` and through
an import into a real store (which must then pass ``check`` with the original kept intact and
no text half there).

The limits are set low for each case so that no test has to build a huge file.
"""

import io
import os
import zipfile
from dataclasses import replace

import pytest
import samples

from lapdesk.ingest.extracted import Limits
from lapdesk.ingest.formats import extract
from lapdesk.ingest.pipeline import import_paths
from lapdesk.store import contributions as c
from lapdesk.store.integrity import check


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _xxe_docx(secret_path) -> bytes:
    """A Word document whose body pulls a local file in through an external entity."""
    document = (f'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY s SYSTEM '
                f'"file://{secret_path}">]><w:document xmlns:w="{W}"><w:body><w:p><w:r>'
                "<w:t>&s;</w:t></w:r></w:p></w:body></w:document>").encode()
    source = zipfile.ZipFile(io.BytesIO(samples.docx_bytes(footnote=False)))
    return _zip({name: document if name == "word/document.xml" else source.read(name)
                 for name in source.namelist()})


def _email_with(attachments: int) -> bytes:
    return samples.email_message(
        subject="Views", body="Our views are attached.", sender="mission@example.org",
        to=None, date=None,
        attachments=[(f"annex-{i}.txt", f"Annex {i}: we support the plan.".encode(),
                      "text/plain") for i in range(attachments)]).as_bytes()


def _nested_email(depth: int) -> bytes:
    inner = samples.email_message(subject="Level 0", body="The innermost text.",
                                  sender="deepest@example.org", to=None, date=None)
    for level in range(1, depth + 1):
        inner = samples.email_message(
            subject=f"Level {level}", body=f"Forwarding level {level}.",
            sender=f"level{level}@example.org", to=None, date=None,
            attachments=[(None, inner, "message/rfc822")])
    return inner.as_bytes()


# id, file name, bytes, limits, status expected, words the message must contain
CASES = [
    ("file size", "big.txt", lambda tmp: b"x" * 5000, {"max_file_bytes": 1000},
     "too_large", "larger than"),
    ("decompressed total", "bundle.zip",
     lambda tmp: _zip({f"m{i}.bin": os.urandom(40_000) for i in range(3)}),
     {"max_uncompressed_bytes": 100_000}, "too_large", "would unpack to more than"),
    ("decompressed member", "bundle.zip", lambda tmp: _zip({"m.bin": os.urandom(50_000)}),
     {"max_member_bytes": 20_000}, "too_large", "contains a part larger than"),
    ("compression ratio (zip bomb)", "bomb.zip",
     lambda tmp: samples.zip_bomb_bytes(declared=150 * 2**20), {}, "too_large", "zip bomb"),
    ("zip bomb inside a .docx", "bomb.docx", lambda tmp: samples.docx_zip_bomb_bytes(), {},
     "too_large", "larger than"),
    ("XML entity expansion", "laughs.docx", lambda tmp: samples.docx_entity_bomb_bytes(), {},
     "unreadable", "entity declarations"),
    ("XML external entity", "xxe.docx", lambda tmp: _xxe_docx(tmp / "secret.txt"), {},
     "unreadable", "entity declarations"),
    ("page count", "long.pdf", lambda tmp: samples.pdf_bytes(), {"max_pages": 2},
     "too_large", "3 pages, more than the 2"),
    ("characters", "long.txt", lambda tmp: samples.text_utf8_bytes(), {"max_chars": 50},
     "too_large", "more than 50 characters"),
]


@pytest.mark.parametrize(("case", "name", "make", "limits", "status", "words"), CASES,
                         ids=[c[0] for c in CASES])
def test_each_limit_through_extract(tmp_path, case, name, make, limits, status, words):
    (tmp_path / "secret.txt").write_text("TOP-SECRET-CABLE")
    result = extract(make(tmp_path), name, limits=replace(Limits(), **limits))
    assert result.status == status
    assert words in result.message
    assert result.paragraphs == [] and result.attachments == []
    assert "TOP-SECRET-CABLE" not in repr(result)


@pytest.mark.parametrize(("case", "name", "make", "limits", "status", "words"), CASES,
                         ids=[c[0] for c in CASES])
def test_each_limit_through_an_import(store, tmp_path, case, name, make, limits, status, words):
    (tmp_path / "secret.txt").write_text("TOP-SECRET-CABLE")
    data = make(tmp_path)
    (tmp_path / "in").mkdir()
    path = tmp_path / "in" / name
    path.write_bytes(data)
    result = import_paths(store, [path], limits=replace(Limits(), **limits), workers=1)[0]
    assert result.status == status and words in result.message
    assert result.sha256 == c.sha256_of(data)
    # Logged, nothing half there: no text, and the original kept (or, too big to keep, its
    # hash and size) so that the team can see what arrived.
    assert store.query("SELECT id FROM paragraphs WHERE file_id = ?", (result.file_id,)) == []
    blob = store.query_one("SELECT size, length(data) AS stored FROM blobs WHERE sha256 = ?",
                           (result.sha256,))
    assert blob["size"] == len(data)
    assert blob["stored"] in (0, len(data))
    assert "TOP-SECRET-CABLE" not in c.text_of(store, result.contribution_id)
    assert check(store)["ok"]


def test_attachment_count(store, tmp_path):
    data = _email_with(5)
    limits = replace(Limits(), max_attachments=2)
    result = extract(data, "views.eml", limits=limits)
    assert result.status == "ok" and "more than 2 attachments" in result.message
    assert len(result.attachments) == 2
    path = tmp_path / "views.eml"
    path.write_bytes(data)
    imported = import_paths(store, [path], limits=limits, workers=1)[0]
    assert len(imported.attachments) == 2
    assert check(store)["ok"]


def test_nesting_depth(store, tmp_path):
    path = tmp_path / "forwarded.eml"
    path.write_bytes(_nested_email(depth=4))
    result = import_paths(store, [path], limits=replace(Limits(), max_depth=2), workers=1)[0]
    levels, node = [], result
    while node.attachments:
        node = node.attachments[0]
        levels.append(node.status)
    # Two levels are opened; the third is kept as a file but not opened; nothing deeper.
    assert levels == ["ok", "ok", "unsupported"]
    assert "nested" in node.message
    assert "The innermost text." not in c.text_of(store, result.contribution_id)
    assert check(store)["ok"]


def test_extraction_time(store, tmp_path):
    path = tmp_path / "long.pdf"
    path.write_bytes(samples.pdf_bytes(repeat=40))
    result = import_paths(store, [path], limits=replace(Limits(), timeout_s=0.01), workers=1)[0]
    assert result.status == "unreadable" and "too long" in result.message
    assert c.blob(store, result.sha256) == path.read_bytes()
    assert check(store)["ok"]


@pytest.mark.parametrize("size,words", [(250 * 1024 * 1024, "250 MB"), (1536 * 1024, "1.5 MB"),
                                         (4096, "4 KB"), (900, "900 bytes")])
def test_limits_are_said_in_words_never_0_mb(size, words):
    from lapdesk.ingest.extracted import size_in_words

    assert size_in_words(size) == words


def test_a_small_limit_is_named_in_the_message():
    from lapdesk.ingest.formats import extract

    result = extract(b"x" * 5000, "note.txt", limits=Limits(max_file_bytes=4096))
    assert result.status == "too_large" and "4 KB" in result.message
