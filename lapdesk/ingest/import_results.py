"""The import's results (:class:`~lapdesk.core.records.ImportResult`, the JSON of ``lapdesk
import``), each assembled here from what the import noted on its
:class:`~lapdesk.ingest.batch.Input`.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from lapdesk.core.records import ImportedFile, ImportResult
from lapdesk.ingest.batch import FileNode, Input

DUPLICATE = "The same file is already in the store (contribution {contribution_id})."


def result_of(item: Input) -> ImportResult:
    """The result of one input file."""
    result = ImportResult(path=str(item.source.path))
    if item.source.error:
        result = replace(result, status="unreadable", message=item.source.error)
    elif item.duplicate_of is not None:
        existing = item.duplicate_of
        result = replace(
            result, status="duplicate",
            message=DUPLICATE.format(contribution_id=item.contribution_id),
            file_id=existing["id"], sha256=item.node.sha256, media_type=existing["media_type"],
            pages=existing["pages"], chars=existing["chars"], ocr=bool(existing["ocr"]),
            ocr_confidence=existing["ocr_confidence"])
    elif item.node is not None and item.node.file_id is not None:
        file = _stored(item.node)
        result = replace(
            result, status=file.status, message=file.message, file_id=file.file_id,
            sha256=file.sha256, media_type=file.media_type, pages=file.pages, chars=file.chars,
            ocr=file.ocr, ocr_confidence=file.ocr_confidence, attachments=file.attachments)
    if item.contribution_id is not None:
        result = replace(result, contribution_id=item.contribution_id, language=item.language,
                         contributors=tuple(item.contributors))
    return result


def _stored(node: FileNode) -> ImportedFile:
    """A stored file with the attachments found in it."""
    extracted = node.extracted
    return ImportedFile(
        file_id=node.file_id, name=node.name, sha256=node.sha256, size=node.size,
        media_type=extracted.media_type, status=extracted.status, message=extracted.message,
        pages=extracted.pages, chars=sum(len(p.text) for p in extracted.paragraphs),
        ocr=extracted.ocr, ocr_confidence=extracted.ocr_confidence,
        original_name=node.original_name,
        attachments=tuple(_stored(child) for child in node.children))


def exit_code(results: list[ImportResult]) -> int:
    """0 when every input was logged, whatever its status; 1 when a path could not be opened."""
    return 1 if any(not r.logged and r.status == "unreadable" for r in results) else 0


def describe(result: ImportResult) -> str:
    """One line for people: the file's name, its status, its contributors, the message."""
    parts = [f"{Path(result.path).name}: {result.status}"]
    if result.status != "duplicate" and result.contribution_id is not None:
        who = ", ".join(p.name for p in result.contributors) or "contributor unknown"
        parts.append(f"contribution {result.contribution_id}, {who}")
    if result.message:
        parts.append(result.message)
    return " — ".join(parts)
