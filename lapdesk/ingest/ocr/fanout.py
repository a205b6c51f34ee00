"""A scan's pages spread over the extraction workers, and the verdict on what OCR read.

Reading a page by OCR takes seconds, so a scanned PDF is not read in one job: its first job
reads the text layer and lists the pages without one (``Extracted.ocr_pending``); the import
then hands those pages out in chunks (:func:`plan`), every worker takes one, and each chunk
has the worker's whole time limit.  :class:`Merge` puts the chunks' paragraphs back in page
order and :func:`conclude` gives the file its status and message.  This module runs in the
parent and never imports the engine.
"""

from __future__ import annotations

import math

from lapdesk.core.text import Paragraph
from lapdesk.ingest.extracted import Extracted, OcrPage
from lapdesk.ingest.language import detect_language, language_sample
from lapdesk.ingest.ocr import models

CHUNK_PAGES = 4  # at most this many pages per job: about 10 s here, well inside the limit
NO_TEXT, LOW, SLOW = "no text", "low confidence", "took too long to read"


def plan(extracted: Extracted, workers: int) -> list[tuple[int, ...]]:
    """The chunks (0-based page indices) that the pending pages are read in."""
    pending = list(extracted.ocr_pending)
    if not pending:
        return []
    size = max(1, min(CHUNK_PAGES, math.ceil(len(pending) / max(workers, 1))))
    return [tuple(pending[i:i + size]) for i in range(0, len(pending), size)]


class Merge:
    """Collects the chunks of one file; :meth:`result` when :attr:`complete`."""

    def __init__(self, first: Extracted, chunks: int):
        self.first, self.waiting = first, chunks
        self.total = len(first.ocr_pending)
        self.paragraphs: list[Paragraph] = []
        self.pages: list[OcrPage] = []
        self.read = 0

    def add(self, chunk: Extracted, indices: tuple[int, ...]) -> None:
        """One chunk's result; a chunk whose worker was lost (timeout, crash) loses only
        its own pages, each said to have taken too long or stopped the reader."""
        self.waiting -= 1
        if chunk.ocr_pages:
            self.paragraphs.extend(chunk.paragraphs)
            self.pages.extend(chunk.ocr_pages)
        else:
            problem = SLOW if "too long" in chunk.message else "stopped the reader"
            self.pages.extend(OcrPage(page=index + 1, problem=problem) for index in indices)
        self.read += len(indices)

    @property
    def complete(self) -> bool:
        return self.waiting <= 0

    def result(self) -> Extracted:
        first = self.first
        first.paragraphs = merge_pages(first.paragraphs, self.paragraphs)
        first.ocr_pages = sorted([*first.ocr_pages, *self.pages], key=lambda p: p.page)
        first.ocr_pending = []
        return conclude(first)


def merge_pages(text: list[Paragraph], read: list[Paragraph]) -> list[Paragraph]:
    """The text layer's paragraphs and OCR's, in page order (each keeping its own order)."""
    if not read:
        return text
    return sorted([*text, *read], key=lambda p: p.page or 0)


def conclude(extracted: Extracted, *, picture: bool = False) -> Extracted:
    """Status and message of a file some of whose pages went through OCR.

    Text found (by the text layer or OCR) makes it ``ok``, naming the pages that could not be
    read.  No text at all: ``needs_ocr`` when the engine or a model is missing, the reading
    was too unsure to trust or took too long, ``empty`` when OCR found no text (a logo).
    """
    pages = extracted.ocr_pages
    if not pages:
        return extracted
    what = "picture" if picture else "scan"
    earlier = extracted.message if extracted.status == "ok" else ""  # a damaged page, say
    read = [page for page in pages if not page.problem]
    ocr_text = [p for p in extracted.paragraphs if p.page in {page.page for page in read}]
    missing = _missing_model(ocr_text)
    if missing:
        extracted.paragraphs = [p for p in extracted.paragraphs if p not in ocr_text]
        for page in read:
            page.problem = f"the {models.MODEL_NAMES[missing]} model is missing"
        read = []
    if extracted.paragraphs:
        extracted.status = "ok"
        extracted.message = " ".join(
            part for part in (_summary(extracted, pages, read, what, missing), earlier) if part)
    else:
        extracted.status, extracted.message = _without_text(pages, what, missing)
    extracted.language = detect_language(language_sample(extracted.paragraphs)) \
        if extracted.paragraphs else None
    return extracted


def _missing_model(paragraphs: list[Paragraph]) -> str | None:
    """The model code of the language OCR's text is in, when that model is not installed."""
    if not paragraphs:
        return None
    language = detect_language(language_sample(paragraphs))
    have = models.present(models.tessdata_dir())
    for code, name in models.LANGUAGE_OF_MODEL.items():
        if name == language and code not in have:
            return code
    return None


def _summary(extracted: Extracted, pages: list[OcrPage], read: list[OcrPage], what: str,
             missing: str | None) -> str:
    unread = [page for page in pages if page.problem]
    parts = []
    total = extracted.pages or len(pages)
    if read:
        confidence = extracted.ocr_confidence
        share = (f"{_count(len(read), 'page')} of {total} {'was' if len(read) == 1 else 'were'}"
                 f" scanned and read by OCR" if total > len(read) else "Read by OCR")
        parts.append(f"{share} (mean confidence {confidence:.0f}%)." if confidence is not None
                     else f"{share}.")
    if unread:
        reasons = sorted({_reason(page) for page in unread})
        verb = "was" if len(unread) == 1 else "were"
        parts.append(f"{_pages(unread)} of this {what} {verb} not read: {'; '.join(reasons)}.")
    if missing:
        parts.append(f"Its {models.MODEL_NAMES[missing]} text needs {models.missing_names([missing])}"
                     ", which this copy of LAPDesk lacks.")
    return " ".join(parts)


def _without_text(pages: list[OcrPage], what: str, missing: str | None) -> tuple[str, str]:
    problems = [page.problem for page in pages]
    if missing:
        return "needs_ocr", (f"This {what} is in {models.MODEL_NAMES[missing]}, and "
                             f"{models.missing_names([missing])} for OCR is missing from this "
                             "copy of LAPDesk; its text could not be read.")
    sentences = [p for p in problems if p.endswith(".")]  # the engine or the models missing
    if sentences:
        return "needs_ocr", sentences[0]
    if LOW in problems:
        worst = [page for page in pages if page.problem == LOW]
        confidence = min(page.confidence or 0 for page in worst)
        return "needs_ocr", (f"OCR read this {what} with a confidence of {confidence:.0f}%, "
                             "too low to trust; a cleaner scan may be read.")
    if SLOW in problems:
        return "needs_ocr", f"Reading this {what} by OCR took too long; it was stopped."
    if all(p == NO_TEXT for p in problems):
        return "empty", (f"OCR found no text in this {what} (a logo, a photograph or a blank "
                         "page?).")
    return "needs_ocr", f"This {what} could not be read by OCR ({'; '.join(sorted(set(problems)))})."


def _reason(page: OcrPage) -> str:
    problem = page.problem.rstrip(".")
    if page.problem == LOW and page.confidence is not None:
        return f"{problem} ({page.confidence:.0f}%)"
    return problem[:1].lower() + problem[1:]


def _pages(pages: list[OcrPage]) -> str:
    numbers = [str(page.page) for page in pages]
    if len(numbers) == 1:
        return f"Page {numbers[0]}"
    return f"Pages {', '.join(numbers[:-1])} and {numbers[-1]}"


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"
