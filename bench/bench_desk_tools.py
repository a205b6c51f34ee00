"""The desk's part B on a large consultation: import by drop, the demo, save a copy.

Uses the 2,000-contribution / 20,000-page store of ``bench_desk.py`` (built there if missing)
and prints: the import of the twelve demo samples (files per second, through the same
pipeline as a drop), building the demo store, and "Save a copy as" (SQLite's online backup) of
the large store.  Search on it is ``bench_search.py``'s.  Figures are printed, never asserted.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_desk import STORE, build_store  # noqa: E402

from lapdesk.demo import build_demo, demo_dir, load_plan  # noqa: E402
from lapdesk.ingest.pipeline import import_paths  # noqa: E402
from lapdesk.store import backup  # noqa: E402
from lapdesk.store.connection import open_store  # noqa: E402


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def main() -> int:
    if not STORE.exists():
        STORE.parent.mkdir(parents=True, exist_ok=True)
        build_store(STORE)
    with open_store(STORE, readonly=True) as store, tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        backup.take_backup(store.conn, store.path, out=Path(folder) / "copy.lapdesk")
        size = STORE.stat().st_size / 1e6
        print(f"save a copy ({size:.0f} MB): {ms(time.perf_counter() - started)}")
    with tempfile.TemporaryDirectory() as folder:
        files = [demo_dir() / entry["file"] for entry in load_plan()]
        with open_store(Path(folder) / "import.lapdesk") as store:
            started = time.perf_counter()
            import_paths(store, files)
            elapsed = time.perf_counter() - started
            print(f"import of the {len(files)} demo samples: {ms(elapsed)} "
                  f"({len(files) / elapsed:.1f} files/s)")
        with open_store(Path(folder) / "demo.lapdesk") as store:
            started = time.perf_counter()
            result = build_demo(store)
            print(f"lapdesk demo: {ms(time.perf_counter() - started)} "
                  f"({result['contributions']} contributions, {result['excerpts']} excerpts, "
                  f"{result['suggestions']} suggestions)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
