"""The first page (symbol block, conference, meeting, title) and chapter I, Introduction."""

from __future__ import annotations

from lapdesk.export.attribution import CATEGORIES
from lapdesk.export.boilerplate import format_date, join_names, words
from lapdesk.export.sources import PaperData, category_counts, contributors_in
from lapdesk.export.writer import PaperWriter


def header_block(writer: PaperWriter, data: PaperData, *, symbol: str, date: str,
                 meeting: str, lang: str) -> None:
    """As on conference documents: the symbol, date and original language right-aligned at
    the top, a rule, the conference, the meeting and place, the title, who submits it."""
    w, s = words(lang), data.settings
    writer.paragraph("WP Symbol", symbol)
    if s.get("distribution"):
        writer.paragraph("WP Document Info", w["distribution"].format(value=s["distribution"]))
    writer.paragraph("WP Document Info", date)
    original = s.get("original_language") or "English"
    if lang == "fr" and original == "English":
        original = w["english"]
    writer.paragraph("WP Document Info", w["original"].format(language=original))
    writer.paragraph("WP Rule")
    if s.get("conference"):
        writer.paragraph("WP Conference", s["conference"])
    if meeting:
        writer.paragraph("WP Meeting", meeting)
    place = ", ".join(v for v in (s.get("place", ""), format_date(s.get("meeting_date", ""),
                                                                    lang)) if v)
    if place:
        writer.paragraph("WP Agenda Item", place)
    writer.paragraph("WP Title", writer.redact(s.get("title") or ""))
    submitted = s.get("submitted_by") if lang == "en" else ""
    writer.paragraph("WP Submitted By", submitted or w["submitted_by"])


def _counted(count: int, cat: str, lang: str) -> str:
    w = words(lang, cat)
    singular, plural = w["kinds"][cat]
    number = w["numbers"][count - 1] if count <= len(w["numbers"]) else str(count)
    return f"{number} {singular if count == 1 else plural}"


def introduction(writer: PaperWriter, data: PaperData, *, lang: str) -> None:
    """The generated factual paragraph, then the Presidency's own introduction."""
    w = words(lang)
    writer.heading("WP Heading 1", w["introduction"])
    contributions = data.contributions
    if not contributions:
        writer.numbered(w["received_none"])
    else:
        counts = category_counts(contributors_in(data, [c["id"] for c in contributions]))
        who = join_names([_counted(counts[cat], cat, lang) for cat in CATEGORIES
                          if counts.get(cat)], lang) or w["unidentified"]
        singular, plural = w["contributions"]
        n = len(contributions)
        received = sorted(c["received"][:10] for c in contributions)
        first, last = format_date(received[0], lang), format_date(received[-1], lang)
        template = w["received_one_day"] if first == last else w["received"]
        writer.numbered(template.format(
            contributions=singular if n == 1 else plural.format(
                n=w["numbers"][n - 1] if n <= len(w["numbers"]) else n), who=who,
            first=first, last=last))
    writer.markdown(data.settings.get("introduction", ""))
