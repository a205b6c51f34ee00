"""``lapdesk unmap``: remove an excerpt, or only its mapping to one node."""

from lapdesk.store import excerpts

NAME = "unmap"
HELP = "remove an excerpt (or, with NODE_KEY, only its mapping to that node)"
WRITES = True


def configure(parser) -> None:
    parser.add_argument("excerpt_id", type=int, metavar="EXCERPT_ID")
    parser.add_argument("node_key", nargs="?", metavar="NODE_KEY")


def run(args, store) -> dict:
    excerpts.unmap(store, args.excerpt_id, args.node_key)
    return {"excerpt_id": args.excerpt_id, "node": args.node_key,
            "removed": "mapping" if args.node_key else "excerpt"}


def render(result: dict) -> str:
    if result["node"]:
        return f"Excerpt {result['excerpt_id']} no longer maps to {result['node']}."
    return f"Excerpt {result['excerpt_id']} removed."
