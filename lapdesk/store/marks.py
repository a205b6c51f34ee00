"""What reading a file found beside its text: pages read by OCR, tracked changes, comments.

Written by ingest in the file's own transaction (:func:`add_marks`), read by ``lapdesk
show`` and the reader.  Revisions and comments are stored with offsets into their file's
text, so that they follow the file when it is read again in place or when an earlier file of
the contribution changes length; the shapes handed out use the contribution's offsets, like
every other span.
"""

from __future__ import annotations

from collections.abc import Sequence

from lapdesk.core.revisions import Comment
from lapdesk.core.text import Paragraph
from lapdesk.store.connection import Store


def add_marks(store: Store, file_id: int, paragraphs: Sequence[Paragraph], *,
              comments: Sequence[Comment] = (), ocr_pages: Sequence = ()) -> None:
    """Store what the extraction of file ``file_id`` found beside its paragraphs.

    :param paragraphs: the file's paragraphs in the order they were stored.
    """
    if ocr_pages:
        _add_ocr(store, file_id, ocr_pages)
    marked = [p for p in paragraphs if p.revisions or p.anchors]
    if not marked and not comments:
        return
    rows = store.query("SELECT id, start FROM paragraphs WHERE file_id = ? ORDER BY idx",
                       (file_id,))
    base = store.query_one("SELECT text_start FROM files WHERE id = ?", (file_id,))["text_start"]
    spans: dict[str, list[int]] = {}
    revisions = []
    for paragraph, row in zip(paragraphs, rows, strict=False):
        offset = row["start"] - base
        for r in paragraph.revisions or ():
            revisions.append((file_id, row["id"], r.kind, r.text, r.author, r.date,
                              offset + r.start, offset + r.end, int(r.whole_paragraph)))
        for anchor in paragraph.anchors or ():
            span = spans.setdefault(anchor.key, [offset + anchor.offset, offset + anchor.offset])
            span[0 if anchor.edge == "start" else 1] = offset + anchor.offset
    store.conn.executemany(
        "INSERT INTO revisions (file_id, paragraph_id, kind, text, author, date, start, \"end\","
        " whole_paragraph) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", revisions)
    for comment in comments:
        start, end = spans.get(comment.key, (0, 0))
        _add_comment(store, file_id, comment, min(start, end), max(start, end), None)


def _add_comment(store: Store, file_id: int, comment: Comment, start: int, end: int,
                 parent_id: int | None) -> None:
    cursor = store.conn.execute(
        "INSERT INTO comments (file_id, parent_id, author, date, text, start, \"end\", done)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (file_id, parent_id, comment.author, comment.date, comment.text, start, end,
         int(comment.done)))
    for reply in comment.replies:
        _add_comment(store, file_id, reply, start, end, cursor.lastrowid)


def _add_ocr(store: Store, file_id: int, pages: Sequence) -> None:
    read = [p for p in pages if p.confidence is not None and not p.problem]
    weight = sum(p.chars for p in read)
    mean = round(sum(p.confidence * p.chars for p in read) / weight, 1) if weight else None
    store.conn.execute("UPDATE files SET ocr = ?, ocr_confidence = ? WHERE id = ?",
                       (int(bool(read)), mean, file_id))
    store.conn.executemany(
        "INSERT OR REPLACE INTO ocr_pages (file_id, page, confidence, chars, turned, skew,"
        " problem) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [(file_id, p.page, p.confidence, p.chars, p.turned, p.skew, p.problem) for p in pages])


# --- reading -------------------------------------------------------------------------------

def revisions_of(store: Store, contribution_id: int) -> list[dict]:
    """``{file_id, paragraph, kind, text, author, date, start, end, whole_paragraph}`` in
    text order; ``paragraph`` is the paragraph's index, offsets are the contribution's."""
    return [
        {**row, "whole_paragraph": bool(row["whole_paragraph"])}
        for row in store.query(
            "SELECT r.file_id, p.idx AS paragraph, r.kind, r.text, r.author, r.date,"
            " f.text_start + r.start AS start, f.text_start + r.\"end\" AS \"end\","
            " r.whole_paragraph FROM revisions r JOIN files f ON f.id = r.file_id"
            " LEFT JOIN paragraphs p ON p.id = r.paragraph_id"
            " WHERE f.contribution_id = ? ORDER BY f.position, r.start, r.id",
            (contribution_id,))
    ]


def comments_of(store: Store, contribution_id: int) -> list[dict]:
    """``{id, file_id, author, date, text, start, end, done, replies: [...]}``, replies
    nested in the order written; offsets are the contribution's."""
    rows = store.query(
        "SELECT c.id, c.parent_id, c.file_id, c.author, c.date, c.text,"
        " f.text_start + c.start AS start, f.text_start + c.\"end\" AS \"end\", c.done"
        " FROM comments c JOIN files f ON f.id = c.file_id WHERE f.contribution_id = ?"
        " ORDER BY f.position, c.start, c.id", (contribution_id,))
    by_id, top = {}, []
    for row in rows:
        parent = row.pop("parent_id")
        row["done"] = bool(row["done"])
        row["replies"] = []
        by_id[row["id"]] = row
        (by_id[parent]["replies"] if parent in by_id else top).append(row)
    return top


def ocr_pages_of(store: Store, contribution_id: int) -> list[dict]:
    """``{file_id, page, confidence, problem, turned, skew}`` of every page read by OCR."""
    return store.query(
        "SELECT o.file_id, o.page, o.confidence, o.chars, o.problem, o.turned, o.skew"
        " FROM ocr_pages o JOIN files f ON f.id = o.file_id WHERE f.contribution_id = ?"
        " ORDER BY f.position, o.page", (contribution_id,))
