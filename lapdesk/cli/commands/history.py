"""``lapdesk history``: the audit trail, newest first — who changed what, when, on which replica."""

from lapdesk.core.errors import UsageError
from lapdesk.store import history

NAME = "history"
HELP = "the audit trail, newest first: when, who, on which replica, what"
WRITES = False


def configure(parser) -> None:
    parser.add_argument("--contribution", type=int, metavar="ID",
                        help="only what touched this contribution")
    parser.add_argument("--author", metavar="NAME", help="only what this author did")
    parser.add_argument("--limit", type=int, default=50, metavar="N",
                        help="at most N entries (default 50; 0: all)")


def run(args, store) -> list[dict]:
    if args.limit < 0:
        raise UsageError("--limit must be 0 (all) or more.")
    entries = history.history(store, contribution_id=args.contribution, author=args.author,
                              limit=args.limit or None)
    return [entry.to_json() for entry in entries]


def render(result: list[dict]) -> str:
    if not result:
        return "Nothing in the audit trail matches."
    lines = []
    for entry in result:
        where = f" on {entry['replica_name'] or entry['replica']}" if entry["replica"] else ""
        lines.append(f"{entry['at']}  {entry['author'] or '?'}{where}  {entry['action']}")
    return "\n".join(lines)
