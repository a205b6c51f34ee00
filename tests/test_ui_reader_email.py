"""An email's From, To, Subject and Date above its body in the reader (#19, point 3)."""

from __future__ import annotations

import samples
from desk_helpers import open_desk, settle
from samples.mail import EML_BODY, EML_SENDER, EML_SENDER_NAME, EML_SUBJECT, EML_TO

from lapdesk.ingest import sniff
from lapdesk.ingest.mail_headers import mail_headers
from lapdesk.ingest.pipeline import import_paths


def test_the_headers_of_an_eml_and_a_msg_are_read_from_the_original():
    eml = mail_headers(samples.eml_bytes(), sniff.EML)
    assert eml.sender == f"{EML_SENDER_NAME} <{EML_SENDER}>"
    assert eml.to == ", ".join(EML_TO) and eml.subject == EML_SUBJECT
    assert eml.date == "14 August 2020, 10:15 (+02:00)"
    msg = mail_headers(samples.msg_bytes(), sniff.MSG)
    assert EML_SENDER in msg.sender and msg.subject == EML_SUBJECT
    assert EML_TO[0] in msg.to and msg.date.startswith("14 August 2020")
    assert mail_headers(b"not an email at all", sniff.MSG) is None  # the body alone, no error
    assert mail_headers(b"%PDF-1.4", "application/pdf") is None


def test_the_reader_shows_an_emails_headers_above_its_body(qtbot, store, tmp_path):
    mail = tmp_path / "france.eml"
    mail.write_bytes(samples.eml_bytes())
    import_paths(store, [mail], workers=1)
    contribution = store.query_one("SELECT id FROM contributions WHERE channel = 'email'")["id"]
    window = open_desk(qtbot, store)
    window.open_contribution(contribution)
    settle(window)
    lines = window.reader.toPlainText().splitlines()
    assert lines[:4] == [f"From:  {EML_SENDER_NAME} <{EML_SENDER}>", f"To:  {', '.join(EML_TO)}",
                         f"Subject:  {EML_SUBJECT}", "Date:  14 August 2020, 10:15 (+02:00)"]
    # The text below is the body as before: offsets still map to its paragraphs.
    window.reader.select_span(0, len(EML_BODY[0]))
    assert window.reader.textCursor().selectedText() == EML_BODY[0]
    assert window.reader.selected_span() == (0, len(EML_BODY[0]))
    window.close()
