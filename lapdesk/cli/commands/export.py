"""``lapdesk export``: the consolidated draft working paper in Word.

``run()`` dispatches on what is asked for at its top, so that the team's table exports
(``--table`` to .xlsx or .csv) can be added as a second branch beside the working paper.
"""

from __future__ import annotations

from pathlib import Path

from lapdesk.core.errors import UsageError
from lapdesk.export.options import LANGUAGES, WITHHELD_QUOTES, ExportOptions
from lapdesk.export.tables import TABLES, export_table

KINDS = ("working-paper", "amendments", "revision", "revision-changes")
NAME = "export"
HELP = "write the consolidated draft working paper (.docx) from the store"
WRITES = False


def configure(parser) -> None:
    parser.add_argument("--out", required=True, metavar="FILE.docx", help="the file to write")
    parser.add_argument("--sections", metavar="KEY,...",
                        help="only these sections, e.g. universalisation,victim_assistance")
    parser.add_argument("--no-annex-1", action="store_true",
                        help="leave out Annex I (the contributions received)")
    parser.add_argument("--no-annex-2", action="store_true",
                        help="leave out Annex II (the compilation of excerpts)")
    parser.add_argument("--anonymise", action="store_true",
                        help="attribute views anonymously (\"one State Party\")")
    parser.add_argument("--reviewed-only", action="store_true",
                        help="only excerpts marked reviewed")
    parser.add_argument("--lang", choices=LANGUAGES, default="en",
                        help="language of the generated text (quotes stay as written)")
    parser.add_argument("--symbol", help="document symbol (default: the store's setting)")
    parser.add_argument("--unassigned-symbol", action="store_true",
                        help="print \"[symbol to be assigned]\" instead of a symbol")
    parser.add_argument("--non-paper", action="store_true",
                        help="an informal non-paper: no symbol, no \"Original:\"")
    parser.add_argument("--date", help="document date, e.g. 2020-06-20 (default: the store's "
                                       "paper_date setting, else today)")
    parser.add_argument("--meeting", help="meeting line (default: the store's setting)")
    parser.add_argument("--toc", action="store_true",
                        help="add a contents list (page numbers laid out by LibreOffice)")
    parser.add_argument("--withheld-quotes", choices=WITHHELD_QUOTES, default="summary",
                        help="a withheld contribution's passages: its summaries, or left out")
    parser.add_argument("--comments", action="store_true",
                        help="a Word comment on each generated statement naming its excerpts")
    parser.add_argument("--overwrite", action="store_true", help="replace an existing file")
    parser.add_argument("--kind", choices=KINDS, default="working-paper",
                        help="working-paper (default); amendments: the compilation of proposed "
                             "amendments (.docx or .xlsx); revision: Rev.1, clean; "
                             "revision-changes: Rev.1 with tracked changes against the draft")
    parser.add_argument("--concordance", action="store_true",
                        help="with --kind revision: an annex giving each node's number in the "
                             "previous draft and who proposed its change")
    parser.add_argument("--table", choices=TABLES,
                        help="instead of the working paper, a spreadsheet for the team "
                             "(--out FILE.xlsx or FILE.csv)")


def options_from(args) -> ExportOptions:
    sections = None
    if args.sections:
        sections = tuple(k.strip() for k in args.sections.split(",") if k.strip())
        if not sections:
            raise UsageError("--sections needs at least one section key.")
    return ExportOptions(
        sections=sections, annex_1=not args.no_annex_1, annex_2=not args.no_annex_2,
        anonymise=args.anonymise, reviewed_only=args.reviewed_only, lang=args.lang,
        symbol=args.symbol, date=args.date, meeting=args.meeting, toc=args.toc,
        overwrite=args.overwrite, unassigned_symbol=args.unassigned_symbol,
        non_paper=args.non_paper, withheld_quotes=args.withheld_quotes, comments=args.comments)


def run(args, store) -> dict:
    out = Path(args.out).expanduser()
    if args.table:
        return export_table(store, out, args.table, overwrite=args.overwrite)
    kind = getattr(args, "kind", "working-paper")
    if kind != "working-paper":
        return _round_document(store, out, kind, args)
    if out.suffix.lower() != ".docx":
        raise UsageError(f"{out.name} is not a .docx file; the working paper is written in Word.")
    # Imported here: python-docx is heavy and `lapdesk --help` should not pay for it.
    from lapdesk.export.working_paper import export_working_paper

    report = export_working_paper(store, out, options=options_from(args))
    return report.as_dict()


def _round_document(store, out: Path, kind: str, args) -> dict:
    options = options_from(args)
    if kind == "amendments":
        from lapdesk.export.compilation import export_compilation

        return export_compilation(store, out, options=options)
    if out.suffix.lower() != ".docx":
        raise UsageError(f"{out.name} is not a .docx file; Rev.1 is written in Word.")
    from lapdesk.export.revision_paper import export_revision

    return export_revision(store, out, tracked=kind == "revision-changes", options=options,
                           comments=args.comments and kind == "revision-changes",
                           concordance=args.concordance).as_dict()


def render(result: dict) -> str:
    if result.get("kind") == "amendments":
        return (f"Wrote {result['out']}: {result['amendments']} amendment(s) to "
                f"{result['nodes']} node(s), {result['withdrawn']} withdrawn.")
    if result.get("kind") in ("revision", "revision-changes"):
        shown = f", {result['changes']} tracked change(s)" if result["changes"] else ""
        return (f"Wrote {result['out']} ({result['symbol']}): {result['nodes']} node(s), "
                f"{result['changed']} changed, {result['added']} added, {result['deleted']} "
                f"deleted{shown}.")
    if "table" in result:
        return (f"Wrote {result['out']}: the {result['table']} table, {result['rows']} row(s) "
                f"and {result['columns']} column(s).")
    anonymised = (f"; {result['anonymised']} contribution(s) anonymised"
                  if result["anonymised"] else "")
    return (f"Wrote {result['out']}: {len(result['sections'])} section(s), "
            f"{result['excerpts']} excerpt(s), {result['contributions']} contribution(s)"
            f"{anonymised}; about {result['pages_estimate']} page(s).")
