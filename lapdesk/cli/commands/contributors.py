"""``lapdesk contributors``: the registry of States and organisations."""

from lapdesk.store import registry

NAME = "contributors"
HELP = "list the contributor registry (States Parties, signatories, observers, organisations)"
WRITES = False


def configure(parser) -> None:
    pass


def run(args, store) -> list[dict]:
    return registry.contributors(store)


def render(rows: list[dict]) -> str:
    return "\n".join(
        f"{row['name']:<45} {row['status']:<12} {row['group'] or '':<13} {row['iso3'] or ''}"
        for row in rows
    )
