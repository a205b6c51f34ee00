"""A command line that names neither a command nor a store is a usage error, never a window.

Before, ``lapdesk no-such-command`` started the desk, and a script waited for it forever.
"""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import ROOT

from lapdesk.app import _UsageError, gui_arguments


@pytest.mark.parametrize("argv", [["no-such-command"], ["contribtions", "--json"],
                                  ["--bogus"], ["a.lapdesk", "b.lapdesk"]])
def test_a_wrong_command_line_exits_2_with_one_sentence(argv):
    completed = subprocess.run([sys.executable, "-m", "lapdesk", *argv], capture_output=True,
                               text=True, timeout=60, cwd=ROOT,
                               env={"PATH": "", "QT_QPA_PLATFORM": "offscreen"})
    assert completed.returncode == 2
    assert completed.stdout == ""
    [line] = completed.stderr.splitlines()
    assert line.startswith("lapdesk: ") and line.endswith("(see lapdesk --help).")


def test_a_store_s_path_on_its_own_opens_that_store(tmp_path):
    """How the .lapdesk file type (a double-click in Explorer) opens a store."""
    assert gui_arguments([str(tmp_path / "team.lapdesk")]).store == str(tmp_path / "team.lapdesk")
    other = tmp_path / "Team Store.LAPDESK"
    assert gui_arguments([str(other)]).store == str(other)
    assert gui_arguments(["--store", "x.lapdesk", "-platform", "offscreen"]).platform == (
        "offscreen")
    assert gui_arguments([]).store is None
    with pytest.raises(_UsageError):
        gui_arguments(["--store", "x.lapdesk", "y.lapdesk"])
