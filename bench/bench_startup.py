"""Cold start to a shown window: the packaged app against the source tree, in the same run.

Prints the median and worst ``shown_ms`` (from process creation to the shown main window, as
``lapdesk --smoke-test`` measures it) over several runs of each.  Target: packaged < 2,000 ms.
Needs ``make package`` first for the packaged figures.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RUNS = 5


def shown_ms(command: list[str]) -> int:
    result = subprocess.run(command, capture_output=True, text=True, timeout=120, cwd=ROOT,
                            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    line = next(ln for ln in result.stdout.splitlines() if ln.startswith("shown_ms="))
    return int(line.split("=")[1])


def report(label: str, command: list[str]) -> None:
    shown_ms(command)  # warm the page cache once, as a second launch on a laptop would be
    figures = [shown_ms(command) for _ in range(RUNS)]
    print(f"startup: {label:<9} median {statistics.median(figures):>5.0f} ms, "
          f"worst {max(figures):>5} ms over {RUNS} runs")


def main() -> None:
    report("source", [sys.executable, "-m", "lapdesk", "--smoke-test"])
    frozen = ROOT / "dist" / "LAPDesk" / ("lapdesk.exe" if os.name == "nt" else "lapdesk")
    if frozen.exists():
        report("packaged", [str(frozen), "--smoke-test"])
    else:
        print("startup: packaged app not built (run `make package`); packaged figure skipped")


if __name__ == "__main__":
    main()
