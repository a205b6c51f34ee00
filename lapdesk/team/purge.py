"""Purging a contribution logged by mistake (confidential material sent to the wrong address).

Deleting keeps a way back (undo, a colleague's conflict); purging keeps none.  The
contribution, its originals, text, excerpts, positions, marks and the amendments it proposes
leave this store — with SQLite's secure delete and FTS5's, so the freed pages and the search
index keep none of its words — and, in a team, every replica's as the pack carrying the
purge arrives: the pack names only the rows' keys, never their content.  Tombstones of
purged rows keep only keys, a change of them still waiting in this replica's outbox is
struck out, and a later change of a colleague that touches them is dropped.  (Backups taken
before the purge still hold it: the desk says so.)
"""

from __future__ import annotations

import json

from lapdesk.core.errors import NotFoundError
from lapdesk.store import sqlite
from lapdesk.store.capture import key_of, pk_text
from lapdesk.store.changes import audit

# The rows that belong to a contribution, table by table.
_BELONGING = {
    "contributions": "SELECT id FROM contributions WHERE id = ?1",
    "contribution_contributors": "SELECT contribution_id, contributor_id"
                                 " FROM contribution_contributors WHERE contribution_id = ?1",
    "files": "SELECT id FROM files WHERE contribution_id = ?1",
    "paragraphs": "SELECT id FROM paragraphs WHERE contribution_id = ?1",
    "excerpts": "SELECT id FROM excerpts WHERE contribution_id = ?1",
    "annotations": "SELECT a.id FROM annotations a JOIN excerpts e ON e.id = a.excerpt_id"
                   " WHERE e.contribution_id = ?1",
    "mappings": "SELECT m.excerpt_id, m.node_id FROM mappings m"
                " JOIN excerpts e ON e.id = m.excerpt_id WHERE e.contribution_id = ?1",
    "revisions": "SELECT r.id FROM revisions r JOIN files f ON f.id = r.file_id"
                 " WHERE f.contribution_id = ?1",
    "comments": "SELECT c.id FROM comments c JOIN files f ON f.id = c.file_id"
                " WHERE f.contribution_id = ?1",
    "ocr_pages": "SELECT o.file_id, o.page FROM ocr_pages o JOIN files f ON f.id = o.file_id"
                 " WHERE f.contribution_id = ?1",
    "amendments": "SELECT id FROM amendments WHERE contribution_id = ?1",
    "amendment_contributors": "SELECT ac.amendment_id, ac.contributor_id"
                              " FROM amendment_contributors ac JOIN amendments a"
                              " ON a.id = ac.amendment_id WHERE a.contribution_id = ?1",
    "blobs": "SELECT sha256 FROM blobs WHERE sha256 IN (SELECT sha256 FROM files"
             " WHERE contribution_id = ?1)",
}


def purge_contribution(store, contribution_id: int) -> int:
    """Purge one contribution; returns how many rows left the store.

    :raises NotFoundError: there is no such contribution.
    """
    if not store.query_one("SELECT 1 AS x FROM contributions WHERE id = ?", (contribution_id,)):
        raise NotFoundError(f"There is no contribution {contribution_id}.")
    capture = store.capture
    if capture is None:
        with store.transaction():
            keys = _remove(store, _same_originals(store, {contribution_id}))
            audit(store, "Purge a contribution", id=contribution_id)
        return len(keys)
    with capture.paused(), store.transaction():
        keys = _remove(store, _same_originals(store, {contribution_id}))
        _forget(store, keys, stamp=capture.next_stamp(), author=store.author)
        audit(store, "Purge a contribution", id=contribution_id)
        payload = {"contribution_id": contribution_id, "keys": sorted(keys)}
        capture.file(json.dumps(payload).encode(), kind="purge")
    return len(keys)


def apply_purge(store, payload: dict, tombstones: dict, *, stamp: str, author: str) -> None:
    """A colleague's purge, applied here (inside the pack's transaction)."""
    keys = {tuple(k) for k in payload["keys"]}
    originals = {json.loads(pk)[0] for table, pk in keys if table == "blobs"}
    here = {row["id"] for row in store.query(
        "SELECT id FROM contributions WHERE id = ?", (payload["contribution_id"],))}
    _purge_here(store, here | _logging_of(store, originals), tombstones, keys,
                stamp=stamp, author=author)
    audit(store, "Purge a contribution (received)", id=payload["contribution_id"], by=author)


def purge_arrived(store, files: list[int], tombstones: dict, *, stamp: str,
                  author: str) -> set[int]:
    """A colleague's contributions just received whose original (one of ``files``) was
    purged here: purged too, as on the replicas that had them when the purge came; returns
    their ids (inside the pack's transaction)."""
    arrived = set()
    for start in range(0, len(files), 500):
        batch = files[start:start + 500]
        arrived |= {(row["contribution_id"], row["sha256"]) for row in store.query(
            f"SELECT contribution_id, sha256 FROM files WHERE id IN ({', '.join('?' * len(batch))})"
            " AND parent_id IS NULL", tuple(batch))}
    ids = {cid for cid, sha in arrived
           if tombstones.get(("blobs", pk_text([sha])), (None, 0, 0))[2]}
    if ids:
        _purge_here(store, ids, tombstones, set(), stamp=stamp, author=author)
    return ids


def _purge_here(store, ids: set[int], tombstones: dict, keys: set[tuple[str, str]], *,
                stamp: str, author: str) -> None:
    if ids:
        keys = keys | _remove(store, _same_originals(store, ids))
    _forget(store, keys, stamp=stamp, author=author)
    for table, pk in keys:
        tombstones[(table, pk)] = (stamp, 1, 1)


def _logging_of(store, originals: set[str]) -> set[int]:
    """The contributions here whose original (not an attachment) is one of ``originals``."""
    if not originals:
        return set()
    marks = ", ".join("?" * len(originals))
    return {row["contribution_id"] for row in store.query(
        f"SELECT contribution_id FROM files WHERE parent_id IS NULL AND sha256 IN ({marks})",
        tuple(sorted(originals)))}


def _same_originals(store, ids: set[int]) -> set[int]:
    """``ids`` and every contribution here that logged one of their originals again (and so
    on: one such contribution may hold a second original of its own)."""
    while True:
        marks = ", ".join("?" * len(ids))
        originals = {row["sha256"] for row in store.query(
            f"SELECT sha256 FROM files WHERE parent_id IS NULL AND contribution_id IN ({marks})",
            tuple(sorted(ids)))}
        more = _logging_of(store, originals) - ids
        if not more:
            return ids
        ids = ids | more


def _remove(store, ids: set[int]) -> set[tuple[str, str]]:
    """Remove the contributions ``ids`` and all that belongs to them; returns the keys.  An
    original leaves with them unless a contribution that stays holds it too (an attachment
    of another's)."""
    keys = {(table, pk_text(row.values())) for table, sql in _BELONGING.items()
            for contribution_id in sorted(ids) for row in store.query(sql, (contribution_id,))}
    marks = ", ".join("?" * len(ids))
    kept = {row["sha256"] for row in store.query(
        f"SELECT sha256 FROM files WHERE contribution_id NOT IN ({marks})", tuple(sorted(ids)))}
    keys = {(table, pk) for table, pk in keys
            if table != "blobs" or json.loads(pk)[0] not in kept}
    blobs = [json.loads(pk)[0] for table, pk in keys if table == "blobs"]
    store.execute("PRAGMA secure_delete = ON")
    store.execute("INSERT INTO paragraphs_fts(paragraphs_fts, rank) VALUES ('secure-delete', 1)")
    try:
        for contribution_id in sorted(ids):
            store.execute("DELETE FROM suggestions WHERE contribution_id = ?", (contribution_id,))
            store.execute("DELETE FROM contributions WHERE id = ?", (contribution_id,))  # cascades
        store.executemany("DELETE FROM blobs WHERE sha256 = ?", [(b,) for b in blobs])
    finally:
        store.execute("PRAGMA secure_delete = OFF")
    return keys


def _forget(store, keys: set[tuple[str, str]], *, stamp: str, author: str) -> None:
    """Tombstones that keep only keys; no trace left in the outbox or in Conflicts."""
    store.executemany(
        "INSERT INTO team_stamps (tbl, pk, col, stamp, author, deleted, purged)"
        " VALUES (?, ?, '', ?, ?, 1, 1) ON CONFLICT (tbl, pk, col) DO UPDATE SET"
        " stamp = excluded.stamp, author = excluded.author, deleted = 1, purged = 1",
        [(table, pk, stamp, author) for table, pk in keys])
    store.executemany("DELETE FROM team_stamps WHERE tbl = ? AND pk = ? AND col != ''",
                      sorted(keys))
    store.executemany("DELETE FROM team_conflicts WHERE tbl = ? AND pk = ?", sorted(keys))
    for row in store.query("SELECT seq, payload FROM team_outbox WHERE kind = 'changes'"):
        kept = _without(row["payload"], keys)
        if kept != row["payload"]:
            store.execute("UPDATE team_outbox SET payload = ? WHERE seq = ?", (kept, row["seq"]))


def _without(changeset: bytes, keys: set[tuple[str, str]]) -> bytes:
    """``changeset`` less every change to one of ``keys``."""
    if not changeset:
        return changeset
    builder = sqlite.ChangesetBuilder()
    dropped = False
    for change in sqlite.Changeset.iter(changeset):
        if (change.name, pk_text(key_of(change))) in keys:
            dropped = True
            continue
        builder.add_change(change)
    return builder.output() if dropped else changeset
