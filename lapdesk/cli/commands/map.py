"""``lapdesk map``: map a span of a contribution's text to a section or question."""

from lapdesk.store import excerpts

NAME = "map"
HELP = "map a span of a contribution's text to a framework node (prints the excerpt id)"
WRITES = True


def configure(parser) -> None:
    parser.add_argument("contribution_id", type=int, metavar="CONTRIBUTION_ID")
    parser.add_argument("node_key", metavar="NODE_KEY", help="e.g. universalisation.q3")
    parser.add_argument("--start", type=int, required=True, help="0-based start offset")
    parser.add_argument("--end", type=int, required=True, help="end offset (exclusive)")
    parser.add_argument("--stance", choices=excerpts.STANCES)
    parser.add_argument("--topic", help="the topic or proposal the excerpt is about")
    parser.add_argument("--summary", help="a one-line summary of the position")


def run(args, store) -> dict:
    change = excerpts.map_span(
        store, args.contribution_id, [args.node_key], start=args.start, end=args.end,
        stance=args.stance, topic=args.topic, summary=args.summary,
    )
    return {"excerpt_id": change.result}


def render(result: dict) -> str:
    return f"Mapped as excerpt {result['excerpt_id']}."
