"""Coverage and follow-up: which parts of the framework were addressed, by whom, and who is
still to be heard from.

Everything here reads the store; follow-up dates (acknowledged, reminder) are edited through
:func:`lapdesk.store.registry.update_contributor`.  A node counts as addressed by a
contribution when one of its excerpts is mapped to the node or to one of its questions.
Superseded contributions are left out of the framework's coverage (their newer version
counts) but still count as *received* for follow-up.
"""

from __future__ import annotations

from datetime import date, timedelta

from lapdesk.analysis.positions import attribution_key
from lapdesk.store import framework, settings
from lapdesk.store.database import Store

PERSON_FIELDS = ("id", "name", "kind", "status", "group")


def _person(row: dict) -> dict:
    return {field: row[field] for field in PERSON_FIELDS}


def _ancestors(nodes: list[dict]) -> dict[int, list[str]]:
    """For each node id, the keys of the node and of every node above it."""
    by_id = {n["id"]: n for n in nodes}
    result = {}
    for node in nodes:
        keys, current = [], node
        while current is not None:
            keys.append(current["key"])
            current = by_id.get(current["parent_id"])
        result[node["id"]] = keys
    return result


def _mapped_rows(store: Store, *, include_superseded: bool) -> list[dict]:
    """(node, excerpt, contributor) for every mapping, with the excerpt's stances."""
    where = "" if include_superseded else " WHERE co.superseded_by IS NULL"
    return store.query(
        "SELECT m.node_id, e.id AS excerpt_id, e.contribution_id, c.id, c.name, c.kind,"
        " c.status, c.regional_group AS \"group\" FROM mappings m"
        " JOIN excerpts e ON e.id = m.excerpt_id"
        " JOIN contributions co ON co.id = e.contribution_id"
        " JOIN contribution_contributors cc ON cc.contribution_id = e.contribution_id"
        "   AND cc.chosen = 1"
        f" JOIN contributors c ON c.id = cc.contributor_id{where}"
    )


def node_coverage(store: Store, *, include_superseded: bool = False) -> list[dict]:
    """Per framework node, in framework order: how many contributions and which contributors
    addressed it (itself or its questions).

    :returns: ``[{key, title, kind, depth, contributions, excerpts, contributors: [{id, name,
        kind, status, group}]}]``, contributors in attribution order.
    """
    nodes = framework.nodes(store)
    up = _ancestors(nodes)
    contributions: dict[str, set[int]] = {n["key"]: set() for n in nodes}
    excerpt_ids: dict[str, set[int]] = {n["key"]: set() for n in nodes}
    people: dict[str, dict[int, dict]] = {n["key"]: {} for n in nodes}
    for row in _mapped_rows(store, include_superseded=include_superseded):
        for key in up.get(row["node_id"], []):
            contributions[key].add(row["contribution_id"])
            excerpt_ids[key].add(row["excerpt_id"])
            people[key].setdefault(row["id"], _person(row))
    return [
        {
            "key": n["key"], "title": n["title"], "kind": n["kind"], "depth": n["depth"],
            "contributions": len(contributions[n["key"]]),
            "excerpts": len(excerpt_ids[n["key"]]),
            "contributors": sorted(people[n["key"]].values(), key=attribution_key),
        }
        for n in nodes
    ]


def coverage_matrix(store: Store, *, include_superseded: bool = False) -> dict:
    """Framework nodes x contributors: excerpts and stances per cell (the heatmap's data).

    :returns: ``{nodes: [{key, title, kind, depth}], contributors: [person], cells: [{node,
        contributor_id, excerpts, stances: {stance: n}}]}``; a section's cell includes its
        questions.
    """
    nodes = framework.nodes(store)
    up = _ancestors(nodes)
    rows = _mapped_rows(store, include_superseded=include_superseded)
    stances: dict[int, list[str]] = {}
    if rows:
        ids = sorted({r["excerpt_id"] for r in rows})
        marks = ",".join("?" for _ in ids)
        for a in store.query(f"SELECT excerpt_id, stance FROM annotations WHERE excerpt_id IN"
                             f" ({marks}) ORDER BY id", tuple(ids)):
            stances.setdefault(a["excerpt_id"], []).append(a["stance"])
    people: dict[int, dict] = {}
    cells: dict[tuple[str, int], dict] = {}
    for row in rows:
        people.setdefault(row["id"], _person(row))
        for key in up.get(row["node_id"], []):
            cell = cells.setdefault((key, row["id"]), {"excerpts": set(), "stances": {}})
            if row["excerpt_id"] in cell["excerpts"]:
                continue
            cell["excerpts"].add(row["excerpt_id"])
            for stance in stances.get(row["excerpt_id"], []):
                cell["stances"][stance] = cell["stances"].get(stance, 0) + 1
    order = {n["key"]: i for i, n in enumerate(nodes)}
    ordered_people = sorted(people.values(), key=attribution_key)
    rank = {p["id"]: i for i, p in enumerate(ordered_people)}
    return {
        "nodes": [{"key": n["key"], "title": n["title"], "kind": n["kind"], "depth": n["depth"]}
                  for n in nodes],
        "contributors": ordered_people,
        "cells": [
            {"node": key, "contributor_id": person, "excerpts": len(cell["excerpts"]),
             "stances": cell["stances"]}
            for (key, person), cell in sorted(cells.items(),
                                              key=lambda i: (order[i[0][0]], rank[i[0][1]]))
        ],
    }


def follow_up(store: Store) -> list[dict]:
    """Per registry entry: received or not, on time or late, acknowledged, reminded, permission.

    :returns: ``[{id, name, kind, status, group, expected, received, contributions,
        first_received, on_time, acknowledged_on, reminder_on, permission_to_publish}]`` in
        attribution order; ``on_time`` compares the first contribution's date with the
        consultation's deadline (``None`` when nothing was received or no deadline is set),
        ``permission_to_publish`` is true when every contribution may be published, false when
        any may not, and ``None`` when nothing was received or a decision is still open.
    """
    deadline = settings.get(store, "deadline")[:10]
    received: dict[int, list[dict]] = {}
    for row in store.query(
        "SELECT cc.contributor_id, co.id, co.received, co.permission_to_publish"
        " FROM contribution_contributors cc JOIN contributions co ON co.id = cc.contribution_id"
        " WHERE cc.chosen = 1 ORDER BY co.received, co.id"
    ):
        received.setdefault(row["contributor_id"], []).append(row)
    result = []
    for row in store.query("SELECT * FROM contributors"):
        theirs = received.get(row["id"], [])
        first = theirs[0]["received"][:10] if theirs else None
        result.append({
            "id": row["id"], "name": row["name"], "kind": row["kind"], "status": row["status"],
            "group": row["regional_group"], "expected": bool(row["expected"]),
            "received": bool(theirs), "contributions": [c["id"] for c in theirs],
            "first_received": first,
            "on_time": (first <= deadline) if first and deadline else None,
            "acknowledged_on": row["acknowledged_on"], "reminder_on": row["reminder_on"],
            "permission_to_publish": _publication(theirs),
        })
    return sorted(result, key=attribution_key)


def _publication(theirs: list[dict]) -> bool | None:
    decisions = {c["permission_to_publish"] for c in theirs}
    if 0 in decisions:
        return False
    return True if decisions == {1} else None


def not_heard_from(store: Store) -> dict[str, list[dict]]:
    """Expected contributors with no contribution yet, by regional group (organisations and
    civil society, which have none, under their kind)."""
    groups: dict[str, list[dict]] = {}
    for entry in follow_up(store):
        if entry["expected"] and not entry["received"]:
            label = entry["group"] or entry["kind"]
            groups.setdefault(label, []).append(
                {**_person(entry), "reminder_on": entry["reminder_on"]})
    return dict(sorted(groups.items()))


def coverage(store: Store, *, include_superseded: bool = False) -> dict:
    """Everything ``lapdesk coverage`` prints: ``{deadline, nodes, entries, not_heard_from,
    totals}``."""
    entries = follow_up(store)
    missing = not_heard_from(store)
    return {
        "deadline": settings.get(store, "deadline") or None,
        "nodes": node_coverage(store, include_superseded=include_superseded),
        "entries": entries,
        "not_heard_from": missing,
        "totals": {
            "contributions": store.query_one("SELECT count(*) AS n FROM contributions")["n"],
            "received_from": sum(1 for e in entries if e["received"]),
            "late": sum(1 for e in entries if e["on_time"] is False),
            "expected_not_received": sum(len(people) for people in missing.values()),
        },
    }


def received_per_day(store: Store) -> dict:
    """Contributions received per day, against the deadline (the desk's chart).

    :returns: ``{deadline, opened, days: [{date, count, cumulative, after_deadline}]}`` with
        every day from the first contribution (or the consultation's opening) to the last,
        days without a contribution included at 0.
    """
    deadline = settings.get(store, "deadline")[:10] or None
    opened = settings.get(store, "opened")[:10] or None
    counts: dict[str, int] = {}
    for row in store.query("SELECT received FROM contributions"):
        day = (row["received"] or "")[:10]
        if day:
            counts[day] = counts.get(day, 0) + 1
    if not counts:
        return {"deadline": deadline, "opened": opened, "days": []}
    first, last = min(counts), max(counts)
    if opened and opened < first:
        first = opened
    try:
        day, end = date.fromisoformat(first), date.fromisoformat(last)
    except ValueError:  # a hand-edited date that is not ISO: list the known days only
        return {"deadline": deadline, "opened": opened, "days": [
            {"date": d, "count": n, "cumulative": None,
             "after_deadline": bool(deadline and d > deadline)}
            for d, n in sorted(counts.items())]}
    days, total = [], 0
    while day <= end:
        iso = day.isoformat()
        total += counts.get(iso, 0)
        days.append({"date": iso, "count": counts.get(iso, 0), "cumulative": total,
                     "after_deadline": bool(deadline and iso > deadline)})
        day += timedelta(days=1)
    return {"deadline": deadline, "opened": opened, "days": days}
