"""Full-text search over contributions' paragraphs and comments: the one module that keeps
the indexes and reads them.

The paragraph index is FTS5 over ``paragraphs`` (accents and case folded, migration 1).
Deleting or editing a paragraph updates it by trigger; new paragraphs join it here, by one
INSERT ... SELECT per file (:func:`index_paragraphs`; migration 3 dropped the insert trigger,
which made each row a statement of its own), and a paragraph a recorded change inserts or
brings back joins it through :func:`index_inserted`.  The comments of Word and OpenDocument
files have an index of their own, kept by triggers (migration 7).  Salvage rebuilds both
(:func:`rebuild_index`) and the integrity check asks :func:`check_index`.

What the user types is read by :mod:`lapdesk.store.search_query` (phrases, prefixes, ``AND``
and ``OR``; everything else words, never a syntax error).  Hits come in reading order, a page
at a time (:func:`search_page`): contribution by contribution, paragraph by paragraph, so the
first page costs about as much on 20,000 pages as on 20, and a scroll asks for the next.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from lapdesk.store import sqlite
from lapdesk.store.database import Store
from lapdesk.store.search_query import Query, parse

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


@dataclass(frozen=True)
class SearchHit:
    """One passage found: a paragraph, or the text of a comment on a passage.

    :param paragraph: the 0-based paragraph index (for a comment, the paragraph its passage
        starts in; None if it starts before the first one).
    :param start: offsets in the contribution's text (a comment's: the passage it is about).
    :param snippet: the words around the match, the matched words between ``«`` and ``»``.
    :param kind: ``paragraph`` or ``comment``.
    """

    contribution_id: int
    file_id: int
    paragraph: int | None
    start: int
    end: int
    snippet: str
    kind: str

    def as_dict(self) -> dict:
        """The fields of ``lapdesk search --json``, in the order docs/cli.md lists them."""
        return asdict(self)


@dataclass(frozen=True)
class Place:
    """Where a page of hits ended: the next page starts after this paragraph."""

    contribution_id: int
    paragraph: int


@dataclass(frozen=True)
class SearchPage:
    """Hits in reading order, and where the next page starts (None: there is no more)."""

    hits: list[SearchHit]
    next: Place | None


@dataclass(frozen=True)
class SearchCounts:
    """How many passages match (paragraphs and comments) and in how many contributions."""

    passages: int
    contributions: int


PAGE_SIZE = 50
_END = Place(2 ** 62, 0)  # after every real paragraph: the last page takes every comment left

# The paragraphs are walked in reading order on their (contribution_id, idx) index, kept when
# their id is among the matches: SQLite gathers the matching ids once (a bloom filter and a
# list; 1-3 ms for 36,000 matches) and stops at the page's last row, so a page costs about the
# same whatever the number of matches, where ranking every match (BM25) cost 20-25 ms on the
# 20,000-page bench store.  The ``+`` keeps SQLite from looking each id up instead.
_PAGE_SQL = (
    "SELECT p.id, p.contribution_id, p.file_id, p.idx AS paragraph, p.start, p.\"end\""
    " FROM paragraphs p WHERE +p.id IN"
    " (SELECT rowid FROM paragraphs_fts WHERE paragraphs_fts MATCH ?)"
    " AND (p.contribution_id, p.idx) > (?, ?) ORDER BY p.contribution_id, p.idx LIMIT ?"
)
# Snippets only for the page's rows: FTS5 reads the range of their ids once (a lookup per id
# sets a prefix's merged list up again for each: 40 ms a page instead of 1).
_SNIPPETS_SQL = (
    "SELECT rowid AS id, snippet(paragraphs_fts, 0, ?, ?, '…', 16) AS snippet"
    " FROM paragraphs_fts WHERE paragraphs_fts MATCH ? AND rowid BETWEEN ? AND ?"
    " AND +rowid IN ({marks})"
)
_COMMENTS_SQL = (
    "SELECT * FROM (SELECT f.contribution_id, c.file_id, (SELECT p.idx FROM paragraphs p"
    "   WHERE p.file_id = c.file_id AND p.start <= f.text_start + c.start"
    "   ORDER BY p.start DESC LIMIT 1) AS paragraph,"
    " f.text_start + c.start AS start, f.text_start + c.\"end\" AS \"end\","
    " snippet(comments_fts, 0, ?, ?, '…', 16) AS snippet"
    " FROM comments_fts JOIN comments c ON c.id = comments_fts.rowid"
    " JOIN files f ON f.id = c.file_id WHERE comments_fts MATCH ?)"
    " WHERE (contribution_id, coalesce(paragraph, -1)) > (?, ?)"
    " AND (contribution_id, coalesce(paragraph, -1)) <= (?, ?)"
    " ORDER BY contribution_id, coalesce(paragraph, -1), start"
)


def _match(query: str | Query) -> str:
    return (query if isinstance(query, Query) else parse(query)).fts()


def search_page(store: Store, query: str | Query, *, after: Place | None = None,
                limit: int = PAGE_SIZE) -> SearchPage:
    """The ``limit`` matching paragraphs after ``after`` in reading order (contribution by
    contribution, paragraph by paragraph), each comment that matches placed after the
    paragraph its passage starts in.  ``query`` as :func:`~lapdesk.store.search_query.parse`
    reads it: no text is a syntax error."""
    match = _match(query)
    if not match:
        return SearchPage([], None)
    since = after or Place(-1, -1)
    rows = store.query(_PAGE_SQL, (match, since.contribution_id, since.paragraph, limit + 1))
    more = len(rows) > limit  # one row more than shown says whether a next page exists
    rows = rows[:limit]
    snippets = {}
    if rows:
        ids = [row["id"] for row in rows]
        snippets = {row["id"]: row["snippet"] for row in store.query(
            _SNIPPETS_SQL.format(marks=",".join("?" * len(ids))),
            (SNIPPET_OPEN, SNIPPET_CLOSE, match, min(ids), max(ids), *ids))}
    until = Place(rows[-1]["contribution_id"], rows[-1]["paragraph"]) if more else _END
    keyed = [((row["contribution_id"], row["paragraph"], 0, row["start"]),
              SearchHit(row["contribution_id"], row["file_id"], row["paragraph"], row["start"],
                        row["end"], snippets.get(row["id"], ""), "paragraph")) for row in rows]
    for row in store.query(_COMMENTS_SQL, (SNIPPET_OPEN, SNIPPET_CLOSE, match,
                                           since.contribution_id, since.paragraph,
                                           until.contribution_id, until.paragraph)):
        paragraph = -1 if row["paragraph"] is None else row["paragraph"]
        keyed.append(((row["contribution_id"], paragraph, 1, row["start"]),
                      SearchHit(kind="comment", **row)))
    keyed.sort(key=lambda pair: pair[0])
    return SearchPage([hit for _key, hit in keyed], until if more else None)


def search(store: Store, query: str | Query, *, limit: int = 200) -> list[dict]:
    """The first ``limit`` hits of :func:`search_page`'s pages, as ``lapdesk search --json``
    prints them: ``{contribution_id, file_id, paragraph, start, end, snippet, kind}``."""
    query = query if isinstance(query, Query) else parse(query)
    hits: list[SearchHit] = []
    page = SearchPage([], Place(-1, -1))
    while page.next is not None and len(hits) < limit:
        page = search_page(store, query, after=page.next, limit=min(limit, 500))
        hits += page.hits
    return [hit.as_dict() for hit in hits[:limit]]


def count_hits(store: Store, query: str | Query) -> SearchCounts:
    """How many passages match and in how many contributions (an extra pass over the
    matches: the panel asks once its first page is shown)."""
    match = _match(query)
    if not match:
        return SearchCounts(0, 0)
    row = store.query_one(
        "SELECT count(*) AS n, count(DISTINCT p.contribution_id) AS c FROM paragraphs p"
        " WHERE +p.id IN (SELECT rowid FROM paragraphs_fts WHERE paragraphs_fts MATCH ?)",
        (match,))
    comments = store.query(
        "SELECT f.contribution_id FROM comments_fts JOIN comments c ON c.id = comments_fts.rowid"
        " JOIN files f ON f.id = c.file_id WHERE comments_fts MATCH ?", (match,))
    if not comments:
        return SearchCounts(row["n"], row["c"])
    ids = {r["contribution_id"] for r in store.query(
        "SELECT DISTINCT p.contribution_id FROM paragraphs p"
        " WHERE +p.id IN (SELECT rowid FROM paragraphs_fts WHERE paragraphs_fts MATCH ?)",
        (match,))}
    ids.update(r["contribution_id"] for r in comments)
    return SearchCounts(row["n"] + len(comments), len(ids))
