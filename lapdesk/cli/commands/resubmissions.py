"""``lapdesk resubmissions``: newer texts proposed as superseding earlier ones, and marking them."""

from lapdesk.analysis import resubmission
from lapdesk.core.errors import UsageError

NAME = "resubmissions"
HELP = ("list contributions that look like a resubmission of an earlier one from the same "
        "contributor; --mark OLD NEW confirms one")
WRITES = True


def configure(parser) -> None:
    parser.add_argument("--mark", nargs=2, type=int, metavar=("OLD", "NEW"),
                        help="mark contribution OLD superseded by NEW")
    parser.add_argument("--unmark", type=int, metavar="OLD",
                        help="make a superseded contribution current again")
    parser.add_argument("--threshold", type=float, default=resubmission.THRESHOLD, metavar="X",
                        help=f"how close the texts must be, 0 to 1 (default "
                             f"{resubmission.THRESHOLD})")


def run(args, store) -> dict | list[dict]:
    if args.mark and args.unmark is not None:
        raise UsageError("Use either --mark or --unmark.")
    if args.mark:
        old, new = args.mark
        resubmission.mark_superseded(store, old, new)
        return {"old_id": old, "new_id": new, "superseded": True}
    if args.unmark is not None:
        resubmission.mark_superseded(store, args.unmark, None)
        return {"old_id": args.unmark, "new_id": None, "superseded": False}
    if not 0.0 < args.threshold <= 1.0:
        raise UsageError("The threshold must be above 0 and at most 1.")
    return resubmission.proposals(store, threshold=args.threshold)


def render(result) -> str:
    if isinstance(result, dict):
        if result["superseded"]:
            return f"Contribution {result['old_id']} is now superseded by {result['new_id']}."
        return f"Contribution {result['old_id']} is current again."
    if not result:
        return "No resubmission found."
    return "\n".join(
        f"{row['new_id']} may supersede {row['old_id']} (similarity {row['similarity']:.2f}); "
        f"confirm with: lapdesk resubmissions --mark {row['old_id']} {row['new_id']}"
        for row in result)
