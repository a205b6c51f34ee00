"""The desk's background operations never cost it its journal, whoever else reads the store.

A real desk runs in a process of its own (``desk_under_reader.py``).  After each of its
background operations, a real second process (``lapdesk contributions``) reads the store; the
store's ``-wal`` must still be there, and the desk's next edit must be visible to yet another
process at once.  At the end the desk is killed with SIGKILL, and its last edit must be in the
store.  Before the fix, the first background connection's header peek dropped the desk's locks:
the reader deleted the journal and every later edit went nowhere.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, run_lapdesk

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")

OPERATIONS = ["integrity", "auto-backup", "backup-now", "import", "import-the-store-folder",
              "export", "search", "save-copy", "overview", "save-original", "restore"]


class Desk:
    def __init__(self, store_path: Path, work: Path):
        self.process = subprocess.Popen(
            [sys.executable, str(ROOT / "tests" / "desk_under_reader.py"), str(store_path),
             str(work)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=ROOT,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
        self.expect("ready")

    def expect(self, word: str) -> None:
        line = self.process.stdout.readline().strip()
        assert line == word, f"the desk said {line!r} instead of {word!r}"

    def send(self, line: str, answer: str) -> None:
        self.process.stdin.write(line + "\n")
        self.process.stdin.flush()
        self.expect(answer)


def _title_seen_elsewhere(store_path: Path) -> str:
    result = run_lapdesk("contributions", "--store", store_path, "--json")
    assert result.code == 0, result.err
    return result.json()[0]["title"]


@pytest.mark.slow
def test_every_background_operation_keeps_the_journal_and_edits_survive_a_kill(tmp_path):
    store_path = tmp_path / "desk" / "team.lapdesk"
    letter = tmp_path / "Austria.txt"
    letter.write_text("Note verbale\n\nAustria welcomes the concept note.\n", encoding="utf-8")
    assert run_lapdesk("import", letter, "--store", store_path).code == 0
    desk = Desk(store_path, tmp_path)
    wal = Path(str(store_path) + "-wal")
    try:
        for number, operation in enumerate(OPERATIONS):
            desk.send(f"op {operation}", "done")
            _title_seen_elsewhere(store_path)  # a reader opens and closes the store
            assert wal.exists(), f"after {operation}, a reader deleted the desk's journal"
            title = f"edited after {operation} ({number})"
            desk.send(f"edit {title}", "edited")
            assert _title_seen_elsewhere(store_path) == title, (
                f"after {operation}, the desk's edit went where no other process sees it")
        desk.send("edit the last edit before the kill", "edited")
        _title_seen_elsewhere(store_path)
    finally:
        desk.process.send_signal(signal.SIGKILL)
        desk.process.wait(timeout=30)
    assert _title_seen_elsewhere(store_path) == "the last edit before the kill"
    assert run_lapdesk("check", "--store", store_path).code == 0
