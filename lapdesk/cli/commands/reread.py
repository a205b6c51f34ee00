"""``lapdesk reread``: read files again in place (scans by OCR, protected files with their
password), keeping their contribution, excerpts and history."""

from lapdesk.core.errors import UsageError

NAME = "reread"
HELP = ("read files again in place: scans by OCR, protected files with --password "
        "(--all-unread: every file not read yet)")
WRITES = True


def configure(parser) -> None:
    parser.add_argument("file_ids", nargs="*", type=int, metavar="FILE_ID",
                        help="the files to read again (file_id in show --json)")
    parser.add_argument("--password", metavar="PW",
                        help="password to open protected PDF and Word files (never stored)")
    parser.add_argument("--all-unread", action="store_true",
                        help="every file still to be read: scans (needs_ocr), and with "
                             "--password the protected ones (encrypted)")


def prepare(args):
    """The extraction workers boot while the store opens (as for import)."""
    from lapdesk.ingest.workers import WorkerPool

    if not args.file_ids and not args.all_unread:
        raise UsageError("Name the files to read again (FILE_ID...) or give --all-unread.")
    args.pool = WorkerPool(prestart=True)
    return args.pool


def run(args, store) -> list[dict]:
    from lapdesk.ingest import reread

    ids = list(args.file_ids)
    if args.all_unread:
        ids += [i for i in reread.unread_files(store, with_password=bool(args.password))
                if i not in ids]
    results = reread.reread(store, ids, password=args.password, pool=args.pool)
    args.pool.begin_close()
    return results


def render(results: list[dict]) -> str:
    if not results:
        return "No file to read again."
    lines = []
    for r in results:
        what = "read again" if r["changed"] else "unchanged"
        ocr = (f", OCR confidence {r['ocr_confidence']:.0f}%"
               if r["ocr"] and r["ocr_confidence"] is not None else "")
        line = (f"file {r['file_id']} ({r['name']}, contribution {r['contribution_id']}): "
                f"{r['status']}, {what}, {r['chars']} characters{ocr}")
        lines.append(f"{line} — {r['message']}" if r["message"] else line)
    changed = sum(1 for r in results if r["changed"])
    lines.append(f"{changed} of {len(results)} file{'s' if len(results) != 1 else ''} "
                 "read again.")
    return "\n".join(lines)
