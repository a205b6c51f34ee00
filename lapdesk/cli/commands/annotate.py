"""``lapdesk annotate``: edit a recorded position on an excerpt, or add one (``--new``)."""

from lapdesk.core.errors import NotFoundError, UsageError
from lapdesk.store import excerpts

NAME = "annotate"
HELP = "edit a position recorded on an excerpt (stance, topic, summary, note); --new adds one"
WRITES = True
FIELDS = ("stance", "topic", "summary", "note")


def configure(parser) -> None:
    parser.add_argument("excerpt_id", type=int, metavar="EXCERPT_ID")
    parser.add_argument("--position", type=int, metavar="N", default=1,
                        help="which of the excerpt's positions to edit, from 1 (default 1)")
    parser.add_argument("--new", action="store_true", help="add a new position instead")
    parser.add_argument("--stance", choices=excerpts.STANCES)
    parser.add_argument("--topic", help="the topic or proposal (an empty value clears it)")
    parser.add_argument("--summary", help="a one-line summary of the position")
    parser.add_argument("--note", help="a note for the team")


def run(args, store) -> dict:
    fields = {f: getattr(args, f) for f in FIELDS if getattr(args, f) is not None}
    excerpt = excerpts.excerpt(store, args.excerpt_id)  # NotFoundError for a wrong id
    if args.new:
        change = excerpts.annotate(store, args.excerpt_id, stance=fields.get("stance", "neutral"),
                                   topic=fields.get("topic") or None,
                                   summary=fields.get("summary", ""), note=fields.get("note", ""))
        annotation_id = change.result
    else:
        if not fields:
            raise UsageError("Say what to change (--stance, --topic, --summary or --note), "
                             "or add a position with --new.")
        positions = excerpt.annotations
        if not 1 <= args.position <= len(positions):
            raise NotFoundError(f"Excerpt {args.excerpt_id} has {len(positions)} "
                                f"position{'s' * (len(positions) != 1)}; there is no "
                                f"position {args.position} (add one with --new).")
        annotation_id = positions[args.position - 1].id
        excerpts.update_annotation(store, annotation_id, **fields)
    shaped = excerpts.excerpt(store, args.excerpt_id)
    position = next(a for a in shaped.annotations if a.id == annotation_id)
    return {"excerpt_id": args.excerpt_id, "annotation_id": annotation_id,
            "position": shaped.annotations.index(position) + 1, "annotation": position.to_json()}


def render(result: dict) -> str:
    return (f"Position {result['position']} of excerpt {result['excerpt_id']}: "
            f"{result['annotation'].get('stance', '')}"
            + (f" — {result['annotation']['summary']}" if result["annotation"].get("summary")
               else ""))
