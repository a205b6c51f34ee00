"""``lapdesk import``: log received files and folders as contributions."""

from dataclasses import replace

from lapdesk.core.errors import UsageError
from lapdesk.core.records import ImportResult
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
    """Start the importer and its extraction workers before the store opens: they boot in the
    100 ms the command needs to get ready.  Leaving the command closes it."""
    from lapdesk.ingest.importer import Importer

    args.importer = Importer(limits=_limits(args), password=args.password, prestart=True)
    return args.importer


def run(args, store) -> list[ImportResult]:
    run = args.importer.run(store, args.paths, together=args.together)
    for _step in run:
        pass
    args.importer.release()  # the workers leave while the store is backed up
    from lapdesk.rounds.suggest_amendments import suggest_new

    suggest_new(store, {r.contribution_id for r in run.results
                        if r.contribution_id is not None and r.status != "duplicate"})
    return run.results


def _limits(args) -> Limits:
    if args.max_size is None:
        return Limits()
    if args.max_size <= 0:
        raise UsageError("--max-size must be a positive number of megabytes.")
    return replace(Limits(), max_file_bytes=int(args.max_size * MB))


def render(results: list[ImportResult]) -> str:
    from lapdesk.ingest.import_results import describe

    lines = [describe(result) for result in results]
    logged = sum(1 for r in results if r.logged)
    new = len({r.contribution_id for r in results
               if r.contribution_id is not None and r.status != "duplicate"})
    duplicates = sum(1 for r in results if r.status == "duplicate")
    lines.append(f"{logged} of {len(results)} files logged: {_count(new, 'new contribution')}, "
                 f"{_count(duplicates, 'duplicate')}.")
    return "\n".join(lines)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def exit_code(results: list[ImportResult]) -> int:
    from lapdesk.ingest.import_results import exit_code as import_exit_code

    return import_exit_code(results)
