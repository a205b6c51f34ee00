"""Integrity check: SQLite's own check, foreign keys, the search index and every original.

An original whose bytes no longer match the SHA-256 recorded when it arrived is named, so the
team knows exactly which file to recover from a backup or from the email it came with.
"""

from __future__ import annotations

import hashlib

from lapdesk.store import sqlite
from lapdesk.store.database import Store
from lapdesk.store.search import check_index


def check(store: Store) -> dict:
    """``{ok, problems}``: an empty list of problems means the store is sound."""
    problems: list[str] = []
    try:
        for (message,) in store.conn.execute("PRAGMA integrity_check").fetchall():
            if message != "ok":
                problems.append(f"SQLite integrity check: {message}")
        for table, rowid, parent, _ in store.conn.execute("PRAGMA foreign_key_check").fetchall():
            problems.append(f"Row {rowid} of {table} refers to a missing row of {parent}.")
        problems.extend(check_index(store))
        problems.extend(_check_originals(store))
    except sqlite.Error as error:
        problems.append(f"The store cannot be read: {error}.")
    return {"ok": not problems, "problems": problems}


def _check_originals(store: Store) -> list[str]:
    names: dict[str, list[str]] = {}
    for row in store.query(
        "SELECT sha256, name, contribution_id FROM files ORDER BY id"
    ):
        names.setdefault(row["sha256"], []).append(
            f"'{row['name']}' (contribution {row['contribution_id']})"
        )
    problems = []
    # Originals too large to keep (kept = 0) have only their SHA-256 recorded: nothing to check.
    cursor = store.conn.execute("SELECT sha256, size, data FROM blobs WHERE kept = 1")
    for digest, size, data in cursor:
        if data is None or len(data) != size or hashlib.sha256(data).hexdigest() != digest:
            who = ", ".join(names.get(digest, ["an unreferenced original"]))
            problems.append(f"The stored original of {who} does not match its SHA-256.")
    for row in store.query(
        "SELECT DISTINCT f.name, f.contribution_id FROM files f JOIN blobs b"
        " ON b.sha256 = f.sha256 WHERE b.kept = 0 AND f.status != 'too_large'"
    ):
        problems.append(f"The original of '{row['name']}' (contribution "
                        f"{row['contribution_id']}) is missing from the store.")
    return problems
