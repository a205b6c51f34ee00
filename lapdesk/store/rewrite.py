"""A file read again in place: its new text replaces the old one inside its contribution.

When a scan is read by OCR at last, or a protected file opened with its password, the file
keeps its place, its contribution, the excerpts and positions recorded on the contribution
and the history; only its own text changes.  So the offsets of everything after it (the
paragraphs, excerpts and suggestions of the files that follow) move by the difference, and
an excerpt inside the file is found again by its passage in the new text.  An excerpt whose
passage is no longer there would be lost: then nothing is changed and the error names it.
The whole replacement is one recorded, undoable change.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from lapdesk.core.errors import NotFoundError, UsageError
from lapdesk.core.revisions import Comment
from lapdesk.core.text import FILE_SEPARATOR, PARAGRAPH_SEPARATOR, Paragraph, layout
from lapdesk.store.changes import Change, Recorder, record
from lapdesk.store.contributions import PARTS
from lapdesk.store.database import Store
from lapdesk.store.marks import add_marks


@dataclass
class Reading:
    """What a new reading of a file found (the fields of an extraction the store keeps)."""

    status: str
    message: str
    paragraphs: list[Paragraph]
    pages: int | None = None
    ocr: bool = False
    ocr_confidence: float | None = None
    ocr_pages: list = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)


@dataclass
class Replaced:
    """What the replacement did, for the caller's report."""

    chars_before: int
    chars: int
    excerpts_moved: int = 0


def replace_file_text(store: Store, file_id: int, reading: Reading, *,
                      also: Callable[[Recorder], None] | None = None) -> tuple[Change, Replaced]:
    """Put ``reading`` in place of file ``file_id``'s text, as one undoable change.

    :param also: more writes to make in the same change (ingest updates the contributors
        and the language detected from the new text).
    :raises UsageError: an excerpt inside the file would lose its passage.
    """
    file = store.query_one("SELECT * FROM files WHERE id = ?", (file_id,))
    if file is None:
        raise NotFoundError(f"There is no file number {file_id}.")
    contribution_id = file["contribution_id"]
    old = store.query("SELECT * FROM paragraphs WHERE file_id = ? ORDER BY idx", (file_id,))
    new_texts = [p.text for p in reading.paragraphs]
    old_text = PARAGRAPH_SEPARATOR.join(p["text"] for p in old)
    new_text = PARAGRAPH_SEPARATOR.join(new_texts)
    start, first_idx = _slot(store, file, old)
    old_block = len(old_text) + len(FILE_SEPARATOR) if old else 0
    new_block = len(new_text) + len(FILE_SEPARATOR) if new_texts else 0
    shift, count_shift = new_block - old_block, len(new_texts) - len(old)
    old_end = start + old_block
    excerpts = store.query("SELECT * FROM excerpts WHERE contribution_id = ? ORDER BY id",
                           (contribution_id,))
    inside = [e for e in excerpts if old and e["end"] > start and e["start"] < old_end]
    later = [e for e in excerpts if e not in inside and e["start"] >= old_end]
    placed = _relocate(inside, old_text, new_text, start, file["name"])
    report = Replaced(len(old_text), len(new_text), len(placed) + (len(later) if shift else 0))
    with record(store, f"Read {file['name']} again", file=file_id,
                contribution=contribution_id) as rec:
        _remove_reading(rec, store, file_id, old)
        if shift or count_shift:
            _shift_after(rec, store, contribution_id, first_idx + len(old), old_end, shift,
                         count_shift)
        for i, (paragraph, (p_start, p_end)) in enumerate(
                zip(reading.paragraphs, layout(new_texts, start), strict=True)):
            rec.insert("paragraphs", {
                "contribution_id": contribution_id, "file_id": file_id, "idx": first_idx + i,
                "start": p_start, "end": p_end, "page": paragraph.page,
                "heading_level": paragraph.heading_level,
                "part": paragraph.part if paragraph.part in PARTS else "body",
                "text": paragraph.text})
        for excerpt in later if shift else ():
            rec.update("excerpts", {"id": excerpt["id"]},
                       {"start": excerpt["start"] + shift, "end": excerpt["end"] + shift})
        for excerpt_id, (e_start, e_end) in placed.items():
            rec.update("excerpts", {"id": excerpt_id}, {"start": e_start, "end": e_end})
        rec.update("files", {"id": file_id}, {
            "status": reading.status, "message": reading.message, "pages": reading.pages,
            "chars": sum(len(t) for t in new_texts), "text_start": start if new_texts else -1,
            "ocr": int(reading.ocr), "ocr_confidence": reading.ocr_confidence})
        add_marks(store, file_id, reading.paragraphs, comments=reading.comments,
                  ocr_pages=reading.ocr_pages, insert=rec.insert)
        if also is not None:
            also(rec)
    return rec.change, report


def _slot(store: Store, file: dict, old: list[dict]) -> tuple[int, int]:
    """Where the file's text starts in its contribution's text, and its first paragraph's
    index: its own when it has text, else right after the files before it."""
    if old:
        return old[0]["start"], old[0]["idx"]
    before = store.query_one(
        "SELECT max(p.\"end\") AS last, max(p.idx) AS idx FROM paragraphs p"
        " JOIN files f ON f.id = p.file_id WHERE f.contribution_id = ?"
        " AND (f.position < ? OR (f.position = ? AND f.id < ?))",
        (file["contribution_id"], file["position"], file["position"], file["id"]))
    if before["last"] is None:
        return 0, 0
    return before["last"] + len(FILE_SEPARATOR), before["idx"] + 1


def _relocate(excerpts: list[dict], old_text: str, new_text: str, start: int,
              name: str) -> dict[int, tuple[int, int]]:
    """New spans of the excerpts inside the file: the same passage, nearest where it was."""
    placed, lost = {}, []
    for excerpt in excerpts:
        passage = excerpt["text"]
        was = excerpt["start"] - start
        found, at = [], new_text.find(passage)
        while at >= 0 and passage:
            found.append(at)
            at = new_text.find(passage, at + 1)
        if not found:
            lost.append(excerpt)
            continue
        best = min(found, key=lambda position: abs(position - was))
        placed[excerpt["id"]] = (start + best, start + best + len(passage))
    if lost:
        numbers = ", ".join(f"#{e['id']}" for e in lost)
        raise UsageError(f"Reading {name} again would lose the passage of excerpt {numbers} "
                         "(its text is not in the new reading); nothing was changed. Resize "
                         "or delete that excerpt first.")
    return placed


def _remove_reading(rec: Recorder, store: Store, file_id: int, old: Sequence[dict]) -> None:
    """The file's old paragraphs and what hangs on them, through the recorder (undo brings
    them back), children before what they refer to."""
    for paragraph in old:
        rec.delete_where("suggestions", "paragraph_id = ?", (paragraph["id"],))
    rec.delete_where("revisions", "file_id = ?", (file_id,))
    rec.delete_where("comments", "file_id = ? ORDER BY parent_id IS NULL, id DESC", (file_id,))
    rec.delete_where("ocr_pages", "file_id = ?", (file_id,))
    rec.delete_where("paragraphs", "file_id = ?", (file_id,))


def _shift_after(rec: Recorder, store: Store, contribution_id: int, from_idx: int,
                 from_offset: int, shift: int, count_shift: int) -> None:
    """Move the paragraphs, files' starts and suggestions after the file by ``shift``
    characters and ``count_shift`` paragraph numbers (through negative numbers first: the
    numbers are unique within a contribution)."""
    later = store.query("SELECT id, idx, start, \"end\" FROM paragraphs WHERE contribution_id = ?"
                        " AND idx >= ? ORDER BY idx", (contribution_id, from_idx))
    for row in later:
        rec.update("paragraphs", {"id": row["id"]}, {
            "idx": -(row["idx"] + count_shift) - 1, "start": row["start"] + shift,
            "end": row["end"] + shift})
    for row in later:
        rec.update("paragraphs", {"id": row["id"]}, {"idx": row["idx"] + count_shift})
    if not shift:
        return
    for row in store.query("SELECT id, text_start FROM files WHERE contribution_id = ?"
                           " AND text_start >= ?", (contribution_id, from_offset)):
        rec.update("files", {"id": row["id"]}, {"text_start": row["text_start"] + shift})
    for row in store.query("SELECT id, start, \"end\" FROM suggestions WHERE contribution_id = ?"
                           " AND start >= ?", (contribution_id, from_offset)):
        rec.update("suggestions", {"id": row["id"]},
                   {"start": row["start"] + shift, "end": row["end"] + shift})
