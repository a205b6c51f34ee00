"""The working paper's generated wording in English and French, and dates and numbers.

The wording lives in ``resources/export/wording-en.toml`` and ``wording-fr.toml``, one file a
language with the same keys.  Only the words LAPDesk writes itself are there; quotes stay in their original language and
titles come from the store (``title_fr`` for framework nodes in French). The English follows
the UN Editorial Manual: -ize spelling ("organization", "summarized"), numbers one to nine in
words and 10 upwards in figures, "annex" in lower case in running text, date ranges written
"2 and 11 June 2020" and "25–27 November 2020" (en dash).
"""

from __future__ import annotations

import re
import tomllib
from datetime import date
from functools import cache

from lapdesk.core.errors import LapdeskError
from lapdesk.core.paths import resource

MONTHS = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
    "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
           "septembre", "octobre", "novembre", "décembre"),
}
EN_DASH = "\u2013"

LANGUAGES = ("en", "fr")


def _frozen(value):
    """TOML's arrays as tuples: a pair of forms is ``(singular, plural)``."""
    if isinstance(value, dict):
        return {key: _frozen(item) for key, item in value.items()}
    if isinstance(value, list):
        return tuple(_frozen(item) for item in value)
    return value


@cache
def text(lang: str) -> dict:
    """The wording of ``resources/export/wording-<lang>.toml`` (where a team may edit it).

    :raises LapdeskError: the file cannot be read.
    """
    path = resource("export", f"wording-{lang}.toml")
    try:
        with path.open("rb") as handle:
            return _frozen(tomllib.load(handle))
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise LapdeskError(f"The working paper's wording file {path} cannot be read: "
                           f"{error}.") from error


_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


def words(lang: str, category: str | None = None) -> dict:
    """The wording for ``lang``; with ``category``, agreed in gender with that kind of
    contributor (French organisations and delegations are feminine)."""
    table = text(lang)
    feminine = table["feminine"]
    if category is None or category not in feminine.get("kinds", ()):
        return table
    return {**table, "numbers": (feminine["one"], *table["numbers"][1:]),
            "many": feminine["many"], "other_one": feminine["other_one"],
            "another": feminine["another"]}


def number(n: int, lang: str, category: str | None = None) -> str:
    """One to nine in words, 10 upwards in figures (UN usage, English and French)."""
    spelled = words(lang, category)["numbers"]
    return spelled[n - 1] if 1 <= n <= len(spelled) else str(n)


def parse_date(value: str | date | None) -> date | None:
    if isinstance(value, date):
        return value
    match = _ISO_DATE.match(value or "")
    if not match:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def _day(day: date, lang: str) -> str:
    return "1er" if lang == "fr" and day.day == 1 else str(day.day)


def format_date(value: str | date, lang: str) -> str:
    """``2020-06-08`` as "8 June 2020" (or "8 juin 2020"); other text is kept as given."""
    day = parse_date(value)
    if day is None:
        return value if isinstance(value, str) else ""
    return f"{_day(day, lang)} {MONTHS[lang][day.month - 1]} {day.year}"


def date_span(first: date, last: date, lang: str, *, joiner: str) -> str:
    """Two dates with what they share said once: "2 and 11 June 2020", "28 May and 11 June
    2020" (``joiner`` " and "), "25–27 November 2020" (``joiner`` an en dash)."""
    spaced = joiner.strip() != EN_DASH
    if (first.year, first.month) == (last.year, last.month):
        head = _day(first, lang)
    elif first.year == last.year:
        head = f"{_day(first, lang)} {MONTHS[lang][first.month - 1]}"
    else:
        head = format_date(first, lang)
    if lang == "fr" and spaced:  # "le 2 et le 11 juin 2020"
        return f"le {head}{joiner}le {format_date(last, lang)}"
    return f"{head}{joiner}{format_date(last, lang)}"


def meeting_dates(start: str, end: str, lang: str) -> str:
    """The meeting's date or dates as the masthead gives them: "29 June 2020",
    "25–27 November 2020", "30 November–2 December 2020"."""
    first, last = parse_date(start), parse_date(end)
    if first is None:
        return format_date(start, lang)
    if last is None or last <= first:
        return format_date(first, lang)
    return date_span(first, last, lang, joiner=EN_DASH)


def language_name(code: str | None, lang: str) -> str:
    if not code:
        return ""
    return text(lang)["languages"].get(code.lower(), code)


def join_names(names: list[str], lang: str) -> str:
    """"Austria, Ireland and Mexico" (no serial comma, as UN documents write it)."""
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} {text(lang)['and']} {names[-1]}"


def capitalised(phrase: str) -> str:
    return phrase[:1].upper() + phrase[1:]
