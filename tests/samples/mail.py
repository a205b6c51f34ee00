"""Email: an .eml with an HTML body, attachments and a forwarded email; an Outlook .msg."""

from __future__ import annotations

from .pdf import pdf_bytes
from .word import docx_bytes

EML_SENDER = "mission.france@diplomatie.invalid"
EML_SENDER_NAME = "Mission permanente de la France"
EML_SUBJECT = "Contribution de la France – Plan d'action de Lausanne"
EML_DATE = "2020-08-14T10:15:00+02:00"
EML_TO = ("presidency@ccm.invalid", "isu@ccm.invalid")
EML_BODY = ("Madame la Présidente,", "Veuillez trouver ci-joint la contribution de la France.",
            "Avec nos salutations distinguées.")
NESTED_SUBJECT = "Fwd: Views of the Republic"
NESTED_BODY = "The Republic's views are in the attached document."


def email_message(*, subject: str, body: str, sender: str = "Mission <mission@example.invalid>",
                  to: str | None = "presidency@ccm.invalid",
                  date: str | None = "Fri, 05 Jun 2020 10:00:00 +0200", subtype: str = "plain",
                  attachments: list[tuple] = ()):
    """An email with attachments given as ``(name, bytes, media type)`` — or ``(name or None,
    an email message, "message/rfc822")`` for a forwarded one: the one builder for tests that
    need an email of their own.  ``to`` or ``date`` set to None leaves that header out;
    ``subtype="html"`` makes the body HTML only, as many mail programs send it."""
    from email.message import EmailMessage

    message = EmailMessage()
    message["From"] = sender
    if to is not None:
        message["To"] = to
    message["Subject"] = subject
    if date is not None:
        message["Date"] = date
    message.set_content(body, subtype=subtype)
    for name, data, media_type in attachments:
        if isinstance(data, EmailMessage):
            message.add_attachment(data, **({"filename": name} if name else {}))
        else:
            maintype, subtype_ = media_type.split("/", 1)
            message.add_attachment(data, maintype=maintype, subtype=subtype_, filename=name)
    return message


def email_with_inline_logo():
    """A reminder with a plain body and an HTML alternative that shows a logo from a related
    part: the logo is part of the body, not an attachment."""
    message = email_message(subject="Reminder", sender="isu@ccm.invalid", to=None, date=None,
                            body="Dear colleagues,\n\nPlease send your views by 31 August.\n")
    message.add_alternative("<p>Dear colleagues,</p><p>Please send your views by 31 August."
                            '</p><img src="cid:logo">', subtype="html")
    message.get_payload()[1].add_related(b"\x89PNG\r\n\x1a\n" + b"\0" * 64, maintype="image",
                                         subtype="png", cid="<logo>")
    return message


def nested_email():
    from email.message import EmailMessage

    inner = EmailMessage()
    inner["From"] = "Republic Mission <mission@republic.invalid>"
    inner["To"] = EML_SENDER
    inner["Subject"] = NESTED_SUBJECT
    inner["Date"] = "Thu, 13 Aug 2020 16:00:00 +0000"
    inner.set_content(NESTED_BODY)
    return inner


def eml_bytes() -> bytes:
    """An email with an HTML-only body, a .docx, a .pdf (under a hostile name) and a forwarded
    email attached as message/rfc822."""
    from email.message import EmailMessage
    from email.utils import formataddr

    message = EmailMessage()
    message["From"] = formataddr((EML_SENDER_NAME, EML_SENDER))
    message["To"] = ", ".join(EML_TO)
    message["Subject"] = EML_SUBJECT
    message["Date"] = "Fri, 14 Aug 2020 10:15:00 +0200"
    message["Message-ID"] = "<contribution-fr@diplomatie.invalid>"
    paragraphs = "".join(f"<p>{p}</p>" for p in EML_BODY)
    message.set_content(f"<html><body>{paragraphs}<img src=\"http://tracker.invalid/t.gif\">"
                        "</body></html>", subtype="html")
    message.add_attachment(docx_bytes(), maintype="application",
                           subtype="vnd.openxmlformats-officedocument.wordprocessingml.document",
                           filename="Contribution France.docx")
    message.add_attachment(pdf_bytes(), maintype="application", subtype="pdf",
                           filename="../../annexe.pdf")
    message.add_attachment(nested_email())
    return message.as_bytes()


def msg_bytes(*, html: bool = False) -> bytes:
    """An Outlook .msg (see :mod:`msg_builder`) from the same sender as :func:`eml_bytes`, with
    a plain (or, with ``html=True``, an HTML-only) body, a .docx and an attached Outlook
    message."""
    import datetime as dt

    from . import msg_builder as mb

    inner = mb.MsgMessage(NESTED_SUBJECT, "Republic Mission", "mission@republic.invalid",
                          [(EML_SENDER_NAME, EML_SENDER)],
                          dt.datetime(2020, 8, 13, 16, 0, tzinfo=dt.UTC), body=NESTED_BODY)
    body = "\r\n\r\n".join(EML_BODY) + "\r\n"
    html_body = "<html><body>" + "".join(f"<p>{p}</p>" for p in EML_BODY) + "</body></html>"
    message = mb.MsgMessage(
        EML_SUBJECT, EML_SENDER_NAME, EML_SENDER, [("Presidency", EML_TO[0]), ("ISU", EML_TO[1])],
        dt.datetime.fromisoformat(EML_DATE), body="" if html else body,
        html=html_body if html else "",
        attachments=[
            mb.MsgAttachment("Contribution France.docx", docx_bytes(),
                             "application/vnd.openxmlformats-officedocument."
                             "wordprocessingml.document"),
            mb.MsgAttachment(NESTED_SUBJECT, embedded=inner)])
    return mb.msg_bytes(message)
