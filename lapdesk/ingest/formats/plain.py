"""Plain text and Markdown in any common encoding.

Contributions pasted into .txt files come in UTF-8, UTF-16 (with or without a byte-order mark)
or Windows-1252 from older Windows tools; the encoding is guessed from the bytes.
"""

from __future__ import annotations

import re

from lapdesk.core.text import Paragraph
from lapdesk.ingest.extracted import Extracted, Limits
from lapdesk.ingest.formats.common import too_large
from lapdesk.ingest.sniff import utf16_without_bom

_BOMS = ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))
_LIST_ITEM = re.compile(r"^\s*([-*•–]|\d{1,3}[.)]|[a-zA-Z][.)]|\(?[ivxIVX]{1,5}\))\s")
# Narrower blocks (addresses, signatures) are taken line by line, not as wrapped prose.
_MIN_WRAP_WIDTH = 50
_MARKDOWN_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")


def extract(data: bytes, *, limits: Limits, password: str | None = None) -> Extracted:
    text = decode(data)
    if len(text) > limits.max_chars:  # known before the costly paragraph split
        raise too_large(f"This file holds more than {limits.max_chars:,} characters of text, "
                        "the most LAPDesk reads from one file.")
    return Extracted("ok", paragraphs=text_paragraphs(text))


def decode(data: bytes) -> str:
    """The text of ``data``: byte-order mark first, then UTF-8, then a statistical guess."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(codec, errors="replace")
    if b"\x00" in data[:4096] and (codec := utf16_without_bom(data[:4096])):
        return data.decode(codec, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    # No confident guess: the file was judged text, so read it as Windows text, the most
    # common source of non-UTF-8 files; a stray byte becomes one replacement character.
    encoding = best.encoding if best is not None else "cp1252"
    if encoding in ("ascii", "latin_1", "iso8859_1"):
        encoding = "cp1252"  # what Windows tools actually write; a superset for text
    return data.decode(encoding, errors="replace")


def text_paragraphs(text: str) -> list[Paragraph]:
    """Paragraphs of plain text: blocks between blank lines, hard-wrapped lines rejoined.

    Email and text editors wrap prose at a fixed width; a line that reaches near the block's
    widest line continues into the next one, while short lines and list items stand alone.
    """
    paragraphs: list[Paragraph] = []
    for block in re.split(r"\n\s*\n", text.replace("\r\n", "\n").replace("\r", "\n")):
        lines = [line.rstrip() for line in block.split("\n") if line.strip()]
        if not lines:
            continue
        width = max(len(line) for line in lines)
        wrapped = width >= _MIN_WRAP_WIDTH
        current: list[str] = []
        for line in lines:
            heading = _MARKDOWN_HEADING.match(line)
            if heading:
                _flush(paragraphs, current)
                paragraphs.append(Paragraph(heading.group(2), heading_level=len(heading.group(1))))
                continue
            if current and (not wrapped or _LIST_ITEM.match(line)
                            or len(current[-1]) < 0.75 * width):
                _flush(paragraphs, current)
            current.append(line.strip())
        _flush(paragraphs, current)
    return paragraphs


def _flush(paragraphs: list[Paragraph], lines: list[str]) -> None:
    if lines:
        paragraphs.append(Paragraph(" ".join(lines)))
        lines.clear()
