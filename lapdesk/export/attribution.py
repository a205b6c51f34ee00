"""Naming who said something, in the conference's order, or not naming them.

Named attribution lists contributors as the conference does: States Parties alphabetically,
then signatories and observer States, then international organisations, then civil society
(:func:`lapdesk.store.registry.attribution_rank`).  Anonymous attribution uses the usual
quantifiers ("one State Party", "several States Parties", "many delegations"), and
anonymous contributors always come last within their category, so that their place in an
alphabetical list cannot betray their name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from lapdesk.core.text import fold
from lapdesk.export.boilerplate import join_names, words
from lapdesk.store.registry import attribution_rank

# Categories in the order they are named; signatories before observer States.
CATEGORIES = ("state_party", "signatory", "observer", "international_organisation",
              "civil_society", "other")
# States whose short name takes "the" in running English text (UN usage), besides names
# built on Republic, Kingdom, Federation, United or Islands.
THE_STATES = {"Bahamas", "Comoros", "Congo", "Cook Islands", "Gambia", "Holy See",
              "Marshall Islands", "Netherlands", "Niger", "Philippines", "Sudan"}
_THE_WORDS = re.compile(r"\b(Republic|Kingdom|Federation|United)\b")
SEVERAL_UP_TO = 6          # 3 to 6 is "several"; more is "many"
MANY_DELEGATIONS_FROM = 10  # an all-anonymous list this long is just "many delegations"
_FRENCH_VOWELS = set("aeiouhàâäéèêëîïôöùûü")  # "d'Haïti" (h muet), "de Yaoundé"


def category(person: dict) -> str:
    if person["kind"] == "state":
        return person["status"] if person["status"] in ("state_party", "signatory",
                                                        "observer") else "other"
    return person["kind"] if person["kind"] in CATEGORIES else "other"


def sort_key(person: dict, name: str = "") -> tuple:
    """Attribution order: rank, then category (signatories before observers), then name
    (``name`` when given: a French paper lists "Allemagne" before "Autriche")."""
    return (attribution_rank(person["kind"], person["status"]),
            CATEGORIES.index(category(person)), fold(name or person["name"]), person["id"])


def quantity(count: int, cat: str, lang: str) -> str:
    """"one State Party", "two States Parties", "several ...", "many ..."."""
    w = words(lang, cat)
    singular, plural = w["kinds"][cat]
    if count == 1:
        return f"{w['numbers'][0]} {singular}"
    if count == 2:
        return f"{w['numbers'][1]} {plural}"
    if count <= SEVERAL_UP_TO:
        return w["several"].format(plural=plural)
    return w["many"].format(plural=plural)


def _others(count: int, cat: str, lang: str) -> str:
    w = words(lang, cat)
    singular, plural = w["kinds"][cat]
    if count == 1:
        return w["other_one"].format(singular=singular)
    number = w["numbers"][count - 1] if count <= len(w["numbers"]) else str(count)
    return w["other_many"].format(number=number, plural=plural)


def in_running_text(person: dict) -> str:
    """"the Philippines", "the International Committee of the Red Cross", "Austria"."""
    name = person["name"]
    if name.lower().startswith("the ") or "(" in name:  # "Iran (Islamic Republic of)"
        return name
    if person["kind"] != "state" or name in THE_STATES or _THE_WORDS.search(name):
        return f"the {name}"
    return name


def attribute(people: Iterable[dict], *, hidden: set[int] | frozenset[int], lang: str,
              running: bool = False, of: bool = False,
              french: Mapping[int, tuple[str, str]] | None = None) -> str:
    """The list of contributors as a phrase: names in order, the hidden ones quantified.

    :param hidden: ids of contributors that must not be named.
    :param running: the phrase sits inside a sentence ("Supported by the Philippines",
        "Appuyé par l'Autriche et les Philippines"), so names take their article; labels and
        table cells do not.
    :param of: in French, the phrase follows "de", which each item repeats and contracts
        ("de l'Autriche, de la France et du Mexique"); the French wording leaves it out.
    :param french: ``{id: (French name, article)}``, used when ``lang`` is ``fr``; a
        contributor without a French name keeps its English one.
    """
    names = french if lang == "fr" and french else {}
    people = sorted({p["id"]: p for p in people}.values(),
                    key=lambda p: sort_key(p, names.get(p["id"], ("",))[0]))
    if not people:
        return ""
    anonymous = [p for p in people if p["id"] in hidden]
    if len(anonymous) == len(people) and len(people) >= MANY_DELEGATIONS_FROM:
        return _of(words(lang)["many_delegations"]) if of and lang == "fr" else \
            words(lang)["many_delegations"]
    pieces: list[str] = []
    for cat in CATEGORIES:
        members = [p for p in people if category(p) == cat]
        named = [_named(p, lang, running=running, of=of, french=names)
                 for p in members if p["id"] not in hidden]
        unnamed = len(members) - len(named)
        pieces.extend(named)
        if unnamed:
            count = _others(unnamed, cat, lang) if named else quantity(unnamed, cat, lang)
            pieces.append(_of(count) if of and lang == "fr" else count)
    return join_names(pieces, lang)


def _named(person: dict, lang: str, *, running: bool, of: bool,
           french: Mapping[int, tuple[str, str]]) -> str:
    if lang == "en":
        return in_running_text(person) if running else person["name"]
    name, article = french.get(person["id"], ("", ""))
    name = name or person["name"]
    if not running:
        return name
    if of:
        return {"le": f"du {name}", "les": f"des {name}", "la": f"de la {name}",
                "l'": f"de l'{name}"}.get(article) or _of(name)
    return f"{article}{name}" if article == "l'" else f"{article} {name}".strip()


def _of(phrase: str) -> str:
    """"de" before a French phrase, elided before a vowel: "d'Israël", "d'un État partie"."""
    return f"d'{phrase}" if phrase[:1].lower() in _FRENCH_VOWELS else f"de {phrase}"


def capitalised(phrase: str) -> str:
    return phrase[:1].upper() + phrase[1:]


class Redactor:
    """Removes the names (and every alias) of contributors who must stay anonymous from text
    that comes from the store: quotes, syntheses, topic titles.

    The names are compiled into one regular expression shaped as a trie (a common prefix is
    matched once), so that redacting 3,000 quotes against every alias of 150 contributors
    stays quick: a plain alternation of hundreds of names is tried name by name at each
    position of the text.
    """

    def __init__(self, names: Iterable[str], *, replacement: str):
        unique = {n.strip().casefold() for n in names if n and n.strip()}
        self.replacement = replacement
        self._pattern = (re.compile(r"(?<!\w)" + _trie_pattern(unique) + r"(?!\w)",
                                    re.IGNORECASE) if unique else None)

    def __call__(self, text: str) -> str:
        if not self._pattern or not text:
            return text
        return self._pattern.sub(self.replacement, text)


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
        branches = [re.escape(char) + pattern(child)
                    for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        # Longest match first: try the longer names, then stop here if a name ends here.
        return f"(?:{body})?" if ends else body

    return "(?:" + pattern(trie) + ")"
