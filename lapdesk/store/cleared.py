"""References cleared while a colleague's deletion was applied, put back when the parent
returns.

Applying a pack, a reference the schema would only clear (``ON DELETE SET NULL``, or to a
round) whose parent is gone is cleared rather than its row removed (:mod:`lapdesk.team.orphans`
notes it in ``team_conflicts``, kind ``cleared``).  The parent may come back — a colleague's
undo received, or this replica's own undo — and then so does the reference, as on every
replica that never had to clear it: unless someone wrote that column since, whose value
then stands everywhere.  Not captured: every replica does the same.
"""

from __future__ import annotations

import json

from lapdesk.core.clock import now_iso


def refer_again(store) -> int:
    """Put back every cleared reference whose parent is here again; returns how many."""
    back = 0
    for conflict in store.query("SELECT id, tbl, pk, mine FROM team_conflicts"
                                " WHERE kind = 'cleared' AND state = 'open'"):
        if _put_back(store, conflict["tbl"], conflict["pk"], json.loads(conflict["mine"])):
            store.execute("UPDATE team_conflicts SET state = 'settled', choice = 'restore',"
                          " settled_by = 'LAPDesk', settled_at = ? WHERE id = ?",
                          (now_iso(), conflict["id"]))
            back += 1
    return back


def _put_back(store, table: str, pk: str, cleared: dict) -> bool:
    key = cleared["_key"]
    columns = [c for c in cleared if not c.startswith("_")]
    where = " AND ".join(f'"{c}" = ?' for c in key)
    here = store.query_one(f'SELECT * FROM "{table}" WHERE {where}', tuple(key.values()))
    if here is None:
        return False
    stamps = {r["col"]: r["stamp"] for r in store.query(
        "SELECT col, stamp FROM team_stamps WHERE tbl = ? AND pk = ?", (table, pk))}
    if any(here[c] is not None or stamps.get(c, "") != cleared["_stamps"][c] for c in columns):
        return False
    for ref in store.query(f'SELECT "table", "from", "to" FROM pragma_foreign_key_list("{table}")'):
        if ref["from"] in columns and not store.query_one(
                f'SELECT 1 AS x FROM "{ref["table"]}" WHERE "{ref["to"] or "id"}" = ?',
                (cleared[ref["from"]],)):
            return False
    assignments = ", ".join(f'"{c}" = ?' for c in columns)
    store.execute(f'UPDATE "{table}" SET {assignments} WHERE {where}',
                  (*(cleared[c] for c in columns), *key.values()))
    return True
