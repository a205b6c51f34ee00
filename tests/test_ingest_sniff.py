"""Formats are recognised by content, names are made safe."""

from __future__ import annotations

import pytest
import samples

from lapdesk.core.names import MAX_NAME_CHARS, safe_name
from lapdesk.ingest import sniff as media
from lapdesk.ingest.sniff import sniff


def test_docx_is_recognised_by_its_members_even_named_pdf():
    data = samples.docx_bytes()
    assert sniff(data, "contribution.docx") == media.DOCX
    assert sniff(data, "contribution.pdf") == media.DOCX
    assert sniff(data, "noname") == media.DOCX


@pytest.mark.parametrize("data, expected", [
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", media.PDF),
    (b"{\\rtf1\\ansi Hello}", media.RTF),
    (b"  <!DOCTYPE html><html><body>Hi</body></html>", media.HTML),
    (b"<HTML><BODY>Hi</BODY></HTML>", media.HTML),
    (b"From: a@example.org\r\nTo: b@example.org\r\nSubject: Hi\r\n\r\nBody", media.EML),
    (b"Received: from x\r\n by y\r\nMIME-Version: 1.0\r\nSubject: s\r\n\r\nB", media.EML),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "image/png"),
    (b"\xff\xd8\xff\xe0\x00\x10JFIF", "image/jpeg"),
    (b"Dear colleagues,\nNote: this is text.\n", media.TEXT),
    (bytes(range(256)) * 4, media.UNKNOWN),
])
def test_content_decides(data, expected):
    assert sniff(data, "misleading.docx") == expected


def test_text_in_utf16_with_and_without_bom_is_text():
    assert sniff(samples.text_utf16_bytes(bom=True), "a.dat") == media.TEXT
    assert sniff(samples.text_utf16_bytes(bom=False), "a.dat") == media.TEXT
    assert sniff(samples.text_cp1252_bytes(), "a.dat") == media.TEXT


def test_name_breaks_ties_only_between_readings_of_text():
    fragment = b"<p>A fragment without an html element</p>"
    assert sniff(fragment, "page.html") == media.HTML
    assert sniff(fragment, "page.txt") == media.TEXT
    assert sniff(b"# Title\n\nText", "notes.md") == media.MARKDOWN


def test_a_damaged_zip_falls_back_on_its_ending():
    broken = samples.truncated(samples.docx_bytes())
    assert sniff(broken, "x.docx") == media.DOCX
    assert sniff(broken, "x.zip") == media.ZIP


def test_a_sentence_with_a_colon_is_not_an_email():
    assert sniff(b"Subject: our views on the plan\nWe think that...\n", "x") == media.TEXT


@pytest.mark.parametrize("raw, expected", [
    ("../../etc/passwd", "passwd"),
    ("C:\\Users\\x\\report.docx", "report.docx"),
    ("CON", "_CON"),
    ("nul.txt", "_nul.txt"),
    ("LPT1.pdf", "_LPT1.pdf"),
    ('a<b>:"c"|?*.pdf', "a_b___c____.pdf"),
    ("report. . .", "report"),
    ("bell\x07and\x1bescape.doc", "bellandescape.doc"),
    ("harmless\u202excod.exe", "harmlessxcod.exe"),
    ("", "unnamed"),
    ("../..", "unnamed"),
    ("   ", "unnamed"),
])
def test_safe_name(raw, expected):
    assert safe_name(raw) == expected


def test_safe_name_caps_length_and_keeps_extension():
    name = safe_name("Contribution " * 30 + ".docx")
    assert len(name) <= MAX_NAME_CHARS
    assert name.endswith(".docx")
    assert name.startswith("Contribution Contribution")


def test_an_email_with_many_server_headers_is_an_email():
    server = "".join(f"X-MS-Exchange-Header-{i}: value {i}\r\n" for i in range(120))
    data = (f"Received: from mail.example.org\r\n{server}From: a@example.org\r\n"
            "Subject: Views\r\nMIME-Version: 1.0\r\n\r\nBody\r\n").encode()
    assert len(data) > 4096  # past what a naive look at the start would read
    assert sniff(data, "message") == media.EML


def test_header_like_lines_without_an_email_only_header_are_text():
    assert sniff(b"To: the Presidency\nSubject: our views\n\nWe think...\n", "x") == media.TEXT
