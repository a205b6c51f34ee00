"""The schema of team work (migration 8, issue #14): what a replica keeps that never travels.

A store becomes a team's replica when ``team_replica`` has its row (a colleague's copy has no
replica id until it is first opened).  Each committed change of a replica is kept as a
changeset in ``team_outbox`` until sent, with what it was made on top of (``needs``: how far
this replica had applied each colleague's changes); ``team_members`` is every replica known and how far
its changes have been applied here; a pack that arrives ahead of a missing one waits in
``team_waiting``.  ``team_stamps`` says when, and by whom, each shared row's columns were last
written (``col = ''``: the row itself, with ``deleted = 1`` a tombstone that keeps only the
key); ``team_conflicts`` is what a person must settle.  The audit trail names the replica of
each entry.  None of these tables travels in a pack.
"""

# Never edit: a shipped migration (tests/test_migrations_shipped.py).
MIGRATION_8 = """
    ALTER TABLE audit ADD COLUMN replica TEXT NOT NULL DEFAULT '';

    CREATE TABLE team_replica (
        one INTEGER PRIMARY KEY CHECK (one = 1),
        team_id TEXT NOT NULL,
        replica_id TEXT,
        name TEXT NOT NULL DEFAULT '',
        initials TEXT NOT NULL DEFAULT '',
        clock TEXT NOT NULL DEFAULT '',
        next_seq INTEGER NOT NULL DEFAULT 1,
        sent_seq INTEGER NOT NULL DEFAULT 0,
        packs_sent INTEGER NOT NULL DEFAULT 0,
        last_sent_at TEXT,
        created_at TEXT NOT NULL
    );

    CREATE TABLE team_members (
        replica_id TEXT PRIMARY KEY,
        name TEXT NOT NULL DEFAULT '',
        initials TEXT NOT NULL DEFAULT '',
        applied_seq INTEGER NOT NULL DEFAULT 0,
        last_received_at TEXT,
        last_pack TEXT NOT NULL DEFAULT ''
    );

    CREATE TABLE team_outbox (
        seq INTEGER PRIMARY KEY,
        stamp TEXT NOT NULL,
        author TEXT NOT NULL DEFAULT '',
        kind TEXT NOT NULL CHECK (kind IN ('changes', 'purge')),
        needs TEXT NOT NULL DEFAULT '{}',
        payload BLOB NOT NULL
    );

    CREATE TABLE team_waiting (
        replica_id TEXT NOT NULL,
        first_seq INTEGER NOT NULL,
        last_seq INTEGER NOT NULL,
        name TEXT NOT NULL DEFAULT '',
        received_at TEXT NOT NULL,
        pack BLOB NOT NULL,
        PRIMARY KEY (replica_id, first_seq)
    );

    CREATE TABLE team_stamps (
        tbl TEXT NOT NULL,
        pk TEXT NOT NULL,
        col TEXT NOT NULL,
        stamp TEXT NOT NULL,
        author TEXT NOT NULL DEFAULT '',
        deleted INTEGER NOT NULL DEFAULT 0,
        purged INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (tbl, pk, col)
    );

    CREATE TABLE team_conflicts (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,
        tbl TEXT NOT NULL,
        pk TEXT NOT NULL,
        summary TEXT NOT NULL,
        mine TEXT NOT NULL DEFAULT '{}',
        theirs TEXT NOT NULL DEFAULT '{}',
        mine_by TEXT NOT NULL DEFAULT '',
        mine_at TEXT NOT NULL DEFAULT '',
        theirs_by TEXT NOT NULL DEFAULT '',
        theirs_at TEXT NOT NULL DEFAULT '',
        state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'settled')),
        choice TEXT NOT NULL DEFAULT '',
        settled_by TEXT NOT NULL DEFAULT '',
        settled_at TEXT NOT NULL DEFAULT ''
    );
    """

# The tables of team work, all local to a replica.
TEAM_TABLES = ("team_replica", "team_members", "team_outbox", "team_waiting", "team_stamps",
               "team_conflicts")
