"""Benchmark: suggestions, positions, coverage and resubmissions on a consultation-sized store.

The labelled set's contributions are logged eight times over (144 contributions, about
2,000 paragraphs, as from a large consultation), then timed: suggesting for every
contribution, accepting every suggestion (one change), the position matrix and coverage with
an annotation on every excerpt, and the resubmission proposals.  Best of three where cheap.
Run with ``.venv/bin/python bench/bench_analysis.py`` (``make bench`` runs every benchmark).
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from labelled import add_labelled, load_set  # noqa: E402

from lapdesk.analysis import coverage, positions, resubmission, suggest  # noqa: E402
from lapdesk.store.changes import record  # noqa: E402
from lapdesk.store.connection import open_store  # noqa: E402
from lapdesk.store.excerpts import STANCES, _add_annotation  # noqa: E402

COPIES = 8


def timed(label: str, action, *, repeat: int = 1):
    best, result = None, None
    for _ in range(repeat):
        start = time.perf_counter()
        result = action()
        elapsed = time.perf_counter() - start
        best = elapsed if best is None else min(best, elapsed)
    print(f"{label:<52} {best:8.3f} s")
    return result, best


def main() -> None:
    random.seed(7)
    with tempfile.TemporaryDirectory() as folder, open_store(Path(folder) / "b.lapdesk") as store:
        items = load_set()
        for _ in range(COPIES):
            for item in items:
                add_labelled(store, item)
        paragraphs = store.query_one("SELECT count(*) AS n FROM paragraphs")["n"]
        contributions = store.query_one("SELECT count(*) AS n FROM contributions")["n"]
        print(f"store: {contributions} contributions, {paragraphs} paragraphs")
        rows, seconds = timed("suggest --all", lambda: suggest.suggest_all(store), repeat=3)
        print(f"  {len(rows)} suggestions, {paragraphs / seconds:,.0f} paragraphs/s")
        change, _ = timed("accept every suggestion (one change)",
                          lambda: suggest.accept_above(store, None, 0.0))
        excerpt_ids = sorted(set(change.result))
        topics = [f"Proposal {n}" for n in range(30)]
        with record(store, "bench annotations") as rec:
            for excerpt_id in excerpt_ids:
                _add_annotation(rec, excerpt_id, stance=random.choice(STANCES),
                                topic=random.choice(topics))
        print(f"  {len(excerpt_ids)} excerpts, each annotated on one of {len(topics)} topics")
        timed("positions.matrix", lambda: positions.matrix(store), repeat=3)
        timed("positions.views per section (9 calls)", lambda: [
            positions.views(store, node_key=key, descendants=True)
            for key in ("structure", "cross_cutting", "universalisation",
                        "stockpile_destruction", "clearance_rre", "victim_assistance",
                        "cooperation_assistance", "transparency", "national_implementation")
        ], repeat=3)
        timed("coverage (nodes, entries, not heard from)", lambda: coverage.coverage(store),
              repeat=3)
        timed("coverage_matrix (heatmap data)", lambda: coverage.coverage_matrix(store),
              repeat=3)
        found, _ = timed("resubmission proposals", lambda: resubmission.proposals(store))
        print(f"  {len(found)} proposals (each text is logged {COPIES} times)")


if __name__ == "__main__":
    main()
