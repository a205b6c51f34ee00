"""``lapdesk import``: log received files and folders as contributions."""

from dataclasses import replace

from lapdesk.core.errors import UsageError
from lapdesk.ingest.extracted import MB, Limits

NAME = "import"
HELP = "import files and folders as contributions (one per file or email; --together for one)"
WRITES = True


def configure(parser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH", help="files or folders to import")
    parser.add_argument("--together", action="store_true",
                        help="put all the files into one contribution")
    parser.add_argument("--password", metavar="PW",
                        help="password to try on encrypted PDFs and Word documents (never stored)")
    parser.add_argument("--max-size", type=float, metavar="MB",
                        help=f"largest file to read, in MB (default {Limits().max_file_bytes // MB})")


def prepare(args):
    """Start the extraction workers before the store opens (and before the pipeline is even
    imported): they boot in the 100 ms the command needs to get ready."""
    from lapdesk.ingest.workers import WorkerPool

    args.pool = WorkerPool(limits=_limits(args), prestart=True)
    return args.pool


def run(args, store) -> list[dict]:
    from lapdesk.ingest import pipeline

    results = pipeline.import_paths(store, args.paths, together=args.together,
                                    limits=_limits(args), password=args.password, pool=args.pool)
    args.pool.begin_close()  # the workers leave while the store is backed up
    return results


def _limits(args) -> Limits:
    if args.max_size is None:
        return Limits()
    if args.max_size <= 0:
        raise UsageError("--max-size must be a positive number of megabytes.")
    return replace(Limits(), max_file_bytes=int(args.max_size * MB))


def render(results: list[dict]) -> str:
    from lapdesk.ingest import pipeline

    lines = [pipeline.describe(result) for result in results]
    logged = sum(1 for r in results if r["file_id"] is not None)
    new = len({r["contribution_id"] for r in results
               if r["contribution_id"] is not None and r["status"] != "duplicate"})
    duplicates = sum(1 for r in results if r["status"] == "duplicate")
    lines.append(f"{logged} of {len(results)} files logged: {_count(new, 'new contribution')}, "
                 f"{_count(duplicates, 'duplicate')}.")
    return "\n".join(lines)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def exit_code(results: list[dict]) -> int:
    from lapdesk.ingest import pipeline

    return pipeline.exit_code(results)
