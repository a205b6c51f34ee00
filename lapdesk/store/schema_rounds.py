"""Schema 8, drafting rounds (issue #18), kept apart from ``migrations.py`` for its size.

A round is a consultation on a framework (the concept note) or a draft of the action plan (the
zero draft, Rev.1, ...); the store works on one at a time (the ``current_round`` setting) and
keeps the others readable. A node of a draft carries its ``label`` and text as the draft writes
them ("Action 12", "PP3"); ``round_id`` is the latest round it belongs to (NULL: the store's
first framework, from before rounds), and ``node_versions`` keeps each draft round's nodes as
issued, so that a node keeps its key (and its amendments) when a later draft renumbers it. A
contribution belongs to the round it was received in. An amendment targets a node of its round,
records what it does to the text (``old`` at ``span_start``-``span_end`` of the node's text,
``new``), who proposed and supported it, and the Presidency's decision with the node's text
that results; suggested ones wait with ``status = 'suggested'`` until a person accepts them.

Shipped with the migration that applies it: never edit it once released; append.
"""

ROUNDS_SCHEMA = """
    CREATE TABLE rounds (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('consultation', 'draft')),
        title TEXT NOT NULL DEFAULT '',
        symbol TEXT NOT NULL DEFAULT '',
        revision INTEGER NOT NULL DEFAULT 0,
        source_name TEXT NOT NULL DEFAULT '',
        source_sha256 TEXT,
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL DEFAULT ''
    );

    ALTER TABLE contributions ADD COLUMN round_id INTEGER REFERENCES rounds(id);
    ALTER TABLE framework_nodes ADD COLUMN round_id INTEGER REFERENCES rounds(id);
    ALTER TABLE framework_nodes ADD COLUMN label TEXT NOT NULL DEFAULT '';
    ALTER TABLE framework_nodes ADD COLUMN text TEXT NOT NULL DEFAULT '';
    CREATE INDEX framework_round ON framework_nodes(round_id);

    CREATE TABLE node_versions (
        round_id INTEGER NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
        node_id INTEGER NOT NULL REFERENCES framework_nodes(id) ON DELETE CASCADE,
        parent_id INTEGER REFERENCES framework_nodes(id) ON DELETE SET NULL,
        position INTEGER NOT NULL DEFAULT 0,
        kind TEXT NOT NULL,
        number TEXT NOT NULL DEFAULT '',
        label TEXT NOT NULL DEFAULT '',
        title TEXT NOT NULL DEFAULT '',
        text TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (round_id, node_id)
    );

    CREATE TABLE amendments (
        id INTEGER PRIMARY KEY,
        round_id INTEGER NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
        node_id INTEGER NOT NULL REFERENCES framework_nodes(id) ON DELETE CASCADE,
        op TEXT NOT NULL CHECK (op IN ('replace', 'insert', 'delete_text', 'delete_node',
                                       'new_node_after', 'move', 'redraft', 'comment')),
        old TEXT NOT NULL DEFAULT '',
        new TEXT NOT NULL DEFAULT '',
        span_start INTEGER,
        span_end INTEGER,
        move_after_id INTEGER REFERENCES framework_nodes(id) ON DELETE SET NULL,
        justification TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL DEFAULT 'suggested'
            CHECK (status IN ('suggested', 'recorded', 'dismissed')),
        decision TEXT NOT NULL DEFAULT 'undecided'
            CHECK (decision IN ('undecided', 'retained', 'retained_as_amended', 'merged',
                                'not_retained', 'withdrawn')),
        result_text TEXT,
        text_given INTEGER NOT NULL DEFAULT 0,
        decided_at TEXT,
        decided_by TEXT NOT NULL DEFAULT '',
        source_kind TEXT NOT NULL DEFAULT 'manual'
            CHECK (source_kind IN ('tracked_change', 'instruction', 'comment', 'manual')),
        contribution_id INTEGER REFERENCES contributions(id) ON DELETE CASCADE,
        file_id INTEGER REFERENCES files(id) ON DELETE SET NULL,
        start INTEGER,
        "end" INTEGER,
        excerpt_id INTEGER REFERENCES excerpts(id) ON DELETE SET NULL,
        confidence REAL NOT NULL DEFAULT 1.0,
        reason TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL DEFAULT '',
        CHECK (span_start IS NULL OR (span_end >= span_start AND span_start >= 0))
    );
    CREATE INDEX amendments_node ON amendments(node_id);
    CREATE INDEX amendments_contribution ON amendments(contribution_id);

    -- Who proposed an amendment (a joint submission's contributors) and who supported it.
    CREATE TABLE amendment_contributors (
        amendment_id INTEGER NOT NULL REFERENCES amendments(id) ON DELETE CASCADE,
        contributor_id INTEGER NOT NULL REFERENCES contributors(id) ON DELETE CASCADE,
        role TEXT NOT NULL DEFAULT 'proposer' CHECK (role IN ('proposer', 'supporter')),
        position INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (amendment_id, contributor_id)
    );
    """
