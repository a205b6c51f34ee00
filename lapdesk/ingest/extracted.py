"""What an extractor hands back: paragraphs, a status from one vocabulary, and attachments.

Extractors are pure functions of (bytes, name, limits) that run in worker processes holding no
store handle (see :mod:`lapdesk.ingest.pipeline`); everything they return must pickle.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lapdesk.core.names import safe_name
from lapdesk.core.revisions import Comment
from lapdesk.core.text import Paragraph

# The one vocabulary of file statuses, with what each means to the user.
STATUSES = ("ok", "needs_ocr", "encrypted", "unreadable", "empty", "duplicate", "unsupported",
            "too_large")

MB = 1024 * 1024


def size_in_words(size: int) -> str:
    """A limit as a person reads it: "250 MB", "512 KB", "900 bytes" (never "0 MB")."""
    if size >= MB:
        return f"{size / MB:.0f} MB" if size % MB == 0 or size >= 10 * MB else f"{size / MB:.1f} MB"
    if size >= 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size} bytes"


def too_large_message(max_file_bytes: int) -> str:
    """The one sentence for a file over the size cap, wherever it is found."""
    return (f"This file is larger than {size_in_words(max_file_bytes)}, the most LAPDesk reads "
            "from one file; only its SHA-256 is kept.")


@dataclass(frozen=True)
class Limits:
    """Caps that keep a hostile or huge file from exhausting the machine."""

    max_file_bytes: int = 250 * MB           # an input file (configurable by the user)
    max_uncompressed_bytes: int = 500 * MB   # all members of a zip container, unpacked
    max_member_bytes: int = 200 * MB         # one member of a zip container, unpacked
    max_compression_ratio: int = 200         # zip bomb guard, per member
    max_depth: int = 5                       # nesting of emails / archives
    max_attachments: int = 500               # attachments of one email or archive
    max_pages: int = 5_000                   # PDF pages read
    max_chars: int = 20_000_000              # extracted characters per file
    timeout_s: float = 120.0                 # one extraction, in a worker process


@dataclass
class Attachment:
    """A file found inside an email or an archive, to be ingested in its turn.

    ``original_name`` is its name as the sender gave it (a path inside an archive, a subject
    with a colon); readers never clean it.  :attr:`name` is the safe name it is stored and
    shown under.
    """

    original_name: str
    data: bytes

    @property
    def name(self) -> str:
        return safe_name(self.original_name)


@dataclass
class OcrPage:
    """What OCR made of one page (or one picture): shown in the reader beside the page.

    ``confidence`` is the mean of Tesseract's word confidences (0-100), weighted by length;
    ``problem`` says why the page gave no text ("no text", "low confidence", "took too long
    to read", or a missing model), empty when it was read.
    """

    page: int
    confidence: float | None = None
    chars: int = 0
    turned: int = 0      # degrees clockwise the page was turned upright
    skew: float = 0.0    # degrees it was straightened by
    problem: str = ""


@dataclass
class Extracted:
    status: str
    message: str = ""
    media_type: str = "application/octet-stream"
    paragraphs: list[Paragraph] = field(default_factory=list)
    pages: int | None = None
    attachments: list[Attachment] = field(default_factory=list)
    # Email metadata and the like: sender, sender_name, date (ISO), subject, to, title.
    meta: dict[str, str] = field(default_factory=dict)
    # The language of this file's own text (see lapdesk.ingest.language), found in the worker.
    language: str | None = None
    # Pages read by OCR (a scan, a picture), and the 0-based indices of the pages of a PDF
    # still to be read by OCR when the extraction was asked to leave them to later jobs.
    ocr_pages: list[OcrPage] = field(default_factory=list)
    ocr_pending: list[int] = field(default_factory=list)
    # A Word or OpenDocument file's comments, anchored by marks in its paragraphs.
    comments: list[Comment] = field(default_factory=list)

    @property
    def ocr(self) -> bool:
        """Whether any of this file's text was read by OCR."""
        return any(page.confidence is not None and not page.problem for page in self.ocr_pages)

    @property
    def ocr_confidence(self) -> float | None:
        """The mean confidence of the pages read by OCR, weighted by their text's length."""
        read = [page for page in self.ocr_pages if page.confidence is not None
                and not page.problem]
        weight = sum(page.chars for page in read)
        if not read or not weight:
            return None
        return round(sum(page.confidence * page.chars for page in read) / weight, 1)

    def __post_init__(self) -> None:
        if self.status not in STATUSES:
            raise ValueError(f"unknown extraction status {self.status!r}")
