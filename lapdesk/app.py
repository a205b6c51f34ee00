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
    if sys.platform == "win32" and argv in (["--install"], ["--uninstall"]):
        from lapdesk.core import windows_install  # the zip's install.ps1 runs these

        _leave(windows_install.main(argv[0]))
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


class _UsageError(Exception):
    """The command line names neither a command nor a store: said in one sentence, exit 2."""


class _GuiParser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise _UsageError(message)


def gui_arguments(argv: Sequence[str]) -> argparse.Namespace:
    """What opening the desk takes: ``--store PATH`` or a store's path on its own (how the
    ``.lapdesk`` file type opens one), ``--smoke-test``, and Qt's ``-platform NAME``.

    :raises _UsageError: anything else, e.g. a command name misspelt: a script that typed
        ``lapdesk contribtions`` must fail, not wait for a window nobody sees.
    """
    parser = _GuiParser(prog="lapdesk", add_help=False)
    parser.add_argument("path", nargs="?", metavar="STORE")
    parser.add_argument("--store", metavar="PATH")
    parser.add_argument("--smoke-test", action="store_true",
                        help="open the window on a temporary store, print shown_ms=N, exit")
    parser.add_argument("-platform", metavar="NAME", help="Qt's platform plugin")
    args, extra = parser.parse_known_args(argv)
    if extra:
        raise _UsageError(f"{extra[0]!r} is not an option of lapdesk")
    if args.path is not None:
        if args.store is not None:
            raise _UsageError("name the store once, with --store or on its own")
        if not (args.path.lower().endswith(".lapdesk") or os.path.isfile(args.path)):
            raise _UsageError(f"{args.path!r} is not a command or a store")
        args.store = args.path
    return args


def run_gui(argv: Sequence[str]) -> int:
    try:
        args = gui_arguments(argv)
    except _UsageError as error:
        print(f"lapdesk: {error} (see lapdesk --help).", file=sys.stderr)
        return 2
    from lapdesk.ui.application import run

    return run(args)


if __name__ == "__main__":
    raise SystemExit(main())
