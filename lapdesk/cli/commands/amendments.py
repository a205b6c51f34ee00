"""``lapdesk amendments``: the current round's amendments; accepting suggested ones."""

from __future__ import annotations

from lapdesk.core.errors import UsageError

NAME = "amendments"
HELP = ("list the current draft's recorded amendments (--suggested: those suggested), or "
        "record suggested ones (--accept ID... | --accept-all)")
WRITES = True


def configure(parser) -> None:
    parser.add_argument("--node", metavar="KEY", help="only the amendments to this node")
    parser.add_argument("--suggested", action="store_true",
                        help="the suggested amendments, not yet recorded")
    parser.add_argument("--accept", type=int, nargs="+", metavar="ID",
                        help="record these suggested amendments")
    parser.add_argument("--accept-all", action="store_true",
                        help="record every suggested amendment (of --node's node, if given)")
    parser.add_argument("--refresh", action="store_true",
                        help="find the suggestions again in every contribution of the round")


def writes(args) -> bool:
    return bool(args.accept or args.accept_all or args.refresh)


def run(args, store) -> list[dict]:
    from lapdesk.rounds import amendment_writes, suggest_amendments
    from lapdesk.rounds.amendments import amendments_of_round
    from lapdesk.store import framework

    if args.accept and args.accept_all:
        raise UsageError("Use --accept ID... or --accept-all, not both.")
    node_ids = [framework.node(store, args.node)["id"]] if args.node else None
    if args.refresh:
        suggest_amendments.suggest_all(store)
    if args.accept or args.accept_all:
        ids = args.accept or [a.id for a in amendments_of_round(store, status="suggested",
                                                                node_ids=node_ids)]
        accepted = amendment_writes.accept(store, ids).result
        found = amendments_of_round(store, node_ids=node_ids)
        return [a.as_dict() for a in found if a.id in set(accepted)]
    status = "suggested" if args.suggested else "recorded"
    return [a.as_dict() for a in amendments_of_round(store, status=status, node_ids=node_ids)]


def render(rows: list[dict]) -> str:
    if not rows:
        return "No amendment."
    lines = []
    for a in rows:
        who = ", ".join(p["name"] for p in a["proposers"]) or "the Presidency"
        change = {"replace": f"“{a['old']}” -> “{a['new']}”", "insert": f"+ “{a['new']}”",
                  "delete_text": f"- “{a['old']}”"}.get(a["op"], a["new"] or a["justification"])
        lines.append(f"{a['id']:>4} {a['label'] or a['node']:<16} {a['op']:<15} "
                     f"{a['decision']:<20} {who}: {_short(change)}")
    return "\n".join(lines)


def _short(text: str, limit: int = 80) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
