"""Writing conflicts down as they are found, for :mod:`lapdesk.team.conflicts` to show."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from lapdesk.core.clock import now_iso
from lapdesk.store.capture import stamp_time


@dataclass
class Found:
    """A conflict found while applying a pack."""

    kind: str  # position, synthesis, publication, deleted, edited-deleted, orphan, refused
    table: str
    pk: str
    summary: str
    mine: dict = field(default_factory=dict)
    theirs: dict = field(default_factory=dict)
    mine_by: str = ""
    mine_at: str = ""
    theirs_by: str = ""
    theirs_at: str = ""


def write(store, found: list[Found]) -> None:
    store.executemany(
        "INSERT INTO team_conflicts (kind, tbl, pk, summary, mine, theirs, mine_by, mine_at,"
        " theirs_by, theirs_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(f.kind, f.table, f.pk, f.summary, _json(f.mine), _json(f.theirs), f.mine_by,
          stamp_time(f.mine_at) if f.mine_at else "", f.theirs_by,
          stamp_time(f.theirs_at) if f.theirs_at else "") for f in found])


def close_merged(store, *, by: str) -> int:
    """Close the synthesis conflicts a colleague settled by merging: the text in place is
    the merge this replica offered (every replica offers the same one, the earlier edit
    first), so nobody here needs to settle it again.  Returns how many were closed."""
    closed = 0
    for row in store.query("SELECT id, pk, theirs FROM team_conflicts"
                           " WHERE state = 'open' AND kind = 'synthesis'"):
        merged = json.loads(row["theirs"]).get("_merged")
        node = store.query_one("SELECT synthesis FROM framework_nodes WHERE id = ?",
                               (json.loads(row["pk"])[0],))
        if node is not None and merged is not None and node["synthesis"] == merged:
            store.execute("UPDATE team_conflicts SET state = 'settled', choice = 'merge',"
                          " settled_by = ?, settled_at = ? WHERE id = ?",
                          (by, now_iso(), row["id"]))
            closed += 1
    return closed


def _json(row: dict) -> str:
    return json.dumps(row, ensure_ascii=False, default=lambda v: f"<{len(v)} bytes>"
                      if isinstance(v, bytes) else str(v))
