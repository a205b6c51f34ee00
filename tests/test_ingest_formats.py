"""Every format becomes paragraphs with the right parts, headings, pages and statuses."""

from __future__ import annotations

import io
import pickle

import pytest
import samples
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lapdesk.ingest import sniff as media
from lapdesk.ingest.extracted import STATUSES, Limits
from lapdesk.ingest.formats import extract
from lapdesk.ingest.sniff import sniff


def texts(result, part=None):
    return [p.text for p in result.paragraphs if part is None or p.part == part]


# --- text -----------------------------------------------------------------------------------------

def test_text_in_utf16_with_bom():
    result = extract(samples.text_utf16_bytes(bom=True), "france.txt")
    assert result.status == "ok"
    assert texts(result) == ["Contribution de la France", samples.FRENCH]


def test_text_in_utf16_without_bom():
    result = extract(samples.text_utf16_bytes(bom=False), "france.txt")
    assert texts(result) == ["Contribution de la France", samples.FRENCH]


def test_text_in_windows_1252_keeps_accents_and_euro():
    result = extract(samples.text_cp1252_bytes(), "spain.txt")
    assert result.status == "ok"
    assert texts(result)[:3] == ["Contribución de España", samples.SPANISH, samples.FRENCH]
    assert texts(result)[3] == "Coût estimé : 25 € par mètre carré — « prioritaire »."


def test_hard_wrapped_prose_is_rejoined_but_lists_and_short_lines_are_not():
    wrapped = ("The Republic welcomes the draft action plan and wishes to\n"
               "stress that clearance deadlines must be respected by all\n"
               "States Parties.\n\n"
               "1. First item of a list that is rather long, longer than half\n"
               "2. Second item\n\n"
               "Permanent Mission\nGeneva\n")
    result = extract(wrapped.encode(), "note.txt")
    assert texts(result) == [
        "The Republic welcomes the draft action plan and wishes to stress that clearance "
        "deadlines must be respected by all States Parties.",
        "1. First item of a list that is rather long, longer than half",
        "2. Second item",
        "Permanent Mission",
        "Geneva",
    ]


def test_markdown_headings_keep_their_level():
    result = extract(b"# Views\n\nText.\n\n## Victims\n\nMore text.\n", "notes.md")
    assert result.media_type == media.MARKDOWN
    assert [(p.text, p.heading_level) for p in result.paragraphs] == [
        ("Views", 1), ("Text.", None), ("Victims", 2), ("More text.", None)]


# --- Word -----------------------------------------------------------------------------------------

def test_docx_reading_order_parts_headings_numbering():
    result = extract(samples.docx_bytes(), "contribution.docx")
    assert result.status == "ok"
    assert result.media_type == media.DOCX
    got = [(p.text, p.part, p.heading_level, p.page) for p in result.paragraphs]
    assert got == [
        (samples.DOCX_HEADER, "header", None, None),
        (samples.DOCX_HEADING, "body", 1, None),
        (samples.DOCX_BODY, "body", None, None),
        (f"1. {samples.DOCX_ITEMS[0]}", "body", None, None),
        (f"2. {samples.DOCX_ITEMS[1]}", "body", None, None),
        (f"3. {samples.DOCX_ITEMS[2]}", "body", None, None),
        (samples.DOCX_SUBHEADING, "body", 2, None),
        *[(cell, "table", None, None) for row in samples.DOCX_TABLE for cell in row],
        (samples.FRENCH, "body", None, None),
        (samples.DOCX_FOOTNOTE, "footnote", None, None),
        (samples.DOCX_FOOTER, "footer", None, None),
    ]


def test_docx_outline_levels_of_custom_styles_and_multilevel_numbering():
    result = extract(samples.docx_outline_bytes(), "outline.docx")
    assert texts(result) == list(samples.OUTLINE_TEXT)
    assert [p.heading_level for p in result.paragraphs] == [1, None, None, None, None, None]


@pytest.mark.parametrize("template", [False, True], ids=["docm", "dotx"])
def test_macro_enabled_documents_and_templates_are_read_like_docx(template):
    result = extract(samples.docm_bytes(template=template), "contribution.docm")
    assert result.status == "ok"
    assert result.media_type == media.DOCX
    assert samples.DOCX_FOOTNOTE in texts(result, "footnote")
    assert f"3. {samples.DOCX_ITEMS[2]}" in texts(result)


def test_docx_named_pdf_is_still_read_as_word():
    result = extract(samples.docx_bytes(), "contribution.pdf")
    assert result.status == "ok"
    assert samples.DOCX_BODY in texts(result)


def test_docx_result_pickles_for_worker_processes():
    result = extract(samples.docx_bytes(), "c.docx")
    assert pickle.loads(pickle.dumps(result)) == result


def test_docx_entity_expansion_is_refused():
    result = extract(samples.docx_entity_bomb_bytes(), "laughs.docx")
    assert result.status == "unreadable"
    assert "entity" in result.message
    assert result.paragraphs == []


def test_password_protected_docx_is_encrypted():
    data = samples.docx_encrypted_bytes()
    assert sniff(data, "locked.docx") == media.ENCRYPTED_OFFICE
    result = extract(data, "locked.docx")
    assert result.status == "encrypted"
    assert "password" in result.message
    assert result.paragraphs == []


def test_truncated_docx_is_unreadable():
    result = extract(samples.truncated(samples.docx_bytes()), "cut.docx")
    assert result.status == "unreadable"
    assert result.message.endswith(".")


# --- statuses shared by every format ------------------------------------------------------------

def test_zero_byte_file_is_empty():
    result = extract(b"", "nothing.docx")
    assert result.status == "empty"
    assert result.paragraphs == []


def test_file_over_the_size_limit_is_too_large():
    result = extract(samples.docx_bytes(), "big.docx", limits=Limits(max_file_bytes=1000))
    assert result.status == "too_large"
    assert "larger than 1000 bytes" in result.message


def test_text_over_the_character_cap_is_too_large():
    result = extract(samples.text_cp1252_bytes(), "long.txt", limits=Limits(max_chars=100))
    assert result.status == "too_large"
    assert result.paragraphs == []


def test_spreadsheets_are_unsupported_with_a_reason():
    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.active["A1"] = "Action 1"
    out = io.BytesIO()
    workbook.save(out)
    result = extract(out.getvalue(), "positions.docx")
    assert result.status == "unsupported"
    assert "spreadsheet" in result.message
    assert result.paragraphs == []


def test_a_gif_is_unsupported_with_a_reason_and_a_broken_png_is_unreadable():
    gif = extract(b"GIF89a" + b"\x00" * 100, "scan.gif")
    assert gif.status == "unsupported"
    assert "picture" in gif.message and "PNG or JPEG" in gif.message
    broken = extract(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "scan.pdf")
    assert broken.status == "unreadable"
    assert "picture is damaged" in broken.message


def test_write_all_writes_one_genuine_file_per_format(tmp_path):
    paths = samples.write_all(tmp_path / "plain", legacy_doc=False)
    assert set(paths) == {"docx", "pdf", "odt", "rtf", "html", "txt_utf8", "txt_utf16",
                          "txt_cp1252", "eml", "msg", "zip"}
    for kind, path in paths.items():
        assert path.parent == tmp_path / "plain"
        assert extract(path.read_bytes(), path.name).status == "ok", kind


def test_write_all_can_add_the_difficult_files(tmp_path):
    paths = samples.write_all(tmp_path / "all", legacy_doc=False, difficult=True)
    statuses = {kind: extract(path.read_bytes(), path.name).status
                for kind, path in paths.items()}
    assert len({path.name for path in paths.values()}) == len(paths)
    assert statuses["docx_encrypted"] == statuses["pdf_encrypted"] == "encrypted"
    assert statuses["pdf_scanned"] == "ok"  # read by OCR (tests/test_ingest_ocr.py)
    assert statuses["empty"] == "empty"
    assert statuses["zip_bomb"] == statuses["docx_zip_bomb"] == "too_large"
    assert statuses["docx_truncated"] == statuses["docx_entity_bomb"] == "unreadable"


# --- PDF ------------------------------------------------------------------------------------------

def test_pdf_prose_paragraphs_with_pages_and_running_lines_marked():
    result = extract(samples.pdf_bytes(), "contribution.pdf")
    assert result.status == "ok"
    assert result.media_type == media.PDF
    assert result.pages == 3
    body = [p for p in result.paragraphs if p.part == "body"]
    assert [p.text for p in body] == [samples.PDF_TITLE, *samples.PDF_PROSE]
    assert body[0].heading_level == 1
    assert [p.page for p in body] == [1, 1, 1, 2, 2, 3]  # the run-on paragraph keeps page 2
    assert [(p.text, p.page) for p in result.paragraphs if p.part == "header"] == [
        (samples.PDF_HEADER, page) for page in (1, 2, 3)]
    assert [(p.text, p.page) for p in result.paragraphs if p.part == "footer"] == [
        (f"Page {page} of 3", page) for page in (1, 2, 3)]


def test_pdf_page_order_keeps_headers_before_and_footers_after_the_body():
    result = extract(samples.pdf_bytes(), "contribution.pdf")
    first_page = [p.part for p in result.paragraphs if p.page == 1]
    assert first_page[0] == "header" and first_page[-1] == "footer"
    assert set(first_page[1:-1]) == {"body"}


@pytest.mark.slow
def test_pdf_printed_from_word_by_libreoffice():
    data = samples.pdf_from_word_bytes()
    if data is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    result = extract(data, "printed.pdf")
    assert result.status == "ok"
    assert result.pages >= 3
    body = [(p.text, p.heading_level) for p in result.paragraphs if p.part == "body"]
    assert (samples.DOCX_HEADING, 1) in body
    assert (samples.DOCX_SUBHEADING, 2) in body
    for paragraph in samples.word_pdf_filler():  # whole, even across page breaks
        assert (paragraph, None) in body
    assert [p.text for p in result.paragraphs if p.part == "footnote"] == [
        f"1 {samples.DOCX_FOOTNOTE}"]
    headers = [p.page for p in result.paragraphs if p.text == samples.DOCX_HEADER]
    footers = [p.page for p in result.paragraphs if p.text == samples.DOCX_FOOTER]
    assert headers == footers == list(range(1, result.pages + 1))
    assert {p.part for p in result.paragraphs if p.text == samples.DOCX_HEADER} == {"header"}


def test_pdf_with_password_is_encrypted_until_the_password_is_given():
    data = samples.pdf_bytes(password="geneva")
    locked = extract(data, "locked.pdf")
    assert locked.status == "encrypted"
    assert "password" in locked.message
    wrong = extract(data, "locked.pdf", password="bern")
    assert wrong.status == "encrypted"
    opened = extract(data, "locked.pdf", password="geneva")
    assert opened.status == "ok"
    assert samples.PDF_PROSE[1] in texts(opened)


def test_truncated_pdf_is_unreadable():
    result = extract(samples.truncated(samples.pdf_bytes(), keep=0.5), "cut.pdf")
    assert result.status == "unreadable"
    assert "PDF" in result.message


def test_pdf_over_the_page_limit_is_too_large():
    result = extract(samples.pdf_bytes(), "long.pdf", limits=Limits(max_pages=2))
    assert result.status == "too_large"
    assert "3 pages" in result.message


# --- OpenDocument, RTF, HTML --------------------------------------------------------------------

def test_odt_headings_lists_tables_footnotes_headers_footers():
    result = extract(samples.odt_bytes(), "contribution.odt")
    assert result.status == "ok"
    assert result.media_type == media.ODT
    assert [(p.text, p.part, p.heading_level) for p in result.paragraphs] == [
        (samples.ODT_HEADER, "header", None),
        (samples.ODT_HEADING, "body", 1),
        (samples.ODT_BODY, "body", None),
        *[(item, "body", None) for item in samples.ODT_ITEMS],
        *[(cell, "table", None) for row in samples.ODT_TABLE for cell in row],
        (samples.FRENCH, "body", None),
        (samples.ODT_FOOTNOTE, "footnote", None),
        (samples.ODT_FOOTER, "footer", None),
    ]


@pytest.mark.slow
@pytest.mark.parametrize("make", [samples.docx_bytes, samples.docx_outline_bytes],
                         ids=["contribution", "outline"])
def test_odt_saved_by_libreoffice_reads_like_the_word_original(make):
    original = make()
    converted = samples.odt_from_word_bytes(original)
    if converted is None:
        pytest.skip("LibreOffice (soffice) is not installed")

    def shape(result):
        return [(p.text, p.part, p.heading_level) for p in result.paragraphs]

    assert shape(extract(converted, "converted.odt")) == shape(extract(original, "x.docx"))


def test_rtf_paragraphs_with_code_page_accents():
    result = extract(samples.rtf_bytes(), "contribution.doc")
    assert result.status == "ok"
    assert result.media_type == media.RTF
    assert texts(result) == list(samples.RTF_PARAGRAPHS)


@pytest.mark.slow
def test_rtf_saved_by_libreoffice_keeps_the_body_text_of_its_word_original(word_original):
    converted = samples.rtf_from_word_bytes(word_original)
    if converted is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    result = extract(converted, "converted.rtf")
    original = extract(word_original, "original.docx")
    assert [(p.text, p.part) for p in result.paragraphs] == [
        (p.text, p.part) for p in original.paragraphs if p.part in ("body", "table")]


def test_html_drops_scripts_and_styles_and_keeps_structure():
    result = extract(samples.html_bytes(), "page.htm")
    assert result.status == "ok"
    assert result.meta == {"title": samples.HTML_TITLE}
    assert [(p.text, p.heading_level) for p in result.paragraphs] == [
        ("Contribución de Chile", 1), ("Chile acoge el plan.", None), ("Prioridades", 2),
        ("1. Universalización", None), ("2. Asistencia a las víctimas", None),
        ("Acción 5", None), ("De acuerdo", None), (samples.SPANISH, None)]
    everything = " ".join(texts(result))
    for leaked in ("fetch", "injected", "color", "tracker", "comment"):
        assert leaked not in everything


@pytest.mark.parametrize("data", [
    '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252">'
    "</head><body><p>Coût : 25 € – « oui »</p></body></html>".encode("cp1252"),
    '<html><head><meta charset="utf-8"></head><body><p>Coût : 25 € – « oui »</p></body>'
    "</html>".encode(),
    "<html><body><p>Coût : 25 € – « oui »</p></body></html>".encode(),
    "<html><body><p>Coût : 25 € – « oui »</p></body></html>".encode("cp1252"),
    "<html><body><p>Coût : 25 € – « oui »</p></body></html>".encode("utf-16"),
], ids=["declared-1252", "declared-utf8", "undeclared-utf8", "undeclared-1252", "utf16-bom"])
def test_html_encodings(data):
    assert texts(extract(data, "page.html")) == ["Coût : 25 € – « oui »"]


def test_extraction_never_opens_a_network_connection(monkeypatch):
    import socket

    attempts = []

    def refuse(self, address, *args):
        attempts.append(address)
        raise OSError("network access during extraction")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    for data, name in ((samples.html_bytes(), "page.html"), (samples.docx_bytes(), "c.docx"),
                       (samples.odt_bytes(), "c.odt"), (samples.pdf_bytes(), "c.pdf")):
        assert extract(data, name).status == "ok"
    assert attempts == []


# --- email and archives -------------------------------------------------------------------------

def test_eml_body_meta_and_attachments():
    result = extract(samples.eml_bytes(), "message.eml")
    assert result.status == "ok"
    assert result.media_type == media.EML
    assert texts(result) == list(samples.EML_BODY)
    assert result.meta == {
        "sender": samples.EML_SENDER, "sender_name": samples.EML_SENDER_NAME,
        "date": samples.EML_DATE, "subject": samples.EML_SUBJECT,
        "to": ", ".join(samples.EML_TO)}
    names = [a.name for a in result.attachments]
    assert names == ["Contribution France.docx", "annexe.pdf",
                     f"{samples.NESTED_SUBJECT.replace(':', '_')}.eml"]
    docx, pdf, nested = result.attachments
    assert samples.DOCX_BODY in texts(extract(docx.data, docx.name))
    assert samples.PDF_PROSE[0] in texts(extract(pdf.data, pdf.name))
    inner = extract(nested.data, nested.name)
    assert inner.media_type == media.EML
    assert inner.meta["subject"] == samples.NESTED_SUBJECT
    assert texts(inner) == [samples.NESTED_BODY]


def test_eml_plain_body_preferred_and_inline_logo_not_an_attachment():
    result = extract(samples.email_with_inline_logo().as_bytes(), "reminder.eml")
    assert texts(result) == ["Dear colleagues,", "Please send your views by 31 August."]
    assert result.attachments == []
    assert result.meta == {"sender": "isu@ccm.invalid", "subject": "Reminder"}


def test_eml_signature_part_is_not_an_attachment():
    message = samples.email_message(
        subject="Signed views", sender="mission@republic.invalid", to=None, date=None,
        body="Our views are attached.\n",
        attachments=[("views.pdf", samples.pdf_bytes(), "application/pdf"),
                     ("smime.p7s", b"0\x82\x01\x00", "application/pkcs7-signature")])
    result = extract(message.as_bytes(), "signed.eml")
    assert [a.name for a in result.attachments] == ["views.pdf"]


def test_eml_with_broken_headers_still_gives_its_body():
    raw = (b"From: =?utf-8?q?broken\r\nDate: not a date\r\nSubject: Views\r\n"
           b"Content-Type: text/plain; charset=unknown-8bit\r\n\r\nOur views: caf\xe9.\r\n")
    result = extract(raw, "x.eml")
    assert result.status == "ok"
    assert "date" not in result.meta
    assert texts(result) == ["Our views: café."]


def test_zip_members_become_attachments_without_directories():
    result = extract(samples.zip_bytes(), "bundle.zip")
    assert result.status == "ok"
    assert result.paragraphs == []
    assert [a.name for a in result.attachments] == ["republic.docx", "republic.pdf", "spain.txt"]
    assert result.attachments[2].data == samples.text_utf8_bytes()


def test_zip_member_names_are_made_safe():
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("../../../etc/evil.txt", b"one")
        archive.writestr("folder/CON.txt", b"two")
        archive.writestr('a<b>|c?.txt', b"three")
    result = extract(out.getvalue(), "names.zip")
    assert [a.name for a in result.attachments] == ["evil.txt", "_CON.txt", "a_b__c_.txt"]


def test_zip_bomb_is_refused_before_inflating():
    result = extract(samples.zip_bomb_bytes(), "bomb.zip")
    assert result.status == "too_large"
    assert result.attachments == []


def test_zip_bomb_declaring_a_modest_size_is_refused_by_its_ratio():
    result = extract(samples.zip_bomb_bytes(declared=150 * 2**20), "bomb.zip")
    assert result.status == "too_large"
    assert "zip bomb" in result.message


def test_zip_declaring_too_many_members_is_refused_before_parsing_them(monkeypatch):
    import io
    import zipfile

    from lapdesk.ingest.formats import common

    monkeypatch.setattr(common, "MAX_MEMBERS", 50)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for index in range(51):
            archive.writestr(f"note-{index}.txt", b"x")
    assert common.declared_members(out.getvalue()) == 51
    result = extract(out.getvalue(), "many.zip")
    assert result.status == "too_large"
    assert "more than 50 parts" in result.message


def test_zip_member_lying_about_its_size_is_not_inflated_past_it():
    result = extract(samples.zip_bomb_bytes(declared=1000), "liar.zip")
    assert result.status == "unreadable"


def test_zip_bomb_inside_a_docx_is_refused():
    result = extract(samples.docx_zip_bomb_bytes(), "bomb.docx")
    assert result.status == "too_large"
    assert "Word" in result.message


def test_archive_caps_the_number_of_members():
    result = extract(samples.zip_bytes(), "bundle.zip", limits=Limits(max_attachments=2))
    assert result.status == "ok"
    assert len(result.attachments) == 2
    assert "more than 2 files" in result.message


# --- legacy Word .doc ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def word_original():
    return samples.docx_bytes()


@pytest.fixture(scope="module")
def legacy_doc(word_original):
    data = samples.doc_bytes(word_original)
    if data is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    return data


@pytest.mark.slow
def test_legacy_doc_reads_exactly_like_its_word_original(legacy_doc, word_original):
    assert sniff(legacy_doc, "old.bin") == media.DOC
    result = extract(legacy_doc, "old.doc")
    assert result.status == "ok"
    assert result.media_type == media.DOC

    def shape(extracted):
        return [(p.text, p.part, p.heading_level) for p in extracted.paragraphs]

    assert shape(result) == shape(extract(word_original, "original.docx"))
    assert (samples.DOCX_FOOTNOTE, "footnote", None) in shape(result)


def test_legacy_doc_without_libreoffice_is_unsupported(legacy_doc, monkeypatch):
    monkeypatch.setenv("PATH", "")
    result = extract(legacy_doc, "old.doc")
    assert result.status == "unsupported"
    assert "LibreOffice" in result.message


@pytest.mark.slow
def test_damaged_legacy_doc_is_unreadable(legacy_doc):
    result = extract(legacy_doc[:6000], "old.doc")
    assert result.status == "unreadable"
    assert "LibreOffice" in result.message


# --- Outlook .msg (genuine compound files built by tests/msg_builder.py) ------------------------

def test_msg_body_meta_and_attachments():
    data = samples.msg_bytes()
    assert sniff(data, "mail.bin") == media.MSG
    result = extract(data, "mail.msg")
    assert result.status == "ok"
    assert texts(result) == list(samples.EML_BODY)
    assert result.meta == {
        "sender": samples.EML_SENDER, "sender_name": samples.EML_SENDER_NAME,
        "date": "2020-08-14T08:15:00+00:00", "subject": samples.EML_SUBJECT,
        "to": ", ".join(samples.EML_TO)}
    assert [a.name for a in result.attachments] == [
        "Contribution France.docx", f"{samples.NESTED_SUBJECT.replace(':', '_')}.msg"]
    docx, nested = result.attachments
    assert samples.DOCX_BODY in texts(extract(docx.data, docx.name))
    inner = extract(nested.data, nested.name)
    assert inner.media_type == media.MSG
    assert inner.meta["subject"] == samples.NESTED_SUBJECT
    assert texts(inner) == [samples.NESTED_BODY]


def test_msg_with_only_an_html_body():
    result = extract(samples.msg_bytes(html=True), "mail.msg")
    assert result.status == "ok"
    assert texts(result) == list(samples.EML_BODY)


def test_truncated_msg_is_unreadable():
    result = extract(samples.truncated(samples.msg_bytes(), keep=0.5), "mail.msg")
    assert result.status == "unreadable"
    assert result.message.endswith(".")


def test_pdf_paragraphs_without_spacing_split_at_short_final_lines():
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(False)
    pdf.add_page()
    pdf.set_font("helvetica", size=11)
    for paragraph in samples.PDF_PROSE[:3]:
        pdf.multi_cell(120, 6, paragraph, new_x="LMARGIN", new_y="NEXT")
    pdf.set_y(-15)
    pdf.cell(0, 6, "7", align="C")
    result = extract(bytes(pdf.output()), "tight.pdf")
    assert [(p.text, p.part) for p in result.paragraphs] == [
        *[(paragraph, "body") for paragraph in samples.PDF_PROSE[:3]], ("7", "footer")]


# --- hostile and damaged input never raises -----------------------------------------------------

def test_odt_with_entity_expansion_is_refused():
    laughs = (b'<?xml version="1.0"?><!DOCTYPE office:document-content ['
              b'<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
              b'<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:'
              b'office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0">'
              b"<office:body><office:text><text:p>&b;</text:p></office:text></office:body>"
              b"</office:document-content>")
    data = samples.replace_members(samples.odt_bytes(), {"content.xml": laughs})
    result = extract(data, "laughs.odt")
    assert result.status == "unreadable"
    assert "entity" in result.message


def test_an_archive_inside_an_archive_comes_back_whole_not_unpacked():
    import io
    import zipfile

    inner, outer = samples.zip_bytes(), io.BytesIO()
    with zipfile.ZipFile(outer, "w") as archive:
        archive.writestr("inner.zip", inner)
    result = extract(outer.getvalue(), "outer.zip")
    assert [(a.name, a.data) for a in result.attachments] == [("inner.zip", inner)]


SAMPLES = {
    "docx": samples.docx_bytes(), "pdf": samples.pdf_bytes(), "odt": samples.odt_bytes(),
    "rtf": samples.rtf_bytes(), "html": samples.html_bytes(), "eml": samples.eml_bytes(),
    "msg": samples.msg_bytes(), "zip": samples.zip_bytes(),
    "txt": samples.text_utf16_bytes(),
}


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(kind=st.sampled_from(sorted(SAMPLES)), cut=st.floats(0.0, 1.0),
       flips=st.lists(st.tuples(st.floats(0.0, 1.0), st.integers(0, 255)), max_size=8))
def test_damaged_files_get_a_status_never_an_exception(kind, cut, flips):
    data = bytearray(SAMPLES[kind][: max(1, int(len(SAMPLES[kind]) * cut))])
    for where, value in flips:
        data[min(int(where * len(data)), len(data) - 1)] = value
    result = extract(bytes(data), f"damaged.{kind}")
    assert result.status in STATUSES
    assert result.status == "ok" or result.message
    assert all(p.text and p.text == p.text.strip() for p in result.paragraphs)


def test_documents_of_different_templates_keep_their_own_styles():
    """Styles are remembered per template: one document's headings never leak into another's."""
    outline, plain = samples.docx_outline_bytes(), samples.docx_bytes()
    first = [(p.text, p.heading_level) for p in extract(outline, "a.docx").paragraphs]
    second = [(p.text, p.heading_level) for p in extract(plain, "b.docx").paragraphs]
    assert [(p.text, p.heading_level) for p in extract(outline, "c.docx").paragraphs] == first
    assert [(p.text, p.heading_level) for p in extract(plain, "d.docx").paragraphs] == second
    assert first != second


def test_each_file_carries_the_language_of_its_own_text():
    """Found in the worker, so that the store's writer need not read a lone file again."""
    assert extract(samples.FRENCH.encode() * 3, "note.txt").language == "fr"
    assert extract(samples.docx_bytes(), "c.docx").language == "en"
    assert extract(b"", "empty.txt").language is None


def test_docx_parts_are_found_by_their_relationships_whatever_their_names():
    """Part names are URIs in the relationships ("header%201.xml") and case does not count."""
    import io
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(samples.docx_bytes()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            name = info.filename
            if name == "word/header1.xml":
                name = "word/Header 1.XML"
            elif name == "word/_rels/document.xml.rels":
                data = data.replace(b'Target="header1.xml"', b'Target="header%201.xml"')
            target.writestr(name, data)
    result = extract(out.getvalue(), "renamed.docx")
    assert texts(result, "header") == [samples.DOCX_HEADER]


@pytest.mark.slow
def test_bold_headings_of_a_word_document_printed_by_libreoffice_are_headings():
    """LibreOffice embeds "DejaVuSerif-Bold" declaring an ordinary weight: the name tells."""
    import io

    import docx

    from lapdesk.core import office

    if office.find_soffice() is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    document = docx.Document()
    for heading, body in (("Universalisation", "States Parties should work with regional "
                           "organisations to promote the Convention among the States that "
                           "have not yet joined it."),
                          ("Victim assistance", "Assistance must reach every survivor.")):
        document.add_paragraph().add_run(heading).bold = True
        document.add_paragraph(body)
    word = io.BytesIO()
    document.save(word)
    pdf = office.convert_bytes(word.getvalue(), suffix=".docx", target="pdf")
    got = [(p.text[:25], p.heading_level) for p in extract(pdf, "printed.pdf").paragraphs]
    assert got == [("Universalisation", 1), ("States Parties should wor", None),
                   ("Victim assistance", 1), ("Assistance must reach eve", None)]


def test_pdf_headings_set_in_bold_at_the_body_size_are_headings():
    """Word's heading styles are often bold at the body's size, with no space around them."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_page()

    def write(text: str, style: str = "") -> None:
        pdf.set_font("helvetica", style=style, size=11)
        pdf.multi_cell(0, 5, text, new_x="LMARGIN", new_y="NEXT")

    write("Universalisation", "B")
    write("States Parties should work with regional organisations to promote the Convention "
          "among the States that have not yet joined it, and report on what they did.")
    write("Victim assistance", "B")
    write("Assistance must reach every survivor.")
    write("A whole paragraph set in bold runs over two lines when it is long enough to wrap "
          "at the right margin of the page.", "B")
    write("Then ordinary text again.")
    result = extract(bytes(pdf.output()), "bold.pdf")
    got = [(p.text[:30], p.heading_level) for p in result.paragraphs]
    assert got == [
        ("Universalisation", 1), ("States Parties should work wit", None),
        ("Victim assistance", 1), ("Assistance must reach every su", None),
        ("A whole paragraph set in bold ", None), ("Then ordinary text again.", None)]


@pytest.mark.parametrize("row_by_row", [True, False], ids=["row-by-row", "column-by-column"])
def test_a_two_column_pdf_is_read_column_by_column(row_by_row):
    result = extract(samples.pdf_two_columns_bytes(row_by_row=row_by_row), "columns.pdf")
    assert result.status == "ok"
    assert texts(result) == [samples.COLUMN_TITLE, *samples.COLUMN_PARAGRAPHS]


def test_a_single_column_page_is_not_taken_for_columns():
    body = texts(extract(samples.pdf_bytes(), "one.pdf"), "body")
    assert body[:3] == [samples.PDF_TITLE, *samples.PDF_PROSE[:2]]
