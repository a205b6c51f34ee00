"""The same original logged on two replicas: one contribution, once a person says so.

Two members log the same note verbale from the same email: two contributions with two ids,
the same original (SHA-256).  On receiving, each such pair becomes a conflict (kind
``logged-twice``); settling it with ``merge`` moves the colleague's excerpts (and their
positions) onto the contribution logged first and removes the other, as ordinary recorded
changes every replica receives.  Nothing is merged behind anyone's back: both may already
carry work.
"""

from __future__ import annotations

from lapdesk.store.capture import pk_text
from lapdesk.team.conflict_log import Found


def logged_twice(store, received: list[int], *, origin: str, author: str,
                 stamp: str) -> list[Found]:
    """A conflict for each contribution just received whose original is also another's."""
    found = []
    for contribution_id in received:
        other = store.query_one(
            "SELECT c.id, c.title, c.created_at, c.created_by FROM files mine"
            " JOIN files f ON f.sha256 = mine.sha256 AND f.contribution_id != mine.contribution_id"
            " JOIN contributions c ON c.id = f.contribution_id"
            " WHERE mine.contribution_id = ? AND mine.parent_id IS NULL"
            " AND f.parent_id IS NULL AND f.status != 'duplicate' LIMIT 1", (contribution_id,))
        if other is None:
            continue
        arrived = store.query_one("SELECT id, title, created_at, created_by FROM contributions"
                                  " WHERE id = ?", (contribution_id,))
        # The one logged first is kept, on every replica alike.
        keep, remove = sorted((other, arrived), key=lambda c: (c["created_at"], c["id"]))
        found.append(Found(
            "logged-twice", "contributions", pk_text([remove["id"]]),
            f"{origin} and this replica logged the same original (contributions "
            f"{keep['id']} and {remove['id']}); merge keeps the first logged",
            mine=keep, theirs=remove, mine_by=keep["created_by"], mine_at=keep["created_at"],
            theirs_by=remove["created_by"], theirs_at=stamp))
    return found


def merge(store, rec, keep: int, remove: int) -> None:
    """Move ``remove``'s excerpts onto ``keep`` (inside the settling change), for the caller
    to delete ``remove`` afterwards."""
    for excerpt in store.query("SELECT id FROM excerpts WHERE contribution_id = ?", (remove,)):
        rec.update("excerpts", {"id": excerpt["id"]}, {"contribution_id": keep})
