"""The date a letter or note verbale bears: its dateline, not any date its text mentions.

A letter is dated on a line of its own near the top ("Geneva, 3 June 2020", "Genève, le 8 juin
2020", "Ginebra, 5 de junio de 2020"); a note verbale usually at its end, after the
complimentary close ("Geneva, 3 June 2020" or just "3 June 2020").  Dates inside sentences —
the deadline, the meeting, "in reply to your letter of 15 May 2020" — are never a dateline, so
only short paragraphs that hold a date and at most a place before it are candidates.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from lapdesk.core.dates import written_dates

# Where a dateline may stand: among the first paragraphs (letters) or the last (notes verbales).
HEAD_PARAGRAPHS = 15
TAIL_PARAGRAPHS = 10
# A dateline is short: the place, a comma, perhaps "le"/"el", the date.
MAX_DATELINE = 70
# What may stand before the date on its line: a place name ("Geneva", "New York",
# "Genève", "La Haya"), with its comma, and French "le" or Spanish "el"; a "Done at" too.
_BEFORE = re.compile(
    r"^(?:(?i:done\s+(?:at|in)|fait\s+à|hecho\s+en)\s+)?"
    r"(?:[A-ZÀ-Ý][\w'’.\-]*(?:\s+(?:[A-ZÀ-Ý][\w'’.\-]*|de|du|del|la|le|les|d'))*\s*,?\s*)?"
    r"(?:le|el|on|the)?\s*$"
)
_AFTER = re.compile(r"^[\s.,;:)\]]*$")


def letter_date(paragraphs: Sequence[str], *, today: date | None = None) -> date | None:
    """The date ``paragraphs`` (one file's text) bear as a letter, or ``None``.

    A dateline among the first paragraphs wins (a letter's); otherwise the last one among the
    final paragraphs (a note verbale's).  A date after ``today`` is a typing error or a
    deadline, not a letter's date.
    """
    today = today or date.today()
    count = len(paragraphs)
    head = range(min(HEAD_PARAGRAPHS, count))
    tail = range(max(count - TAIL_PARAGRAPHS, len(head)), count)
    for positions in (head, reversed(tail)):
        for position in positions:
            found = _dateline(paragraphs[position])
            if found is not None and found <= today:
                return found
    return None


def _dateline(paragraph: str) -> date | None:
    text = paragraph.strip()
    if len(text) > MAX_DATELINE:
        return None
    dates = written_dates(text)
    if len(dates) != 1:
        return None
    found = dates[0]
    if _BEFORE.match(text[:found.start]) and _AFTER.match(text[found.end:]):
        return found.value
    return None
