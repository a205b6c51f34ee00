"""What every extractor needs: clean paragraph text, guarded ZIP and XML reading, failures.

Received files come from strangers, so containers are opened behind the caps of
:class:`~lapdesk.ingest.extracted.Limits` (sizes checked before anything is inflated) and XML
is parsed without entity expansion, network access or unbounded trees.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib

from lxml import etree

from lapdesk.ingest.extracted import Limits, size_in_words

# Dropped: soft hyphen, zero-width space, BOM; control characters become spaces.
_CLEAN = {**dict.fromkeys([0xAD, 0x200B, 0xFEFF]),
          **dict.fromkeys([*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0x7F, 0xA0)],
                          " ")}
_SPACE_RUN = re.compile(r"\s+")
_CHUNK = 1024 * 1024
# Members of one ZIP container: Word documents hold dozens, archives of contributions hundreds.
MAX_MEMBERS = 20_000
# Below this size a member may compress as well as it likes (XML of spaces compresses 1000:1).
_RATIO_FLOOR_BYTES = 4 * 1024 * 1024


class ExtractionFailure(Exception):
    """An extractor's verdict other than ``ok``: a status and the sentence for the user."""

    def __init__(self, status: str, message: str):
        super().__init__(message)
        self.status, self.message = status, message


def too_large(message: str) -> ExtractionFailure:
    return ExtractionFailure("too_large", message)


def unreadable(message: str) -> ExtractionFailure:
    return ExtractionFailure("unreadable", message)


def clean(text: str) -> str:
    """One paragraph's text: control characters gone, whitespace runs become one space."""
    return " ".join(text.translate(_CLEAN).split())  # split() knows Unicode's spaces


def clean_marked(paragraph) -> None:
    """:func:`clean` a paragraph that carries revisions or comment anchors, moving their
    offsets with the characters they point at (collapsed spaces, dropped soft hyphens)."""
    text = paragraph.text
    out: list[str] = []
    where = [0] * (len(text) + 1)
    space = False
    for index, char in enumerate(text):
        where[index] = len(out) + (1 if space and out else 0)
        for kept in char.translate(_CLEAN):
            if kept.isspace():
                space = True
                continue
            if space and out:
                out.append(" ")
            space = False
            out.append(kept)
    cleaned = "".join(out)
    where[len(text)] = len(cleaned)
    paragraph.text = cleaned

    def moved(offset: int) -> int:
        return min(where[max(0, min(offset, len(text)))], len(cleaned))

    for revision in paragraph.revisions or ():
        start, end = moved(revision.start), moved(revision.end)
        while start < end and cleaned[start] == " ":
            start += 1
        while end > start and cleaned[end - 1] == " ":
            end -= 1
        revision.start, revision.end = start, max(end, start)
        if revision.kind == "delete":  # spaces kept: the text with the change rejected
            revision.text = _SPACE_RUN.sub(" ", revision.text.translate(_CLEAN))
        else:
            revision.text = cleaned[start:end]
    for anchor in paragraph.anchors or ():
        anchor.offset = moved(anchor.offset)


# --- ZIP containers ---------------------------------------------------------------------------

def open_zip(data: bytes, *, limits: Limits, what: str) -> zipfile.ZipFile:
    """Open a ZIP container after checking its declared sizes against the caps.

    :param what: how to call the file in messages ("This Word document", "This archive").
    """
    if declared_members(data) > MAX_MEMBERS:
        raise too_large(f"{what} holds more than {MAX_MEMBERS:,} parts; it was not opened.")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
        raise unreadable(f"{what} is damaged or incomplete and cannot be opened.") from error
    total = 0
    for info in archive.infolist():
        check_member(info, limits=limits, what=what)
        total += info.file_size
        if total > limits.max_uncompressed_bytes:
            raise too_large(f"{what} would unpack to more than "
                            f"{size_in_words(limits.max_uncompressed_bytes)}; it was not opened.")
    return archive


def declared_members(data: bytes) -> int:
    """How many members a ZIP's end record declares, read before zipfile builds one object per
    member (a small hostile file can declare millions); 0 when there is no end record."""
    end = data.rfind(b"PK\x05\x06", max(0, len(data) - 65_557))
    if end < 0 or end + 22 > len(data):
        return 0
    count = struct.unpack_from("<H", data, end + 10)[0]
    locator = end - 20
    if count == 0xFFFF and locator >= 0 and data[locator:locator + 4] == b"PK\x06\x07":
        record = struct.unpack_from("<Q", data, locator + 8)[0]
        if record + 40 <= len(data) and data[record:record + 4] == b"PK\x06\x06":
            count = struct.unpack_from("<Q", data, record + 32)[0]
    return count


def check_member(info: zipfile.ZipInfo, *, limits: Limits, what: str) -> None:
    """Refuse a member that declares a huge size or compresses suspiciously well (zip bomb)."""
    if info.file_size > limits.max_member_bytes:
        raise too_large(f"{what} contains a part larger than "
                        f"{size_in_words(limits.max_member_bytes)}; it was not opened.")
    if (info.file_size > _RATIO_FLOOR_BYTES
            and info.file_size > limits.max_compression_ratio * max(info.compress_size, 1)):
        raise too_large(f"{what} contains a part that unpacks to a suspicious size "
                        "(a possible zip bomb); it was not opened.")


def read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo | str, *, limits: Limits,
                what: str) -> bytes:
    """A member's bytes, read in bounded chunks so a lying size header cannot inflate more."""
    if isinstance(info, str):
        info = archive.getinfo(info)
    check_member(info, limits=limits, what=what)
    cap = min(info.file_size, limits.max_member_bytes)
    out = bytearray()
    try:
        with archive.open(info) as member:
            while chunk := member.read(_CHUNK):
                out += chunk
                if len(out) > cap:
                    raise too_large(f"{what} contains a part larger than it declares; "
                                    "it was not opened.")
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError,
            NotImplementedError) as error:
        raise unreadable(f"{what} is damaged or incomplete and cannot be opened.") from error
    except RuntimeError as error:  # zipfile: encrypted member
        raise ExtractionFailure("encrypted", f"{what} is protected by a password; LAPDesk "
                                "cannot read it.") from error
    return bytes(out)


# --- XML ----------------------------------------------------------------------------------------

def safe_parser(**options) -> etree.XMLParser:
    """An lxml parser that never expands entities, never fetches, and caps tree size."""
    return etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False,
                           load_dtd=False, dtd_validation=False, **options)


def parse_xml(data: bytes, *, what: str) -> etree._Element:
    """Parse one XML part; a document declaring entities (a 'billion laughs') is refused."""
    if has_entity_declarations(data):
        raise unreadable(f"{what} contains XML entity declarations, which LAPDesk refuses to "
                         "read because they can be used to exhaust the computer.")
    try:
        return etree.fromstring(data, safe_parser())
    except etree.XMLSyntaxError as error:
        raise unreadable(f"{what} is damaged and its text cannot be read.") from error


def has_entity_declarations(data: bytes) -> bool:
    """Whether an XML document's prologue declares a DTD with entities (in any encoding)."""
    head = data[:1_000_000]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or head[1:2] == b"\x00" or head[:1] == b"\x00":
        head = head.decode("utf-16", errors="ignore").encode("utf-8", errors="ignore")
    upper = head.upper()
    return b"<!DOCTYPE" in upper and b"<!ENTITY" in upper
