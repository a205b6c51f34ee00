"""Benchmark: team work — the size of a pack per kind of edit, and merging 5 replicas x
3,000 excerpts (target: under 1 s end to end on this machine).

Each of five replicas of one team maps 3,000 excerpts (each with its mapping and a position)
over the contributions they share; a sixth receives the five packs.  End to end is
``receive`` of the five files: reading, checking, decompressing, applying with the rules,
stamps, tombstones and the search index.  The baseline, measured in the same run on a copy
of the same replica, is SQLite's engine alone: ``Changeset.apply`` of the same changesets
with no conflict handler.  Run with ``.venv/bin/python bench/bench_team.py``.
"""

from __future__ import annotations

import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from builders import add_text_contribution  # noqa: E402
from team_helpers import make_team  # noqa: E402

from lapdesk.store import contributions, excerpts, framework, sqlite  # noqa: E402
from lapdesk.store.changes import record  # noqa: E402
from lapdesk.store.connection import open_store  # noqa: E402
from lapdesk.team import pack as packs  # noqa: E402
from lapdesk.team import receive, send  # noqa: E402

REPLICAS = 5
EXCERPTS = 3000
CONTRIBUTIONS = 30


def pack_sizes(folder: Path) -> None:
    """One pack per kind of edit, from a replica with nothing else to send."""
    a, _b = make_team(folder, 2)
    send.send(a, folder / "warm")
    contribution = a.query_one("SELECT id FROM contributions")["id"]
    excerpt = excerpts.map_span(a, contribution, ["universalisation"], start=0, end=20).result
    send.send(a, folder / "warm")

    def size(label: str, edit) -> None:
        edit()
        sent = send.send(a, folder / "sizes")
        raw = sum(len(e.payload) for e in packs.decode(sent.path.read_bytes()).entries)
        print(f"  {label:<46} {raw:>8} B changeset, {sent.size:>8} B pack")

    print("pack size per kind of edit (changesets include the audit entry):")
    size("a new excerpt with its mapping and a position", lambda: excerpts.map_span(
        a, contribution, ["universalisation"], start=30, end=60, stance="supports",
        topic="Universalisation first", summary="priority"))
    annotation = a.query_one("SELECT id FROM annotations")["id"]
    size("one field of a position", lambda: excerpts.update_annotation(
        a, annotation, summary="a new summary"))
    size("an added mapping", lambda: excerpts.map_excerpt(a, excerpt, "stockpile_destruction"))
    size("a removed mapping (tombstone)",
         lambda: excerpts.unmap(a, excerpt, "stockpile_destruction"))
    size("a synthesis edit (1,200 characters)", lambda: framework.set_synthesis(
        a, "universalisation", "Most States Parties see universalisation first. " * 25))
    size("a contribution's metadata", lambda: contributions.update_contribution(
        a, contribution, title="Austria's note"))
    original = random.Random(1).randbytes(300_000)  # 300 kB that do not compress (a PDF)
    size("a contribution with a 300 kB original", lambda: add_text_contribution(
        a, ["Text of the annex."], data=original, name="annex.pdf"))
    size("deleting an excerpt (its position, mapping)",
         lambda: excerpts.delete_excerpt(a, excerpt))
    a.close()
    _b.close()


def merge(folder: Path) -> None:
    stores = make_team(folder, REPLICAS + 1, contributions=CONTRIBUTIONS)
    ids = [r["id"] for r in stores[0].query("SELECT id FROM contributions")]
    for store in stores:  # what each already has: nothing to send but the copies' audit
        send.send(store, folder / "warm")
    paths = []
    build = time.perf_counter()
    for r, store in enumerate(stores[1:], 1):
        with record(store, f"Map {EXCERPTS} excerpts") as rec:
            node = store.query_one("SELECT id FROM framework_nodes WHERE key = 'universalisation'")
            for i in range(EXCERPTS):
                excerpt_id = rec.insert("excerpts", {
                    "contribution_id": ids[i % len(ids)], "start": 0, "end": 10,
                    "text": f"excerpt {r}.{i}", "created_at": "2020-06-05", "created_by": "b"})
                rec.insert("mappings", {"excerpt_id": excerpt_id, "node_id": node["id"]})
                rec.insert("annotations", {"excerpt_id": excerpt_id, "stance": "supports",
                                           "summary": f"position {r}.{i}", "author": "b",
                                           "created_at": "2020-06-05",
                                           "updated_at": "2020-06-05"})
        paths.append(send.send(store, folder / "packs").path)
    print(f"\n{REPLICAS} replicas x {EXCERPTS} excerpts made and sent in "
          f"{time.perf_counter() - build:.1f} s; packs "
          f"{sum(p.stat().st_size for p in paths) / 1e6:.1f} MB")
    target = stores[0]
    baseline_path = folder / "baseline.lapdesk"
    target.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    for store in stores[1:]:
        store.close()
    shutil.copy(target.path, baseline_path)
    changesets = [e.payload for p in paths for e in packs.decode(p.read_bytes()).entries]
    with open_store(baseline_path) as baseline:
        start = time.perf_counter()
        with baseline.capture.paused(), baseline.transaction():
            for changeset in changesets:
                sqlite.Changeset.apply(changeset, baseline.conn, flags=sqlite.APPLY_FLAGS)
        engine = time.perf_counter() - start
    start = time.perf_counter()
    report = receive.receive(target, paths)
    end_to_end = time.perf_counter() - start
    assert all(o.state == "applied" for o in report.outcomes), report.lines()
    got = target.query_one("SELECT count(*) AS n FROM excerpts")["n"]
    assert got == REPLICAS * EXCERPTS, got
    print(f"{'engine alone (Changeset.apply, no handler) [baseline]':<58} {engine:7.3f} s")
    print(f"{'receive the 5 packs, end to end':<58} {end_to_end:7.3f} s"
          f"  ({end_to_end / engine:.1f}x the engine; target < 1 s)")
    target.close()


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        pack_sizes(Path(folder) / "sizes")
        merge(Path(folder) / "merge")



if __name__ == "__main__":
    main()
