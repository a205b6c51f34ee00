"""A contribution's own reference: what kind of document it is, its number and its date.

The working paper cites a contribution as the delegation filed it ("Note verbale
GVA-CCM/2020/17 of 3 June 2020"), so that the delegation can check the citation against its
own records.  Like author detection, this reads the head and the tail of the text (the
letterhead, the reference line, the place and date, the salutation) with patterns kept as
data in ``resources/patterns/references.toml``.  It never raises: what it cannot find is
``None``, and the paper then says less.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache

from lapdesk.core.paths import resource

PATTERNS = ("patterns", "references.toml")
HEAD_PARAGRAPHS = 8
TAIL_PARAGRAPHS = 4
MAX_REFERENCE = 40  # characters: longer is a sentence, not a reference


@dataclass(frozen=True)
class Reference:
    kind: str | None = None        # note_verbale, letter, statement (None: not told)
    number: str | None = None      # "GVA-CCM/2020/17"
    dated: str | None = None       # ISO date the document bears


@dataclass(frozen=True)
class _Patterns:
    kinds: tuple[tuple[str, tuple[re.Pattern, ...]], ...]
    labelled: tuple[re.Pattern, ...]
    bare: tuple[re.Pattern, ...]
    date: re.Pattern
    months: dict[str, int]
    max_line: int


@cache
def _patterns() -> _Patterns:
    with resource(*PATTERNS).open("rb") as handle:
        data = tomllib.load(handle)
    months = {name: index for index, names in enumerate(data["date"]["months"], start=1)
              for name in names}
    alternation = "|".join(sorted(map(re.escape, months), key=len, reverse=True))
    date_pattern = re.compile(
        r"(?:(?P<day>\d{1,2})(?:er|st|nd|rd|th)?\s+(?:de\s+)?(?P<month>" + alternation
        + r")\.?,?\s+(?:de\s+|del\s+)?(?P<year>(?:19|20)\d\d)"
        r"|(?P<month2>" + alternation + r")\s+(?P<day2>\d{1,2}),?\s+(?P<year2>(?:19|20)\d\d))"
        r"\s*\.?\s*$", re.IGNORECASE)
    return _Patterns(
        kinds=tuple((k["name"], tuple(re.compile(p) for p in k["patterns"]))
                    for k in data["kind"]),
        labelled=tuple(re.compile(p) for p in data["reference"]["labelled"]),
        bare=tuple(re.compile(p) for p in data["reference"]["bare"]),
        date=date_pattern, months=months, max_line=int(data["date"]["max_line"]))


def _clean(candidate: str) -> str | None:
    value = candidate.strip().rstrip(".,;:)")
    if not value or len(value) > MAX_REFERENCE or not re.search(r"\d", value):
        return None
    return value


def _date_in(line: str, patterns: _Patterns) -> str | None:
    if len(line) > patterns.max_line:
        return None
    match = patterns.date.search(line)
    if not match:
        return None
    day = match["day"] or match["day2"]
    month = patterns.months[(match["month"] or match["month2"]).lower()]
    year = match["year"] or match["year2"]
    try:
        return date(int(year), month, int(day)).isoformat()
    except ValueError:
        return None


def detect_reference(paragraphs: Sequence[str], *, subject: str | None = None) -> Reference:
    """The kind, reference number and date of a contribution from its paragraphs' texts
    (in order) and, for an email, its subject line."""
    try:
        patterns = _patterns()
    except (OSError, tomllib.TOMLDecodeError, KeyError, re.error):
        return Reference()
    head = [p for p in paragraphs[:HEAD_PARAGRAPHS] if p]
    tail = [p for p in paragraphs[HEAD_PARAGRAPHS:][-TAIL_PARAGRAPHS:] if p]
    lines = ([subject] if subject else []) + head + tail
    kind = next((name for name, found in patterns.kinds
                 if any(p.search(line) for p in found for line in head + tail)), None)
    number = None
    for line in lines:
        for pattern in patterns.labelled:
            match = pattern.search(line)
            if match and (number := _clean(match["ref"])):
                break
        if number:
            break
    if number is None:
        number = next((value for line in head for pattern in patterns.bare
                       if (match := pattern.match(line)) and (value := _clean(match["ref"]))),
                      None)
    dated = next((value for line in head + tail if (value := _date_in(line, patterns))), None)
    return Reference(kind=kind, number=number, dated=dated)
