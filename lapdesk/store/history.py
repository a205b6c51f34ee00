"""The audit trail, read back: who changed what, when, and on which replica.

Every recorded change and every import leaves an audit entry (:mod:`lapdesk.store.changes`),
and in a team the entries travel with the packs, each naming its author and replica; this
lists them newest first (``lapdesk history``, the desk's View > History), for one
contribution or one author if asked.  A replica is named as its colleague knows it: the name
its packs carry (``team_members``), or this replica's own.
"""

from __future__ import annotations

import json

from lapdesk.core.records import AuditEntry
from lapdesk.store.database import Store

# An entry is about a contribution when its details name it: ``contributions`` (every
# recorded change since the audit trail was shown), else the keys older entries and imports
# used (``contribution_id``, ``contribution``; ``id`` or ``ids`` of an action on
# contributions).
_ABOUT_CONTRIBUTION = """(
    EXISTS (SELECT 1 FROM json_each(a.details, '$.contributions') WHERE value = :c)
    OR json_extract(a.details, '$.contribution_id') = :c
    OR json_extract(a.details, '$.contribution') = :c
    OR (a.action LIKE '%contribution%' AND json_extract(a.details, '$.id') = :c)
    OR (a.action LIKE 'Publication%'
        AND EXISTS (SELECT 1 FROM json_each(a.details, '$.ids') WHERE value = :c)))"""


def history(store: Store, *, contribution_id: int | None = None, author: str | None = None,
            limit: int | None = None) -> list[AuditEntry]:
    """The audit trail, newest first; only entries about ``contribution_id`` or made by
    ``author`` (case aside) when given; at most ``limit`` entries (all when ``None``)."""
    where, params = [], {}
    if contribution_id is not None:
        where.append(_ABOUT_CONTRIBUTION)
        params["c"] = contribution_id
    if author:
        where.append("a.author = :author COLLATE NOCASE")
        params["author"] = author
    sql = ("SELECT a.id, a.at, a.author, a.replica, a.action, a.details FROM audit AS a"
           + (" WHERE " + " AND ".join(where) if where else "")
           + " ORDER BY julianday(a.at) DESC, a.at DESC, a.id DESC")
    if limit is not None:
        sql += " LIMIT :limit"
        params["limit"] = max(limit, 0)
    names = replica_names(store)
    return [AuditEntry(row["id"], row["at"], row["author"], row["replica"],
                       names.get(row["replica"], ""), row["action"], _details(row["details"]))
            for row in store.query(sql, params)]


def replica_names(store: Store) -> dict[str, str]:
    """Each known replica's id and the name of the person working on it."""
    names = {row["replica_id"]: row["name"] for row in store.query(
        "SELECT replica_id, name FROM team_members")}
    own = store.query_one("SELECT replica_id, name FROM team_replica")
    if own is not None and own["replica_id"]:
        names[own["replica_id"]] = own["name"]
    return names


def _details(text: str) -> dict:
    try:
        value = json.loads(text or "{}")
    except ValueError:
        return {"text": text}
    return value if isinstance(value, dict) else {"value": value}
