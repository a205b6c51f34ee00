"""Rich Text Format, through striprtf: each RTF paragraph (``\\par``) becomes one paragraph and
each table cell one ``table`` paragraph.  striprtf drops headers, footers and footnotes, and
keeps no heading levels."""

from __future__ import annotations

import re

from lapdesk.core.text import Paragraph
from lapdesk.ingest.extracted import Extracted, Limits

_CODEPAGE = re.compile(rb"\\ansicpg(\d{3,5})")


def extract(data: bytes, *, limits: Limits, password: str | None = None) -> Extracted:
    from striprtf.striprtf import rtf_to_text

    encoding = _encoding(data)
    text = rtf_to_text(data.decode("latin-1"), encoding=encoding, errors="replace")
    paragraphs = []
    for line in text.splitlines():
        if line.rstrip().endswith("|"):  # a table row: striprtf ends each cell with "|"
            paragraphs += [Paragraph(cell, part="table") for cell in line.split("|")
                           if cell.strip()]
        elif line.strip():
            paragraphs.append(Paragraph(line))
    return Extracted("ok", paragraphs=paragraphs)


def _encoding(data: bytes) -> str:
    """The code page the RTF header declares for its \\'xx escapes (Windows-1252 if none)."""
    match = _CODEPAGE.search(data[:2048])
    if match:
        candidate = f"cp{int(match.group(1))}"
        try:
            "".encode(candidate)
            return candidate
        except LookupError:
            pass
    return "cp1252"
