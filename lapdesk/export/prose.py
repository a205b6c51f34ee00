"""The views expressed on a proposal, written as a conference officer writes them.

"**Regional workshops.** Austria, France and Mexico supported the proposal, while another
delegation opposed it."  Each contributor is named once per proposal, with everything it
said about it ("made this proposal and supported it"); contributors who said the same are one
subject; a second anonymous subject of the same kind is "another delegation", so a reader
never takes two anonymous delegations for one, nor one for two.  "Proposed" is kept apart
from "amended": a proposal annotation tagged ``amendment`` reads "proposed amendments to it".
French verbs agree with their subject ("L'Autriche était favorable", "étaient favorables").
"""

from __future__ import annotations

from lapdesk.export.attribution import attribute
from lapdesk.export.boilerplate import capitalised, words
from lapdesk.export.sources import PaperData

# The order in which a paragraph reports stances: who proposed first, then who agreed.
ORDER = ("proposes", "amends", "supports", "opposes", "concern", "question", "neutral")
CONTRAST = (("supports",), ("opposes",))


def _groups(view: dict, data: PaperData) -> list[tuple[tuple[str, ...], list[dict]]]:
    """Contributors grouped by everything they said about the proposal."""
    said: dict[int, set[str]] = {}
    people: dict[int, dict] = {}
    for stance, members in view["stances"].items():
        for person in members:
            if stance == "proposes" and (view["topic_id"], person["id"]) in data.amending:
                stance = "amends"
            said.setdefault(person["id"], set()).add(stance)
            people.setdefault(person["id"], person)
    groups: dict[tuple[str, ...], list[dict]] = {}
    for pid, stances in said.items():
        key = tuple(s for s in ORDER if s in stances)
        groups.setdefault(key, []).append(people[pid])
    return sorted(groups.items(), key=lambda item: [ORDER.index(s) for s in item[0]])


def _verbs(stances: tuple[str, ...], *, first: bool, plural: bool, lang: str) -> str:
    w = words(lang)
    phrases = []
    for index, stance in enumerate(stances):
        forms = w["stance"][stance][0 if first and index == 0 else 1]
        phrases.append(forms[1 if plural else 0] if isinstance(forms, tuple) else forms)
    return w["and_verbs"].join(phrases)


def view_sentences(view: dict, data: PaperData, *, lang: str) -> str:
    """The sentences for one proposal, or "" when nobody identified expressed a view."""
    w = words(lang)
    mentioned: dict[str, int] = {}
    clauses: list[tuple[tuple[str, ...], str]] = []
    for stances, people in _groups(view, data):
        who = attribute(people, hidden=data.unnamed, lang=lang, running=True,
                        french=data.french, phrase_category=data.anonymity.phrase_category,
                        mentioned=mentioned)
        if not who:
            continue
        plural = len(people) > 1
        clauses.append((stances, f"{who} {_verbs(stances, first=not clauses, plural=plural, lang=lang)}"))
    if not clauses:
        return ""
    if len(clauses) == 2 and tuple(s for s, _ in clauses) == CONTRAST:
        joiner = w["while"]
        if lang == "fr" and clauses[1][1][:1].lower() in "aeiouhéèêîôu":
            joiner = joiner.replace("que ", "qu'")  # "tandis qu'une autre délégation"
        return capitalised(clauses[0][1]) + joiner + clauses[1][1] + "."
    return " ".join(capitalised(text) + "." for _, text in clauses)


def view_spans(view: dict, data: PaperData, redact, *, lang: str) -> list:
    """"**Topic.** Austria made this proposal. Ghana supported it." as runs, or []."""
    sentences = view_sentences(view, data, lang=lang)
    if not sentences:
        return []
    topic = redact(view["topic"]).rstrip(".")
    return [(f"{topic}. ", True, False), (sentences, False, False)]
