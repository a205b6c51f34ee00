"""How long the desk's window freezes while an import runs and someone keeps working.

A desk (offscreen, in a fresh process) opens a store of 30 contributions and imports the
benchmark corpus of ``bench_ingest`` (210 files, 270 inputs with the emails' attachments).
Meanwhile a driver works as a desk officer would, one action every 100 ms: switch to another
contribution, map a passage, edit the position's summary.  A 5 ms heartbeat timer on the GUI
thread measures the event loop: any gap between its ticks is time the window could not answer
the user.  Printed: the longest stall, the 99th percentile of gaps, the actions done, and how
long the import took.  The goal is a longest stall under 100 ms.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
STORE = OUT / "stall.lapdesk"
HEARTBEAT_MS = 5
ACTION_EVERY_MS = 100
TEXTS = ("Austria considers that the rate of ratification must rise through regional "
         "workshops led by the coordinators.",
         "Victim assistance should be integrated into broader national frameworks.",
         "Transparency reports should be submitted on time by every State Party.")


def build_store(path: Path) -> None:
    from lapdesk.core.text import Paragraph
    from lapdesk.store import intake, registry
    from lapdesk.store.connection import open_store

    for old in path.parent.glob(path.name + "*"):
        shutil.rmtree(old) if old.is_dir() else old.unlink()
    with open_store(path, author="bench") as store:
        people = [r["id"] for r in registry.contributors(store)][:30]
        with store.transaction():
            for number, person in enumerate(people):
                paragraphs = [Paragraph(text) for text in TEXTS * 4]
                data = "\n".join(p.text for p in paragraphs).encode()
                cid = intake.create_contribution(store, received=f"2020-06-{1 + number % 28:02d}",
                                            language="en", title=f"contribution {number}",
                                            permission_to_publish=True)
                digest, _ = intake.store_blob(store, data)
                intake.add_file(store, cid, name=f"contribution-{number}.txt", sha256=digest,
                           size=len(data), media_type="text/plain", status="ok",
                           paragraphs=paragraphs)
                intake.set_contributors(store, cid, [{"contributor_id": person}])


def measure(store_path: Path, corpus: Path) -> dict:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from lapdesk.store import contributions
    from lapdesk.store.connection import open_store
    from lapdesk.ui.main_window import MainWindow

    app = QApplication([])
    store = open_store(store_path, lock=True)
    ids = [row.id for row in contributions.list_contributions(store)]
    window = MainWindow(store)
    window.show()
    app.processEvents()
    importer = window.importer

    clock = QElapsedTimer()
    clock.start()
    gaps: list[float] = []
    last = [clock.nsecsElapsed()]


    long_gaps: list[tuple[float, float]] = []  # (ms, seconds into the import)

    def beat() -> None:
        now = clock.nsecsElapsed()
        gaps.append((now - last[0]) / 1e6 - HEARTBEAT_MS)
        if gaps[-1] > 50:
            long_gaps.append((round(gaps[-1]), round(time.perf_counter() - started, 2)))
        last[0] = now

    heartbeat = QTimer()
    heartbeat.setInterval(HEARTBEAT_MS)
    heartbeat.timeout.connect(beat)
    actions: dict[str, int] = {"switch": 0, "map": 0, "annotate": 0}
    step = [0]

    def act() -> None:
        kind = ("switch", "map", "annotate")[step[0] % 3]
        contribution_id = ids[(step[0] // 3) % len(ids)]
        step[0] += 1
        if kind == "switch":
            window.open_contribution(contribution_id)
        elif kind == "map":
            found = window.reader.document().find("regional workshops")
            if found.isNull():
                return
            window.reader.setTextCursor(found)
            window.mapping.map_selection_to("universalisation.q3")
        elif window.strip.excerpt_id is not None:
            window.strip.summary.setText(f"Regional outreach ({step[0]})")
            window.strip.summary.editingFinished.emit()
        else:
            return
        actions[kind] += 1

    slow_actions: list[tuple[str, float]] = []

    def timed_act() -> None:
        kind = ("switch", "map", "annotate")[step[0] % 3]
        before = time.perf_counter()
        act()
        spent = (time.perf_counter() - before) * 1000
        if spent > 30:
            slow_actions.append((kind, round(spent)))

    driver = QTimer()
    driver.setInterval(ACTION_EVERY_MS)
    driver.timeout.connect(timed_act)
    finished = QEventLoop()
    started = time.perf_counter()
    op = importer.start_import([str(corpus)])
    op.finished.connect(finished.quit)
    heartbeat.start()
    driver.start()
    finished.exec()
    import_s = time.perf_counter() - started
    heartbeat.stop()
    driver.stop()
    gaps.sort()
    window.close()
    return {"import_s": import_s, "max_stall_ms": gaps[-1] if gaps else 0.0,
            "p99_ms": gaps[int(len(gaps) * 0.99)] if gaps else 0.0,
            "median_ms": statistics.median(gaps) if gaps else 0.0, "beats": len(gaps),
            "actions": actions, "load": os.getloadavg()[0], "long_gaps": long_gaps,
            "slow_actions": slow_actions}


def main() -> None:
    if len(sys.argv) == 4 and sys.argv[1] == "--measure":
        print(json.dumps(measure(Path(sys.argv[2]), Path(sys.argv[3]))))
        return
    sys.path.insert(0, str(ROOT / "bench"))
    from bench_ingest import CORPUS, build_corpus

    build_corpus()
    build_store(STORE)
    result = subprocess.run([sys.executable, __file__, "--measure", str(STORE), str(CORPUS)],
                            capture_output=True, text=True, check=True, cwd=ROOT,
                            env={**os.environ, "QT_QPA_PLATFORM": "offscreen",
                                 "LAPDESK_SETTINGS": str(OUT / "stall-settings.ini")})
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    print(f"stall: load average {figures['load']:.1f} on {os.cpu_count()} cores")
    print(f"stall: import of the ingest corpus with the desk in use took "
          f"{figures['import_s']:.1f} s; actions meanwhile: {figures['actions']}")
    print(f"stall: GUI thread's longest stall {figures['max_stall_ms']:.0f} ms, 99th percentile "
          f"{figures['p99_ms']:.0f} ms, median {figures['median_ms']:.1f} ms over "
          f"{figures['beats']} heartbeats of {HEARTBEAT_MS} ms (goal: longest < 100 ms)")


if __name__ == "__main__":
    main()
