"""Full-text search over contributions' paragraphs and comments: the one module that keeps
the indexes and reads them.

The paragraph index is FTS5 over ``paragraphs`` (accents and case folded, migration 1).
Deleting or editing a paragraph updates it by trigger; new paragraphs join it here, by one
INSERT ... SELECT per file (:func:`index_paragraphs`; migration 3 dropped the insert trigger,
which made each row a statement of its own), and a paragraph a recorded change inserts or
brings back joins it through :func:`index_inserted`.  The comments of Word and OpenDocument
files have an index of their own, kept by triggers (migration 7).  Salvage rebuilds both
(:func:`rebuild_index`) and the integrity check asks :func:`check_index`.

The user's words are quoted for FTS5, so nothing they type (``ratification/accession``,
``risk-reduction``, ``l'universalisation``, ``CCM/CONF/2020``) can be read as query syntax.
"""

from __future__ import annotations

import re

from lapdesk.store import sqlite
from lapdesk.store.database import Store

SNIPPET_OPEN, SNIPPET_CLOSE = "\u00ab", "\u00bb"
INDEXED_TABLE = "paragraphs"


def index_sql(table: str) -> str:
    """The schema of the index of ``table``'s ``text`` (an external-content FTS5 table) and
    the triggers that follow its rows, as migrations 1 (paragraphs) and 7 (comments) wrote it.
    Never change it: it is part of those shipped migrations."""
    return f"""    CREATE VIRTUAL TABLE {table}_fts USING fts5(
        text, content='{table}', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2'
    );
    CREATE TRIGGER {table}_ai AFTER INSERT ON {table} BEGIN
        INSERT INTO {table}_fts(rowid, text) VALUES (new.id, new.text);
    END;
    CREATE TRIGGER {table}_ad AFTER DELETE ON {table} BEGIN
        INSERT INTO {table}_fts({table}_fts, rowid, text) VALUES ('delete', old.id, old.text);
    END;
    CREATE TRIGGER {table}_au AFTER UPDATE OF text ON {table} BEGIN
        INSERT INTO {table}_fts({table}_fts, rowid, text) VALUES ('delete', old.id, old.text);
        INSERT INTO {table}_fts(rowid, text) VALUES (new.id, new.text);
    END;
"""


def index_paragraphs(store: Store, where: str, params: tuple) -> None:
    """Add the paragraphs selected by ``where`` to the search index, in the caller's
    transaction (whoever inserts paragraphs calls this)."""
    store.execute(
        f"INSERT INTO paragraphs_fts(rowid, text) SELECT id, text FROM paragraphs WHERE {where}",
        params,
    )


def index_inserted(store: Store, table: str, key: dict) -> None:
    """A row a recorded change just inserted (or undo brought back) joins the index when it
    is a paragraph."""
    if table == INDEXED_TABLE:
        index_paragraphs(store, "id = ?", (key["id"],))


def rebuild_index(conn) -> None:
    """Index every paragraph and comment afresh (after copying rows in bulk, as salvage does,
    on a connection of either SQLite library; a store older than schema 7 has no comments)."""
    conn.execute("INSERT INTO paragraphs_fts(paragraphs_fts) VALUES ('rebuild')")
    if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'comments_fts'").fetchone():
        conn.execute("INSERT INTO comments_fts(comments_fts) VALUES ('rebuild')")


def check_index(store: Store) -> list[str]:
    """What is wrong with the index, in plain sentences (nothing when it is sound)."""
    # FTS5's own integrity check is an INSERT, which a read-only connection (a store opened
    # read-only, the desk's background check) refuses: there, compare the index's row count.
    try:
        if not store.readonly:
            store.execute(
                "INSERT INTO paragraphs_fts(paragraphs_fts, rank) VALUES ('integrity-check', 1)"
            )
            return []
        indexed = store.query_one("SELECT count(*) AS n FROM paragraphs_fts_docsize")["n"]
        rows = store.query_one("SELECT count(*) AS n FROM paragraphs")["n"]
    except sqlite.Error as error:
        return [f"The search index is damaged ({error}); rebuild it."]
    if indexed != rows:
        return [f"The search index is damaged ({indexed} entries for {rows} paragraphs); "
                "rebuild it."]
    return []


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
