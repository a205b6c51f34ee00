"""Team > Conflicts: what the rules decided between two people's work, for a person to settle.

Each conflict shows both versions, who made each and when, and offers choices; settling is an
ordinary recorded change (audited, undoable, sent to the team like any other), so whatever a
rule set aside can be brought back, and nothing anyone did disappears without a trace.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from lapdesk.core.clock import now_iso
from lapdesk.core.errors import NotFoundError, UsageError
from lapdesk.store import contributions, sqlite
from lapdesk.store.changes import Change, record
from lapdesk.team import duplicates

# The choices of each kind of conflict; the first is what the rules did ("keep").
CHOICES = {
    "position": ("keep", "other"),
    "decision": ("keep", "other"),
    "synthesis": ("keep", "merge", "mine", "theirs"),
    "publication": ("keep", "publish"),
    "deleted": ("keep", "restore"),
    "orphan": ("keep", "restore"),
    "cleared": ("keep",),
    "edited-deleted": ("keep",),
    "refused": ("keep",),
    "logged-twice": ("keep", "merge"),
}
CHOICE_WORDS = {"keep": "Keep as it is", "other": "Use the other version",
                "merge": "Merge into one", "mine": "Use this replica's text", "theirs": "Use the colleague's text",
                "publish": "Confirm: may be published", "restore": "Restore it"}
TABLE_KEYS = {"mappings": ("excerpt_id", "node_id"), "ocr_pages": ("file_id", "page"),
              "contribution_contributors": ("contribution_id", "contributor_id"),
              "contributor_aliases": ("contributor_id", "alias")}


@dataclass(frozen=True)
class Conflict:
    id: int
    kind: str
    table: str
    key: list
    summary: str
    mine: dict
    theirs: dict
    mine_by: str
    mine_at: str
    theirs_by: str
    theirs_at: str
    state: str
    choice: str
    choices: tuple[str, ...]

    def as_json(self) -> dict:
        return asdict(self)


def conflicts(store, *, open_only: bool = True) -> list[Conflict]:
    where = " WHERE state = 'open'" if open_only else ""
    return [_conflict(row) for row in store.query(
        f"SELECT * FROM team_conflicts{where} ORDER BY theirs_at, id")]


def _conflict(row: dict) -> Conflict:
    return Conflict(row["id"], row["kind"], row["tbl"], json.loads(row["pk"]), row["summary"],
                    json.loads(row["mine"]), json.loads(row["theirs"]), row["mine_by"],
                    row["mine_at"], row["theirs_by"], row["theirs_at"], row["state"],
                    row["choice"], CHOICES.get(row["kind"], ("keep",)))


def settle(store, conflict_id: int, choice: str = "keep") -> Change:
    """Settle one conflict with ``choice`` (one of its ``choices``), as one recorded change.

    :raises NotFoundError: no open conflict has this id.
    :raises UsageError: the choice is not one this conflict offers, or cannot be made.
    """
    row = store.query_one("SELECT * FROM team_conflicts WHERE id = ? AND state = 'open'",
                          (conflict_id,))
    if row is None:
        raise NotFoundError(f"There is no open conflict {conflict_id}.")
    found = _conflict(row)
    if choice not in found.choices:
        raise UsageError(f"Conflict {conflict_id} can be settled with "
                         f"{', '.join(found.choices)}, not {choice!r}.")
    with record(store, f"Settle a conflict: {CHOICE_WORDS[choice].lower()}",
                conflict=conflict_id, choice=choice) as rec:
        if choice != "keep":
            _make(store, rec, found, choice)
        store.execute("UPDATE team_conflicts SET state = 'settled', choice = ?, settled_by = ?,"
                      " settled_at = ? WHERE id = ?",
                      (choice, store.author, now_iso(), conflict_id))
    if found.kind == "logged-twice" and choice == "merge":  # the emptied one goes, undoably
        contributions.delete_contribution(store, found.theirs["id"])
    return rec.change


def _key(found: Conflict) -> dict:
    return dict(zip(TABLE_KEYS.get(found.table, ("id",)), found.key, strict=True))


def _make(store, rec, found: Conflict, choice: str) -> None:
    key = _key(found)
    if choice == "restore":
        _restore(store, rec, found.table, found.mine)
        return
    if found.kind == "logged-twice":
        duplicates.merge(store, rec, keep=found.mine["id"], remove=found.theirs["id"])
        return
    current = rec._fetch(found.table, key)
    if current is None:
        raise UsageError("What this conflict is about has been deleted since.")
    if choice == "publish":
        rec.update(found.table, key, {"permission_to_publish": 1})
    elif choice == "merge":  # a synthesis: the three-way merge of both
        rec.update(found.table, key, {"synthesis": found.theirs.get("_merged", "")})
    elif choice in ("mine", "theirs"):
        source = found.mine if choice == "mine" else found.theirs
        rec.update(found.table, key, {"synthesis": source.get("synthesis", "")})
    else:  # "other": the version that is not in place now
        differing = [c for c in found.mine if found.mine.get(c) != found.theirs.get(c)
                     and not c.startswith("_")]
        in_place_is_theirs = all(current.get(c) == found.theirs.get(c) for c in differing)
        other = found.mine if in_place_is_theirs else found.theirs
        rec.update(found.table, key, {c: other[c] for c in differing if c in current})


def _restore(store, rec, table: str, row: dict) -> None:
    """Insert a row set aside (and what depended on it), where what it belongs to exists."""
    values = {k: v for k, v in row.items() if not k.startswith("_")}
    key = {c: values[c] for c in TABLE_KEYS.get(table, ("id",))}
    if rec._fetch(table, key) is None:
        try:
            rec.insert(table, values)
        except sqlite.Error as error:  # a foreign key: what it belongs to is gone everywhere
            raise UsageError("It cannot be restored: what it belonged to has been deleted "
                             f"({error}).") from error
    for dependent in row.get("_dependents", ()):
        _restore(store, rec, dependent["_table"], dependent)
