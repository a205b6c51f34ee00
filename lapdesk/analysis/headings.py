"""Recognising the concept note's headings in a contribution, in three languages.

Most contributions follow the concept note: "b. On stockpile destruction", "Destruction des
stocks", "B) Destrucción de existencias", "Victim Assistance:", or "Transparency: the rate of
reporting ..." at the start of a paragraph.  A heading is compared with each section's names
(the framework's titles in English, French and Spanish, its short title and the lexicon's
``headings``) on their distinctive words, cut to six letters so that "Universalization",
"Universalisation" and "Universalización" agree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lapdesk.core.text import fold

MATCH_THRESHOLD = 0.6
MAX_HEADING_CHARS = 100
MAX_HEADING_WORDS = 12

_NUMBER = r"(?:[ivxlc]{1,5}|\d{1,2}(?:\.\d{1,2})*|[a-h])"
_NUMBERING = re.compile(
    r"^\s*(?:"
    # "Part A –", "Partie II :", "Sección 3.", "Chapter 1"
    rf"(?:part|partie|parte|section|seccion|sección|chapter|chapitre|capitulo|capítulo)\s+{_NUMBER}"
    r"\s*[.):\-\u2013\u2014]?"
    # "b.", "B)", "II.", "1.2", "I –", "(c)"
    rf"|{_NUMBER}\s*[.):\-\u2013\u2014]|\(\s*{_NUMBER}\s*\))\s*",
    re.IGNORECASE,
)
_LEAD = re.compile(
    r"^(?:on the|on|regarding|concerning|re|about|as regards|with regard to|sur la|sur le|sur les"
    r"|sur|concernant|s'agissant de la|s'agissant de|en ce qui concerne|sobre la|sobre el|sobre"
    r"|en cuanto a la|en cuanto a|en materia de|respecto a la|respecto a|con respecto a)\s+",
    re.IGNORECASE,
)
_INLINE = re.compile(r"^(?P<head>[^:.;\n]{3,60}):\s+\S")
_STEM = 6
# Words that say nothing about which section a heading names.
_STOPWORD_TEXT = """
a al an and as at by de del des di du e el en et for from in la las le les los of on or para
por sur the to un una une y d l lap plan plans action actions accion lausanne lausana
dap dubrovnik concept note nota conceptual convention convencion ccm its their our
"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())


@dataclass(frozen=True)
class HeadingMatch:
    key: str
    score: float
    heading: str  # the heading as written, for the reason shown to the user


def stems(text: str) -> frozenset[str]:
    words = re.findall(r"\w+", fold(text))
    return frozenset(w[:_STEM] for w in words if w not in STOPWORDS and not w.isdigit())


def strip_heading(text: str) -> str:
    """The heading's words without its numbering, a leading "On", or a closing colon."""
    text = text.strip()
    while True:
        stripped = _NUMBERING.sub("", text, count=1)
        if stripped == text:
            break
        text = stripped
    text = _LEAD.sub("", text).strip()
    return text.rstrip(":").strip()


def has_numbering(text: str) -> bool:
    return bool(_NUMBERING.match(text))


_BULLET = re.compile(r"^\s*[\u2022\u00b7\u25aa\u25cf\u25cb\u25ba\u2023\u2043\u2013\u2014*\-]\s")
_STYLE = re.compile(r"^\s*(?:\(\s*)?(?:(?P<digit>\d)|(?P<lower>[a-h])(?![a-z])|(?P<upper>[A-H])(?![A-Za-z])"
                    r"|(?P<roman>[ivxlcIVXLC]+))")


def starts_with_bullet(text: str) -> bool:
    """A list item ("• Provide rehabilitation services"), never a heading."""
    return bool(_BULLET.match(text))


def numbering_style(text: str) -> str | None:
    """digit, lower, upper or roman: how a heading or list item is numbered, if it is."""
    if not has_numbering(text):
        return None
    found = _STYLE.match(text)
    if found is None:
        return "word"  # "Part A –", "Section 2"
    return next(name for name, value in found.groupdict().items() if value)


def sentence_like(text: str) -> bool:
    """Five words or more, most longer words in lower case: a sentence, not a title."""
    words = re.findall(r"[^\W\d_]{4,}", strip_heading(text))
    if len(text.split()) < 5 or not words:
        return False
    return sum(1 for w in words if w[0].isupper()) < len(words) / 2


def looks_like_heading(text: str, heading_level: int | None = None) -> bool:
    """A heading style, or a short line that does not end like a sentence."""
    if heading_level:
        return True
    text = text.strip()
    if not text or len(text) > MAX_HEADING_CHARS or len(text.split()) > MAX_HEADING_WORDS:
        return False
    if not text.endswith((".", ";", ",", "!", "?")):
        return True
    return has_numbering(text) and len(text.split()) <= 6


class HeadingMatcher:
    """Matches heading texts to sections (and to questions of a known section)."""

    def __init__(self, names: dict[str, list[str]]):
        """:param names: for each node key, the names a heading may give it."""
        self._names = {key: [stems(name) for name in values if stems(name)]
                       for key, values in names.items()}

    def match(self, heading: str, *, keys: list[str] | None = None) -> HeadingMatch | None:
        """The best node whose name the heading gives, among ``keys`` (default: all)."""
        words = stems(strip_heading(heading))
        if not words:
            return None
        best: HeadingMatch | None = None
        within: set[str] = set()
        for key in keys if keys is not None else self._names:
            for name in self._names.get(key, []):
                score = len(words & name) / len(words | name)
                if score >= MATCH_THRESHOLD and (best is None or score > best.score):
                    best = HeadingMatch(key, score, heading.strip())
                if words <= name:
                    within.add(key)
        if best is None and len(within) == 1:
            # A shortened name ("Cooperation", "Reporting") that only one node's names contain.
            return HeadingMatch(within.pop(), MATCH_THRESHOLD, heading.strip())
        return best

    def match_inline(self, text: str, *, keys: list[str] | None = None) -> HeadingMatch | None:
        """A heading that opens a paragraph: "Transparency: the rate of reporting is low"."""
        found = _INLINE.match(text.strip())
        if not found:
            return None
        return self.match(found.group("head"), keys=keys)
