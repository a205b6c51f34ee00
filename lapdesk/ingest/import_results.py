"""The import's result objects (the JSON of ``lapdesk import``), each assembled in one place.

``{path, status, message, contribution_id, file_id, sha256, media_type, pages, chars, ocr,
ocr_confidence, language, contributors: [contributor], attachments: [file + {attachments}]}``,
from what the import noted on each :class:`~lapdesk.ingest.batch.Input` (docs/cli.md).
"""

from __future__ import annotations

from pathlib import Path

from lapdesk.ingest.batch import FileNode, Input

DUPLICATE = "The same file is already in the store (contribution {contribution_id})."
FILE_FIELDS = ("file_id", "name", "sha256", "size", "media_type", "status", "message", "pages",
               "chars", "ocr", "ocr_confidence")


def result_of(item: Input) -> dict:
    """The result object of one input file."""
    result = {
        "path": str(item.source.path), "status": "ok", "message": "", "contribution_id": None,
        "file_id": None, "sha256": None, "media_type": None, "pages": None, "chars": 0,
        "ocr": False, "ocr_confidence": None, "language": None, "contributors": [],
        "attachments": [],
    }
    if item.source.error:
        result.update(status="unreadable", message=item.source.error)
    elif item.duplicate_of is not None:
        existing = item.duplicate_of
        result.update(
            status="duplicate", message=DUPLICATE.format(contribution_id=item.contribution_id),
            file_id=existing["id"], sha256=item.node.sha256, media_type=existing["media_type"],
            pages=existing["pages"], chars=existing["chars"], ocr=bool(existing["ocr"]),
            ocr_confidence=existing["ocr_confidence"])
    elif item.node is not None and item.node.file_id is not None:
        shape = _file_shape(item.node)
        result.update({key: shape[key] for key in FILE_FIELDS if key not in ("name", "size")})
        result["attachments"] = shape.get("attachments", [])
    if item.contribution_id is not None:
        result.update(contribution_id=item.contribution_id, language=item.language,
                      contributors=item.contributors)
    return result


def _file_shape(node: FileNode) -> dict:
    """The shared file shape of a stored file, its attachments (if any) last."""
    extracted = node.extracted
    shape = {"file_id": node.file_id, "name": node.name, "sha256": node.sha256,
             "size": node.size, "media_type": extracted.media_type, "status": extracted.status,
             "message": extracted.message, "pages": extracted.pages,
             "chars": sum(len(p.text) for p in extracted.paragraphs), "ocr": extracted.ocr,
             "ocr_confidence": extracted.ocr_confidence}
    if node.children:
        shape["attachments"] = [_file_shape(child) for child in node.children]
    return shape


def exit_code(results: list[dict]) -> int:
    """0 when every input was logged, whatever its status; 1 when a path could not be opened."""
    return 1 if any(r["file_id"] is None and r["status"] == "unreadable" for r in results) else 0


def describe(result: dict) -> str:
    """One line for people: the file's name, its status, its contributors, the message."""
    parts = [f"{Path(result['path']).name}: {result['status']}"]
    if result["status"] != "duplicate" and result["contribution_id"] is not None:
        who = ", ".join(p["name"] for p in result["contributors"]) or "contributor unknown"
        parts.append(f"contribution {result['contribution_id']}, {who}")
    if result["message"]:
        parts.append(result["message"])
    return " — ".join(parts)
