"""``lapdesk suggest``: suggested mappings for one or every contribution, optionally accepted."""

from dataclasses import replace

from lapdesk.analysis import suggest
from lapdesk.core.errors import UsageError
from lapdesk.core.records import Suggestion

NAME = "suggest"
HELP = ("suggest where a contribution's paragraphs map (headings, terms); with --accept, map "
        "those at or above --min-confidence")
WRITES = True


def configure(parser) -> None:
    parser.add_argument("contribution_id", type=int, nargs="?", metavar="ID",
                        help="the contribution (or --all)")
    parser.add_argument("--all", action="store_true", help="every contribution not superseded")
    parser.add_argument("--accept", action="store_true",
                        help="accept the suggestions at or above --min-confidence as excerpts")
    parser.add_argument("--min-confidence", type=float, metavar="X",
                        help="with --accept: the lowest confidence accepted, 0 to 1")


def run(args, store) -> list[Suggestion]:
    if (args.contribution_id is None) == (not args.all):
        raise UsageError("Name one contribution, or use --all.")
    if args.min_confidence is not None and not args.accept:
        raise UsageError("--min-confidence goes with --accept.")
    if args.accept and args.min_confidence is None:
        raise UsageError("--accept needs --min-confidence, e.g. --min-confidence 0.9.")
    if args.min_confidence is not None and not 0.0 <= args.min_confidence <= 1.0:
        raise UsageError("The minimum confidence must be between 0 and 1.")
    if args.all:
        rows = suggest.suggest_all(store)
    else:
        rows = suggest.suggest(store, args.contribution_id)
    if not args.accept:
        return rows
    wanted = [r.id for r in rows if r.confidence >= args.min_confidence]
    suggest.accept(store, wanted)
    accepted = set(wanted)
    return [replace(r, state="accepted") if r.id in accepted else r for r in rows]


def render(rows: list[Suggestion]) -> str:
    if not rows:
        return "No suggestion."
    lines = []
    for row in rows:
        mark = "+" if row.state == "accepted" else " "
        lines.append(f"{mark} {row.contribution_id:>4} ¶{row.paragraph:<3} "
                     f"{row.start}-{row.end:<7} {row.node:<28} "
                     f"{row.confidence:.2f}  {row.reason}")
    accepted = sum(1 for r in rows if r.state == "accepted")
    if accepted:
        lines.append(f"Accepted {accepted} suggestion(s) as excerpts.")
    return "\n".join(lines)
