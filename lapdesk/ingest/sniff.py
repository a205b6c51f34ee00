"""What a received file really is, judged by its content.

People rename files, mail clients mangle names, and a ``.pdf`` may be a Word document: the
name's ending is only a last tie-breaker between equally plausible readings of the bytes.
"""

from __future__ import annotations

import io
import re
import zipfile

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
ODT = "application/vnd.oasis.opendocument.text"
DOC = "application/msword"
MSG = "application/vnd.ms-outlook"
OLE = "application/x-ole-storage"
ENCRYPTED_OFFICE = "application/x-ms-office-encrypted"  # a password-protected .docx/.xlsx
PDF = "application/pdf"
RTF = "application/rtf"
HTML = "text/html"
EML = "message/rfc822"
TEXT = "text/plain"
MARKDOWN = "text/markdown"
ZIP = "application/zip"
UNKNOWN = "application/octet-stream"

_IMAGES = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"II*\x00", "image/tiff"),
    (b"MM\x00*", "image/tiff"),
    (b"BM", "image/bmp"),
)
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_HEAD_BYTES = 65536  # enough for the longest header block a mail server writes

# Header lines that open an email (or an mbox "From " line before them).
_EMAIL_HEADERS = ("from", "received", "mime-version", "subject", "return-path", "message-id",
                  "date", "to", "cc", "delivered-to", "x-mailer", "reply-to", "content-type")
_EMAIL_ONLY_HEADERS = ("from", "received", "mime-version", "message-id", "return-path",
                       "delivered-to")
_HEADER_LINE = re.compile(r"^([A-Za-z][A-Za-z0-9-]*):[ \t]")
_HTML_START = re.compile(r"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]", re.IGNORECASE)

_BY_ENDING = {
    ".html": HTML, ".htm": HTML, ".xhtml": HTML, ".eml": EML, ".md": MARKDOWN,
    ".markdown": MARKDOWN, ".txt": TEXT, ".text": TEXT,
}


def sniff(data: bytes, name: str) -> str:
    """The media type of ``data``, judged by content; ``name`` only breaks ties.

    :param data: the file's bytes.
    :param name: the file's name as received (used only when the content is ambiguous).
    """
    ending = _ending(name)
    if not data:
        return UNKNOWN
    head = data[:_HEAD_BYTES]
    if b"%PDF-" in data[:1024]:
        return PDF
    if head.lstrip(b"\xef\xbb\xbf\r\n\t ").startswith(b"{\\rtf"):
        return RTF
    if head.startswith(_ZIP_MAGIC):
        return _sniff_zip(data, ending)
    if head.startswith(_OLE_MAGIC):
        return _sniff_ole(data, ending)
    for magic, media_type in _IMAGES:
        if head.startswith(magic):
            return media_type
    text = _decode_head(data)
    if text is None:
        return UNKNOWN
    start = text.lstrip("\ufeff \t\r\n")
    if _looks_like_email(start):
        return EML
    if start.startswith("<") and _HTML_START.search(start[:1024]):
        return HTML
    return _BY_ENDING.get(ending, TEXT)


def _ending(name: str) -> str:
    name = (name or "").lower().rsplit("/", 1)[-1].rsplit("\\", 1)[-1]
    return name[name.rfind("."):] if "." in name else ""


def _sniff_zip(data: bytes, ending: str) -> str:
    """Office and OpenDocument files are ZIP containers; their member list says which."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            mimetype = b""
            if "mimetype" in names and archive.getinfo("mimetype").file_size < 200:
                mimetype = archive.read("mimetype").strip()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        # A damaged container: trust the ending to say which damaged thing it is.
        return {".docx": DOCX, ".odt": ODT}.get(ending, ZIP)
    if "word/document.xml" in names:
        return DOCX
    if mimetype.startswith(b"application/vnd.oasis.opendocument.text"):
        return ODT
    if mimetype.startswith(b"application/vnd.oasis.opendocument"):
        return mimetype.decode("ascii", "replace")
    if "xl/workbook.xml" in names:
        return XLSX
    if "ppt/presentation.xml" in names:
        return PPTX
    return ZIP


def _sniff_ole(data: bytes, ending: str) -> str:
    """OLE2 compound files hold Outlook messages, legacy Word documents and much else."""
    import olefile

    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            streams = ["/".join(entry) for entry in ole.listdir(streams=True, storages=True)]
    except Exception:  # olefile raises many kinds of error on damaged files
        return {".msg": MSG, ".doc": DOC}.get(ending, OLE)
    tops = {path.split("/", 1)[0] for path in streams}
    if "__properties_version1.0" in tops or any(t.startswith("__substg1.0_") for t in tops):
        return MSG
    if "WordDocument" in tops:
        return DOC
    if "EncryptedPackage" in tops:
        return ENCRYPTED_OFFICE
    return OLE


# Bytes that are not control characters (tab, line feed, form feed, return, escape are not).
_NOT_CONTROL = bytes([9, 10, 12, 13, 27, *range(32, 256)])


def _decode_head(data: bytes) -> str | None:
    """The start of the file as text, or None when it is not text in any common encoding."""
    head = data[:_HEAD_BYTES]
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"),
                       (b"\xfe\xff", "utf-16-be")):
        if head.startswith(bom):
            return head[len(bom):].decode(codec, errors="ignore")
    if b"\x00" in head:
        codec = utf16_without_bom(head)
        return head.decode(codec, errors="ignore") if codec else None
    controls = len(head.translate(None, _NOT_CONTROL))  # what is left are control bytes
    if controls > len(head) // 100 + 1:
        return None
    try:
        return head.decode("utf-8")
    except UnicodeDecodeError as error:
        if error.start >= len(head) - 4:  # a character cut by the head's end
            return head[:error.start].decode("utf-8")
    return head.decode("cp1252", errors="replace")


def utf16_without_bom(head: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when every other byte is zero, as in UTF-16 Latin text."""
    zeros_odd, zeros_even = head[1::2].count(0), head[0::2].count(0)
    if zeros_odd > len(head) // 4 and zeros_even < len(head) // 50 + 1:
        return "utf-16-le"
    if zeros_even > len(head) // 4 and zeros_odd < len(head) // 50 + 1:
        return "utf-16-be"
    return None


def _looks_like_email(text: str) -> bool:
    """RFC 822 headers at the very top: header-shaped lines up to the first blank one, among
    them at least two an email carries and one that only an email carries.

    Mail servers add dozens of ``X-...`` headers, so unknown names are allowed; a sentence with
    a colon fails because the lines after it are not headers.
    """
    lines = text.splitlines()
    if len(text.encode("utf-8", "ignore")) >= _HEAD_BYTES - 4 and len(lines) > 1:
        lines = lines[:-1]  # the head cut the last line short
    if lines and lines[0].startswith("From ") and not _HEADER_LINE.match(lines[0]):
        lines = lines[1:]  # an mbox separator line
    names = []
    for line in lines:
        if not line.strip():
            break
        if line[0] in " \t" and names:
            continue  # a folded header continues
        match = _HEADER_LINE.match(line)
        if not match:
            return False
        names.append(match.group(1).lower())
    known = [name for name in names if name in _EMAIL_HEADERS]
    return len(known) >= 2 and any(name in _EMAIL_ONLY_HEADERS for name in known)
