"""What reading a file found beside its text: pages read by OCR, tracked changes, comments.

Written by ingest in the file's own transaction (:func:`add_marks`), read by ``lapdesk
show`` and the reader.  Revisions and comments are stored with offsets into their file's
text, so that they follow the file when it is read again in place or when an earlier file of
the contribution changes length; the shapes handed out use the contribution's offsets, like
every other span.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from lapdesk.core.revisions import Comment
from lapdesk.core.text import Paragraph
from lapdesk.store.database import Store

Insert = Callable[[str, dict], int]


def add_marks(store: Store, file_id: int, paragraphs: Sequence[Paragraph], *,
              comments: Sequence[Comment] = (), ocr_pages: Sequence = (),
              insert: Insert | None = None) -> None:
    """Store what the extraction of file ``file_id`` found beside its paragraphs.

    :param paragraphs: the file's paragraphs in the order they were stored.
    :param insert: how rows are written, ``insert(table, values) -> rowid``: a recorder's
        ``insert`` when the file is read again in place (an undoable change); by default
        plain inserts in the caller's transaction.
    """
    insert = insert or (lambda table, values: _insert(store, table, values))
    if ocr_pages:
        for page in ocr_pages:
            insert("ocr_pages", {"file_id": file_id, "page": page.page,
                                 "confidence": page.confidence, "chars": page.chars,
                                 "turned": page.turned, "skew": page.skew,
                                 "problem": page.problem})
    marked = [p for p in paragraphs if p.revisions or p.anchors]
    if not marked and not comments:
        return
    rows = store.query("SELECT id, start FROM paragraphs WHERE file_id = ? ORDER BY idx",
                       (file_id,))
    base = store.query_one("SELECT text_start FROM files WHERE id = ?", (file_id,))["text_start"]
    spans: dict[str, list[int]] = {}
    for paragraph, row in zip(paragraphs, rows, strict=False):
        offset = row["start"] - base
        for r in paragraph.revisions or ():
            insert("revisions", {"file_id": file_id, "paragraph_id": row["id"], "kind": r.kind,
                                 "text": r.text, "author": r.author, "date": r.date,
                                 "start": offset + r.start, "end": offset + r.end,
                                 "whole_paragraph": int(r.whole_paragraph)})
        for anchor in paragraph.anchors or ():
            span = spans.setdefault(anchor.key, [offset + anchor.offset, offset + anchor.offset])
            span[0 if anchor.edge == "start" else 1] = offset + anchor.offset
    for comment in comments:
        start, end = spans.get(comment.key, (0, 0))
        _add_comment(insert, file_id, comment, min(start, end), max(start, end), None)


def _insert(store: Store, table: str, values: dict) -> int:
    if table != "ocr_pages":  # keyed by file and page; the others by id (random in a team)
        values = {"id": store.new_id(), **values}
    columns = ", ".join(f'"{c}"' for c in values)
    marks = ", ".join("?" for _ in values)
    return store.insert(f'INSERT INTO "{table}" ({columns}) VALUES ({marks})',
                        tuple(values.values()))


def _add_comment(insert: Insert, file_id: int, comment: Comment, start: int, end: int,
                 parent_id: int | None) -> None:
    comment_id = insert("comments", {"file_id": file_id, "parent_id": parent_id,
                                     "author": comment.author, "date": comment.date,
                                     "text": comment.text, "start": start, "end": end,
                                     "done": int(comment.done)})
    for reply in comment.replies:
        _add_comment(insert, file_id, reply, start, end, comment_id)


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
