"""An email's From, To, Subject and Date, read again from its stored original for the reader.

The store keeps what the import needed (the sender's address, the subject, the date as the
contribution's received date); the reader shows the headers as the message bore them, display
names included, above the body.  Only the headers of an .eml are parsed (a fraction of a
millisecond however large its attachments); an Outlook .msg is opened by extract-msg.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from email import policy
from email.parser import BytesHeaderParser
from email.utils import parsedate_to_datetime

from lapdesk.core.errors import LapdeskError
from lapdesk.core.records import StoredFile
from lapdesk.ingest import sniff
from lapdesk.store import contributions
from lapdesk.store.database import Store

EMAIL_TYPES = (sniff.EML, sniff.MSG)
# Headers already read, by the original's SHA-256: the reader asks again at every edit.
_READ: dict[str, MailHeaders | None] = {}
_READ_MAX = 256


@dataclass(frozen=True)
class MailHeaders:
    """What the reader shows above an email's body (empty strings where a header is missing)."""

    sender: str
    to: str
    subject: str
    date: str  # "5 June 2020, 14:32 (+02:00)"

    def lines(self) -> list[tuple[str, str]]:
        """(label, value) for each header present, in the order mail programs show them."""
        return [(label, value) for label, value in (
            ("From", self.sender), ("To", self.to), ("Subject", self.subject),
            ("Date", self.date)) if value]


def _date_words(value) -> str:
    if value is None:
        return ""
    try:
        when = value if hasattr(value, "strftime") else parsedate_to_datetime(str(value))
    except (TypeError, ValueError, IndexError):
        return str(value)
    zone = when.strftime(" (%z)") if when.tzinfo else ""
    if zone:
        zone = f" ({zone[2:5]}:{zone[5:7]})"
    return f"{when.day} {when.strftime('%B %Y, %H:%M')}{zone}"


def _eml(data: bytes) -> MailHeaders:
    headers = BytesHeaderParser(policy=policy.default).parsebytes(data)

    def text(name: str) -> str:
        try:
            value = headers.get(name)
        except (ValueError, IndexError, TypeError):  # a header the parser cannot make sense of
            return ""
        return " ".join(str(value).split()) if value is not None else ""

    try:
        date = headers.get("Date")
        when = getattr(date, "datetime", None) or date
    except (ValueError, IndexError, TypeError):
        when = None
    return MailHeaders(text("From"), text("To"), text("Subject"), _date_words(when))


def _msg(data: bytes) -> MailHeaders:
    import logging

    import extract_msg

    logging.getLogger("extract_msg").setLevel(logging.CRITICAL)
    message = extract_msg.openMsg(data, strict=False, delayAttachments=True)
    try:
        def text(name: str) -> str:
            try:
                return " ".join(str(getattr(message, name) or "").split())
            except Exception:  # noqa: BLE001 - extract-msg raises many kinds on bad input
                return ""

        try:
            when = message.date
        except Exception:  # noqa: BLE001
            when = None
        return MailHeaders(text("sender"), text("to"), text("subject"), _date_words(when))
    finally:
        message.close()


def mail_headers(data: bytes, media_type: str) -> MailHeaders | None:
    """The headers of a stored email (``None`` for anything else, or one too damaged to
    read: the reader then shows the body alone, as before)."""
    if media_type not in EMAIL_TYPES:
        return None
    try:
        return _eml(data) if media_type == sniff.EML else _msg(data)
    except Exception:  # noqa: BLE001 - a damaged original must not stop the reader
        return None


def headers_of(store: Store, files: Sequence[StoredFile]) -> MailHeaders | None:
    """The headers of the contribution's email, when it came as one (its first file, as
    ``contributions.files_of`` lists them)."""
    email = next((f for f in files if f.parent_id is None), None)
    if email is None or email.media_type not in EMAIL_TYPES:
        return None
    digest = email.sha256
    if digest not in _READ:
        if len(_READ) >= _READ_MAX:
            _READ.clear()
        try:
            data = contributions.blob(store, digest)
        except LapdeskError:  # an original not kept: the body alone, as before
            return None
        _READ[digest] = mail_headers(data, email.media_type)
    return _READ[digest]
