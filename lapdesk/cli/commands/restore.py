"""``lapdesk restore FILE``: replace the store with a checked backup, keeping the current one."""

from pathlib import Path

from lapdesk.store import restore as restoring

NAME = "restore"
HELP = "restore a backup over the store, after checking it and backing up the current store"
WRITES = True
OPENS_STORE = False  # works on a store too damaged to open; takes the writer lock itself


def configure(parser) -> None:
    parser.add_argument("file", metavar="FILE", help="the backup to restore (a .lapdesk file)")


def run(args, store_path: Path) -> dict:
    return restoring.restore(Path(store_path), Path(args.file))


def render(result: dict) -> str:
    kept = (f" The previous store was kept as {result['kept_as']}." if result["kept_as"] else "")
    return f"Restored from {result['restored_from']}.{kept}"
