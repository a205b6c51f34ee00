"""Replicas: the team's first one (Team > Start a team store) and a colleague's copy.

A replica is an ordinary store that also works alone.  Starting a team gives the store a team
id and makes it the first replica; from then on its changes are captured
(:mod:`lapdesk.store.capture`).  A copy for a colleague is SQLite's online backup of the
store, marked as a seed: it takes a replica id of its own, with the colleague's name, when it
is first opened, and it already holds everything this replica had done and received.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from pathlib import Path

from lapdesk.core.clock import now_iso
from lapdesk.core.errors import StoreError, UsageError
from lapdesk.store import backup, capture, sqlite
from lapdesk.store.changes import audit
from lapdesk.store.database import Store


@dataclass(frozen=True)
class Replica:
    team_id: str
    replica_id: str
    name: str
    initials: str
    next_seq: int
    sent_seq: int
    packs_sent: int
    last_sent_at: str | None


def initials_of(name: str) -> str:
    """``BC`` for "Béatrice Curtis" (and for "BC"): the first letters of the name's words."""
    name = name.strip()
    if re.fullmatch(r"[A-Z]{2,4}", name):
        return name
    words = re.findall(r"[^\W\d_]+", name)
    return "".join(word[0].upper() for word in words[:3]) or "XX"


def replica_of(store: Store) -> Replica | None:
    """This store's replica, or ``None`` when it works alone."""
    row = store.query_one("SELECT * FROM team_replica")
    if row is None or row["replica_id"] is None:
        return None
    return Replica(row["team_id"], row["replica_id"], row["name"], row["initials"],
                   row["next_seq"], row["sent_seq"], row["packs_sent"], row["last_sent_at"])


def require_replica(store: Store) -> Replica:
    replica = replica_of(store)
    if replica is None:
        raise UsageError(f"{store.name} is not a team store yet; start a team first "
                         "(Team > Start a team store, or lapdesk team start).")
    return replica


def start_team(store: Store, *, name: str, initials: str | None = None) -> Replica:
    """Make ``store`` the first replica of a new team, named for ``name``.

    :raises UsageError: the store is a team's already.
    """
    if store.query_one("SELECT 1 AS x FROM team_replica"):
        raise UsageError(f"{store.name} is a team store already.")
    with store.transaction():
        store.execute(
            "INSERT INTO team_replica (one, team_id, replica_id, name, initials, created_at)"
            " VALUES (1, ?, ?, ?, ?, ?)",
            (uuid.uuid4().hex, uuid.uuid4().hex[:12], name, initials or initials_of(name),
             now_iso()))
        audit(store, "Start a team store", name=name)
    capture.attach(store)
    return require_replica(store)


def make_copy(store: Store, dest: Path, *, for_name: str, initials: str | None = None) -> Path:
    """Write a seed copy of this replica for a colleague; returns ``dest``.

    :raises UsageError: the store is not a team's.
    :raises StoreError: the copy cannot be written.
    """
    replica = require_replica(store)
    dest = Path(dest)
    if dest.exists():
        raise StoreError(f"{dest} exists already; choose a new file for the copy.")
    backup.take_backup(store.conn, store.path, out=dest)
    conn = sqlite.connect(dest)
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute(
            "UPDATE team_replica SET replica_id = NULL, name = ?, initials = ?, next_seq = 1,"
            " sent_seq = 0, packs_sent = 0, last_sent_at = NULL, created_at = ?",
            (for_name, initials or initials_of(for_name), now_iso()))
        for table in ("team_outbox", "team_waiting", "team_conflicts"):
            conn.execute(f"DELETE FROM {table}")  # (fixed names) this replica's, not theirs
        # Everything this replica did is in the copy.
        conn.execute(
            "INSERT OR REPLACE INTO team_members (replica_id, name, initials, applied_seq,"
            " last_received_at, last_pack) VALUES (?, ?, ?, ?, NULL, ?)",
            (replica.replica_id, replica.name, replica.initials, replica.next_seq - 1,
             str(replica.packs_sent)))
        conn.execute("COMMIT")
    finally:
        conn.close()
    with store.transaction():
        audit(store, "Make a copy for a colleague", name=for_name, file=dest.name)
    return dest
