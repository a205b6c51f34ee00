"""Resubmissions: a newer text from the same contributor that supersedes an earlier one.

Delegations often send a corrected version ("please replace our earlier submission").  A
contribution whose text is very close to an earlier one from a contributor they share is
*proposed* as superseding it; the user confirms with :func:`mark_superseded`, a recorded
change.  The older contribution stays in the store, marked superseded, and positions and
exports leave it out by default.

Closeness is the Jaccard similarity of the two texts' sets of three-word shingles, after
folding case and accents: cheap, insensitive to re-flowed lines, and low for two different
texts that share only the note verbale's formulas.
"""

from __future__ import annotations

import re

from lapdesk.core.errors import UsageError
from lapdesk.core.text import fold
from lapdesk.store.changes import Change, record
from lapdesk.store.contributions import contribution, require, text_of
from lapdesk.store.database import Store

SHINGLE = 3
THRESHOLD = 0.6


def shingles(text: str) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", fold(text))
    if len(words) < SHINGLE:
        return {tuple(words)} if words else set()
    return {tuple(words[i:i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}


def similarity(a: str, b: str) -> float:
    """Jaccard similarity of the texts' shingles (1.0: the same words in the same order)."""
    first, second = shingles(a), shingles(b)
    if not first or not second:
        return 0.0
    return len(first & second) / len(first | second)


def _contributor_ids(store: Store, contribution_id: int) -> set[int]:
    return {r["contributor_id"] for r in store.query(
        "SELECT contributor_id FROM contribution_contributors WHERE contribution_id = ?"
        " AND chosen = 1", (contribution_id,))}


def candidates(store: Store, contribution_id: int, *, threshold: float = THRESHOLD) -> list[dict]:
    """Earlier contributions this one may supersede, closest first.

    Earlier means received before it (or the same day and logged before it); only those
    sharing a contributor, not already superseded, and at least ``threshold`` similar.

    :returns: ``[{contribution_id, title, received, similarity}]``.
    """
    require(store, contribution_id)
    received = store.query_one("SELECT received FROM contributions WHERE id = ?",
                               (contribution_id,))["received"]
    people = _contributor_ids(store, contribution_id)
    if not people:
        return []
    marks = ",".join("?" for _ in people)
    rows = store.query(
        "SELECT DISTINCT co.id, co.title, co.received FROM contributions co"
        " JOIN contribution_contributors cc ON cc.contribution_id = co.id AND cc.chosen = 1"
        f" WHERE cc.contributor_id IN ({marks}) AND co.id != ? AND co.superseded_by IS NULL"
        " AND (co.received < ? OR (co.received = ? AND co.id < ?))",
        (*sorted(people), contribution_id, received, received, contribution_id),
    )
    text = text_of(store, contribution_id)
    result = []
    for row in rows:
        score = similarity(text, text_of(store, row["id"]))
        if score >= threshold:
            result.append({"contribution_id": row["id"], "title": row["title"],
                           "received": row["received"], "similarity": round(score, 3)})
    return sorted(result, key=lambda r: -r["similarity"])


def proposals(store: Store, *, threshold: float = THRESHOLD) -> list[dict]:
    """Every proposed supersession in the store: ``[{old_id, new_id, similarity}]``."""
    result = []
    for row in store.query("SELECT id FROM contributions WHERE superseded_by IS NULL"
                           " ORDER BY received, id"):
        for older in candidates(store, row["id"], threshold=threshold):
            result.append({"old_id": older["contribution_id"], "new_id": row["id"],
                           "similarity": older["similarity"]})
    return result


def mark_superseded(store: Store, old_id: int, new_id: int | None) -> Change:
    """Mark ``old_id`` superseded by ``new_id`` (``None`` clears the mark); undoable."""
    require(store, old_id)
    if new_id is not None:
        newer = contribution(store, new_id)
        if new_id == old_id:
            raise UsageError("A contribution cannot supersede itself.")
        if newer.superseded_by == old_id:
            raise UsageError(f"Contribution {new_id} is itself superseded by {old_id}.")
        label = f"Mark contribution {old_id} superseded by {new_id}"
    else:
        label = f"Mark contribution {old_id} current again"
    with record(store, label, old=old_id, new=new_id) as rec:
        rec.update("contributions", {"id": old_id}, {"superseded_by": new_id})
    return rec.change
