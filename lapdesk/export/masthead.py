"""The first page's masthead, on the pattern of CCM documents issued by UNOG.

Top line: the body's name at the left, level with the document symbol at the right, a thick
rule under both; then at the right the distribution (optional), the date and "Original:";
at the left the meeting, its place and dates ("Geneva, 25–27 November 2020"), optionally
"Item 5 of the provisional agenda" and the item's title; then the paper's title and who
submits it.  Every text is taken in the paper's language (:func:`lapdesk.store.settings.
localized`); a French paper whose settings have no French for a text says so in a warning.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date as date_type

from lapdesk.export.boilerplate import (
    format_date,
    language_name,
    meeting_dates,
    words,
)
from lapdesk.export.paper_date import dated_after_meeting
from lapdesk.export.writer import PaperWriter
from lapdesk.store.settings import localized

# Column widths (twips) of the top line: the body's name, the symbol.
TOP_LINE = (4819, 4252)
LABELS = {"conference": "conference", "meeting": "meeting", "place": "place",
          "title": "title", "submitted_by": "\u201cSubmitted by\u201d line",
          "agenda_title": "agenda item's title", "introduction": "introduction"}


@dataclass
class Masthead:
    """What the first page says, decided once (the CLI and the GUI warn from it)."""

    symbol: str                 # printed as it is ("[symbol to be assigned]" for drafts)
    date: str                   # ISO date, or text as the user gave it
    meeting: str
    non_paper: bool = False
    warnings: list[str] = field(default_factory=list)


def _framework_defaults(values: dict[str, str]) -> dict[str, str]:
    """The framework file's consultation table, when the store was seeded from it."""
    from lapdesk.store.framework import load_framework_file
    from lapdesk.store.seed import SeedFiles

    try:
        data = load_framework_file(SeedFiles().framework_path)
    except Exception:  # a damaged file must not stop an export; the English stays
        return {}
    if values.get("framework_id") != data.get("framework", {}).get("id"):
        return {}
    return {k: str(v) for k, v in data.get("consultation", {}).items()}


class Texts:
    """The settings' texts in the paper's language, noting those it has only in English."""

    def __init__(self, values: dict[str, str], lang: str):
        self.values = values
        self.lang = lang
        self.defaults = _framework_defaults(values) if lang != "en" else {}
        self.missing: list[str] = []

    def __call__(self, key: str, override: str | None = None) -> str:
        if override is not None and (self.lang == "en" or override != self.values.get(key)):
            return override  # the user's own words for this paper
        text, own = localized(self.values, key, self.lang, self.defaults)
        if not own and key not in self.missing:
            self.missing.append(key)
        return text

    def warnings(self) -> list[str]:
        if not self.missing:
            return []
        named = ", ".join(LABELS.get(k, k) for k in self.missing)
        return [f"The French paper uses the English text of its {named}; give "
                f"{'it' if len(self.missing) == 1 else 'them'} in French in Settings."]


def decide(values: dict[str, str], *, symbol: str | None, unassigned: bool, when: str | None,
           meeting: str | None, non_paper: bool, lang: str) -> Masthead:
    """The symbol (the store's, seeded from the framework, counts as assigned), the date
    (the option, else the ``paper_date`` setting, else today) and the meeting."""
    w = words(lang)
    chosen = "" if unassigned else (symbol if symbol is not None else values.get("symbol", ""))
    printed = w["non_paper"] if non_paper else (chosen.strip() or w["symbol_to_be_assigned"])
    day = when or values.get("paper_date") or date_type.today().isoformat()
    meeting_line = meeting if meeting is not None else values.get("meeting", "")
    head = Masthead(symbol=printed, date=day, meeting=meeting_line, non_paper=non_paper)
    late = dated_after_meeting(values, day, meeting_line)
    if late:
        head.warnings.append(late)
    return head


def _original(values: dict[str, str], lang: str) -> str:
    """"English" as the paper's language says it ("anglais")."""
    given = values.get("original_language") or "English"
    codes = {name.lower(): code for code, name in words("en")["languages"].items()}
    code = codes.get(given.lower(), given if len(given) == 2 else None)
    return language_name(code, lang) if code else given


def write(writer: PaperWriter, values: dict[str, str], head: Masthead, texts: Texts) -> None:
    lang = texts.lang
    w = words(lang)
    writer.grid([[("WP Body Name", texts("conference")), ("WP Symbol", head.symbol)]],
                TOP_LINE, rule_below=True)
    distribution = values.get("distribution", "")
    if distribution and not head.non_paper:
        value = w["distributions"].get(distribution.lower(), distribution)
        writer.paragraph("WP Document Info", w["distribution"].format(value=value))
    writer.paragraph("WP Document Info", format_date(head.date, lang))
    if not head.non_paper:
        writer.paragraph("WP Document Info", w["original"].format(
            language=_original(values, lang)))
    writer.paragraph("WP Agenda Item")  # a blank line between the two blocks
    meeting = texts("meeting", head.meeting)
    if meeting:
        writer.paragraph("WP Meeting", meeting)
    held = meeting_dates(values.get("meeting_date", ""), values.get("meeting_end_date", ""),
                         lang)
    place = ", ".join(v for v in (texts("place") if values.get("place") else "", held) if v)
    if place:
        writer.paragraph("WP Agenda Item", place)
    if values.get("agenda_item", "").strip():
        writer.paragraph("WP Agenda Item", w["agenda_item"].format(
            number=values["agenda_item"].strip()))
        title = texts("agenda_title") if values.get("agenda_title") else ""
        if title:
            writer.paragraph("WP Meeting", writer.redact(title))
    writer.paragraph("WP Title", writer.redact(texts("title")))
    submitted = texts("submitted_by") if values.get("submitted_by") else ""
    writer.paragraph("WP Submitted By", submitted or w["submitted_by"])
