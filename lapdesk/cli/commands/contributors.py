"""``lapdesk contributors``: the registry of States and organisations; ``--add`` adds one."""

from lapdesk.core.errors import UsageError
from lapdesk.store import registry, registry_edit

NAME = "contributors"
HELP = ("list the contributor registry (States Parties, signatories, observers, organisations);"
        " --add NAME --kind K adds a contributor")
WRITES = False


def writes(args) -> bool:
    """Listing only reads; ``--add`` writes (and so holds the writer lock)."""
    return args.add is not None


def configure(parser) -> None:
    parser.add_argument("--add", metavar="NAME", default=None,
                        help="add a contributor the registry lacks (a national NGO, a new "
                             "organisation) and print it")
    parser.add_argument("--kind", choices=registry.KINDS, default=None,
                        help="with --add: state, international_organisation, civil_society "
                             "or other")
    parser.add_argument("--alias", metavar="A", action="append", default=[],
                        help="with --add: another name it is known by, in any language "
                             "(repeat for several)")
    parser.add_argument("--status", choices=registry.STATUSES, default=None,
                        help="with --add: for a State, state_party, signatory or observer")
    parser.add_argument("--group", metavar="G", default=None,
                        help="with --add: its regional group (African, Asia-Pacific, EEG, "
                             "GRULAC, WEOG)")
    parser.add_argument("--name-fr", metavar="NAME", default="",
                        help="with --add: its name in French, as a French working paper writes it")


def run(args, store) -> list[dict] | dict:
    if args.add is None:
        return registry.contributors(store)
    if args.kind is None:
        raise UsageError("--add needs --kind (state, international_organisation, "
                         "civil_society or other).")
    change = registry_edit.register_contributor(
        store, name=args.add, kind=args.kind, status=args.status, group=args.group,
        aliases=args.alias, name_fr=args.name_fr)
    return next(row for row in registry.contributors(store) if row["id"] == change.result)


def render(result: list[dict] | dict) -> str:
    if isinstance(result, dict):
        aliases = f" (also: {', '.join(result['aliases'])})" if result["aliases"] else ""
        return f"Added {result['name']} to the registry as {result['key']}{aliases}."
    return "\n".join(
        f"{row['name']:<45} {row['status']:<12} {row['group'] or '':<13} {row['iso3'] or ''}"
        for row in result
    )
