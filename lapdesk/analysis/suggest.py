"""Suggested mappings in the store: computing them, and the user accepting or rejecting them.

:func:`suggest` runs the suggester (:mod:`lapdesk.analysis.suggester`) on a contribution's
paragraphs and keeps its suggestions in the ``suggestions`` table as *pending*.  Nothing is
mapped until the user says so: :func:`accept` turns suggestions into ordinary excerpts (origin
``suggestion``) in one recorded change, so one undo takes them all back; :func:`reject` marks
them rejected, and a rejected suggestion is not made again.  Suggesting again replaces the
pending suggestions and leaves accepted and rejected ones as they are.
"""

from __future__ import annotations

from collections.abc import Iterable

from lapdesk.analysis.lexicon import load_lexicon
from lapdesk.analysis.stance import stance_hint
from lapdesk.analysis.suggester import Suggester
from lapdesk.core.errors import NotFoundError, UsageError
from lapdesk.core.records import Suggestion
from lapdesk.store import framework
from lapdesk.store.changes import Change, record
from lapdesk.store.contributions import contribution, paragraphs_of, require
from lapdesk.store.database import Store
from lapdesk.store.excerpts import map_span

_SHAPE_SQL = (
    "SELECT s.id, s.contribution_id, p.file_id, s.start, s.\"end\", p.idx AS paragraph,"
    " n.key AS node, n.title AS node_title, s.confidence, s.reason, s.state,"
    " p.text AS paragraph_text"
    " FROM suggestions s JOIN framework_nodes n ON n.id = s.node_id"
    " LEFT JOIN paragraphs p ON p.id = s.paragraph_id"
)


def suggester_for(store: Store) -> Suggester:
    """A suggester for the store's framework and the lexicon in ``resources/``."""
    return Suggester(framework.nodes(store), load_lexicon())


def suggest(store: Store, contribution_id: int, *,
            suggester: Suggester | None = None) -> list[Suggestion]:
    """Compute and keep the contribution's suggestions; returns the pending ones.

    :returns: ``{id, contribution_id, file_id, start, end, paragraph, node, node_title,
        confidence, reason, state}`` dicts in text order (``paragraph`` is its index).
    """
    require(store, contribution_id)
    suggester = suggester or suggester_for(store)
    paragraphs = [p for p in paragraphs_of(store, contribution_id)
                  if p["part"] in ("body", "table")]
    found = suggester.run(paragraphs)
    node_ids = {row["key"]: row["id"] for row in store.query("SELECT id, key FROM framework_nodes")}
    decided = {
        (row["paragraph_id"], row["node_id"]) for row in store.query(
            "SELECT paragraph_id, node_id FROM suggestions WHERE contribution_id = ?"
            " AND state != 'pending'", (contribution_id,))
    }
    mapped = {
        (row["start"], row["end"], row["node_id"]) for row in store.query(
            "SELECT e.start, e.\"end\", m.node_id FROM excerpts e JOIN mappings m"
            " ON m.excerpt_id = e.id WHERE e.contribution_id = ?", (contribution_id,))
    }
    with store.transaction():
        store.execute(
            "DELETE FROM suggestions WHERE contribution_id = ? AND state = 'pending'",
            (contribution_id,))
        for item in found:
            paragraph = paragraphs[item.paragraph]
            node_id = node_ids[item.node]
            if (paragraph["id"], node_id) in decided:
                continue
            if (paragraph["start"], paragraph["end"], node_id) in mapped:
                continue  # the user already mapped it so
            store.insert(
                "INSERT INTO suggestions (contribution_id, paragraph_id, start, \"end\", node_id,"
                " confidence, reason) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (contribution_id, paragraph["id"], paragraph["start"], paragraph["end"],
                 node_id, item.confidence, item.reason),
            )
    return suggestions(store, contribution_id)


def suggest_all(store: Store, *, include_superseded: bool = False) -> list[Suggestion]:
    """:func:`suggest` for every contribution (superseded ones only if asked)."""
    where = "" if include_superseded else " WHERE superseded_by IS NULL"
    suggester = suggester_for(store)
    result = []
    for row in store.query(f"SELECT id FROM contributions{where} ORDER BY received, id"):
        result += suggest(store, row["id"], suggester=suggester)
    return result


def suggestions(store: Store, contribution_id: int | None = None, *,
                state: str | None = "pending") -> list[Suggestion]:
    """Stored suggestions (of one contribution, or all), in text order."""
    where, params = [], []
    if contribution_id is not None:
        where.append("s.contribution_id = ?")
        params.append(contribution_id)
    if state is not None:
        where.append("s.state = ?")
        params.append(state)
    clause = f" WHERE {' AND '.join(where)}" if where else ""
    rows = store.query(f"{_SHAPE_SQL}{clause} ORDER BY s.contribution_id, s.start, n.id",
                       tuple(params))
    return _with_stance_hints(store, rows)


def _with_stance_hints(store: Store, rows: list[dict]) -> list[Suggestion]:
    """Each suggestion with the stance its wording hints at, for the user to take or leave
    (read once for a paragraph several suggestions share: a 100-page contribution's 889
    suggestions lie in 400 paragraphs, and the reader waits for them)."""
    languages: dict[int, str | None] = {}
    hints: dict[tuple[str, str | None], dict | None] = {}
    found = []
    for row in rows:
        if row["contribution_id"] not in languages:
            languages[row["contribution_id"]] = contribution(
                store, row["contribution_id"]).language
        key = (row.pop("paragraph_text") or "", languages[row["contribution_id"]])
        if key not in hints:
            hints[key] = stance_hint(*key)
        found.append(Suggestion(**row, stance_hint=hints[key]))
    return found


def _rows(store: Store, suggestion_ids: Iterable[int]) -> list[dict]:
    ids = list(dict.fromkeys(suggestion_ids))
    if not ids:
        return []
    marks = ",".join("?" for _ in ids)
    rows = store.query(f"{_SHAPE_SQL} WHERE s.id IN ({marks}) ORDER BY s.contribution_id,"
                       " s.start, n.id", tuple(ids))
    if len(rows) != len(ids):
        missing = sorted(set(ids) - {r["id"] for r in rows})[0]
        raise NotFoundError(f"There is no suggestion number {missing}.")
    return rows


def accept(store: Store, suggestion_ids: Iterable[int]) -> Change:
    """Make the suggestions ordinary excerpts, in one undoable change.

    ``result`` is the list of excerpt ids (one per suggestion; a span suggested for several
    nodes becomes one excerpt mapped to each).
    """
    rows = [r for r in _rows(store, suggestion_ids) if r["state"] != "accepted"]
    label = "suggestion" if len(rows) == 1 else "suggestions"
    with record(store, f"Accept {len(rows)} suggested {label}",
                suggestions=[r["id"] for r in rows]) as rec:
        excerpt_ids = []
        for row in rows:
            inner = map_span(store, row["contribution_id"], [row["node"]], start=row["start"],
                             end=row["end"], origin="suggestion")
            rec.change.rows.extend(inner.rows)
            excerpt_ids.append(inner.result)
            rec.update("suggestions", {"id": row["id"]}, {"state": "accepted"})
        rec.change.result = excerpt_ids
    return rec.change


def reject(store: Store, suggestion_ids: Iterable[int]) -> Change:
    """Mark suggestions rejected (undoable); suggesting again will not bring them back."""
    rows = _rows(store, suggestion_ids)
    if any(r["state"] == "accepted" for r in rows):
        raise UsageError("An accepted suggestion is an excerpt now; unmap the excerpt instead.")
    label = "suggestion" if len(rows) == 1 else "suggestions"
    with record(store, f"Reject {len(rows)} suggested {label}",
                suggestions=[r["id"] for r in rows]) as rec:
        for row in rows:
            rec.update("suggestions", {"id": row["id"]}, {"state": "rejected"})
    return rec.change


def accept_above(store: Store, contribution_id: int | None, min_confidence: float) -> Change:
    """Accept every pending suggestion (of one contribution, or all) at or above a confidence."""
    if not 0.0 <= min_confidence <= 1.0:
        raise UsageError("The minimum confidence must be between 0 and 1.")
    pending = suggestions(store, contribution_id)
    return accept(store, [r.id for r in pending if r.confidence >= min_confidence])
