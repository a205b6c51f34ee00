"""Rows a colleague's deletion left without what they belong to, kept in Conflicts.

A colleague deleted an excerpt while someone here added a position to it (or the other way
round: their position arrives for an excerpt deleted here).  Cascades are off while a pack is
applied, so such a row survives the apply as a foreign-key violation; here it is written down
in full — with the rows that depend on it — as a conflict a person can restore, and then
removed, so that every replica ends with the same rows.  What depended on a purged
contribution leaves without a trace: a purge keeps no content anywhere.
"""

from __future__ import annotations

from lapdesk.store.capture import SHARED_TABLES, pk_text
from lapdesk.team.conflict_log import Found
from lapdesk.team.rules import VISIBLE_TABLES


def resolve(store, tombstones: dict, *, origin: str, stamp: str) -> list[Found]:
    """Record and remove every row whose parent is gone; returns the conflicts found."""
    found: list[Found] = []
    for _round in range(20):  # each round removes a level; stores are not that deep
        violations = store.query("SELECT * FROM pragma_foreign_key_check")
        if not violations:
            break
        for violation in violations:
            table = violation["table"]
            row = store.query_one(f'SELECT * FROM "{table}" WHERE rowid = ?',
                                  (violation["rowid"],))
            if row is None:
                continue
            parent_key = _parent_key(store, table, violation["fkid"], row)
            purged = tombstones.get(parent_key, (None, 0, 0))[2]
            dependents = _dependents(store, table, row)
            if not purged and table in VISIBLE_TABLES:
                found.append(Found(
                    "orphan", table, pk_text(_pk(store, table, row)),
                    f"A {VISIBLE_TABLES[table]} made while {origin} deleted what it belongs "
                    "to; kept here, with what depends on it",
                    mine={**_jsonable(row), "_dependents": dependents}, theirs_at=stamp,
                    theirs_by=origin))
            store.execute(f'DELETE FROM "{table}" WHERE rowid = ?', (violation["rowid"],))
    return found


def _pk(store, table: str, row: dict) -> tuple:
    names = [r["name"] for r in sorted(store.query(
        f'SELECT name, pk FROM pragma_table_info("{table}") WHERE pk > 0'),
        key=lambda r: r["pk"])]
    return tuple(row[n] for n in names) if names else (row.get("rowid"),)


def _parent_key(store, table: str, fkid: int, row: dict) -> tuple[str, str]:
    refs = store.query(f'SELECT "from", "table" FROM pragma_foreign_key_list("{table}")'
                       " WHERE id = ? ORDER BY seq", (fkid,))
    return refs[0]["table"], pk_text(row[r["from"]] for r in refs)


def _dependents(store, table: str, row: dict) -> list[dict]:
    """The rows that hang on ``row`` (cascades would remove them with it): kept with it."""
    out = []
    for child in sorted(SHARED_TABLES):
        for ref in store.query(f'SELECT "from", "to" FROM pragma_foreign_key_list("{child}")'
                               ' WHERE "table" = ?', (table,)):
            target = ref["to"] or "id"
            for dependent in store.query(f'SELECT * FROM "{child}" WHERE "{ref["from"]}" = ?',
                                         (row[target],)):
                out.append({"_table": child, **_jsonable(dependent),
                            "_dependents": _dependents(store, child, dependent)})
    return out


def _jsonable(row: dict) -> dict:
    return {k: (f"<{len(v)} bytes>" if isinstance(v, bytes) else v) for k, v in row.items()}
