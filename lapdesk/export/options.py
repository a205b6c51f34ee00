"""What the user chooses for one export: the flags of ``lapdesk export`` and the GUI's dialog.

Both faces build an :class:`ExportOptions` and hand it to
:func:`lapdesk.export.working_paper.export_working_paper`, so defaults live in one place.
"""

from __future__ import annotations

from dataclasses import dataclass

from lapdesk.core.errors import UsageError

LANGUAGES = ("en", "fr")
WITHHELD_QUOTES = ("summary", "omit")


@dataclass(frozen=True)
class ExportOptions:
    """The working paper's options; every default is what a plain ``lapdesk export`` does.

    :param sections: section keys to include, in the framework's order whatever the order
        given (``None``: every section).
    :param annex_1: include Annex I, the table of contributions received.
    :param annex_2: include Annex II, the compilation of mapped excerpts.
    :param anonymise: attribute every view and excerpt anonymously ("one State Party").
        Contributions without permission to publish are anonymised whatever this says.
    :param reviewed_only: only excerpts (and positions) the team marked reviewed.
    :param lang: language of the generated boilerplate; quotes stay in their own language.
    :param symbol: document symbol (default: the store's ``symbol`` setting, which counts
        as assigned; an empty one prints "[symbol to be assigned]").
    :param unassigned_symbol: print "[symbol to be assigned]" whatever the settings say.
    :param non_paper: an informal "Non-paper": no symbol, no "Original:".
    :param date: the document's date, ISO ``YYYY-MM-DD`` or free text (default: the store's
        ``paper_date`` setting, else today).
    :param meeting: the meeting line (default: the store's ``meeting`` setting).
    :param toc: add a contents list (page numbers from a LibreOffice layout pass when
        LibreOffice is installed, else without page numbers).
    :param withheld_quotes: a withheld contribution's passages in Annex II: ``summary`` (the
        team's summary of each, when it has one) or ``omit``.
    :param comments: attach to each generated statement a Word comment naming the excerpts
        it rests on; never in an anonymised paper.
    :param overwrite: replace an existing output file.
    """

    sections: tuple[str, ...] | None = None
    annex_1: bool = True
    annex_2: bool = True
    anonymise: bool = False
    reviewed_only: bool = False
    lang: str = "en"
    symbol: str | None = None
    date: str | None = None
    meeting: str | None = None
    toc: bool = False
    overwrite: bool = False
    unassigned_symbol: bool = False
    non_paper: bool = False
    withheld_quotes: str = "summary"
    comments: bool = False

    def __post_init__(self) -> None:
        if self.lang not in LANGUAGES:
            raise UsageError(f"{self.lang!r} is not a language of the working paper; use en or fr.")
        if self.withheld_quotes not in WITHHELD_QUOTES:
            raise UsageError(f"{self.withheld_quotes!r} is not a way to treat withheld quotes; "
                             "use summary or omit.")
        if self.comments and self.anonymise:
            raise UsageError("An anonymised paper carries no comments: they would name the "
                             "contributors; leave out --comments or --anonymise.")
