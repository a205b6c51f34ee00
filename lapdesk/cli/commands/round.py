"""``lapdesk round``: start a drafting round from a draft (.docx), or list the rounds."""

from __future__ import annotations

from pathlib import Path

from lapdesk.core.errors import UsageError
from lapdesk.core.paths import default_store_path

NAME = "round"
HELP = ("start a drafting round from the Presidency's draft (round new --draft FILE.docx), "
        "or list the store's rounds (round list)")
WRITES = True


def configure(parser) -> None:
    parser.add_argument("action", choices=("new", "list"), help="new: start a round; list")
    parser.add_argument("--draft", metavar="FILE.docx", help="the draft the round works on")
    parser.add_argument("--title", help="the round's title (default: the draft's own)")
    parser.add_argument("--symbol", help="the draft's symbol (default: the one on its first "
                                         "page, e.g. CCM/CONF/2021/WP.1)")


def writes(args) -> bool:
    return args.action == "new"


def prepare(args):
    """Note whether the store exists before it is opened: a store created for the draft
    starts with the draft alone."""
    import contextlib

    path = Path(getattr(args, "store", None) or default_store_path()).expanduser()
    args.fresh_store = not path.exists()
    return contextlib.nullcontext()


def run(args, store) -> dict | list[dict]:
    from lapdesk.rounds.round_store import round_by_id, rounds

    if args.action == "list":
        return [r.as_dict() for r in rounds(store)]
    if not args.draft:
        raise UsageError("round new needs --draft FILE.docx.")
    from lapdesk.rounds.draft_reader import read_draft_file
    from lapdesk.rounds.round_start import start_round
    from lapdesk.store.contributions import sha256_of
    from lapdesk.store.framework import nodes

    path = Path(args.draft).expanduser()
    draft, data = read_draft_file(path)
    change = start_round(store, draft, source_name=path.name, sha256=sha256_of(data),
                         title=args.title, symbol=args.symbol, fresh=args.fresh_store)
    present = nodes(store)
    return {"round": round_by_id(store, change.result).as_dict(), "store": str(store.path),
            "created": args.fresh_store,
            "sections": sum(1 for n in present if n["kind"] == "section"),
            "nodes": sum(1 for n in present if n["kind"] != "section")}


def render(result) -> str:
    if isinstance(result, list):
        return "\n".join(f"{'*' if r['current'] else ' '} {r['id']:>3} {r['kind']:<12} "
                         f"{r['symbol'] or '-':<24} {r['title']}" for r in result) or "No round."
    r = result["round"]
    return (f"Round {r['id']} started on {r['title']} ({r['symbol'] or 'no symbol'}): "
            f"{result['sections']} section(s), {result['nodes']} paragraph(s) and action(s).")
