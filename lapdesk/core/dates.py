"""Dates as people write them in English, French and Spanish, read into :class:`datetime.date`.

One reader serves both the letters (``Geneva, 3 June 2020``, ``Genève, le 1er juin 2020``,
``Ginebra, 5 de junio de 2020``) and what a person types into a date field (``2020-06-03``,
``3 June 2020``, ``3 juin 2020``, ``3/6/2020``).  Numeric dates are read day first, as they are
written in Geneva and in every language of the consultation; a form that cannot be a date
(``31 June``) is no date rather than a guess.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

# Month names and the abbreviations seen in correspondence, accents folded, lower case.
_MONTHS: dict[str, int] = {}
for _number, _names in enumerate((
    "january jan janvier janv enero ene",
    "february feb fevrier fevr fev febrero",
    "march mar mars marzo",
    "april apr avril avr abril abr",
    "may mai mayo",
    "june jun juin junio",
    "july jul juillet juil julio",
    "august aug aout agosto ago",
    "september sep sept septembre septiembre setiembre set",
    "october oct octobre octubre",
    "november nov novembre noviembre",
    "december dec decembre diciembre dic",
), start=1):
    for _name in _names.split():
        _MONTHS[_name] = _number

_MONTH = r"(?P<month>[A-Za-zÀ-ÿ]{3,10})\.?"
_DAY = r"(?P<day>\d{1,2})(?:er|st|nd|rd|th|º|°|o)?"
_YEAR = r"(?P<year>\d{4})"
# "3 June 2020", "1er juin 2020", "5 de junio de 2020", "5 junio del 2020", "June 3, 2020".
WRITTEN = re.compile(
    rf"\b{_DAY}\s+(?:de\s+)?{_MONTH}\s*,?\s+(?:de(?:l)?\s+)?{_YEAR}\b"
    rf"|\b{_MONTH.replace('month', 'month2')}\s+(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?,?\s+"
    rf"(?P<year2>\d{{4}})\b",
    re.IGNORECASE,
)
_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$")
_NUMERIC = re.compile(r"^\s*(\d{1,2})[./-](\d{1,2})[./-](\d{4})\s*$")


@dataclass(frozen=True)
class FoundDate:
    """A date found in a text, with where it stands (``start``/``end`` in that text)."""

    value: date
    start: int
    end: int


def _fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def _make(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _from_match(match: re.Match) -> date | None:
    if match["month"] is not None:
        month, day, year = match["month"], match["day"], match["year"]
    else:
        month, day, year = match["month2"], match["day2"], match["year2"]
    number = _MONTHS.get(_fold(month))
    return _make(int(year), number, int(day)) if number else None


def written_dates(text: str) -> list[FoundDate]:
    """Every date written out with its month's name in ``text``, in order."""
    found = []
    for match in WRITTEN.finditer(text):
        value = _from_match(match)
        if value is not None:
            found.append(FoundDate(value, match.start(), match.end()))
    return found


def parse_date(text: str) -> date | None:
    """A date typed or written in any of the forms above; ``None`` when it is not one."""
    text = (text or "").strip()
    if match := _ISO.match(text):
        return _make(int(match[1]), int(match[2]), int(match[3]))
    if match := _NUMERIC.match(text):
        return _make(int(match[3]), int(match[2]), int(match[1]))
    found = written_dates(text)
    if len(found) == 1 and not text[:found[0].start].strip(" ,.") \
            and not text[found[0].end:].strip(" ,."):
        return found[0].value
    return None
