"""Shared fixtures: real stores on disk, the CLI run in-process or as a real process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("LAPDESK_AUTHOR", "tester")

from lapdesk.cli import main as cli_main  # noqa: E402
from lapdesk.store.connection import open_store  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(autouse=True)
def private_settings(tmp_path_factory, monkeypatch) -> Path:
    """Every test gets its own QSettings file: none reads or writes the user's preferences.
    A test that needs the file's path names this fixture."""
    path = tmp_path_factory.mktemp("prefs") / "settings.ini"
    monkeypatch.setenv("LAPDESK_SETTINGS", str(path))
    return path


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    return tmp_path / "test.lapdesk"


@pytest.fixture
def store(store_path: Path):
    with open_store(store_path) as opened:
        yield opened


class CliResult:
    def __init__(self, code: int, out: str, err: str):
        self.code, self.out, self.err = code, out, err

    def json(self):
        return json.loads(self.out)


@pytest.fixture
def cli(capsys):
    """Run ``lapdesk ARGS`` in this process; returns code, stdout, stderr."""

    def run(*args: str) -> CliResult:
        capsys.readouterr()
        code = cli_main([str(a) for a in args])
        out, err = capsys.readouterr()
        return CliResult(code, out, err)

    return run


def run_lapdesk(*args: str, env: dict | None = None, timeout: float = 120) -> CliResult:
    """Run ``python -m lapdesk ARGS`` as a real process."""
    completed = subprocess.run(
        [sys.executable, "-m", "lapdesk", *map(str, args)],
        capture_output=True, text=True, encoding="utf-8", timeout=timeout, cwd=ROOT,
        env={**os.environ, **(env or {})},
    )
    return CliResult(completed.returncode, completed.stdout, completed.stderr)
