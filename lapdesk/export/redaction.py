"""Taking the names of contributors who must stay anonymous out of text the paper keeps.

A name is replaced by a placeholder in the text's own language that fits the grammar around
it: the article or preposition before the name goes into the placeholder ("the Republic of
Zambia supports" becomes "[a delegation] supports", "La France est favorable" becomes
"[Une délégation] est favorable", "la propuesta de México" becomes "la propuesta [de una
delegación]"), and a placeholder opening a sentence is capitalised. A State's nationality
adjective ("the Austrian Government", "le Gouvernement autrichien") becomes "[national]".

The names are compiled into one regular expression shaped as a trie (a common prefix is
matched once), so that redacting 3,000 quotes against every alias of 150 contributors stays
quick: a plain alternation of hundreds of names is tried name by name at each position.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# What comes before a name, and the placeholder the whole phrase becomes.
_EN = {"": "a delegation", "the": "a delegation"}
_FR = {"": "une délégation", "la": "une délégation", "le": "une délégation",
       "l'": "une délégation", "les": "une délégation", "de": "d'une délégation",
       "de la": "d'une délégation", "de l'": "d'une délégation", "du": "d'une délégation",
       "des": "d'une délégation", "d'": "d'une délégation", "à": "à une délégation",
       "à la": "à une délégation", "à l'": "à une délégation", "au": "à une délégation",
       "aux": "à une délégation", "en": "dans un pays"}
_ES = {"": "una delegación", "el": "una delegación", "la": "una delegación",
       "los": "una delegación", "las": "una delegación", "de": "de una delegación",
       "del": "de una delegación", "de la": "de una delegación",
       "de los": "de una delegación", "de las": "de una delegación",
       "a": "a una delegación", "al": "a una delegación", "a la": "a una delegación",
       "en": "en un país"}
PHRASES = {"en": _EN, "fr": _FR, "es": _ES}
ADJECTIVE = {"en": "national", "fr": "national", "es": "nacional"}
_APOSTROPHES = "'\u2019"
_SENTENCE_END = re.compile(r"(?:^|[.!?]\s+|\n\s*)[\u201c«\"(\s\u00a0]*$")


def _lead_pattern(leads: Iterable[str]) -> str:
    """The optional article or preposition before a name, longest first; an elided one
    ("l'", "d'") touches the name, the others are followed by a space."""
    pieces = []
    for lead in sorted((lead for lead in leads if lead), key=len, reverse=True):
        if lead.endswith("'"):
            pieces.append(re.escape(lead[:-1]) + f"[{_APOSTROPHES}]")
        else:
            pieces.append(re.escape(lead).replace(r"\ ", r"\s+") + r"\s+")
    return "(?P<lead>(?<!\\w)(?:" + "|".join(pieces) + "))?"


class Redactor:
    """Replaces names (and aliases) and nationality adjectives of anonymous contributors.

    :param names: every name and alias to take out, in any language.
    :param adjectives: nationality adjectives to take out ("Austrian", "autrichienne").
    """

    def __init__(self, names: Iterable[str], *, adjectives: Iterable[str] = ()):
        unique = {n.strip().casefold() for n in names if n and n.strip()}
        adjective_set = {a.strip().casefold() for a in adjectives if a and a.strip()}
        self._patterns = {}
        if unique:
            trie = _trie_pattern(unique)
            for lang, leads in PHRASES.items():
                self._patterns[lang] = re.compile(
                    _lead_pattern(leads) + r"(?<!\w)(?P<name>" + trie + r")(?!\w)",
                    re.IGNORECASE)
        self._adjectives = (re.compile(r"(?<!\w)" + _trie_pattern(adjective_set) + r"(?!\w)",
                                       re.IGNORECASE) if adjective_set else None)

    def __bool__(self) -> bool:
        return bool(self._patterns or self._adjectives)

    def __call__(self, text: str, lang: str | None = "en") -> str:
        if not text or not self:
            return text
        lang = lang if lang in PHRASES else "en"
        if self._patterns:
            leads = PHRASES[lang]

            def replace(match: re.Match) -> str:
                lead = (match["lead"] or "").strip()
                key = re.sub(r"\s+", " ", lead.lower()).replace("\u2019", "'")
                phrase = leads.get(key, leads[""])
                opening = lead[:1].isupper() or bool(
                    _SENTENCE_END.search(text[:match.start()]))
                return "[" + (phrase[:1].upper() + phrase[1:] if opening else phrase) + "]"

            text = self._patterns[lang].sub(replace, text)
        if self._adjectives:
            text = self._adjectives.sub(f"[{ADJECTIVE[lang]}]", text)
        return text


def _trie_pattern(words: set[str]) -> str:
    """A regular expression matching exactly ``words``, longest alternatives first."""
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def pattern(node: dict) -> str:
        ends = "" in node
        branches = [(f"[{_APOSTROPHES}]" if char in _APOSTROPHES else re.escape(char))
                    + pattern(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        # Longest match first: try the longer names, then stop here if a name ends here.
        return f"(?:{body})?" if ends else body

    return "(?:" + pattern(trie) + ")"
