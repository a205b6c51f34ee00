"""OpenDocument list numbering, rendered as the text a reader sees ("1.", "a)", "•").

Like Word, OpenDocument keeps list numbers as a style (``text:list-style``), not as text.
Counters run per list style: a new top-level list restarts them unless it says
``text:continue-numbering``; an item of a level resets the deeper levels.
"""

from __future__ import annotations

from lxml import etree

from lapdesk.ingest.formats.numbering import format_number

TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
_FORMATS = {"1": "decimal", "a": "lowerLetter", "A": "upperLetter", "i": "lowerRoman",
            "I": "upperRoman"}
_MAX_LEVEL = 10


def _int(value: str | None, default: int) -> int:
    return int(value) if value and value.isdigit() else default


class ListNumbering:
    """The list styles of a document and the running counters of its lists."""

    def __init__(self, *roots: etree._Element | None):
        self._styles: dict[str, dict[int, etree._Element]] = {}
        for root in roots:
            if root is None:
                continue
            for style in root.iter(f"{{{TEXT}}}list-style"):
                levels = {_int(level.get(f"{{{TEXT}}}level"), 1): level for level in style}
                self._styles.setdefault(style.get(f"{{{STYLE}}}name", ""), levels)
        self._counters: dict[str, list[int | None]] = {}

    def start_list(self, style: str | None, *, continues: bool) -> None:
        """A top-level list begins: its counters restart unless it continues the last one."""
        if style and not continues:
            self._counters[style] = [None] * (_MAX_LEVEL + 1)

    def label(self, style: str | None, level: int, *, start: str | None = None) -> str:
        """Advance list ``style`` at ``level`` (1-based) and return the label shown."""
        levels = self._styles.get(style or "")
        if not levels or not 1 <= level <= _MAX_LEVEL:
            return ""
        definition = levels.get(level)
        if definition is None:
            return ""
        counters = self._counters.setdefault(style, [None] * (_MAX_LEVEL + 1))
        first = _int(definition.get(f"{{{TEXT}}}start-value"), 1)
        current = counters[level]
        counters[level] = _int(start, first) if start or current is None else current + 1
        for deeper in range(level + 1, _MAX_LEVEL + 1):
            counters[deeper] = None
        if etree.QName(definition).localname == "list-level-style-bullet":
            return definition.get(f"{{{TEXT}}}bullet-char", "•") or "•"
        number_format = definition.get(f"{{{STYLE}}}num-format", "1")
        if number_format not in _FORMATS:
            return ""
        shown = _int(definition.get(f"{{{TEXT}}}display-levels"), 1)
        numbers = []
        for shown_level in range(max(1, level - shown + 1), level + 1):
            outer = levels.get(shown_level, definition)
            value = counters[shown_level] or _int(outer.get(f"{{{TEXT}}}start-value"), 1)
            numbers.append(format_number(value, _FORMATS.get(
                outer.get(f"{{{STYLE}}}num-format", "1"), "decimal")))
        return (definition.get(f"{{{STYLE}}}num-prefix", "") + ".".join(numbers)
                + definition.get(f"{{{STYLE}}}num-suffix", ""))
