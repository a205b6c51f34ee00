"""Rows a colleague's deletion left without what they belong to, kept in Conflicts.

A colleague deleted an excerpt while someone here added a position to it (or the other way
round: their position arrives for an excerpt deleted here).  Cascades are off while a pack is
applied, so such a row survives the apply as a foreign-key violation; here it is written down
in full — with the rows that depend on it — as a conflict a person can restore, and then
removed, so that every replica ends with the same rows.  A reference the schema would only
clear (``ON DELETE SET NULL``, or a round's) is cleared instead: the row stays, and takes the
reference back if its parent returns.  What depended on a purged contribution leaves without
a trace: a purge keeps no content anywhere.
"""

from __future__ import annotations

import json

from lapdesk.core.clock import now_iso
from lapdesk.store.capture import SHARED_TABLES, pk_text
from lapdesk.store.cleared import refer_again
from lapdesk.store.search import index_paragraphs
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
            cleared = _clear(store, table, violation["fkid"], violation["rowid"], row,
                             origin=origin, stamp=stamp)
            if cleared is not None:
                found.append(cleared)
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


def _clear(store, table: str, fkid: int, rowid: int, row: dict, *, origin: str,
           stamp: str) -> Found | None:
    """A reference the schema clears when its parent goes (``ON DELETE SET NULL``: an
    amendment's excerpt, a superseding contribution), or to a round (a reply or a section
    made in a round a colleague took back), is cleared: the row stays, as the same deletion
    made here would have left it.  What it referred to is noted, to come back with the
    parent (:mod:`lapdesk.store.cleared`)."""
    refs = store.query(f'SELECT "from", "table", on_delete FROM pragma_foreign_key_list("{table}")'
                       " WHERE id = ? ORDER BY seq", (fkid,))
    if not refs or (refs[0]["on_delete"] != "SET NULL" and refs[0]["table"] != "rounds"):
        return None
    nullable = {r["name"] for r in store.query(
        f'SELECT name FROM pragma_table_info("{table}") WHERE "notnull" = 0')}
    if any(r["from"] not in nullable for r in refs):
        return None
    columns = [r["from"] for r in refs]
    key = {name: row[name] for name in _pk_names(store, table)}
    pk = pk_text(key.values())
    stamps = {r["col"]: r["stamp"] for r in store.query(
        "SELECT col, stamp FROM team_stamps WHERE tbl = ? AND pk = ?", (table, pk))}
    assignments = ", ".join(f'"{c}" = NULL' for c in columns)
    store.execute(f'UPDATE "{table}" SET {assignments} WHERE rowid = ?', (rowid,))
    parent = "round" if refs[0]["table"] == "rounds" else VISIBLE_TABLES.get(refs[0]["table"],
                                                                              "row")
    what = VISIBLE_TABLES.get(table, "row")
    return Found("cleared", table, pk,
                 f"{origin} deleted the {parent} this {what} refers to; it stays here without "
                 "it, and takes it back if it returns",
                 mine={**{c: row[c] for c in columns}, "_key": key,
                       "_stamps": {c: stamps.get(c, "") for c in columns}},
                 theirs_at=stamp, theirs_by=origin)


def _pk_names(store, table: str) -> list[str]:
    return [r["name"] for r in sorted(store.query(
        f'SELECT name, pk FROM pragma_table_info("{table}") WHERE pk > 0'),
        key=lambda r: r["pk"])]


def _pk(store, table: str, row: dict) -> tuple:
    names = _pk_names(store, table)
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


def bring_back(store) -> int:
    """Rows set aside as orphans whose parent is back (a colleague undid the deletion, or a
    later re-creation won over it) return to where they were, as on every replica that never
    set them aside; returns how many came back.  (Inside the caller's transaction, not
    captured: every replica does the same.)"""
    back = refer_again(store)
    for conflict in store.query("SELECT id, tbl, mine FROM team_conflicts"
                                " WHERE kind = 'orphan' AND state = 'open'"):
        row = json.loads(conflict["mine"])
        if not _parents_present(store, conflict["tbl"], row):
            continue
        _insert_again(store, conflict["tbl"], row)
        store.execute("UPDATE team_conflicts SET state = 'settled', choice = 'restore',"
                      " settled_by = 'LAPDesk', settled_at = ? WHERE id = ?",
                      (now_iso(), conflict["id"]))
        back += 1
    return back


def _parents_present(store, table: str, row: dict) -> bool:
    for ref in store.query(f'SELECT "table", "from", "to" FROM pragma_foreign_key_list("{table}")'):
        value = row.get(ref["from"])
        if value is not None and not store.query_one(
                f'SELECT 1 AS x FROM "{ref["table"]}" WHERE "{ref["to"] or "id"}" = ?', (value,)):
            return False
    return True


def _insert_again(store, table: str, row: dict) -> None:
    values = {k: v for k, v in row.items() if not k.startswith("_")}
    columns = ", ".join(f'"{c}"' for c in values)
    store.execute(f'INSERT OR IGNORE INTO "{table}" ({columns}) VALUES '
                  f'({", ".join("?" * len(values))})', tuple(values.values()))
    for dependent in row.get("_dependents", ()):
        _insert_again(store, dependent["_table"], dependent)
    if table == "paragraphs":
        index_paragraphs(store, "id = ?", (values["id"],))
