"""Edits set aside by a colleague's deletion, made again when the row returns.

A deletion wins over an edit made meanwhile: the edit is kept in Conflicts (kind ``deleted``
where the edit was here first, ``edited-deleted`` where the deletion was).  The deleter may
take the deletion back (an undo), and the row returns as it was before it.  A replica that
received the edit after the row had returned simply applied it on top; so that every replica
ends alike whatever the order the packs came in, a replica that had set the edit aside makes
it again on top of the returned row — column by column, unless the column was written since
(a later edit stands) — and closes the conflict.  Not captured: every replica does the same.
"""

from __future__ import annotations

import json

from lapdesk.core.clock import now_iso

KINDS = ("deleted", "edited-deleted")


def edit_again(store) -> int:
    """Make again every set-aside edit whose row is here again; returns how many."""
    pending = []
    for conflict in store.query(
            "SELECT id, kind, tbl, pk, mine, theirs, theirs_by FROM team_conflicts"
            f" WHERE state = 'open' AND kind IN ({', '.join('?' * len(KINDS))})", KINDS):
        edit = _edit(conflict)
        if edit:
            pending.append((min(stamp for stamp, _v in edit.values()), conflict, edit))
    back = 0
    for _first, conflict, edit in sorted(pending, key=lambda p: (p[0], p[1]["id"])):
        if _make_again(store, conflict, edit):
            store.execute("UPDATE team_conflicts SET state = 'settled', choice = 'restore',"
                          " settled_by = 'LAPDesk', settled_at = ? WHERE id = ?",
                          (now_iso(), conflict["id"]))
            back += 1
    return back


def _edit(conflict: dict) -> dict[str, tuple[str, object]]:
    """``{column: (stamp, value)}`` the set-aside edit wrote (nothing for a conflict written
    before edits were kept with their stamps)."""
    if conflict["kind"] == "edited-deleted":
        theirs = json.loads(conflict["theirs"])
        stamp = theirs.get("_stamp")
        return {c: (stamp, v) for c, v in theirs.items() if not c.startswith("_")} if stamp else {}
    mine = json.loads(conflict["mine"])
    stamps = mine.get("_stamps", {})
    return {c: (stamps[c], mine[c]) for c in stamps if c in mine}


def _make_again(store, conflict: dict, edit: dict) -> bool:
    table = conflict["tbl"]
    key = _key(store, table, conflict["pk"])
    where = " AND ".join(f'"{c}" = ?' for c in key)
    here = store.query_one(f'SELECT * FROM "{table}" WHERE {where}', tuple(key.values()))
    if here is None:
        return False
    stamps = {r["col"]: r["stamp"] for r in store.query(
        "SELECT col, stamp FROM team_stamps WHERE tbl = ? AND pk = ?", (table, conflict["pk"]))}
    kept_out = {c for c, (stamp, _v) in edit.items() if stamp < stamps.get(c, "")}
    kept_out |= _gone_references(store, table, edit)  # what it referred to went since
    values = {c: v for c, (_stamp, v) in edit.items()
              if c in here and c not in key and c not in kept_out and here[c] != v}
    if values:
        assignments = ", ".join(f'"{c}" = ?' for c in values)
        store.execute(f'UPDATE "{table}" SET {assignments} WHERE {where}',
                      (*values.values(), *key.values()))
        store.executemany(
            "INSERT INTO team_stamps (tbl, pk, col, stamp, author) VALUES (?, ?, ?, ?, ?)"
            " ON CONFLICT (tbl, pk, col) DO UPDATE SET stamp = excluded.stamp,"
            " author = excluded.author WHERE excluded.stamp > stamp",
            [(table, conflict["pk"], c, edit[c][0], conflict["theirs_by"]) for c in values])
    # Settled when all of it is in place; what a later edit replaced stays in Conflicts.
    return not any(here[c] != v for c, (_s, v) in edit.items() if c in kept_out)


def _gone_references(store, table: str, edit: dict) -> set[str]:
    """The columns whose edit refers to a row that is not here (deleted since)."""
    gone = set()
    for ref in store.query(f'SELECT "table", "from", "to" FROM pragma_foreign_key_list("{table}")'):
        value = edit.get(ref["from"], (None, None))[1]
        if value is not None and not store.query_one(
                f'SELECT 1 AS x FROM "{ref["table"]}" WHERE "{ref["to"] or "id"}" = ?', (value,)):
            gone.add(ref["from"])
    return gone


def _key(store, table: str, pk: str) -> dict:
    names = [r["name"] for r in sorted(store.query(
        f'SELECT name, pk FROM pragma_table_info("{table}") WHERE pk > 0'), key=lambda r: r["pk"])]
    return dict(zip(names, json.loads(pk), strict=True))
