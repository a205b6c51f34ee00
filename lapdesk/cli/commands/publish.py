"""``lapdesk publish``: decide whether contributions may be published under their authors' names.

Until someone decides, a contribution is attributed anonymously in the working paper; this
records the decision for some contributions or all of them, in one undoable change.
"""

from lapdesk.core.errors import UsageError
from lapdesk.store import contributions as c

NAME = "publish"
HELP = ("decide permission to publish: ID... or --all, with --yes, --no or --undecided "
        "(prints the contributions changed)")
WRITES = True


def configure(parser) -> None:
    parser.add_argument("contribution_ids", type=int, nargs="*", metavar="ID")
    parser.add_argument("--all", action="store_true", help="every contribution in the store")
    decision = parser.add_mutually_exclusive_group(required=True)
    decision.add_argument("--yes", dest="decision", action="store_const", const=True,
                          help="may be published with its contributors' names")
    decision.add_argument("--no", dest="decision", action="store_const", const=False,
                          help="may not: always attributed anonymously")
    decision.add_argument("--undecided", dest="decision", action="store_const", const="none",
                          help="back to not yet decided (attributed anonymously meanwhile)")


def run(args, store) -> list[dict]:
    if bool(args.contribution_ids) == bool(args.all):
        raise UsageError("Name the contributions (ID...) or give --all, not both.")
    ids = ([row.id for row in c.list_contributions(store)] if args.all
           else args.contribution_ids)
    permission = None if args.decision == "none" else args.decision
    changed = set(c.set_publication(store, ids, permission).result)
    return [{"id": row.id, "title": row.title,
             "contributors": [p.name for p in row.contributors],
             "permission_to_publish": row.permission_to_publish}
            for row in c.list_contributions(store) if row.id in changed]


def render(result: list[dict]) -> str:
    if not result:
        return "No contribution changed."
    words = {True: "may be published", False: "may not be published", None: "not yet decided"}
    lines = [f"{row['id']:>4}  {', '.join(row['contributors']) or 'contributor unknown'}: "
             f"{words[row['permission_to_publish']]}" for row in result]
    return "\n".join(lines + [f"{len(result)} contribution(s) changed."])
