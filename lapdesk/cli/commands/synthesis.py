"""``lapdesk synthesis``: print or set a section's or question's synthesis."""

import sys
from pathlib import Path

from lapdesk.core.errors import UsageError
from lapdesk.store import framework

NAME = "synthesis"
HELP = "print a section's or question's synthesis, or set it (--text or --file)"
WRITES = True


def configure(parser) -> None:
    parser.add_argument("node_key", metavar="NODE_KEY", help="e.g. universalisation")
    value = parser.add_mutually_exclusive_group()
    value.add_argument("--text", help="the new synthesis (Markdown)")
    value.add_argument("--file", type=Path, metavar="F",
                       help="read the new synthesis from this UTF-8 file ('-': standard input)")


def writes(args) -> bool:
    """Only setting a synthesis takes the writer lock."""
    return args.text is not None or args.file is not None


def run(args, store) -> dict:
    text = args.text
    if args.file is not None:
        try:
            text = (sys.stdin.read() if str(args.file) == "-"
                    else args.file.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as error:
            raise UsageError(f"{args.file} cannot be read as UTF-8 text: {error}.") from error
    if text is not None:
        framework.set_synthesis(store, args.node_key, text)
    node = framework.node(store, args.node_key)  # NotFoundError for a wrong key
    return {"key": node["key"], "title": node["title"], "synthesis": node["synthesis"],
            "changed": text is not None}


def render(result: dict) -> str:
    if result["changed"]:
        return f"Synthesis of {result['key']} saved ({len(result['synthesis'])} characters)."
    return result["synthesis"]
