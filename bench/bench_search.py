"""Search on the 20,000-page bench store: the first page of results, against the code before.

Uses the 2,000-contribution / 20,000-page store of ``bench_desk.py`` (built there if missing;
half of its 72,000 paragraphs hold each of the queried words).  Prints, per query, the median
time of what the desk's search panel runs before it shows anything:
- now: the first page (:func:`lapdesk.ui.models.search_results_model.results_page`: 50 hits
  in reading order with their contributors), then a later page and the count of every match
  (which the panel asks for after showing the first page);
- before: the panel's search as it was at commit ``BASELINE`` (the 200 best hits by BM25 with
  their contributors), from that commit's code (``git archive`` into ``bench/out/``), measured
  in the same run, in rounds alternating with today's so both see the same load.
Figures are printed, never asserted.  Target: the first page under 20 ms (median).
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tarfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BASELINE = "13a32b6"  # main before phrases, prefixes and pages (issue #19, point 5)
BASELINE_TREE = ROOT / "bench" / "out" / f"baseline-{BASELINE}"
# Queries both versions understand alike, then ones only the new syntax has.
QUERIES = ("ratification", "risk education", "disability frameworks", "nothing-matches-this")
NEW_QUERIES = ('"risk education"', "destruct*", "stockpile OR clearance")
ROUNDS, REPEATS = 3, 7
TARGET_MS = 20


def measure(tree: Path, store_path: Path, queries: list[str]) -> dict:
    """In a fresh process whose ``lapdesk`` is the one in ``tree``: milliseconds per query."""
    sys.path.insert(0, str(tree))
    import lapdesk
    from lapdesk.store.connection import open_store

    assert Path(lapdesk.__file__).is_relative_to(tree), f"{lapdesk.__file__} is not {tree}'s"

    try:
        from lapdesk.store.search import count_hits
        from lapdesk.ui.models.search_results_model import results_page
    except ImportError:  # the code before: one call, the best 200 hits
        from lapdesk.ui.search_panel import run_search

        def first(store, query):
            return len(run_search(store, query)), None
        later = counts = None
    else:
        def first(store, query):
            page = results_page(store, query)
            return len(page.rows), page.next

        def later(store, query, after):
            return results_page(store, query, after)

        counts = count_hits
    figures = {}
    with open_store(store_path, readonly=True) as store:
        for query in queries:
            times, next_times, count_times = [], [], []
            for _ in range(REPEATS):
                started = time.perf_counter()
                hits, after = first(store, query)
                times.append((time.perf_counter() - started) * 1000)
                if after is not None:
                    started = time.perf_counter()
                    later(store, query, after)
                    next_times.append((time.perf_counter() - started) * 1000)
                if counts:
                    started = time.perf_counter()
                    counts(store, query)
                    count_times.append((time.perf_counter() - started) * 1000)
            figures[query] = {"hits": hits, "ms": times, "next_ms": next_times,
                              "count_ms": count_times}
    return figures


def baseline_tree() -> Path | None:
    """The code of commit BASELINE, unpacked once into bench/out/ (None without git)."""
    if (BASELINE_TREE / "lapdesk").is_dir():
        return BASELINE_TREE
    archive = BASELINE_TREE.with_suffix(".tar")
    try:
        subprocess.run(["git", "archive", "--format=tar", f"--output={archive}", BASELINE,
                        "lapdesk"], cwd=ROOT, check=True, capture_output=True)
    except (OSError, subprocess.CalledProcessError) as error:
        print(f"search: no baseline ({BASELINE} not available: {error})")
        return None
    with tarfile.open(archive) as tar:
        tar.extractall(BASELINE_TREE, filter="data")
    archive.unlink()
    return BASELINE_TREE


def run(tree: Path, store_path: Path, queries: tuple[str, ...]) -> dict:
    result = subprocess.run(
        [sys.executable, __file__, "--measure", str(tree), str(store_path), json.dumps(queries)],
        capture_output=True, text=True, check=True, cwd=ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    return json.loads(result.stdout.strip().splitlines()[-1])


def merge(into: dict, figures: dict) -> None:
    for query, figure in figures.items():
        seen = into.setdefault(query, {"hits": figure["hits"], "ms": [], "next_ms": [],
                                       "count_ms": []})
        for key in ("ms", "next_ms", "count_ms"):
            seen[key] += figure[key]


def main() -> int:
    if len(sys.argv) == 5 and sys.argv[1] == "--measure":
        print(json.dumps(measure(Path(sys.argv[2]), Path(sys.argv[3]), json.loads(sys.argv[4]))))
        return 0
    sys.path.insert(0, str(ROOT / "bench"))
    from bench_desk import STORE, build_store

    if not STORE.exists():
        build_store(STORE)
    old_tree = baseline_tree()
    now: dict = {}
    before: dict = {}
    load = [os.getloadavg()[0]]
    for _ in range(ROUNDS):
        merge(now, run(ROOT, STORE, QUERIES + NEW_QUERIES))
        if old_tree:
            merge(before, run(old_tree, STORE, QUERIES))
        load.append(os.getloadavg()[0])
    median = statistics.median
    print(f"search: {STORE.name}, load average {min(load):.1f}-{max(load):.1f} on "
          f"{os.cpu_count()} cores while measuring; medians of {ROUNDS * REPEATS} runs")
    firsts, olds = [], []
    for query in QUERIES + NEW_QUERIES:
        figure = now[query]
        firsts += figure["ms"]
        line = (f"search {query!r}: first page ({figure['hits']} hits) "
                f"{median(figure['ms']):.1f} ms")
        if figure["next_ms"]:
            line += f", next page {median(figure['next_ms']):.1f} ms"
        line += f", count of all {median(figure['count_ms']):.1f} ms"
        if query in before:
            olds += before[query]["ms"]
            line += (f"; before ({BASELINE}, {before[query]['hits']} best hits at once): "
                     f"{median(before[query]['ms']):.1f} ms")
        print(line)
    summary = f"search: first page median {median(firsts):.1f} ms over every query " \
              f"(target < {TARGET_MS})"
    if olds:
        common = [t for q in QUERIES for t in now[q]["ms"]]
        summary += (f"; on the queries both understand {median(common):.1f} ms now against "
                    f"{median(olds):.1f} ms before ({median(olds) / median(common):.1f}x)")
    print(summary)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
