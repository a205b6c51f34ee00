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
    """Index every paragraph afresh (after copying paragraphs in bulk, as salvage does)."""
    conn.execute("INSERT INTO paragraphs_fts(paragraphs_fts) VALUES ('rebuild')")


def fts_query(text: str) -> str:
    """Each whitespace-separated word becomes a quoted FTS5 string; all must match."""
    words = [w for w in re.split(r"\s+", text.strip()) if w]
    return " ".join('"' + w.replace('"', '""') + '"' for w in words)


def search(store: Store, query: str, *, limit: int = 200) -> list[dict]:
    """Hits ``{contribution_id, file_id, paragraph, start, end, snippet}``, best first."""
    match = fts_query(query)
    if not match:
        return []
    return store.query(
        "SELECT p.contribution_id, p.file_id, p.idx AS paragraph, p.start, p.\"end\","
        " snippet(paragraphs_fts, 0, ?, ?, '…', 16) AS snippet"
        " FROM paragraphs_fts JOIN paragraphs p ON p.id = paragraphs_fts.rowid"
        " WHERE paragraphs_fts MATCH ? ORDER BY rank, p.contribution_id, p.idx LIMIT ?",
        (SNIPPET_OPEN, SNIPPET_CLOSE, match, limit),
    )
