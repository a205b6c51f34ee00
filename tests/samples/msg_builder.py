"""Genuine Outlook .msg files, written the way [MS-OXMSG] lays them out.

extract-msg cannot compose messages, and no small public .msg fixture could be fetched into
this repository, so the tests build their own: a real OLE2 compound file (written by
extract-msg's own ``OleWriter``, an [MS-CFB] implementation) holding the MAPI property streams
and storages Outlook writes: the property stream with its header, Unicode string and binary
property streams, a named-property map, recipient objects and attachment objects, and an
attached message embedded as a storage (``PR_ATTACH_DATA_OBJ``).
"""

from __future__ import annotations

import datetime as dt
import io
import struct
from dataclasses import dataclass, field

PT_LONG, PT_BOOLEAN, PT_SYSTIME = 0x0003, 0x000B, 0x0040
PT_UNICODE, PT_BINARY, PT_OBJECT = 0x001F, 0x0102, 0x000D
READABLE_WRITABLE = 0x06
STORE_UNICODE_OK = 0x40000
ATTACH_BY_VALUE, ATTACH_EMBEDDED_MSG = 1, 5
MAPI_TO = 1

# Property ids ([MS-OXPROPS]).
MESSAGE_CLASS, SUBJECT, CLIENT_SUBMIT_TIME, DELIVERY_TIME = 0x001A, 0x0037, 0x0039, 0x0E06
SENDER_NAME, SENDER_EMAIL, SENDER_SMTP, DISPLAY_TO = 0x0C1A, 0x0C1F, 0x5D01, 0x0E04
MESSAGE_FLAGS, BODY, HTML, STORE_SUPPORT_MASK = 0x0E07, 0x1000, 0x1013, 0x340D
INTERNET_CODEPAGE = 0x3FDE
RECIPIENT_TYPE, DISPLAY_NAME, EMAIL_ADDRESS, SMTP_ADDRESS = 0x0C15, 0x3001, 0x3003, 0x39FE
ATTACH_DATA, ATTACH_FILENAME, ATTACH_LONG_FILENAME, ATTACH_METHOD = 0x3701, 0x3704, 0x3707, 0x3705
ATTACH_MIME_TAG, ATTACH_NUM = 0x370E, 0x0E21
MSGFLAG_READ = 0x01


@dataclass
class MsgAttachment:
    name: str
    data: bytes = b""
    mime: str = "application/octet-stream"
    embedded: MsgMessage | None = None


@dataclass
class MsgMessage:
    subject: str
    sender_name: str
    sender_email: str
    to: list[tuple[str, str]]
    sent: dt.datetime
    body: str = ""
    html: str = ""
    attachments: list[MsgAttachment] = field(default_factory=list)


def _filetime(when: dt.datetime) -> int:
    epoch = dt.datetime(1601, 1, 1, tzinfo=dt.UTC)
    return int((when - epoch).total_seconds() * 10_000_000)


class _Properties:
    """One object's ``__properties_version1.0`` stream and its variable-length streams."""

    def __init__(self):
        self.fixed: list[bytes] = []
        self.streams: dict[str, bytes] = {}

    def long(self, prop: int, value: int, kind: int = PT_LONG) -> None:
        self.fixed.append(struct.pack("<IIIi", prop << 16 | kind, READABLE_WRITABLE, value, 0)
                          if kind != PT_SYSTIME else
                          struct.pack("<IIQ", prop << 16 | kind, READABLE_WRITABLE, value))

    def text(self, prop: int, value: str) -> None:
        self._variable(prop, PT_UNICODE, value.encode("utf-16-le"), terminator=2)

    def binary(self, prop: int, value: bytes) -> None:
        self._variable(prop, PT_BINARY, value)

    def _variable(self, prop: int, kind: int, data: bytes, terminator: int = 0) -> None:
        self.fixed.append(struct.pack("<IIII", prop << 16 | kind, READABLE_WRITABLE,
                                      len(data) + terminator, 0))
        self.streams[f"__substg1.0_{prop:04X}{kind:04X}"] = data

    def stream(self, header: bytes) -> bytes:
        return header + b"".join(self.fixed)


def msg_bytes(message: MsgMessage) -> bytes:
    """The bytes of a .msg file holding ``message``."""
    from extract_msg.ole_writer import OleWriter

    writer = OleWriter()
    writer.addEntry("__nameid_version1.0", storage=True)
    for stream in ("__substg1.0_00020102", "__substg1.0_00030102", "__substg1.0_00040102"):
        writer.addEntry(f"__nameid_version1.0/{stream}", b"")
    _write_message(writer, "", message, embedded=False)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _write_message(writer, prefix: str, message: MsgMessage, *, embedded: bool) -> None:
    props = _Properties()
    props.text(MESSAGE_CLASS, "IPM.Note")
    props.text(SUBJECT, message.subject)
    props.text(SENDER_NAME, message.sender_name)
    props.text(SENDER_EMAIL, message.sender_email)
    props.text(SENDER_SMTP, message.sender_email)
    props.text(DISPLAY_TO, "; ".join(name for name, _ in message.to))
    if message.body:
        props.text(BODY, message.body)
    if message.html:
        props.binary(HTML, message.html.encode("utf-8"))
        props.long(INTERNET_CODEPAGE, 65001)
    props.long(CLIENT_SUBMIT_TIME, _filetime(message.sent), PT_SYSTIME)
    props.long(DELIVERY_TIME, _filetime(message.sent), PT_SYSTIME)
    props.long(MESSAGE_FLAGS, MSGFLAG_READ)
    props.long(STORE_SUPPORT_MASK, STORE_UNICODE_OK)
    counts = struct.pack("<8sIIII", b"", len(message.to), len(message.attachments),
                         len(message.to), len(message.attachments))
    header = counts if embedded else counts + b"\0" * 8
    writer.addEntry(f"{prefix}__properties_version1.0", props.stream(header))
    for name, data in props.streams.items():
        writer.addEntry(f"{prefix}{name}", data)
    for index, (name, address) in enumerate(message.to):
        storage = f"{prefix}__recip_version1.0_#{index:08X}"
        writer.addEntry(storage, storage=True)
        recipient = _Properties()
        recipient.long(RECIPIENT_TYPE, MAPI_TO)
        recipient.text(DISPLAY_NAME, name)
        recipient.text(EMAIL_ADDRESS, address)
        recipient.text(SMTP_ADDRESS, address)
        _write_object(writer, storage, recipient)
    for index, attachment in enumerate(message.attachments):
        storage = f"{prefix}__attach_version1.0_#{index:08X}"
        writer.addEntry(storage, storage=True)
        props = _Properties()
        props.long(ATTACH_NUM, index)
        props.text(ATTACH_LONG_FILENAME, attachment.name)
        props.text(ATTACH_FILENAME, attachment.name[:12])
        if attachment.embedded is None:
            props.long(ATTACH_METHOD, ATTACH_BY_VALUE)
            props.text(ATTACH_MIME_TAG, attachment.mime)
            props.binary(ATTACH_DATA, attachment.data)
            _write_object(writer, storage, props)
        else:
            props.long(ATTACH_METHOD, ATTACH_EMBEDDED_MSG)
            props.fixed.append(struct.pack("<IIIi", ATTACH_DATA << 16 | PT_OBJECT,
                                           READABLE_WRITABLE, 0xFFFFFFFF, 0))
            _write_object(writer, storage, props)
            inner = f"{storage}/__substg1.0_3701000D"
            writer.addEntry(inner, storage=True)
            _write_message(writer, f"{inner}/", attachment.embedded, embedded=True)


def _write_object(writer, storage: str, props: _Properties) -> None:
    writer.addEntry(f"{storage}/__properties_version1.0", props.stream(b"\0" * 8))
    for name, data in props.streams.items():
        writer.addEntry(f"{storage}/{name}", data)
