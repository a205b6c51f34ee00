"""Word's automatic paragraph numbering, rendered as the text a reader sees ("1.", "a)", "•").

Word stores list numbers as counters in ``numbering.xml``, not as text; a contribution that
answers "question 3 b)" loses its meaning without them.  Counters are kept per abstract list
(so separate runs of one list continue, as in Word) and restarted by a ``startOverride``.
"""

from __future__ import annotations

import re

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_PLACEHOLDER = re.compile(r"%([1-9])")
_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"),
          (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


def q(tag: str) -> str:
    return f"{{{W}}}{tag}"


def _val(element, tag: str) -> str | None:
    child = element.find(q(tag)) if element is not None else None
    return None if child is None else child.get(q("val"))


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


class Level:
    def __init__(self, element: etree._Element):
        self.format = _val(element, "numFmt") or "decimal"
        self.text = _val(element, "lvlText") or ""
        self.start = _int(_val(element, "start"), 1)
        self.legal = element.find(q("isLgl")) is not None


class Numbering:
    """The numbering definitions of one document and the running counters of its lists."""

    def __init__(self, root: etree._Element | None):
        self._abstract: dict[str, dict[int, Level]] = {}
        self._nums: dict[str, tuple[str, dict[int, int], dict[int, Level]]] = {}
        self._counters: dict[str, list[int | None]] = {}
        self._started: set[str] = set()
        if root is None:
            return
        for abstract in root.iterchildren(q("abstractNum")):
            levels = {_int(lvl.get(q("ilvl")), 0): Level(lvl)
                      for lvl in abstract.iterchildren(q("lvl"))}
            self._abstract[abstract.get(q("abstractNumId")) or ""] = levels
        for num in root.iterchildren(q("num")):
            starts, levels = {}, {}
            for override in num.iterchildren(q("lvlOverride")):
                ilvl = _int(override.get(q("ilvl")), 0)
                if _val(override, "startOverride") is not None:
                    starts[ilvl] = _int(_val(override, "startOverride"), 1)
                lvl = override.find(q("lvl"))
                if lvl is not None:
                    levels[ilvl] = Level(lvl)
            self._nums[num.get(q("numId")) or ""] = (_val(num, "abstractNumId") or "", starts,
                                                     levels)

    def label(self, num_id: str, ilvl: int) -> str:
        """Advance list ``num_id`` at level ``ilvl`` and return the number as displayed."""
        if num_id not in self._nums or not 0 <= ilvl <= 8:
            return ""
        abstract_id, starts, overridden = self._nums[num_id]
        levels = {**self._abstract.get(abstract_id, {}), **overridden}
        level = levels.get(ilvl)
        if level is None:
            return ""
        counters = self._counters.setdefault(abstract_id, [None] * 9)
        if num_id not in self._started:
            self._started.add(num_id)
            for restart_level, start in starts.items():
                if 0 <= restart_level <= 8:
                    counters[restart_level] = start - 1
        current = counters[ilvl]
        counters[ilvl] = (level.start if current is None else current + 1)
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = None
        if level.format == "bullet":
            return "•"
        if level.format == "none":
            return ""

        def render(match: re.Match) -> str:
            k = int(match.group(1)) - 1
            shown = levels.get(k) or level
            value = counters[k] if counters[k] is not None else shown.start
            return format_number(value, "decimal" if level.legal else shown.format)

        return _PLACEHOLDER.sub(render, level.text).strip()


def format_number(value: int, number_format: str) -> str:
    """``value`` written in one of Word's number formats (unknown formats fall back to 1, 2)."""
    if number_format in ("lowerLetter", "upperLetter") and value > 0:
        letter = chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1)
        return letter.upper() if number_format == "upperLetter" else letter
    if number_format in ("lowerRoman", "upperRoman") and 0 < value < 4000:
        roman, rest = "", value
        for amount, digits in _ROMAN:
            while rest >= amount:
                roman, rest = roman + digits, rest - amount
        return roman.upper() if number_format == "upperRoman" else roman
    if number_format == "decimalZero":
        return f"{value:02d}"
    return str(value)
