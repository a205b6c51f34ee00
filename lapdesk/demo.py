"""The demo store: the fictional SAMPLE contributions of ``resources/demo/``, imported and mapped.

Above both ingest and analysis (it imports, then leaves suggestions), below the two faces that
offer it (``lapdesk demo`` and the desk's first start).

A newcomer's first look at the desk should show what a week of the consultation looks like, so
the demo goes through the real import pipeline (the same extraction, detection and duplicate
rules as a real drop) and then applies the worked example of ``resources/demo/mappings.toml``
through the same recorded core functions the desk uses.  Excerpts are chosen there by quoting
their text and found in the imported text, so their offsets are right whatever the extractor
did with line breaks.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from lapdesk.analysis import suggest
from lapdesk.core.errors import LapdeskError, UsageError
from lapdesk.core.paths import resource
from lapdesk.core.progress import CancelToken, ProgressFn, no_progress
from lapdesk.store import contributions, excerpts, framework, registry
from lapdesk.store.database import Store

DEMO_FOLDER = ("demo",)
PLAN_FILE = "mappings.toml"


def demo_dir() -> Path:
    return resource(*DEMO_FOLDER)


def load_plan(folder: Path | None = None) -> list[dict]:
    """The ``[[contribution]]`` entries of the demo's mappings file, in import order."""
    return _load(folder)["contribution"]


def load_syntheses(folder: Path | None = None) -> list[dict]:
    """The ``[[synthesis]]`` entries: ``{node, text}``, the Presidency's draft syntheses."""
    return _load(folder).get("synthesis", [])


def _load(folder: Path | None) -> dict:
    path = (folder or demo_dir()) / PLAN_FILE
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise LapdeskError(f"The demo's mappings file {path} cannot be read: {error}.") from error
    if not data.get("contribution"):
        raise LapdeskError(f"The demo's mappings file {path} lists no contribution.")
    return data


def find_quote(text: str, quote: str) -> tuple[int, int] | None:
    """Where ``quote`` is in ``text``: exactly, else with any run of whitespace between words."""
    start = text.find(quote)
    if start >= 0:
        return start, start + len(quote)
    pattern = r"\s+".join(re.escape(word) for word in quote.split())
    match = re.search(pattern, text)
    return (match.start(), match.end()) if match else None


def is_empty(store: Store) -> bool:
    return store.query_one("SELECT count(*) AS n FROM contributions")["n"] == 0


def build_demo(store: Store, *, folder: Path | None = None, progress: ProgressFn = no_progress,
               cancel: CancelToken | None = None) -> dict:
    """Import the samples into an empty store and apply their mappings and positions.

    :returns: ``{contributions, excerpts, annotations, suggestions, files: [{name, status,
        message, contribution_id}], unmatched: [quotes not found]}``.
    :raises UsageError: the store already has contributions.
    """
    # Imported here, not at start: the desk imports this module to offer the demo.
    from lapdesk.ingest.pipeline import import_paths

    if not is_empty(store):
        raise UsageError(f"{store.name} already has contributions; build the demo in an empty "
                         "or new store.")
    folder = folder or demo_dir()
    plan = load_plan(folder)
    results = import_paths(store, [folder / entry["file"] for entry in plan],
                           progress=progress, cancel=cancel)
    by_name = {Path(r.path).name: r for r in results}
    counts = {"excerpts": 0, "annotations": 0}
    unmatched: list[str] = []
    to_suggest: list[int] = []
    for entry in plan:
        result = by_name.get(entry["file"])
        if not result or not result.contribution_id:
            continue
        _apply_entry(store, result.contribution_id, entry, counts, unmatched)
        if entry.get("suggest"):
            to_suggest.append(result.contribution_id)
    for synthesis in load_syntheses(folder):
        framework.set_synthesis(store, synthesis["node"], synthesis["text"].strip())
    return {
        "contributions": store.query_one("SELECT count(*) AS n FROM contributions")["n"],
        "excerpts": counts["excerpts"],
        "annotations": counts["annotations"],
        "suggestions": _leave_suggestions(store, to_suggest),
        "files": [
            {"name": Path(r.path).name, "status": r.status, "message": r.message,
             "contribution_id": r.contribution_id}
            for r in results
        ],
        "unmatched": unmatched,
    }


def _apply_entry(store: Store, contribution_id: int, entry: dict, counts: dict,
                 unmatched: list[str]) -> None:
    contributions.update_contribution(store, contribution_id, received=entry["received"],
                                      language=entry["language"],
                                      permission_to_publish=entry.get("publish"))
    ids = [registry.find(store, key)["id"] for key in entry.get("contributors", [])]
    if ids:
        contributions.set_chosen_contributors(store, contribution_id, ids)
    text = contributions.text_of(store, contribution_id)
    for item in entry.get("excerpt", []):
        span = find_quote(text, item["quote"])
        if span is None:
            unmatched.append(item["quote"])
            continue
        change = excerpts.map_span(store, contribution_id, item["nodes"], start=span[0],
                                   end=span[1], stance=item.get("stance"),
                                   topic=item.get("topic"), summary=item.get("summary"))
        counts["excerpts"] += 1
        counts["annotations"] += 1 if item.get("stance") else 0
        if item.get("reviewed"):
            excerpts.set_reviewed(store, change.result, True)


def _leave_suggestions(store: Store, contribution_ids: list[int]) -> int:
    """Pending suggestions on the samples marked ``suggest = true``, to show how they look."""
    return sum(len(suggest.suggest(store, cid)) for cid in contribution_ids)
