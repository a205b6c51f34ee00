"""Ids of a round's rows in a team's replica: the same row made on two replicas is one row.

Two members start the round from the same draft, find the same suggestions in the same
reply, accept the same suggestion: each makes the row on their own, offline.  Such rows take
an id derived from what they are made of (:func:`lapdesk.store.ids.natural_id`), so the
packs carry one row, not two.  Those keys:

- a round: the round it follows and its draft (SHA-256 and file name); the concept-note
  consultation from before rounds, registered as round one, is one per store;
- an amendment from a reply: where it was found (kind, contribution, file, offsets) and
  what it does (target, operation, old and new text) — one passage may propose several;
- the excerpt of an amendment's passage: the contribution and the offsets.

An amendment with no passage (the Presidency's own wording) gets a random id, like every
other row of a replica.  Nodes keep the ids derived from their keys, node versions and
proposers their natural primary keys.  In a store that works alone, SQLite's ids stay.
"""

from __future__ import annotations

import json
from typing import Any

from lapdesk.store.database import Store
from lapdesk.store.ids import natural_id, random_id


def row_id(store: Store, table: str, key: str | None) -> int | None:
    """The id of a new row of ``table`` (``None``: SQLite's own, in a store alone).

    Random when there is no ``key``, or when a row here has that id already: the same
    amendment recorded twice on this replica is meant twice, and an amendment's excerpt may
    have moved since (a re-read contribution)."""
    if store.capture is None:
        return None
    if key is None:
        return random_id()
    candidate = natural_id(table, key)
    if store.query_one(f'SELECT 1 AS x FROM "{table}" WHERE id = ?', (candidate,)):
        return random_id()
    return candidate


def with_id(values: dict[str, Any], new_id: int | None) -> dict[str, Any]:
    """``values`` for an insert, with the id first when there is one to give."""
    return values if new_id is None else {"id": new_id, **values}


# The key of the consultation from before rounds, registered as round one: one per store.
CONSULTATION_ROUND = "consultation"


def round_key(previous: int | None, sha256: str | None, source_name: str) -> str:
    """The key of a draft's round: the round it follows and the draft it reads."""
    return json.dumps(["draft", previous, sha256 or "", source_name])


def amendment_key(*, source_kind: str, contribution_id: int | None, file_id: int | None,
                  start: int | None, end: int | None, node_id: int, op: str, old: str,
                  new: str) -> str | None:
    """The key of an amendment found in (or typed from) a passage; ``None`` without one."""
    if contribution_id is None:
        return None
    return json.dumps([source_kind, contribution_id, file_id, start, end, node_id, op, old, new],
                      ensure_ascii=False)


def passage_key(contribution_id: int, start: int, end: int) -> str:
    return f"{contribution_id}:{start}:{end}"
