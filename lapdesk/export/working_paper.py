"""The consolidated draft working paper: from the store to a .docx the Presidency circulates.

:func:`export_working_paper` is what ``lapdesk export`` and the GUI's export dialog call.  It
reads the store once (:mod:`lapdesk.export.sources`), writes the paper into the template
(front page and introduction, one chapter per section, the annexes), and saves it atomically.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date as date_type
from datetime import datetime
from pathlib import Path

from lapdesk.core.progress import CancelToken, ProgressFn, no_progress
from lapdesk.export import annexes, chapters, front
from lapdesk.export.atomic import check_target, write_atomically
from lapdesk.export.attribution import Redactor
from lapdesk.export.boilerplate import format_date, words
from lapdesk.export.options import ExportOptions
from lapdesk.export.publication import publication_warnings
from lapdesk.export.sources import gather
from lapdesk.export.template import fill_placeholders, open_template
from lapdesk.export.writer import PaperWriter
from lapdesk.store.connection import Store


@dataclass
class ExportReport:
    """What was written (the CLI prints it as JSON)."""

    out: str
    sections: list[str]
    excerpts: int
    contributions: int
    anonymised: int
    pages_estimate: int
    warnings: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"out": self.out, "pages_estimate": self.pages_estimate,
                "sections": self.sections, "excerpts": self.excerpts,
                "contributions": self.contributions, "anonymised": self.anonymised,
                "warnings": self.warnings}


def export_working_paper(store: Store, out: Path, *, options: ExportOptions | None = None,
                         progress: ProgressFn = no_progress,
                         cancel: CancelToken | None = None) -> ExportReport:
    """Write the working paper to ``out`` (a .docx), atomically.

    :raises OutputExistsError: ``out`` exists and ``options.overwrite`` is false.
    :raises OutputLockedError: another program (Word) holds ``out``.
    :raises UsageError: ``options.sections`` names a section the framework does not have.
    :raises Cancelled: ``cancel`` was set; nothing is written.
    """
    out = Path(out)
    options = options or ExportOptions()
    check_target(out, overwrite=options.overwrite)
    cancel = cancel or CancelToken()
    lang = options.lang
    data = gather(store, options)
    total = len(data.sections) + 3
    progress(0, total, "Reading the store")
    settings = data.settings
    symbol = options.symbol or settings.get("symbol", "")
    when = options.date or date_type.today().isoformat()
    meeting = options.meeting if options.meeting is not None else settings.get("meeting", "")

    document = open_template()
    fill_placeholders(document, symbol=symbol)
    writer = PaperWriter(document, redact=Redactor(data.redacted_names,
                                                   replacement=words(lang)["redacted"]))
    front.header_block(writer, data, symbol=symbol, date=format_date(when, lang),
                       meeting=meeting, lang=lang)
    if options.toc:
        writer.table_of_contents(words(lang)["contents"])
    front.introduction(writer, data, lang=lang)
    for index, section in enumerate(data.sections, start=1):
        cancel.raise_if_cancelled()
        progress(index, total, chapters.node_title(section, lang))
        chapters.chapter(writer, store, data, section, lang=lang,
                         reviewed_only=options.reviewed_only, annex_2=options.annex_2)
    cancel.raise_if_cancelled()
    if options.annex_1:
        progress(total - 2, total, "Annex I")
        annexes.annex_1(writer, data, lang=lang)
    excerpts = 0
    if options.annex_2:
        progress(total - 1, total, "Annex II")
        excerpts = annexes.annex_2(writer, data, lang=lang)
    else:
        excerpts = len({e["id"] for rows in data.excerpts_by_node.values() for e in rows})
    writer.finish()
    _set_properties(document, title=writer.redact(settings.get("title", "")), symbol=symbol, lang=lang)
    cancel.raise_if_cancelled()
    buffer = io.BytesIO()
    document.save(buffer)
    write_atomically(out, lambda handle: handle.write(buffer.getvalue()))
    progress(total, total, "Saved")
    return ExportReport(
        out=str(out), sections=[s["key"] for s in data.sections], excerpts=excerpts,
        contributions=len(data.contributions), anonymised=len(data.hidden),
        pages_estimate=writer.pages_estimate,
        warnings=_warnings(data, anonymise=options.anonymise),
    )


def _warnings(data, *, anonymise: bool) -> list[str]:
    """What the person exporting should know before circulating the paper."""
    notes = []
    if not anonymise:
        notes.extend(publication_warnings(data.contributions))
    unidentified = sum(1 for c in data.contributions if not c["contributors"])
    if unidentified:
        notes.append(f"{unidentified} contribution(s) have no identified contributor.")
    if not data.excerpts_by_node:
        notes.append("No excerpt is mapped to the sections exported.")
    return notes


def _set_properties(document, *, title: str, symbol: str, lang: str) -> None:
    """Document properties name the paper, never a person or a contributor."""
    props = document.core_properties
    props.title = f"{symbol} {title}".strip()
    props.subject = props.keywords = props.comments = props.category = ""
    props.author = props.last_modified_by = "LAPDesk"
    props.language = "fr-FR" if lang == "fr" else "en-GB"
    props.created = props.modified = datetime.now().replace(microsecond=0)
    props.revision = 1
