"""Naming who said something, in the conference's order, or not naming them.

Named attribution lists contributors as the conference does: States Parties alphabetically,
then signatories and observer States, then international organisations, then civil society
(:func:`lapdesk.store.registry.attribution_rank`).  Anonymous attribution uses the usual
quantifiers ("one State Party", "several States Parties", "many delegations"), and
anonymous contributors always come last within their category, so that their place in an
alphabetical list cannot betray their name.  Which category an anonymous contributor is
counted under is the export's :class:`~lapdesk.export.anonymity.Anonymity` decision
(``phrase_category``): a category only a single anonymous contributor fits is "delegation".
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, MutableMapping

from lapdesk.core.text import fold
from lapdesk.export.boilerplate import join_names, number, words
from lapdesk.store.registry import attribution_rank

# Categories in the order they are named; signatories before observer States.
CATEGORIES = ("state_party", "signatory", "observer", "international_organisation",
              "civil_society", "other")
POOL = "delegation"  # the anonymous category of those no category phrase may name
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
    """"one other State Party", "two other States Parties", "another delegation"."""
    w = words(lang, cat)
    singular, plural = w["kinds"][cat]
    if count == 1:
        return w["other_one"].format(singular=singular)
    if count > SEVERAL_UP_TO:
        return w["many"].format(plural=plural)
    return w["other_many"].format(number=number(count, lang, cat), plural=plural)


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
              french: Mapping[int, tuple[str, str]] | None = None,
              phrase_category: Mapping[int, str] | None = None,
              mentioned: MutableMapping[str, int] | None = None) -> str:
    """The list of contributors as a phrase: names in order, the hidden ones quantified.

    :param hidden: ids of contributors that must not be named.
    :param running: the phrase sits inside a sentence ("Supported by the Philippines",
        "Appuyé par l'Autriche et les Philippines"), so names take their article; labels and
        table cells do not.
    :param of: in French, the phrase follows "de", which each item repeats and contracts
        ("de l'Autriche, de la France et du Mexique"); the French wording leaves it out.
    :param french: ``{id: (French name, article)}``, used when ``lang`` is ``fr``; a
        contributor without a French name keeps its English one.
    :param phrase_category: ``{id: category}`` an anonymous contributor is counted under
        (default: its own category).
    :param mentioned: anonymous contributors already named in the same paragraph, by
        category; updated. A later phrase about different anonymous contributors of a
        category says "another delegation", "two other States Parties".
    """
    names = french if lang == "fr" and french else {}
    people = sorted({p["id"]: p for p in people}.values(),
                    key=lambda p: sort_key(p, names.get(p["id"], ("",))[0]))
    if not people:
        return ""
    anonymous = [p for p in people if p["id"] in hidden]
    counted_as = phrase_category or {}
    if len(anonymous) == len(people) and len(people) >= MANY_DELEGATIONS_FROM:
        if mentioned is not None:
            mentioned[POOL] = mentioned.get(POOL, 0) + len(people)
        return of_phrase(words(lang)["many_delegations"]) if of and lang == "fr" else \
            words(lang)["many_delegations"]
    pieces: list[str] = []
    named_any = False
    unnamed_by: dict[str, int] = {}
    for p in anonymous:
        cat = counted_as.get(p["id"], category(p))
        unnamed_by[cat] = unnamed_by.get(cat, 0) + 1
    for cat in (*CATEGORIES, POOL):
        members = [p for p in people if category(p) == cat and p["id"] not in hidden]
        named = [_named(p, lang, running=running, of=of, french=names) for p in members]
        named_any = named_any or bool(named)
        pieces.extend(named)
        unnamed = unnamed_by.get(cat, 0)
        if unnamed:
            before = mentioned.get(cat, 0) if mentioned is not None else 0
            if named or (cat == POOL and named_any) or before:
                count = (words(lang, cat)["another"].format(singular=words(lang)["kinds"][cat][0])
                         if unnamed == 1 and before and not named else _others(unnamed, cat, lang))
            else:
                count = quantity(unnamed, cat, lang)
            if mentioned is not None:
                mentioned[cat] = before + unnamed
            pieces.append(of_phrase(count) if of and lang == "fr" else count)
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
                "l'": f"de l'{name}"}.get(article) or of_phrase(name)
    return f"{article}{name}" if article == "l'" else f"{article} {name}".strip()


def of_phrase(phrase: str) -> str:
    """"de" before a French phrase, elided before a vowel: "d'Israël", "d'un État partie"."""
    return f"d'{phrase}" if phrase[:1].lower() in _FRENCH_VOWELS else f"de {phrase}"
