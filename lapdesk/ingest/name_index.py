"""The registry's names compiled for detection: one trie regex over every folded name and alias.

Built once per import batch (:meth:`DetectionIndex.from_store`).  Matching works on folded text
(case and accents aside) that keeps the original's length, so a match's position quotes the
original; the trie's alternatives prefer the longest name at each position ("Guinea-Bissau"
before "Guinea") and a name starting earlier wins ("Democratic Republic of the Congo" over
"Congo").  Acronyms (ICRC, UK, EU) must be written in capitals, so the French "eu" is no match.
"""

from __future__ import annotations

import re

from lapdesk.core.text import fold
from lapdesk.ingest.country_codes import ISO2_BY_ISO3
from lapdesk.store import registry
from lapdesk.store.database import Store

# Quotes, dashes and spaces that vary between word processors, made one.
_UNIFORM = {"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u2010": "-", "\u2011": "-",
            "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u00a0": " ", "\t": " ", "\n": " ",
            "\r": " "}


# Organisations whose mail domain does not spell a name or acronym of theirs (registry keys);
# icrc.org, hrw.org, undp.org and the like are found by their acronym anyway.
ORGANISATION_DOMAINS = {
    "stopclustermunitions.org": "cmc", "icbl.org": "cmc", "eeas.europa.eu": "eu",
    "hi.org": "hi", "handicap-international.org": "hi", "maginternational.org": "mag",
    "npaid.org": "npa",
}


class _FoldTable(dict):
    """``str.translate`` table folding one character into one, filled as characters appear.

    A character whose folded form is not one character ("ß", "ﬁ", a combining accent) keeps
    its lower case, so the folded text always has the original's length and positions.
    """

    def __missing__(self, code: int) -> str:
        char = chr(code)
        folded = _UNIFORM.get(char) or fold(char)
        self[code] = folded if len(folded) == 1 else (char.lower() + char)[0]
        return self[code]


_FOLD_TABLE = _FoldTable()
# Country codes that in a file name more likely mean something else: a language version
# ("LAP_comments_FR"), a month, an English or French word ("AND", "ARE", "EST"), or a body of
# the disarmament world ("CD" the Conference on Disarmament, "GA", "SG", "HR" human rights).
_AMBIGUOUS_CODES = {
    "EN", "FR", "ES", "AR", "RU", "ZH", "ENG", "FRA", "ESP", "SPA", "RUS", "ARA", "CHI", "FRE",
    "IN", "IS", "NO", "TO", "ME", "AM", "ID", "BY", "SO", "MY", "BE", "CV", "TV",
    "CD", "GA", "SG", "HR",
    "MAR", "PER", "COM", "ARM", "CAN", "PAN", "DOM", "BEN", "AND", "ARE", "EST", "FIN", "SUR",
    "AGO", "VAT",
}


def normalise(text: str) -> str:
    """Folded text with the same length as ``text``, so positions map back to the original."""
    return text.translate(_FOLD_TABLE)


def _trie_pattern(words: list[str]) -> str:
    """One regex matching any of ``words``, preferring the longest (a trie of alternatives).

    A space or a hyphen in a name matches either, so "Guinea Bissau" still finds Guinea-Bissau.
    """
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault("-" if char == " " else char, {})
        node[""] = {}

    def pattern(node: dict) -> str:
        ends = "" in node
        branches = []
        for char in sorted(c for c in node if c):
            atom = r"[\s-]+" if char == "-" else re.escape(char)
            branches.append(atom + pattern(node[char]))
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if ends else body

    return pattern(trie)


# The authorities a nationality adjective names a State by: "the Austrian Government", "the
# Mexican delegation"; in French and Spanish the adjective follows: "le Gouvernement
# autrichien", "la delegación mexicana".  Folded, as the text is matched.  These words are
# looked for first (few paragraphs have one), then the adjective beside them.
_BODIES = re.compile(
    r"(?<!\w)(?:(?:federal )?(?P<before>government|delegation|ministry|mission|embassy"
    r"|authorities|presidency)|(?P<after>gouvernement|delegation|ministere|ambassade"
    r"|mission permanente|autorites|gobierno|delegacion|ministerio|embajada|mision permanente"
    r"|autoridades)(?: federale?)?)(?!\w)")
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)?")  # a word of an adjective: "sud", "soudanais"
# A piece of every word above: most paragraphs have none, and these are quicker to look for.
_BODY_HINTS = ("govern", "gouvern", "gobiern", "delega", "minist", "missi", "misi", "mbass",
               "mbaja", "autori", "authori", "presiden")


def _key(name: str) -> str:
    return re.sub(r"[\s-]+", " ", name.strip())



class DetectionIndex:
    """The registry's names compiled once per import batch (see :meth:`from_store`)."""

    def __init__(self, entries: list[dict]):
        """``entries``: registry rows with ``id``, ``name``, ``kind``, ``iso3``, ``aliases``."""
        self.ids_by_name: dict[str, int] = {}
        self.acronyms: set[str] = set()
        self.by_code: dict[str, int] = {}
        self.by_domain: dict[str, int] = {}
        self.names: dict[int, str] = {}
        self.ids_by_adjective: dict[str, int] = {}
        ambiguous: set[str] = set()
        for entry in entries:
            self.names[entry["id"]] = entry["name"]
            for adjective in entry.get("adjectives", []):
                key = _key(normalise(adjective))
                if self.ids_by_adjective.get(key, entry["id"]) != entry["id"]:
                    ambiguous.add(key)
                self.ids_by_adjective[key] = entry["id"]
            for domain, key in ORGANISATION_DOMAINS.items():
                if entry.get("key") == key:
                    self.by_domain[domain] = entry["id"]
            for name in [entry["name"], *entry.get("aliases", [])]:
                key = _key(normalise(name))
                if not key:
                    continue
                if self.ids_by_name.get(key, entry["id"]) != entry["id"]:
                    ambiguous.add(key)
                self.ids_by_name[key] = entry["id"]
                if len(name) <= 5 and name.replace(".", "").isupper():
                    self.acronyms.add(key)
            iso3 = (entry.get("iso3") or "").upper()
            for code in (iso3, ISO2_BY_ISO3.get(iso3, "")):
                if code:
                    self.by_code[code] = entry["id"]
        for key in ambiguous:
            self.ids_by_name.pop(key, None)
            self.ids_by_adjective.pop(key, None)
        names = sorted(self.ids_by_name, key=lambda k: (-len(k), k))
        self.regex = re.compile(r"(?<!\w)(?:" + _trie_pattern(names) + r")(?!\w)")
        # The longest adjective, in words: "sud-soudanais" is two ("sud soudanais" once keyed).
        self._adjective_words = max((len(k.split()) for k in self.ids_by_adjective), default=0)

    @classmethod
    def from_store(cls, store: Store) -> DetectionIndex:
        return cls(registry.contributors(store))

    def matches(self, original: str, folded: str) -> list[tuple[int, int, int]]:
        """(start, end, contributor id) of every name in ``folded`` (= ``normalise(original)``)."""
        found = []
        for match in self.regex.finditer(folded):
            key = _key(match.group())
            contributor_id = self.ids_by_name.get(key)
            if contributor_id is None:
                continue
            if key in self.acronyms and any(c.islower() for c in original[match.start():
                                                                            match.end()]):
                continue
            found.append((match.start(), match.end(), contributor_id))
        return found

    def adjective_matches(self, folded: str) -> list[tuple[int, int, int]]:
        """(start, end, contributor id) of every "the Austrian Government", "le Gouvernement
        autrichien", "la delegación mexicana" in ``folded``; the span covers the phrase.

        The adjective is the word or words right before an English body word, or right after
        a French or Spanish one, looked up in a dictionary (longest first).
        """
        if not self.ids_by_adjective or not any(hint in folded for hint in _BODY_HINTS):
            return []
        found = []
        for body in _BODIES.finditer(folded):
            if body.group("before"):
                words = list(_WORD.finditer(folded, max(0, body.start() - 60), body.start()))
                words = words[-self._adjective_words:]
                candidates = [(words[i].start(), body.end(), words[i:])
                              for i in range(len(words))
                              if words[-1].end() == body.start() - 1]
            else:
                words = []
                for word in _WORD.finditer(folded, body.end(), body.end() + 60):
                    if word.start() != (words[-1].end() if words else body.end()) + 1:
                        break
                    words.append(word)
                    if len(words) == self._adjective_words:
                        break
                candidates = [(body.start(), words[i - 1].end(), words[:i])
                              for i in range(len(words), 0, -1)]
            for start, end, phrase in candidates:
                contributor_id = self.ids_by_adjective.get(" ".join(w.group() for w in phrase))
                if contributor_id is not None:
                    found.append((start, end, contributor_id))
                    break
        return found

    def match_at(self, original: str, folded: str, pos: int) -> tuple[int, int, int] | None:
        """The name starting exactly at ``pos``, if any (for reading a list of names)."""
        match = self.regex.match(folded, pos)
        if not match or match.end() == pos:
            return None
        hits = self.matches(original[pos:match.end()], folded[pos:match.end()])
        if not hits or hits[0][0] != 0:
            return None
        return pos, match.end(), hits[0][2]

    def file_code(self, token: str) -> int | None:
        """The State whose ISO code ``token`` is, if a file name can mean only that."""
        if token.isupper() and token.isalpha() and token not in _AMBIGUOUS_CODES:
            return self.by_code.get(token)
        return None

    def domain_owner(self, domain: str) -> int | None:
        """The organisation whose mail domain ``domain`` is (or is under)."""
        parts = domain.lower().split(".")
        for n in range(len(parts) - 1):
            owner = self.by_domain.get(".".join(parts[n:]))
            if owner is not None:
                return owner
        return None

    def domain_code(self, top_level_domain: str) -> int | None:
        """The State of a country-code top-level domain (``at``, ``uk``)."""
        code = top_level_domain.upper()
        return self.by_code.get({"UK": "GB"}.get(code, code)) if len(code) == 2 else None

