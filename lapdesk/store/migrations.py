"""Numbered, forward-only schema migrations; ``PRAGMA user_version`` is the schema version.

Each migration runs in one transaction together with the bump of ``user_version``, so a store
is always at exactly one version.  A migration that adds what the built-in files hold (a
column of the registry, a translation of the framework) also owns the filling of it for the
rows an older store already has: its entry in :data:`FILLS`, run in that same transaction.
Never edit a migration that has shipped: append a new one.  Tests keep a fixture store of
every version and migrate it (see ``tests/fixtures/stores``).

The functions here take a connection of either SQLite library (they only ``execute``): the
store's own, and salvage's, which rebuilds a damaged store through ``sqlite3``.
"""

from __future__ import annotations

from collections.abc import Callable

from lapdesk.core.errors import NewerSchemaError
from lapdesk.store import team_schema
from lapdesk.store.fills import fill_contributor_columns, fill_translations
from lapdesk.store.schema_rounds import ROUNDS_SCHEMA
from lapdesk.store.search import index_sql
from lapdesk.store.seed import SeedFiles
from lapdesk.store.sqlite import complete_statement

MIGRATIONS: list[str] = [
    # 1: the first schema.
    """
    CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );

    CREATE TABLE contributors (
        id INTEGER PRIMARY KEY,
        key TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('state', 'international_organisation',
                                           'civil_society', 'other')),
        status TEXT NOT NULL,
        iso3 TEXT,
        regional_group TEXT,
        expected INTEGER NOT NULL DEFAULT 1,
        acknowledged_on TEXT,
        reminder_on TEXT,
        notes TEXT NOT NULL DEFAULT ''
    );

    CREATE TABLE contributor_aliases (
        contributor_id INTEGER NOT NULL REFERENCES contributors(id) ON DELETE CASCADE,
        alias TEXT NOT NULL,
        PRIMARY KEY (contributor_id, alias)
    );

    CREATE TABLE contributions (
        id INTEGER PRIMARY KEY,
        title TEXT NOT NULL DEFAULT '',
        received TEXT NOT NULL,
        channel TEXT NOT NULL DEFAULT 'file' CHECK (channel IN ('email', 'file', 'paper', 'other')),
        language TEXT,
        sender TEXT,
        subject TEXT,
        notes TEXT NOT NULL DEFAULT '',
        permission_to_publish INTEGER NOT NULL DEFAULT 1,
        superseded_by INTEGER REFERENCES contributions(id) ON DELETE SET NULL,
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL DEFAULT ''
    );

    -- The contributors of a contribution (several for a joint submission) and, with
    -- chosen = 0, the other candidates detection considered, each with its reason.
    CREATE TABLE contribution_contributors (
        contribution_id INTEGER NOT NULL REFERENCES contributions(id) ON DELETE CASCADE,
        contributor_id INTEGER NOT NULL REFERENCES contributors(id) ON DELETE CASCADE,
        chosen INTEGER NOT NULL DEFAULT 1,
        confidence REAL NOT NULL DEFAULT 1.0,
        reason TEXT NOT NULL DEFAULT '',
        confirmed INTEGER NOT NULL DEFAULT 0,
        position INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (contribution_id, contributor_id)
    );

    -- Original bytes, stored once per distinct content.
    CREATE TABLE blobs (
        sha256 TEXT PRIMARY KEY,
        size INTEGER NOT NULL,
        data BLOB NOT NULL
    );

    CREATE TABLE files (
        id INTEGER PRIMARY KEY,
        contribution_id INTEGER NOT NULL REFERENCES contributions(id) ON DELETE CASCADE,
        parent_id INTEGER REFERENCES files(id) ON DELETE CASCADE,
        position INTEGER NOT NULL DEFAULT 0,
        name TEXT NOT NULL,
        original_name TEXT NOT NULL DEFAULT '',
        sha256 TEXT NOT NULL REFERENCES blobs(sha256),
        size INTEGER NOT NULL,
        media_type TEXT NOT NULL DEFAULT 'application/octet-stream',
        status TEXT NOT NULL CHECK (status IN ('ok', 'needs_ocr', 'encrypted', 'unreadable',
                                               'empty', 'duplicate', 'unsupported', 'too_large')),
        message TEXT NOT NULL DEFAULT '',
        pages INTEGER,
        chars INTEGER NOT NULL DEFAULT 0,
        text_start INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL
    );
    CREATE INDEX files_contribution ON files(contribution_id);
    CREATE INDEX files_sha256 ON files(sha256);

    -- A contribution's text is its files' texts in order, each followed by a blank line;
    -- start/end are 0-based, end-exclusive offsets of Python characters into that text.
    CREATE TABLE paragraphs (
        id INTEGER PRIMARY KEY,
        contribution_id INTEGER NOT NULL REFERENCES contributions(id) ON DELETE CASCADE,
        file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        page INTEGER,
        heading_level INTEGER,
        part TEXT NOT NULL DEFAULT 'body'
            CHECK (part IN ('body', 'table', 'footnote', 'header', 'footer')),
        text TEXT NOT NULL,
        UNIQUE (contribution_id, idx)
    );
    CREATE INDEX paragraphs_file ON paragraphs(file_id);

""" + index_sql("paragraphs") + """
    CREATE TABLE framework_nodes (
        id INTEGER PRIMARY KEY,
        key TEXT NOT NULL UNIQUE,
        parent_id INTEGER REFERENCES framework_nodes(id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('part', 'section', 'question')),
        position INTEGER NOT NULL DEFAULT 0,
        number TEXT NOT NULL DEFAULT '',
        title TEXT NOT NULL,
        title_fr TEXT NOT NULL DEFAULT '',
        title_es TEXT NOT NULL DEFAULT '',
        short_title TEXT NOT NULL DEFAULT '',
        description TEXT NOT NULL DEFAULT '',
        synthesis TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX framework_parent ON framework_nodes(parent_id, position);

    CREATE TABLE excerpts (
        id INTEGER PRIMARY KEY,
        contribution_id INTEGER NOT NULL REFERENCES contributions(id) ON DELETE CASCADE,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        text TEXT NOT NULL,
        reviewed INTEGER NOT NULL DEFAULT 0,
        origin TEXT NOT NULL DEFAULT 'manual',
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL DEFAULT '',
        CHECK ("end" > start AND start >= 0)
    );
    CREATE INDEX excerpts_contribution ON excerpts(contribution_id, start);

    CREATE TABLE mappings (
        excerpt_id INTEGER NOT NULL REFERENCES excerpts(id) ON DELETE CASCADE,
        node_id INTEGER NOT NULL REFERENCES framework_nodes(id) ON DELETE CASCADE,
        PRIMARY KEY (excerpt_id, node_id)
    );
    CREATE INDEX mappings_node ON mappings(node_id);

    CREATE TABLE topics (
        id INTEGER PRIMARY KEY,
        node_id INTEGER REFERENCES framework_nodes(id) ON DELETE SET NULL,
        title TEXT NOT NULL,
        description TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL
    );

    CREATE TABLE annotations (
        id INTEGER PRIMARY KEY,
        excerpt_id INTEGER NOT NULL REFERENCES excerpts(id) ON DELETE CASCADE,
        stance TEXT NOT NULL DEFAULT 'neutral'
            CHECK (stance IN ('supports', 'opposes', 'proposes', 'concern', 'question', 'neutral')),
        topic_id INTEGER REFERENCES topics(id) ON DELETE SET NULL,
        summary TEXT NOT NULL DEFAULT '',
        note TEXT NOT NULL DEFAULT '',
        tags TEXT NOT NULL DEFAULT '',
        author TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE INDEX annotations_excerpt ON annotations(excerpt_id);

    -- Suggested mappings from the analysis; accepted ones become ordinary excerpts.
    CREATE TABLE suggestions (
        id INTEGER PRIMARY KEY,
        contribution_id INTEGER NOT NULL REFERENCES contributions(id) ON DELETE CASCADE,
        paragraph_id INTEGER REFERENCES paragraphs(id) ON DELETE CASCADE,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        node_id INTEGER NOT NULL REFERENCES framework_nodes(id) ON DELETE CASCADE,
        confidence REAL NOT NULL,
        reason TEXT NOT NULL DEFAULT '',
        state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'accepted', 'rejected'))
    );
    CREATE INDEX suggestions_contribution ON suggestions(contribution_id);

    CREATE TABLE audit (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        author TEXT NOT NULL DEFAULT '',
        action TEXT NOT NULL,
        details TEXT NOT NULL DEFAULT '{}'
    );
    """,
    # 2: originals too large to keep (status too_large) are logged with their SHA-256 and size;
    # their blob row says so with kept = 0 and holds no bytes.
    """
    ALTER TABLE blobs ADD COLUMN kept INTEGER NOT NULL DEFAULT 1;
    """,
    # 3: new paragraphs are indexed for search by one INSERT ... SELECT per file
    # (search.index_paragraphs), not row by row: the insert trigger made each row a statement
    # of its own, and FTS5 flushes its pending terms at every statement, which cost an import
    # of 12,000 paragraphs 0.25 s against 0.05 s.  Deletes and edits keep their triggers.
    """
    DROP TRIGGER paragraphs_ai;
    """,
    # 4: contributors' French names and the article they take in running text ("l'Autriche",
    # "les Philippines", "Cuba"), for working papers in French.  A store from before this
    # version gets them for the built-in contributors from the registry file when it opens.
    """
    ALTER TABLE contributors ADD COLUMN name_fr TEXT NOT NULL DEFAULT '';
    ALTER TABLE contributors ADD COLUMN article_fr TEXT NOT NULL DEFAULT ''
        CHECK (article_fr IN ('', 'le', 'la', 'l''', 'les'));
    """,
    # 5: a State's nationality adjectives, "|"-separated ("Austrian|autrichien|autrichienne|
    # austriaco|austriaca"), by which detection reads "the Austrian Government" or "le
    # Gouvernement autrichien".  Filled in for the built-in States of an older store.
    """
    ALTER TABLE contributors ADD COLUMN adjectives TEXT NOT NULL DEFAULT '';
    """,
    # 6: the date the letter bears (``dated``, read from its text, or NULL), where the received
    # date came from (``received_source``: the email's Date, the letter's date, the day it was
    # logged, or a person), and permission to publish in three states: NULL = not yet decided
    # (the new default), 1 = yes, 0 = no.  Until now every contribution started as "yes", so an
    # older store's "yes" is no decision anyone made: it becomes "not yet decided" (and is
    # attributed anonymously until someone decides); an explicit "no" stays "no".
    """
    ALTER TABLE contributions ADD COLUMN dated TEXT;
    ALTER TABLE contributions ADD COLUMN received_source TEXT NOT NULL DEFAULT 'logged'
        CHECK (received_source IN ('email', 'letter', 'logged', 'user'));
    UPDATE contributions SET received_source = 'email' WHERE channel = 'email';
    ALTER TABLE contributions ADD COLUMN publication INTEGER CHECK (publication IN (0, 1));
    UPDATE contributions SET publication = 0 WHERE permission_to_publish = 0;
    ALTER TABLE contributions DROP COLUMN permission_to_publish;
    ALTER TABLE contributions RENAME COLUMN publication TO permission_to_publish;
    """,
    # 7: what reading a file found beyond its text.  Pages read by OCR, each with its mean
    # word confidence (0-100), and the file's own flag and mean; a Word or OpenDocument file's
    # tracked changes (inserted, deleted and moved text, by whom and when) and its comments
    # with their replies, the text they anchor to, and a search index of their text.  The
    # offsets of revisions and comments are relative to their file's text (files.text_start),
    # so a file read again in place moves them with it.
    """
    ALTER TABLE files ADD COLUMN ocr INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE files ADD COLUMN ocr_confidence REAL;

    CREATE TABLE ocr_pages (
        file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
        page INTEGER NOT NULL,
        confidence REAL,
        chars INTEGER NOT NULL DEFAULT 0,
        turned INTEGER NOT NULL DEFAULT 0,
        skew REAL NOT NULL DEFAULT 0,
        problem TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (file_id, page)
    );

    CREATE TABLE revisions (
        id INTEGER PRIMARY KEY,
        file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
        paragraph_id INTEGER REFERENCES paragraphs(id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('insert', 'delete', 'move')),
        text TEXT NOT NULL DEFAULT '',
        author TEXT NOT NULL DEFAULT '',
        date TEXT,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        whole_paragraph INTEGER NOT NULL DEFAULT 0,
        CHECK ("end" >= start AND start >= 0)
    );
    CREATE INDEX revisions_file ON revisions(file_id, start);

    CREATE TABLE comments (
        id INTEGER PRIMARY KEY,
        file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
        parent_id INTEGER REFERENCES comments(id) ON DELETE CASCADE,
        author TEXT NOT NULL DEFAULT '',
        date TEXT,
        text TEXT NOT NULL DEFAULT '',
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        done INTEGER NOT NULL DEFAULT 0,
        CHECK ("end" >= start AND start >= 0)
    );
    CREATE INDEX comments_file ON comments(file_id, start);

""" + index_sql("comments") + """    """,
    # 8: team work (#14): the replica, its outbox, the packs received, stamps, tombstones,
    # conflicts; see lapdesk/store/team_schema.py.
    team_schema.MIGRATION_8,
    # 9: drafting rounds (issue #18): see lapdesk/store/schema_rounds.py.
    ROUNDS_SCHEMA,
]

SCHEMA_VERSION = len(MIGRATIONS)


# What a migration fills in, from the seed files, for the rows an older store already holds.
FILLS: dict[int, Callable[..., None]] = {
    4: lambda conn, files: fill_contributor_columns(conn, files, ("name_fr", "article_fr")),
    5: lambda conn, files: (fill_contributor_columns(conn, files, ("adjectives",)),
                            fill_translations(conn, files)),
}


def schema_version(conn) -> int:
    return conn.execute("PRAGMA user_version").fetchone()[0]


def migrate(conn, *, path_label: str = "the store", files: SeedFiles = SeedFiles()) -> list[int]:  # noqa: B008 (frozen)
    """Bring the schema up to :data:`SCHEMA_VERSION`; returns the versions applied.

    An empty database (version 0) gets the schema only: it is seeded afterwards.  An older
    store also gets each migration's :data:`FILLS`, from ``files``.

    :raises NewerSchemaError: when the store was written by a newer LAPDesk.
    """
    current = schema_version(conn)
    if current > SCHEMA_VERSION:
        raise NewerSchemaError(
            f"{path_label} was written by a newer version of LAPDesk (schema {current}, this "
            f"version knows up to {SCHEMA_VERSION}); please update LAPDesk to open it."
        )
    applied = []
    for version in range(current + 1, SCHEMA_VERSION + 1):
        script = MIGRATIONS[version - 1]
        # One explicit transaction runs the statements, the fill and the version's bump:
        # either all land or none does.
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in _split_sql(script):
                conn.execute(statement)
            if current > 0 and version in FILLS:
                FILLS[version](conn, files)
            conn.execute(f"PRAGMA user_version = {version}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        applied.append(version)
    return applied


def _split_sql(script: str) -> list[str]:
    """Split a migration into statements, keeping trigger bodies (BEGIN ... END;) whole."""
    statements, buffer = [], []
    for line in script.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("--"):
            continue
        buffer.append(line)
        candidate = "\n".join(buffer)
        if stripped.endswith(";") and complete_statement(candidate):
            statements.append(candidate)
            buffer = []
    if buffer:
        statements.append("\n".join(buffer))
    return statements
