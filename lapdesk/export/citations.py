"""Footnotes a delegation can check: its document as it filed it, never a file name.

"Contribution 3: note verbale GVA-CCM/2020/17 of 3 June 2020 from Austria, paras. 4 and 6."
The kind, reference number and date come from the contribution itself
(:mod:`lapdesk.ingest.reference`, or ``contributions.dated``), the paragraph numbers from the
delegation's own numbering, or the page of a paginated original; what is not known is left
out rather than guessed.  A withheld contribution is cited by its number and place only: its
reference, date and sender would name it.
"""

from __future__ import annotations

from lapdesk.export.attribution import attribute
from lapdesk.export.boilerplate import capitalised, format_date, join_names, words
from lapdesk.export.sources import PaperData, reference_of


def _numbers(values: list[str], lang: str) -> str:
    """"4", "4 and 6", "4, 6 and 9", "4–6" (a run of three or more consecutive numbers)."""
    distinct = list(dict.fromkeys(values))
    if len(distinct) >= 3 and all(v.isdigit() for v in distinct):
        ints = [int(v) for v in distinct]
        if ints == list(range(ints[0], ints[0] + len(ints))):
            return f"{ints[0]}\u2013{ints[-1]}"
    return join_names(distinct, lang)


def where(excerpts: list[dict], lang: str) -> str:
    """"para. 4", "paras. 4 and 6", "p. 2" — the delegation's own paragraph numbers when it
    numbered them, else the pages of a paginated original, else nothing."""
    w = words(lang)
    paragraphs = [e["paragraph"] for e in excerpts if e.get("paragraph")]
    if paragraphs and len(paragraphs) == len(excerpts):
        distinct = list(dict.fromkeys(paragraphs))
        form = w["paragraph"] if len(distinct) == 1 else w["paragraphs"]
        return form.format(n=_numbers(distinct, lang))
    pages = [str(e["page"]) for e in excerpts if e.get("page")]
    if pages and len(pages) == len(excerpts):
        distinct = list(dict.fromkeys(pages))
        single, several = w["pages"]
        return (single if len(distinct) == 1 else several).format(n=_numbers(distinct, lang))
    return ""


def source_note(contribution: dict, excerpts: list[dict], data: PaperData, *, lang: str,
                numbered: bool) -> str:
    """The footnote citing ``excerpts`` (all from ``contribution``).

    :param numbered: Annex I is in the paper, so "Contribution 3" leads to its row.
    """
    w = words(lang)
    place = where(excerpts, lang)
    number = w["contribution"].format(number=contribution["number"])
    if contribution["id"] in data.hidden:
        return ", ".join(v for v in (number, place) if v) + "."
    reference = reference_of(contribution)
    kind = reference.kind or ("email" if contribution.get("channel") == "email" else None)
    text = w["source_kinds"][kind] if kind else ""
    if reference.number:
        text += w["source_reference"].format(reference=reference.number)
    dated = contribution.get("dated") or reference.dated
    if dated:
        text += w["source_dated"].format(date=format_date(dated, lang))
    who = attribute(contribution["contributors"], hidden=set(), lang=lang, running=True,
                    of=True, french=data.french)
    if who:
        text += w["source_from"].format(who=who)
    if not dated and contribution.get("received"):
        text += w["source_received"].format(date=format_date(contribution["received"][:10], lang))
    text = text.strip()
    if not numbered:
        described = capitalised(text if kind else f"{w['source_kinds']['contribution']} {text}")
    else:
        described = f"{number}: {text}" if kind else f"{number} {text}".strip()
    return ", ".join(v for v in (described, place) if v) + "."


class NoteLedger:
    """Remembers the footnotes written, so that a repeated one refers back to the first
    ("See footnote 3.") instead of repeating it."""

    def __init__(self):
        self._first: dict[str, int] = {}
        self.count = 0

    def text_for(self, text: str, lang: str) -> str:
        self.count += 1
        if text in self._first:
            return words(lang)["see_note"].format(n=self._first[text])
        self._first[text] = self.count
        return text
