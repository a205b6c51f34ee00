"""The contributor registry: every State and organisation that may write to the Presidency.

Seeded (:mod:`lapdesk.store.seed`) from ``resources/registry/contributors.csv`` (States
Parties, signatories, observer States, organisations, with aliases in English, French and
Spanish used by detection) and editable in the store afterwards.
"""

from __future__ import annotations

import csv
from pathlib import Path

from lapdesk.core.errors import LapdeskError, NotFoundError, UsageError
from lapdesk.core.text import fold
from lapdesk.store.changes import Change, record
from lapdesk.store.database import Store

KINDS = ("state", "international_organisation", "civil_society", "other")
STATUSES = ("state_party", "signatory", "observer", "other")
# The conference's order of attribution: States Parties, then signatories and observer
# States, then international organisations, then civil society.
ORDER_SQL = """CASE
    WHEN kind = 'state' AND status = 'state_party' THEN 0
    WHEN kind = 'state' THEN 1
    WHEN kind = 'international_organisation' THEN 2
    WHEN kind = 'civil_society' THEN 3
    ELSE 4 END"""


def attribution_rank(kind: str, status: str) -> int:
    """The same order as :data:`ORDER_SQL`, for sorting in Python."""
    if kind == "state":
        return 0 if status == "state_party" else 1
    return {"international_organisation": 2, "civil_society": 3}.get(kind, 4)


def read_registry_file(path: Path) -> list[dict]:
    try:
        with Path(path).open(newline="", encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
    except (OSError, csv.Error, UnicodeDecodeError) as error:
        raise LapdeskError(f"The registry file {path} cannot be read: {error}.") from error
    for row in rows:
        if row.get("kind") not in KINDS or not row.get("key") or not row.get("name"):
            raise LapdeskError(f"The registry file {path} has an incomplete row: {row}.")
    return rows


def french_names(store: Store) -> dict[int, tuple[str, str]]:
    """``{contributor id: (French name, article)}`` for those that have a French name."""
    return {row["id"]: (row["name_fr"], row["article_fr"]) for row in store.query(
        "SELECT id, name_fr, article_fr FROM contributors WHERE name_fr != ''")}


def contributors(store: Store) -> list[dict]:
    """Every registry entry in the conference's order, with its aliases (the CLI's shape)."""
    aliases: dict[int, list[str]] = {}
    for row in store.query("SELECT contributor_id, alias FROM contributor_aliases ORDER BY alias"):
        aliases.setdefault(row["contributor_id"], []).append(row["alias"])
    rows = store.query(f"SELECT * FROM contributors ORDER BY {ORDER_SQL}, name")
    return [
        {
            "id": row["id"], "key": row["key"], "name": row["name"], "kind": row["kind"],
            "status": row["status"], "iso3": row["iso3"], "group": row["regional_group"],
            "aliases": aliases.get(row["id"], []), "expected": bool(row["expected"]),
            "acknowledged_on": row["acknowledged_on"], "reminder_on": row["reminder_on"],
            "notes": row["notes"], "name_fr": row["name_fr"], "article_fr": row["article_fr"],
            "adjectives": [a for a in row["adjectives"].split("|") if a.strip()],
        }
        for row in rows
    ]


def contributor(store: Store, contributor_id: int) -> dict:
    row = store.query_one("SELECT * FROM contributors WHERE id = ?", (contributor_id,))
    if row is None:
        raise NotFoundError(f"There is no contributor number {contributor_id}.")
    return row


def find(store: Store, name: str) -> dict | None:
    """The registry entry whose name, key, ISO code or alias is ``name`` (accents and case aside)."""
    wanted = fold(name.strip())
    for row in store.query(
        "SELECT c.*, a.alias FROM contributors c"
        " LEFT JOIN contributor_aliases a ON a.contributor_id = c.id"
    ):
        for candidate in (row["name"], row["key"], row["iso3"] or "", row["alias"] or ""):
            if candidate and fold(candidate) == wanted:
                return {k: v for k, v in row.items() if k != "alias"}
    return None


def name_index(store: Store) -> list[tuple[str, int]]:
    """(folded name or alias, contributor id) pairs, longest first: the detector's lexicon."""
    pairs = {(fold(r["name"]), r["id"]) for r in store.query("SELECT id, name FROM contributors")}
    pairs |= {
        (fold(r["alias"]), r["contributor_id"])
        for r in store.query("SELECT contributor_id, alias FROM contributor_aliases")
    }
    return sorted(pairs, key=lambda pair: (-len(pair[0]), pair[0]))


def add_contributor(store: Store, *, key: str, name: str, kind: str, status: str = "other",
                    iso3: str | None = None, group: str | None = None,
                    aliases: list[str] | None = None) -> Change:
    if kind not in KINDS:
        raise UsageError(f"{kind!r} is not a kind of contributor; use one of {', '.join(KINDS)}.")
    if store.query_one("SELECT 1 AS x FROM contributors WHERE key = ?", (key,)):
        raise UsageError(f"A contributor with the key {key!r} already exists.")
    with record(store, f"Add {name} to the registry", key=key) as rec:
        contributor_id = rec.insert("contributors", {
            "key": key, "name": name, "kind": kind, "status": status, "iso3": iso3,
            "regional_group": group,
        })
        for alias in aliases or []:
            rec.insert("contributor_aliases", {"contributor_id": contributor_id, "alias": alias})
        rec.change.result = contributor_id
    return rec.change


def update_contributor(store: Store, contributor_id: int, **fields) -> Change:
    """Edit a registry entry (name, status, group, follow-up dates, notes, expected)."""
    allowed = {"name", "kind", "status", "iso3", "regional_group", "expected",
               "acknowledged_on", "reminder_on", "notes"}
    unknown = set(fields) - allowed
    if unknown:
        raise UsageError(f"A contributor has no field {sorted(unknown)[0]!r}.")
    row = contributor(store, contributor_id)
    with record(store, f"Edit {row['name']} in the registry", id=contributor_id) as rec:
        rec.update("contributors", {"id": contributor_id}, fields)
    return rec.change


def add_alias(store: Store, contributor_id: int, alias: str) -> Change:
    row = contributor(store, contributor_id)
    with record(store, f"Add the name “{alias}” for {row['name']}", id=contributor_id) as rec:
        rec.insert("contributor_aliases", {"contributor_id": contributor_id, "alias": alias})
    return rec.change
