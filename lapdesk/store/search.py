"""Full-text search over every contribution's paragraphs (FTS5, accents and case folded).

The user's words are quoted for FTS5, so nothing they type (``ratification/accession``,
``risk-reduction``, ``l'universalisation``, ``CCM/CONF/2020``) can be read as query syntax.
"""

from __future__ import annotations

import re
import sqlite3

from lapdesk.store.connection import Store

SNIPPET_OPEN, SNIPPET_CLOSE = "\u00ab", "\u00bb"


def index_paragraphs(store: Store, where: str, params: tuple) -> None:
    """Add the paragraphs selected by ``where`` to the search index.

    Whoever inserts paragraphs calls this in the same transaction (there is no insert trigger,
    see migration 3); deleting or editing a paragraph updates the index by trigger.
    """
    store.conn.execute(
        f"INSERT INTO paragraphs_fts(rowid, text) SELECT id, text FROM paragraphs WHERE {where}",
        params,
    )


def rebuild_index(conn: sqlite3.Connection) -> None:
    """Index every paragraph and comment afresh (after copying rows in bulk, as salvage
    does; a store older than schema 6 has no comments)."""
    conn.execute("INSERT INTO paragraphs_fts(paragraphs_fts) VALUES ('rebuild')")
    if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'comments_fts'").fetchone():
        conn.execute("INSERT INTO comments_fts(comments_fts) VALUES ('rebuild')")


def fts_query(text: str) -> str:
    """Each whitespace-separated word becomes a quoted FTS5 string; all must match."""
    words = [w for w in re.split(r"\s+", text.strip()) if w]
    return " ".join('"' + w.replace('"', '""') + '"' for w in words)


def search(store: Store, query: str, *, limit: int = 200) -> list[dict]:
    """Hits ``{contribution_id, file_id, paragraph, start, end, snippet, kind}``, best first.

    ``kind`` is ``paragraph`` for the text itself and ``comment`` for a comment in a Word or
    OpenDocument file, whose ``start``/``end`` are the passage it is about and ``paragraph``
    the paragraph that passage starts in.
    """
    match = fts_query(query)
    if not match:
        return []
    hits = store.query(
        "SELECT p.contribution_id, p.file_id, p.idx AS paragraph, p.start, p.\"end\","
        " snippet(paragraphs_fts, 0, ?, ?, '…', 16) AS snippet, 'paragraph' AS kind,"
        " rank FROM paragraphs_fts JOIN paragraphs p ON p.id = paragraphs_fts.rowid"
        " WHERE paragraphs_fts MATCH ? ORDER BY rank, p.contribution_id, p.idx LIMIT ?",
        (SNIPPET_OPEN, SNIPPET_CLOSE, match, limit),
    )
    hits += store.query(
        "SELECT f.contribution_id, c.file_id, (SELECT p.idx FROM paragraphs p"
        "   WHERE p.file_id = c.file_id AND p.start <= f.text_start + c.start"
        "   ORDER BY p.start DESC LIMIT 1) AS paragraph,"
        " f.text_start + c.start AS start, f.text_start + c.\"end\" AS \"end\","
        " snippet(comments_fts, 0, ?, ?, '…', 16) AS snippet, 'comment' AS kind, rank"
        " FROM comments_fts JOIN comments c ON c.id = comments_fts.rowid"
        " JOIN files f ON f.id = c.file_id WHERE comments_fts MATCH ? ORDER BY rank LIMIT ?",
        (SNIPPET_OPEN, SNIPPET_CLOSE, match, limit),
    )
    hits.sort(key=lambda hit: hit["rank"])  # both BM25: lower is better
    for hit in hits:
        del hit["rank"]
    return hits[:limit]
