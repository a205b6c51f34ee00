"""The ``lapdesk`` entry point: a command goes to the CLI, no command opens the desk.

This module and :mod:`lapdesk.ui` are the only places that import PySide6, and they import it
lazily, so ``lapdesk framework --json`` never pays for Qt.
"""

from __future__ import annotations

import argparse
import atexit
import multiprocessing
import os
import sys
from collections.abc import Sequence
from typing import NoReturn


def main(argv: Sequence[str] | None = None) -> int:
    # Worker processes of a frozen app re-enter here; let them run their task and exit.
    multiprocessing.freeze_support()
    argv = list(sys.argv[1:] if argv is None else argv)
    from lapdesk import cli

    if cli.has_command(argv):
        _leave(cli.main(argv))
    return run_gui(argv)


def _leave(code: int) -> NoReturn:
    """End a command without tearing the interpreter down: the exit handlers run and the
    output is flushed, but freeing every module and object one by one (25 ms after an import,
    for memory the system reclaims anyway) is skipped."""
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe (`lapdesk ... | head`) or stream
            pass
    os._exit(code)


def gui_arguments(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="lapdesk", add_help=False)
    parser.add_argument("--store", metavar="PATH")
    parser.add_argument("--smoke-test", action="store_true",
                        help="open the window on a temporary store, print shown_ms=N, exit")
    args, _qt_args = parser.parse_known_args(argv)
    return args


def run_gui(argv: Sequence[str]) -> int:
    from lapdesk.ui.application import run

    return run(gui_arguments(argv), argv)


if __name__ == "__main__":
    raise SystemExit(main())
