"""Figures for the safety net: backup, restore and salvage of a store holding 64 MB of
originals, the no-change backup check, and the writer lock (acquire, takeover, races).

    python bench/bench_reliability.py
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
os.environ.setdefault("LAPDESK_AUTHOR", "bench")

from builders import add_text_contribution  # noqa: E402

from lapdesk.store import backup  # noqa: E402
from lapdesk.store.connection import open_store  # noqa: E402
from lapdesk.store.lock import WriterLock, lock_path_for  # noqa: E402
from lapdesk.store.restore import restore  # noqa: E402
from lapdesk.store.salvage import salvage  # noqa: E402

ORIGINALS = 64
RACE_ROUNDS = 15
RACERS = 4

RACER = ROOT / "tests" / "lock_racer.py"  # shared with tests/test_lock.py


def timed(function):
    started = time.perf_counter()
    result = function()
    return result, time.perf_counter() - started


def stale_lock(store_path: Path) -> None:
    old = (datetime.now().astimezone() - timedelta(hours=1)).isoformat(timespec="seconds")
    lock_path_for(store_path).write_text(json.dumps(
        {"user": "gone", "host": "LAPTOP-7", "pid": 1, "since": old, "heartbeat": old,
         "token": "t"}))
    an_hour_ago = time.time() - 3600
    os.utime(lock_path_for(store_path), (an_hour_ago, an_hour_ago))


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="lapdesk-bench-"))
    path = folder / "bench.lapdesk"
    with open_store(path) as store:
        for n in range(ORIGINALS):
            add_text_contribution(store, [f"Contribution {n}."], name=f"c{n}.pdf",
                                  data=os.urandom(1024 * 1024))
        size = store.conn.execute("PRAGMA page_count").fetchone()[0] * 4096
        made, seconds = timed(lambda: backup.take_backup(store.conn, store.path))
        print(f"backup_mb={size / 2**20:.0f} backup_s={seconds:.2f}")
        _, seconds = timed(lambda: backup.take_backup(store.conn, store.path))
        print(f"backup_unchanged_check_ms={seconds * 1000:.1f}")
    _, seconds = timed(lambda: restore(path, made))
    print(f"restore_s={seconds:.2f}")
    _, seconds = timed(lambda: salvage(path, folder / "salvaged.lapdesk"))
    print(f"salvage_s={seconds:.2f}")

    lock = WriterLock(path, user="bench")
    _, seconds = timed(lambda: (lock.acquire(), lock.release()))
    print(f"lock_acquire_release_ms={seconds * 1000:.1f}")
    stale_lock(path)
    lock = WriterLock(path, user="bench")
    _, seconds = timed(lock.acquire)
    lock.release()
    print(f"lock_takeover_ms={seconds * 1000:.1f}")

    single_winner = 0
    for _ in range(RACE_ROUNDS):
        stale_lock(path)
        start = time.time() + 1.0
        racers = [subprocess.Popen([sys.executable, str(RACER), str(path), f"r{i}", str(start),
                                    "0.5"], cwd=ROOT, stdout=subprocess.PIPE, text=True)
                  for i in range(RACERS)]
        outcomes = [r.communicate(timeout=60)[0].strip() for r in racers]
        single_winner += outcomes.count("won") == 1
    print(f"lock_race_rounds={RACE_ROUNDS} racers={RACERS} rounds_with_exactly_one_writer="
          f"{single_winner} host={socket.gethostname()}")


if __name__ == "__main__":
    main()
