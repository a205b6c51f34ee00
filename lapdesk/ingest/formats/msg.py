"""Outlook .msg messages, through extract-msg: body, sender and date, attachments.

Attached files come back as :class:`Attachment`; an attached Outlook message comes back as a
.msg of its own (re-written by extract-msg) for the pipeline to ingest in its turn.
"""

from __future__ import annotations

import email.utils
import logging

from lapdesk.ingest.extracted import Attachment, Extracted, Limits
from lapdesk.ingest.formats.common import unreadable
from lapdesk.ingest.formats.mailparts import body_paragraphs, too_many_attachments

WHAT = "This Outlook message"


def extract(data: bytes, *, limits: Limits, password: str | None = None) -> Extracted:
    import extract_msg

    logging.getLogger("extract_msg").setLevel(logging.CRITICAL)  # it logs every oddity
    try:
        message = extract_msg.openMsg(data, strict=False, delayAttachments=False)
    except Exception as error:  # noqa: BLE001 - extract-msg raises many kinds on bad input
        raise unreadable(f"{WHAT} is damaged or incomplete and cannot be opened.") from error
    try:
        body = _read(lambda: message.body)
        html = _read(lambda: message.htmlBody)  # bytes: decoded by its declared charset
        paragraphs = body_paragraphs(plain=body, html=html)
        attachments, note = _attachments(message, limits)
        return Extracted("ok", note, paragraphs=paragraphs, attachments=attachments,
                         meta=_meta(message))
    finally:
        message.close()


def _attachments(message, limits: Limits) -> tuple[list[Attachment], str]:
    from extract_msg.enums import AttachmentType

    found: list[Attachment] = []
    for index, attachment in enumerate(_read(lambda: message.attachments) or []):
        if len(found) >= limits.max_attachments:
            return found, too_many_attachments(limits)
        kind = getattr(attachment, "type", None)
        name = _read(lambda a=attachment: a.getFilename()) or f"attachment-{index + 1}"
        if kind == AttachmentType.MSG:
            data = _read(lambda a=attachment: a.data.exportBytes())
            if not name.lower().endswith(".msg"):
                name = f"{name}.msg"
        elif kind in (AttachmentType.DATA, AttachmentType.SIGNED):
            data = _read(lambda a=attachment: a.data)
        else:
            continue  # links to web files, broken or unsupported attachment kinds
        if isinstance(data, bytes | bytearray):
            found.append(Attachment(name, bytes(data)))
    return found, ""


def _meta(message) -> dict[str, str]:
    meta: dict[str, str] = {}
    sender = _read(lambda: message.sender)
    if sender:
        name, address = email.utils.parseaddr(sender)
        if address:
            meta["sender"] = address
        if name:
            meta["sender_name"] = name
    when = _read(lambda: message.date)
    if when is not None and hasattr(when, "isoformat"):
        meta["date"] = when.isoformat()
    subject = _read(lambda: message.subject)
    if subject:
        meta["subject"] = " ".join(subject.split())
    to = _read(lambda: message.to)
    if to:
        addresses = [address for _, address in email.utils.getaddresses([to]) if address]
        if addresses:
            meta["to"] = ", ".join(addresses)
    return meta


def _read(read):
    """One property of the message, or None when extract-msg cannot read it."""
    try:
        return read()
    except Exception:  # noqa: BLE001 - a damaged property must not cost the rest
        return None
