"""Every received file becomes text: sniff the content, hand it to the one module for its format.

Each format module offers ``extract(data, *, limits, password) -> Extracted``.  This dispatcher
owns what they share: the empty and size checks, the character cap, paragraph clean-up, and the
rule that bad input never raises (a crash in a third-party parser becomes ``unreadable``).
Format modules are imported only when a file of theirs arrives, so the app starts fast.
"""

from __future__ import annotations

import importlib
import logging

from lapdesk.ingest import sniff as media
from lapdesk.ingest.extracted import Extracted, Limits, too_large_message
from lapdesk.ingest.formats.common import ExtractionFailure, clean, clean_marked
from lapdesk.ingest.language import detect_language, language_sample

log = logging.getLogger(__name__)

# Media type -> module under lapdesk.ingest.formats.
MODULES = {
    media.DOCX: "docx",
    media.PDF: "pdf",
    media.ODT: "odt",
    media.RTF: "rtf",
    media.HTML: "html",
    media.TEXT: "plain",
    media.MARKDOWN: "plain",
    media.EML: "eml",
    media.MSG: "msg",
    media.ZIP: "archive",
    media.DOC: "legacy_doc",
    media.ENCRYPTED_OFFICE: "protected_office",
    "image/png": "image",
    "image/jpeg": "image",
    "image/tiff": "image",
    "image/bmp": "image",
}
# Readers whose pages may go through OCR, and so take the ``ocr`` option.
_OCR_OPTION = {"pdf"}

# What to tell the user about formats LAPDesk recognises but does not read.
_UNSUPPORTED = {
    "image/": "This kind of picture (GIF and the like) is not read; save it as PNG or JPEG "
              "to have its text read by OCR.",
    media.XLSX: "This is an Excel spreadsheet; LAPDesk reads documents, not spreadsheets.",
    media.PPTX: "This is a PowerPoint presentation; save it as PDF to import its text.",
    media.OLE: "This is an older Microsoft Office file that is not a Word document or an "
               "Outlook message; LAPDesk cannot read it.",
    "application/vnd.oasis.opendocument": "This OpenDocument file is not a text document; "
                                          "LAPDesk reads only text documents.",
}


def warm_up() -> None:
    """Import the readers of the formats most contributions arrive in (PDF, Word, email).

    A worker started ahead of its first job (see :mod:`lapdesk.ingest.workers`) spends that
    wait importing, instead of making its first job wait for the imports.
    """
    for module_name in (MODULES[media.PDF], MODULES[media.DOCX], MODULES[media.EML]):
        try:
            importlib.import_module(f"{__name__}.{module_name}")
        except ImportError:  # a broken installation: each file of that format will say so
            log.exception("importing the %s reader failed", module_name)


def extract(data: bytes, name: str, *, limits: Limits = Limits(),  # noqa: B008 (frozen)
            password: str | None = None, ocr: str | tuple[int, ...] = "inline") -> Extracted:
    """The text of one received file, with a status from the one vocabulary; never raises.

    :param data: the file's bytes.
    :param name: its name as received; only a tie-breaker for the format.
    :param limits: caps on size, pages and characters.
    :param password: for an encrypted PDF or Word document, the password to try.
    :param ocr: how a PDF's scanned pages are read: ``"inline"`` (now), ``"defer"`` (listed
        in ``ocr_pending`` for the import's workers) or a chunk of page indices to read
        (see :mod:`lapdesk.ingest.ocr.fanout`).
    """
    if not data:
        return Extracted("empty", "This file is empty; there is nothing to read.")
    if len(data) > limits.max_file_bytes:  # the import caps files itself: for other callers
        return Extracted("too_large", too_large_message(limits.max_file_bytes))
    try:
        media_type = media.sniff(data, name)
    except Exception:  # noqa: BLE001 - sniffing hostile bytes must not crash an import
        log.exception("sniffing %r failed", name)
        media_type = media.UNKNOWN
    module_name = MODULES.get(media_type)
    if module_name is None:
        return Extracted("unsupported", _unsupported_message(media_type), media_type=media_type)
    try:
        module = importlib.import_module(f"{__name__}.{module_name}")
        options = {"ocr": ocr} if module_name in _OCR_OPTION else {}
        result = module.extract(data, limits=limits, password=password, **options)
    except ExtractionFailure as failure:
        result = Extracted(failure.status, failure.message)
    except MemoryError:
        result = Extracted("too_large", "This file needs more memory to read than this computer"
                           " can spare.")
    except RecursionError:
        result = Extracted("unreadable", "This file is nested too deeply to be read.")
    except Exception:  # noqa: BLE001 - a third-party parser crashing on a bad file
        log.exception("extracting %r as %s failed", name, media_type)
        result = Extracted("unreadable", "This file is damaged or in a form LAPDesk cannot read.")
    result.media_type = media_type
    return _finish(result, limits)


def _unsupported_message(media_type: str) -> str:
    for prefix, message in _UNSUPPORTED.items():
        if media_type.startswith(prefix):
            return message
    return "LAPDesk does not recognise this kind of file, so it cannot read its text."


def _finish(result: Extracted, limits: Limits) -> Extracted:
    """Clean every paragraph, drop empty ones, and enforce the character cap.

    Revisions and comment anchors of a paragraph that is dropped (a paragraph deleted whole
    has no text left) move to the start of the next paragraph kept, or the end of the last.
    """
    kept, total = [], 0
    carried: tuple[list, list] = ([], [])
    for paragraph in result.paragraphs:
        if paragraph.revisions or paragraph.anchors:
            clean_marked(paragraph)
        else:
            paragraph.text = clean(paragraph.text)
        if not paragraph.text:
            carried[0].extend(paragraph.revisions or ())
            carried[1].extend(paragraph.anchors or ())
            continue
        if carried[0] or carried[1]:
            _carry_into(paragraph, carried, at=0)
            carried = ([], [])
        if paragraph.heading_level is not None and not 1 <= paragraph.heading_level <= 9:
            paragraph.heading_level = None
        total += len(paragraph.text)
        kept.append(paragraph)
    if kept and (carried[0] or carried[1]):
        _carry_into(kept[-1], carried, at=len(kept[-1].text))
    result.paragraphs = kept
    if total > limits.max_chars:
        return Extracted("too_large", f"This file holds more than {limits.max_chars:,} "
                         "characters of text, the most LAPDesk reads from one file.",
                         media_type=result.media_type, pages=result.pages)
    if result.status == "ok" and not kept and not result.attachments:
        result.status = "empty"
        result.message = result.message or "This file contains no text."
    result.language = detect_language(language_sample(kept))
    return result


def _carry_into(paragraph, carried: tuple[list, list], *, at: int) -> None:
    revisions, anchors = carried
    for revision in revisions:
        revision.start = revision.end = at
    for anchor in anchors:
        anchor.offset = at
    paragraph.revisions = [*revisions, *(paragraph.revisions or ())] if at == 0 else \
        [*(paragraph.revisions or ()), *revisions]
    paragraph.anchors = [*anchors, *(paragraph.anchors or ())] if at == 0 else \
        [*(paragraph.anchors or ()), *anchors]
