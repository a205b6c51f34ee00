"""The consolidated draft working paper: from the store to a .docx the Presidency circulates.

:func:`export_working_paper` is what ``lapdesk export`` and the GUI's export dialog call.  It
reads the store once (:mod:`lapdesk.export.sources`), writes the paper into the template
(masthead, contents, introduction, one chapter per section, the annexes), sets the
document's language, and saves it atomically.  With a contents list and LibreOffice at hand,
the saved document is laid out once to learn the chapters' pages, which are then written in.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from docx.oxml.ns import qn

from lapdesk.core import office
from lapdesk.core.errors import LapdeskError
from lapdesk.core.progress import CancelToken, ProgressFn, no_progress
from lapdesk.export import annexes, chapters, front, masthead
from lapdesk.export.annexes import AnnexTitles
from lapdesk.export.atomic import check_target, write_atomically
from lapdesk.export.boilerplate import parse_date, words
from lapdesk.export.contents import Contents, starting_pages
from lapdesk.export.options import ExportOptions
from lapdesk.export.provenance import Provenance
from lapdesk.export.publication import publication_warnings
from lapdesk.export.sources import PaperData, gather
from lapdesk.export.template import fill_placeholders, open_template
from lapdesk.export.writer import PaperWriter, locale
from lapdesk.store.database import Store


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
    contents_pages: list[int] | None = None
    comments: int = 0

    def as_dict(self) -> dict:
        return {"out": self.out, "pages_estimate": self.pages_estimate,
                "sections": self.sections, "excerpts": self.excerpts,
                "contributions": self.contributions, "anonymised": self.anonymised,
                "warnings": self.warnings, "contents_pages": self.contents_pages,
                "comments": self.comments}


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
    values = data.settings
    head = masthead.decide(values, symbol=options.symbol, unassigned=options.unassigned_symbol,
                           when=options.date, meeting=options.meeting,
                           non_paper=options.non_paper, lang=lang)
    titles = AnnexTitles.of(annex_1=options.annex_1, annex_2=options.annex_2, lang=lang)
    texts = masthead.Texts(values, lang)

    document = open_template()
    fill_placeholders(document, symbol=head.symbol)
    _set_language(document, lang)
    writer = PaperWriter(document, redact=data.redact, lang=lang)
    provenance = Provenance(document, data, when=head.date) if options.comments else None
    masthead.write(writer, values, head, texts)
    contents = Contents(writer, lang) if options.toc else None
    if contents:
        contents.reserve()
    front.introduction(writer, data, lang=lang, text=texts("introduction"),
                       see_annex_1=titles.see_1)
    if contents:
        contents.chapter(words(lang)["introduction"])
    for index, section in enumerate(data.sections, start=1):
        cancel.raise_if_cancelled()
        progress(index, total, chapters.node_title(section, lang))
        if chapters.chapter(writer, store, data, section, lang=lang,
                            reviewed_only=options.reviewed_only, see_annex_2=titles.see_2,
                            provenance=provenance) and contents:
            contents.chapter(chapters.node_title(section, lang))
    cancel.raise_if_cancelled()
    w = words(lang)
    two = options.annex_1 and options.annex_2
    if options.annex_1:
        progress(total - 2, total, "Annex I")
        annexes.annex_1(writer, data, lang=lang, title=titles.annex_1)
        if contents:
            contents.annex("I." if two else "", w["annex_1_title"])
    excerpts = 0
    if options.annex_2:
        progress(total - 1, total, "Annex II")
        excerpts = annexes.annex_2(writer, data, lang=lang, title=titles.annex_2,
                                   numbered=options.annex_1,
                                   withheld_quotes=options.withheld_quotes)
        if contents:
            contents.annex("II." if two else "", w["annex_2_title"])
    else:
        excerpts = len({e["id"] for rows in data.excerpts_by_node.values() for e in rows})
    warnings = head.warnings + texts.warnings()
    laid_out = contents is not None and office.find_soffice() is not None
    if contents:
        contents.write(with_pages=laid_out)
        if not laid_out:
            warnings.append("LibreOffice is not installed: the contents list has no page "
                            "numbers.")
    writer.finish()
    _set_properties(document, title=data.redact(texts("title"), lang), symbol=head.symbol,
                    lang=lang, when=head.date)
    cancel.raise_if_cancelled()
    buffer = io.BytesIO()
    document.save(buffer)
    pages = None
    if laid_out:
        progress(total - 1, total, "Laying out the contents list")
        try:
            pages = starting_pages(buffer.getvalue(), expected=len(contents.entries))
        except (LapdeskError, OSError) as error:
            warnings.append(f"The contents list has no page numbers: {error}.")
            pages = None
        if pages:
            contents.fill(pages)
            buffer = io.BytesIO()
            document.save(buffer)
    cancel.raise_if_cancelled()
    write_atomically(out, lambda handle: handle.write(buffer.getvalue()))
    progress(total, total, "Saved")
    return ExportReport(
        out=str(out), sections=[s["key"] for s in data.sections], excerpts=excerpts,
        contributions=len(data.contributions), anonymised=len(data.hidden),
        pages_estimate=writer.pages_estimate,
        warnings=warnings + _warnings(data, anonymise=options.anonymise),
        contents_pages=pages, comments=provenance.count if provenance else 0,
    )


def _warnings(data: PaperData, *, anonymise: bool) -> list[str]:
    """What the person exporting should know before circulating the paper."""
    notes = []
    if not anonymise:
        notes.extend(publication_warnings(c["permission_to_publish"] for c in data.contributions))
    unidentified = sum(1 for c in data.contributions if not c["contributors"])
    if unidentified:
        notes.append(f"{unidentified} contribution(s) have no identified contributor.")
    if not data.excerpts_by_node:
        notes.append("No excerpt is mapped to the sections exported.")
    return notes


def _set_language(document, lang: str) -> None:
    """The document's default language (``w:lang`` in the style defaults, the theme's), so
    Word proofs a French paper in French; quotes in other languages carry their own."""
    tag = locale(lang)
    defaults = document.styles.element.find(qn("w:docDefaults"))
    for element in (defaults.iter(qn("w:lang")) if defaults is not None else ()):
        element.set(qn("w:val"), tag)
        element.set(qn("w:eastAsia"), tag)
    theme = document.settings.element.find(qn("w:themeFontLang"))
    if theme is not None:
        theme.set(qn("w:val"), tag)
    if lang == "fr":
        _french_lettering(document)


def _french_lettering(document) -> None:
    """French letters its sub-items "a)", not "(a)": the lettered list's level text."""
    numbering = document.part.numbering_part.element
    for level in numbering.iter(qn("w:lvl")):
        fmt = level.find(qn("w:numFmt"))
        text = level.find(qn("w:lvlText"))
        if fmt is not None and fmt.get(qn("w:val")) == "lowerLetter" and text is not None:
            text.set(qn("w:val"), text.get(qn("w:val")).replace("(", "").replace(")", "") + ")")


def _set_properties(document, *, title: str, symbol: str, lang: str, when: str) -> None:
    """Document properties name the paper, never a person or a contributor; their dates
    are the paper's, so re-exporting an unchanged store gives the same file."""
    props = document.core_properties
    props.title = f"{symbol} {title}".strip()
    props.subject = props.keywords = props.comments = props.category = ""
    props.author = props.last_modified_by = "LAPDesk"
    props.language = locale(lang)
    day = parse_date(when)
    props.created = props.modified = (datetime(day.year, day.month, day.day) if day
                                      else datetime(2000, 1, 1))
    props.revision = 1
