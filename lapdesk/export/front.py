"""Chapter I, Introduction: a count of what was received, then the Presidency's own text.

"The Presidency received 12 written contributions from eight States Parties, one
international organization and three other delegations between 2 and 11 June 2020 (see
annex I)."  Anonymous contributors are counted under the categories the export's
:class:`~lapdesk.export.anonymity.Anonymity` allows, so the count names no one either.
"""

from __future__ import annotations

from lapdesk.export.attribution import CATEGORIES, POOL, of_phrase
from lapdesk.export.boilerplate import (
    MONTHS,
    date_span,
    format_date,
    join_names,
    number,
    parse_date,
    words,
)
from lapdesk.export.sources import PaperData, category_counts, contributors_in
from lapdesk.export.writer import PaperWriter


def _counted(count: int, cat: str, lang: str, *, other: bool) -> str:
    w = words(lang, cat)
    singular, plural = w["kinds"][cat]
    if other:  # delegations beside the categories already counted
        return (w["other_one"].format(singular=singular) if count == 1 else
                w["other_many"].format(number=number(count, lang, cat), plural=plural))
    return f"{number(count, lang, cat)} {singular if count == 1 else plural}"


def _months(first, last, lang: str) -> str:
    """"June 2020", "May and June 2020", "December 2019 and January 2020"."""
    months = MONTHS[lang]
    if (first.year, first.month) == (last.year, last.month):
        return f"{months[first.month - 1]} {first.year}"
    head = months[first.month - 1] + ("" if first.year == last.year else f" {first.year}")
    return f"{head} {words(lang)['and']} {months[last.month - 1]} {last.year}"


def received_sentence(data: PaperData, *, lang: str, see_annex_1: str) -> str:
    w = words(lang)
    contributions = data.contributions
    if not contributions:
        return w["received_none"]
    counts = category_counts(contributors_in(data, [c["id"] for c in contributions]),
                             data.anonymity)
    pieces = [_counted(counts[cat], cat, lang, other=False) for cat in CATEGORIES
              if counts.get(cat)]
    if counts.get(POOL):
        pieces.append(_counted(counts[POOL], POOL, lang, other=bool(pieces)))
    if lang == "fr":  # "de cinq États parties, d'une organisation internationale et ..."
        pieces = [of_phrase(piece) for piece in pieces]
    who = join_names(pieces, lang) or (of_phrase(w["unidentified"]) if lang == "fr"
                                       else w["unidentified"])
    singular, plural = w["contributions"]
    n = len(contributions)
    amount = singular if n == 1 else plural.format(n=number(n, lang))
    days = sorted(d for d in (parse_date(c["received"][:10]) for c in contributions) if d)
    if not days:
        return w["received_none"]
    shown = {parse_date(c["received"][:10]) for c in contributions if c["id"] not in data.hidden}
    if days[0] not in shown or days[-1] not in shown:
        # A first or last day on which only anonymous contributions came would point at
        # them: the months are enough.
        return w["received_months"].format(contributions=amount, who=who,
                                           months=_months(days[0], days[-1], lang),
                                           see=see_annex_1)
    if days[0] == days[-1]:
        return w["received_one_day"].format(contributions=amount, who=who,
                                            first=format_date(days[0], lang), see=see_annex_1)
    span = date_span(days[0], days[-1], lang, joiner=f" {w['and']} ")
    return w["received"].format(contributions=amount, who=who, range=span, see=see_annex_1)


def introduction(writer: PaperWriter, data: PaperData, *, lang: str, text: str,
                 see_annex_1: str) -> None:
    """The generated factual paragraph, then the Presidency's own introduction (Markdown)."""
    writer.heading("WP Heading 1", words(lang)["introduction"])
    writer.numbered(received_sentence(data, lang=lang, see_annex_1=see_annex_1))
    writer.markdown(text)
