"""Parsing, dispatch and the conventions every command keeps.

- ``--store PATH`` and ``--json`` work before or after the command; no command prompts.
- ``--json`` prints one JSON document (an array for lists).
- Exit 0 on success; 1 when a path cannot be opened, a check fails or the store is held by
  another LAPDesk; 2 for a usage error.  Errors are one sentence on stderr, no traceback.

Each command is a module in :mod:`lapdesk.cli.commands` with ``NAME``, ``HELP``, ``WRITES``,
``configure(parser)``, ``run(args, store)`` returning the JSON-able result, and optionally
``render(result) -> str`` for people, ``exit_code(result) -> int`` and ``writes(args) ->
bool`` (for a command that writes only with some options, which then decides ``WRITES``).  A command with
``WRITES = True`` holds the store's writer lock and leaves a backup when it changed the store;
one with ``OPENS_STORE = False`` (restore, salvage) gets the store's path instead of a store;
one that writes only with some options defines ``writes(args) -> bool`` instead.
A command may define ``prepare(args)``, called before the store is opened, returning a context
manager that is left after ``run``: import starts its extraction workers there, so that they
boot while the store opens.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import json
import keyword
import os
import sys
from collections.abc import Sequence
from types import ModuleType

from lapdesk import __version__
from lapdesk.core.errors import LapdeskError
from lapdesk.core.paths import default_store_path

# The commands, in the order `lapdesk --help` lists them.
COMMAND_MODULES = [
    "framework",
    "contributors",
    "contributions",
    "show",
    "search",
    "check",
    "map",
    "unmap",
    "round",
    "amendments",
    "decide",
    "publish",
    "suggest",
    "annotate",
    "synthesis",
    "positions",
    "coverage",
    "resubmissions",
    "import",
    "reread",
    "backup",
    "restore",
    "salvage",
    "export",
    "team",
    "history",
    "demo",
]


def _commands(names: Sequence[str] = COMMAND_MODULES) -> list[ModuleType]:
    # A command named like a Python keyword (import) lives in a module with a trailing "_".
    return [importlib.import_module(f"lapdesk.cli.commands.{name}{'_' * keyword.iskeyword(name)}")
            for name in names]


def _common_options() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--store", metavar="PATH", default=argparse.SUPPRESS,
                        help="the store to use (default: $LAPDESK_STORE or the user's data folder)")
    common.add_argument("--json", action="store_true", default=argparse.SUPPRESS,
                        help="print one JSON document instead of text")
    return common


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The whole command line, or with ``only`` just that command's part of it: each command
    imports what it needs, and a command started from a script should not pay for the others.
    """
    common = _common_options()
    parser = argparse.ArgumentParser(
        prog="lapdesk", parents=[common],
        description="LAPDesk: log, read, map and consolidate contributions on the Lausanne "
                    "Action Plan. Without a command, opens the desk.",
    )
    parser.add_argument("--version", action="version", version=f"LAPDesk {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in _commands([only] if only else COMMAND_MODULES):
        command = sub.add_parser(module.NAME, parents=[common], help=module.HELP,
                                 description=module.HELP)
        module.configure(command)
        command.set_defaults(module=module)
    return parser


def has_command(argv: Sequence[str]) -> bool:
    """Whether ``argv`` asks for the CLI (a command, --help or --version) rather than the desk."""
    return any(token in ("-h", "--help", "--version") or token in COMMAND_MODULES
               for token in _options_and_words(argv))


def _command_named(argv: Sequence[str]) -> str | None:
    """The command ``argv`` names, if any (the first word that is one, outside --store)."""
    return next((token for token in _options_and_words(argv) if token in COMMAND_MODULES), None)


def _options_and_words(argv: Sequence[str]):
    """The tokens of ``argv`` except the path after ``--store``."""
    skip = False
    for token in argv:
        if skip:
            skip = False
        elif token == "--store":
            skip = True
        else:
            yield token


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    _write_utf8()
    parser = build_parser(only=_command_named(argv))
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    if args.command is None:
        parser.print_usage(sys.stderr)
        print("lapdesk: name a command (see lapdesk --help).", file=sys.stderr)
        return 2
    as_json = getattr(args, "json", False)
    store_path = getattr(args, "store", None) or default_store_path()
    module = args.module
    prepare = getattr(module, "prepare", None)
    try:
        with prepare(args) if prepare else contextlib.nullcontext():
            from lapdesk.store.connection import open_store

            if not getattr(module, "OPENS_STORE", True):
                # restore and salvage must work on a store too damaged to open normally.
                result = module.run(args, store_path)
            else:
                writes = getattr(module, "writes", None)  # a command that writes only sometimes
                lock = writes(args) if writes else module.WRITES
                with open_store(store_path, lock=lock) as store:
                    result = module.run(args, store)
                    if lock:
                        _back_up_after_write(store)
    except LapdeskError as error:
        print(f"lapdesk: {error}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print("lapdesk: interrupted.", file=sys.stderr)
        return 130
    except Exception as error:  # a bug: say so in one line, details only on request
        print(f"lapdesk: an unexpected problem stopped {module.NAME}: {error!r}. "
              "Set LAPDESK_DEBUG=1 to see the details.", file=sys.stderr)
        if os.environ.get("LAPDESK_DEBUG"):
            import traceback

            traceback.print_exc()
        return 1
    try:
        _print(module, result, as_json)
    except BrokenPipeError:  # `lapdesk ... | head` closed the pipe: not an error
        sys.stderr.close()
    exit_code = getattr(module, "exit_code", None)
    return exit_code(result) if exit_code else 0


def _write_utf8() -> None:
    """Output is UTF-8 whatever the console: Python on Windows writes to a pipe or a file in
    the ANSI code page, where a file named ``Polska-Łódź.txt`` cannot be written at all.  (A
    Windows console is written in UTF-16 by Python either way.)"""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
        if encoding != "utf8" and hasattr(stream, "reconfigure"):
            with contextlib.suppress(ValueError, OSError):  # detached or closed
                stream.flush()
                stream.reconfigure(encoding="utf-8", errors=stream.errors)


def _back_up_after_write(store) -> None:
    """A writing command that succeeded leaves a backup, when the store changed since the last.

    The command's change is already committed: a failed backup is a warning, not a failure.
    """
    from lapdesk.store import backup

    try:
        backup.take_backup(store.conn, store.path, reason="auto")
    except LapdeskError as error:
        print(f"lapdesk: warning: {error}", file=sys.stderr)


def _as_json(value):
    """A record (:mod:`lapdesk.core.records`) as its ``to_json`` gives it; anything else
    JSON cannot hold (a date, a path) as its text."""
    to_json = getattr(value, "to_json", None)
    return to_json() if callable(to_json) else str(value)


def _print(module: ModuleType, result, as_json: bool) -> None:
    if as_json:
        # One write: json.dump() writes each token on its own, 4 times slower on a pipe.
        sys.stdout.write(json.dumps(result, ensure_ascii=False, indent=2, default=_as_json) + "\n")
    else:
        render = getattr(module, "render", None)
        text = render(result) if render else json.dumps(result, ensure_ascii=False, indent=2)
        if text:
            print(text)
    sys.stdout.flush()
