"""Email (.eml, RFC 822): the body as paragraphs, who sent it and when, and its attachments.

Attachments, nested emails included, come back as :class:`Attachment` for the pipeline to
ingest in their turn; this module never recurses into them itself.  Pictures embedded in an
HTML body (a signature's logo) are part of the body, not attachments, and are left out.
"""

from __future__ import annotations

import email
from email import policy
from email.message import EmailMessage, Message

from lapdesk.ingest.extracted import Attachment, Extracted, Limits
from lapdesk.ingest.formats.mailparts import body_paragraphs, too_many_attachments

_SIGNATURES = ("application/pkcs7-signature", "application/x-pkcs7-signature",
               "application/pgp-signature")
_MAX_PARTS = 10_000  # MIME parts walked in one message, against pathological nesting


class _ReadOnlyMessage(EmailMessage):
    """A received message, never changed once parsed, that parses its Content-Type and
    Content-Disposition once: the email package parses a header again at every read, and
    finding the body reads them a dozen times per part (40% of the time of a short email)."""

    def get_content_type(self) -> str:
        if "_content_type" not in self.__dict__:
            self.__dict__["_content_type"] = super().get_content_type()
        return self.__dict__["_content_type"]

    def get_content_disposition(self) -> str | None:
        if "_content_disposition" not in self.__dict__:
            self.__dict__["_content_disposition"] = super().get_content_disposition()
        return self.__dict__["_content_disposition"]


_POLICY = policy.default.clone(message_factory=_ReadOnlyMessage)


def extract(data: bytes, *, limits: Limits, password: str | None = None) -> Extracted:
    message = email.message_from_bytes(data, policy=_POLICY)
    plain, html, extra, attachments = _split(message, limits)
    paragraphs = body_paragraphs(plain=plain, html=html)
    for text in extra:
        paragraphs += body_paragraphs(plain=text, html=None)
    message_text = ""
    if len(attachments) > limits.max_attachments:
        attachments = attachments[: limits.max_attachments]
        message_text = too_many_attachments(limits)
    return Extracted("ok", message_text, paragraphs=paragraphs, attachments=attachments,
                     meta=_meta(message))


def _split(message: EmailMessage, limits: Limits):
    """The plain and HTML bodies, other inline text parts, and the attachments, in order."""
    plain = _safe(lambda: message.get_body(preferencelist=("plain",)))
    html = _safe(lambda: message.get_body(preferencelist=("html",)))
    bodies = {id(part) for part in (plain, html) if part is not None}
    extra: list[str] = []
    attachments: list[Attachment] = []
    stack: list[tuple[Message, str]] = [(message, "")]
    walked = 0
    while stack and walked < _MAX_PARTS and len(attachments) <= limits.max_attachments:
        part, parent = stack.pop()
        walked += 1
        content_type = part.get_content_type()
        if content_type == "message/rfc822" and part is not message:
            attachments.append(_nested(part, len(attachments)))
            continue
        if part.is_multipart():
            payload = part.get_payload()
            if isinstance(payload, list):
                stack.extend((child, content_type) for child in reversed(payload))
            continue
        if id(part) in bodies:
            continue
        disposition = part.get_content_disposition()
        filename = _safe(part.get_filename)
        if content_type in ("text/plain", "text/html") and not filename \
                and disposition != "attachment":
            if parent != "multipart/alternative":
                extra.append(_text(part) if content_type == "text/plain"
                             else _html_as_text(part))
            continue
        if parent == "multipart/related" and part.get("Content-ID") \
                and disposition != "attachment":
            continue  # a picture shown inside the HTML body
        if content_type in _SIGNATURES:
            continue  # the sender's S/MIME or PGP signature, not a document
        data = _safe(lambda p=part: p.get_payload(decode=True)) or b""
        if not data and not filename:
            continue
        attachments.append(Attachment(filename or _default_name(content_type, len(attachments)),
                                      data))
    return (_text(plain) if plain is not None else None,
            _text(html) if html is not None and plain is None else None, extra, attachments)


def _nested(part: Message, index: int) -> Attachment:
    """A forwarded email, attached whole: it comes back as an .eml of its own."""
    payload = part.get_payload()
    inner = payload[0] if isinstance(payload, list) and payload else None
    if inner is None:
        return Attachment(f"message-{index + 1}.eml", part.get_payload(decode=True) or b"")
    subject = _safe(lambda: str(inner.get("Subject") or "")) or f"message-{index + 1}"
    name = _safe(part.get_filename) or f"{subject}.eml"
    return Attachment(name, inner.as_bytes())


def _text(part: Message) -> str:
    try:
        content = part.get_content()
        return content if isinstance(content, str) else content.decode("utf-8", "replace")
    except (LookupError, ValueError, AttributeError, KeyError):
        raw = part.get_payload(decode=True) or b""
        return raw.decode("cp1252", errors="replace")


def _html_as_text(part: Message) -> str:
    from lapdesk.ingest.formats.html import html_paragraphs

    return "\n\n".join(p.text for p in html_paragraphs(_text(part))[0])


def _default_name(content_type: str, index: int) -> str:
    import mimetypes

    extension = mimetypes.guess_extension(content_type) or ".bin"
    return f"attachment-{index + 1}{extension}"


def _meta(message: EmailMessage) -> dict[str, str]:
    meta: dict[str, str] = {}
    sender = _safe(lambda: message["From"])
    addresses = _safe(lambda: sender.addresses) if sender is not None else None
    if addresses:
        meta["sender"] = addresses[0].addr_spec
        if addresses[0].display_name:
            meta["sender_name"] = addresses[0].display_name
    elif sender:
        meta["sender"] = str(sender)
    date = _safe(lambda: message["Date"])
    when = _safe(lambda: date.datetime) if date is not None else None
    if when is not None:
        meta["date"] = when.isoformat()
    subject = _safe(lambda: str(message["Subject"] or ""))
    if subject:
        meta["subject"] = " ".join(subject.split())
    to = _safe(lambda: message["To"])
    to_addresses = _safe(lambda: to.addresses) if to is not None else None
    if to_addresses:
        meta["to"] = ", ".join(a.addr_spec for a in to_addresses if a.addr_spec)
    return meta


def _safe(read):
    """A header or part read that returns None instead of raising on malformed input."""
    try:
        return read()
    except Exception:  # noqa: BLE001 - the email package raises many kinds on bad headers
        return None
