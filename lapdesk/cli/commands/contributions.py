"""``lapdesk contributions``: every contribution logged, with what still needs attention."""

from lapdesk.core.records import Contribution
from lapdesk.store.contributions import list_contributions

NAME = "contributions"
HELP = "list the contributions: received, channel, status, language, contributors, files"
WRITES = False


def configure(parser) -> None:
    pass


def run(args, store) -> list[Contribution]:
    return list_contributions(store)


def render(rows: list[Contribution]) -> str:
    if not rows:
        return "No contribution has been logged yet."
    lines = []
    for row in rows:
        people = ", ".join(p.name for p in row.contributors) or "(contributor unknown)"
        files = len(row.files)
        lines.append(
            f"{row.id:>4}  {row.received[:10]}  {row.channel:<6} {row.status:<10}"
            f" {row.language or '??':<3} {people}"
            f"  [{files} file{'s' if files != 1 else ''}, {row.excerpts} excerpt"
            f"{'s' if row.excerpts != 1 else ''}]"
        )
        lines.extend(f"        ! {reason}" for reason in row.needs_attention)
    waiting = sum(1 for row in rows if row.needs_attention)
    lines.append(f"{len(rows)} contribution{'s' if len(rows) != 1 else ''}, "
                 f"{waiting} need{'s' if waiting == 1 else ''} attention.")
    return "\n".join(lines)
