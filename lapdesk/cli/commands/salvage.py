"""``lapdesk salvage --out NEW``: copy every readable row of a damaged store into a new one."""

from pathlib import Path

from lapdesk.store import salvage as salvaging

NAME = "salvage"
HELP = "copy every readable row of a damaged store into a new store (exit 1 if it fails check)"
WRITES = False
OPENS_STORE = False  # the store may be too damaged to open normally; it is only read


def configure(parser) -> None:
    parser.add_argument("--out", metavar="NEW", required=True, help="the new store to create")


def run(args, store_path: Path) -> dict:
    return salvaging.salvage(Path(store_path), Path(args.out))


def render(result: dict) -> str:
    lines = [f"Salvaged {result['source']} into {result['dest']}:"]
    for table, stats in result["tables"].items():
        if stats["copied"] or stats["read_errors"] or stats["dropped"]:
            lines.append(f"- {table}: {stats['copied']} rows copied, "
                         f"{stats['read_errors']} read errors, {stats['dropped']} left out")
    lines.append("The new store is sound." if result["ok"] else
                 "The new store still has problems: " + "; ".join(result["problems"]))
    return "\n".join(lines)


def exit_code(result: dict) -> int:
    return 0 if result["ok"] else 1
