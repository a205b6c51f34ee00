"""``lapdesk decide``: the Presidency's decision on one amendment."""

from __future__ import annotations

from lapdesk.rounds.amendment_records import DECISIONS

NAME = "decide"
HELP = "record the Presidency's decision on an amendment, with the text that results"
WRITES = True


def configure(parser) -> None:
    parser.add_argument("amendment_id", type=int, metavar="AMENDMENT_ID")
    parser.add_argument("--decision", required=True,
                        choices=[d for d in DECISIONS if d != "undecided"])
    parser.add_argument("--text", help="the node's text that results (needed for "
                                       "retained_as_amended, merged, and overlapping amendments)")


def run(args, store) -> dict:
    from lapdesk.rounds.amendment_writes import decide
    from lapdesk.rounds.amendments import amendment

    decide(store, args.amendment_id, args.decision, text=args.text)
    return amendment(store, args.amendment_id).as_dict()


def render(result: dict) -> str:
    text = f": {result['result_text']}" if result["result_text"] is not None else ""
    return f"Amendment {result['id']} to {result['label'] or result['node']}: " \
           f"{result['decision'].replace('_', ' ')}{text}"
