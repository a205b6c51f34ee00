"""Suggested mappings made in the background: after every import, and once for a store that
has none yet (one logged before the desk suggested, or by the CLI).

The suggester runs on the writer lane as a stepped job, one contribution per step, so the
user's edits are written between two contributions and the window never waits.  Suggestions
are the analysis's output, not the user's change: they are not on the undo stack (as with
``lapdesk suggest``), and nothing is mapped until the user accepts one (Enter in the reader).
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QObject, Signal

from lapdesk.analysis import suggest
from lapdesk.core.records import ImportResult
from lapdesk.ui.service.store_service import StoreService
from lapdesk.ui.service.tasks import Task

TOUCHES = {"suggestions"}


def contributions_to_suggest(store) -> list[int]:
    """Every contribution not superseded, when the store holds no suggestion at all (nothing
    was ever suggested in it); else none."""
    if store.query_one("SELECT 1 AS x FROM suggestions LIMIT 1") is not None:
        return []
    return [row["id"] for row in store.query(
        "SELECT id FROM contributions WHERE superseded_by IS NULL ORDER BY received, id")]


def open_suggestion_counts(store) -> dict[int, int]:
    """``{contribution id: pending suggestions}`` for the contributions that have any."""
    return {row["contribution_id"]: row["n"] for row in store.query(
        "SELECT contribution_id, count(*) AS n FROM suggestions WHERE state = 'pending'"
        " GROUP BY contribution_id")}


def suggest_steps(store, contribution_ids: list[int], progress, cancel):
    """Suggest for each contribution in turn (a step each); returns how many were made."""
    suggester = suggest.suggester_for(store)
    made = 0
    for done, contribution_id in enumerate(contribution_ids, 1):
        cancel.raise_if_cancelled()
        exists = store.query_one("SELECT 1 AS x FROM contributions WHERE id = ?",
                                 (contribution_id,))
        if exists is not None:  # (an import undone meanwhile)
            made += len(suggest.suggest(store, contribution_id, suggester=suggester))
        progress(done, len(contribution_ids), "Suggesting mappings")
        yield
    return made


class BackgroundSuggestions(QObject):
    """Starts the suggester for new contributions; :attr:`finished` says how many suggestions
    were made (the reader shows them as they arrive, through the ``suggestions`` table)."""

    finished = Signal(int)

    def __init__(self, service: StoreService, parent: QObject | None = None):
        super().__init__(parent)
        self._service = service
        self.task: Task | None = None

    def for_a_store_without_any(self) -> None:
        """Suggest for every contribution of a store in which nothing was ever suggested."""
        if not self._service.readonly:
            self._service.read(contributions_to_suggest, then=self.for_contributions)

    def after_import(self, results: list[ImportResult]) -> None:
        self.for_contributions(r.contribution_id for r in results
                               if r.contribution_id and r.status != "duplicate")

    def for_contributions(self, contribution_ids: Iterable[int]) -> Task | None:
        wanted = list(dict.fromkeys(contribution_ids))
        if not wanted or self._service.readonly:
            return None

        def work(store, progress, cancel):
            return (yield from suggest_steps(store, wanted, progress, cancel))

        task = self._service.start(work, writes=True, touches=TOUCHES, stepped=True,
                                   background=True)
        task.succeeded.connect(self._done)
        task.failed.connect(lambda failure: self._service.error.emit(
            f"Suggestions could not be made: {failure.message}"))
        self.task = task
        return task

    def _done(self, made: int) -> None:
        if made:
            self._service.error.emit(
                f"{made} suggested mapping{'s' * (made != 1)} ready: dashed underlines in the "
                "text; Enter accepts one, Delete rejects it.")
        self.finished.emit(made)
