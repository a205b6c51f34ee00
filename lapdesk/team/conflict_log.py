"""Writing conflicts down as they are found, for :mod:`lapdesk.team.conflicts` to show."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

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


def _json(row: dict) -> str:
    return json.dumps(row, ensure_ascii=False, default=lambda v: f"<{len(v)} bytes>"
                      if isinstance(v, bytes) else str(v))
