"""``lapdesk search``: find words, phrases and prefixes in every contribution (accents and case
aside), read as the desk's search field reads them (:mod:`lapdesk.store.search_query`)."""

from lapdesk.core.errors import UsageError
from lapdesk.store import search
from lapdesk.store.contributions import contributors_of

NAME = "search"
HELP = ("search every contribution's text (\"exact phrase\", prefix*, AND / OR in capitals); "
        "prints hits in reading order with their offsets and a snippet")
WRITES = False
DEFAULT_LIMIT = 200


def configure(parser) -> None:
    parser.add_argument("query", metavar="QUERY",
                        help="words that must all occur in a paragraph; \"a phrase\" or "
                             "« une phrase » in quotation marks, destruct* for words that start "
                             "so, OR (in capitals) between two for either; nothing else is syntax")
    parser.add_argument("--limit", type=int, default=DEFAULT_LIMIT, metavar="N",
                        help=f"at most N hits (default {DEFAULT_LIMIT})")


def run(args, store) -> list[dict]:
    if not args.query.strip():
        raise UsageError("Give at least one word to search for.")
    if args.limit < 1:
        raise UsageError("--limit must be a positive number.")
    hits = search.search(store, args.query, limit=args.limit)
    names: dict[int, list[str]] = {}
    for hit in hits:
        cid = hit["contribution_id"]
        if cid not in names:
            names[cid] = [p.name for p in contributors_of(store, cid)]
        hit["contributors"] = names[cid]
    return hits


def render(hits: list[dict]) -> str:
    if not hits:
        return "No paragraph matches."
    lines = []
    for hit in hits:
        who = ", ".join(hit["contributors"]) or "contributor unknown"
        snippet = " ".join(hit["snippet"].split())
        where = f"¶{hit['paragraph'] + 1}" if hit["paragraph"] is not None else "¶?"
        comment = " (comment)" if hit.get("kind") == "comment" else ""
        lines.append(f"{hit['contribution_id']:>4} {who} {where}{comment}"
                     f" [{hit['start']}-{hit['end']}]: {snippet}")
    lines.append(f"{len(hits)} hit{'s' if len(hits) != 1 else ''}.")
    return "\n".join(lines)
