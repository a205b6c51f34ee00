"""``lapdesk backup``: back the store up now, to its backups folder or to a chosen file."""

from pathlib import Path

from lapdesk.core.errors import UsageError
from lapdesk.store import backup

NAME = "backup"
HELP = "back the store up now (SQLite online backup), or list its backups with --list"
WRITES = False


def configure(parser) -> None:
    parser.add_argument("--out", metavar="FILE",
                        help="write the backup to this new file instead of the backups folder")
    parser.add_argument("--list", action="store_true", help="list the store's backups, newest first")


def run(args, store) -> dict | list:
    folder = backup.backup_folder(store.conn, store.path)
    if args.list:
        return [b.as_json() for b in backup.list_backups(folder, store.name)]
    if args.out:
        out = Path(args.out).expanduser()
        if out.exists():
            raise UsageError(f"{out} already exists; choose a new file for the backup.")
        path = backup.take_backup(store.conn, store.path, out=out)
    else:
        path = backup.take_backup(store.conn, store.path, reason="manual", force=True,
                                  folder=folder)
    return {"path": str(path), "size": path.stat().st_size}


def render(result) -> str:
    if isinstance(result, list):
        if not result:
            return "No backups yet."
        return "\n".join(f"{b['taken_at']}  {b['reason']:<16} {b['size']:>12,}  {b['path']}"
                         for b in result)
    return f"Backed up to {result['path']} ({result['size']:,} bytes)."
