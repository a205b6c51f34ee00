"""A team's replica restored from a backup continues as a new replica of the team.

A backup holds the replica as it was: its next sequence number is one it may have used since,
in packs its colleagues have applied.  Sending new changes under those numbers again would
lose them: a colleague takes a number it has applied as a duplicate.  The restored copy's
sent high-water mark is not known (the packs sent since the backup are elsewhere), so it takes
a new replica id, as a colleague's copy does when first opened, and numbers its changes from 1
again; the colleagues learn it from its first pack.  Its former id stays a member of the team
here, applied as far as the backup had sent: the packs it sent after the backup can be received
like a colleague's, and bring back what the restore took away (a colleague's changes that were
made on top of them wait for them).  The changes the backup holds that it had not sent yet are
filed again under the new id, so that nothing the backup holds stays unsent; a colleague who
has them already finds nothing to change.
"""

from __future__ import annotations

import json
import uuid

from lapdesk.store import sqlite


def continue_as_new_replica(conn: sqlite.Connection) -> str | None:
    """Give the replica in ``conn`` (a restored copy, not yet in use) a new id; returns it,
    or ``None`` when the copy is not a team's replica (or a seed copy not yet opened)."""
    if not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'team_replica'").fetchone():
        return None
    row = conn.execute("SELECT replica_id, name, initials, sent_seq, packs_sent"
                       " FROM team_replica").fetchone()
    if row is None or row[0] is None:
        return None
    old_id, name, initials, sent_seq, packs_sent = row
    new_id = uuid.uuid4().hex[:12]
    conn.execute("BEGIN IMMEDIATE")
    try:
        unsent = conn.execute("SELECT stamp, author, kind, needs, payload FROM team_outbox"
                              " WHERE seq > ? ORDER BY seq", (sent_seq,)).fetchall()
        conn.execute("DELETE FROM team_outbox")
        for seq, (stamp, author, kind, needs, payload) in enumerate(unsent, start=1):
            # They follow what the former id had sent, like the rest of its changes.
            needs = {**json.loads(needs), old_id: sent_seq}
            conn.execute("INSERT INTO team_outbox (seq, stamp, author, kind, needs, payload)"
                         " VALUES (?, ?, ?, ?, ?, ?)",
                         (seq, stamp, author, kind, json.dumps(needs), payload))
        conn.execute("UPDATE team_replica SET replica_id = ?, next_seq = ?, sent_seq = 0",
                     (new_id, len(unsent) + 1))
        conn.execute(
            "INSERT OR REPLACE INTO team_members (replica_id, name, initials, applied_seq,"
            " last_received_at, last_pack) VALUES (?, ?, ?, ?, NULL, ?)",
            (old_id, name, initials, sent_seq, str(packs_sent)))
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return new_id
