"""Rich Text Format, through striprtf: each RTF paragraph (``\\par``) becomes one paragraph."""

from __future__ import annotations

import re

from lapdesk.ingest.extracted import Extracted, Limits
from lapdesk.store.contributions import Paragraph

_CODEPAGE = re.compile(rb"\\ansicpg(\d{3,5})")


def extract(data: bytes, *, limits: Limits, password: str | None = None) -> Extracted:
    from striprtf.striprtf import rtf_to_text

    encoding = _encoding(data)
    text = rtf_to_text(data.decode("latin-1"), encoding=encoding, errors="replace")
    paragraphs = [Paragraph(line) for line in text.splitlines() if line.strip()]
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
