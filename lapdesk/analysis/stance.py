"""Stance hints from wording, in English, French and Spanish.

"supports", "welcomes", "soutient", "apoya" hint at support; "is not in favour", "n'est pas
favorable", "se opone" at opposition.  A hint is only ever *shown* (the desk proposes it when
the user annotates an excerpt); nothing here writes to the store.  Negated forms are looked for
first, so "does not support" is never read as support; when a paragraph carries several
stances, opposition and concern come before support, because they are what the Presidency
must not miss.
"""

from __future__ import annotations

import re

from lapdesk.analysis.courtesy import FORMAL, courtesy
from lapdesk.core.text import fold

LANGUAGES = ("en", "fr", "es")
# Stances in the order a hint is chosen when several are present.
PRIORITY = ("opposes", "concern", "supports", "proposes", "question")
_NEGATED = "negated"

# (stance, confidence, patterns per language); patterns run on folded text.
_CUES: list[tuple[str, float, dict[str, list[str]]]] = [
    (_NEGATED, 0.85, {
        "en": [r"\b(?:is|are) not in favou?r\b", r"\b(?:does|do|would|could|can) not support\b",
               r"\b(?:cannot|can't|could not) (?:support|accept|agree)\b", r"\bopposes?\b",
               r"\b(?:is|are) (?:opposed|against)\b", r"\bobjects? to\b", r"\brejects?\b",
               r"\b(?:is|are) not convinced\b", r"\bdoes not see the need\b",
               r"\bdo not see the need\b", r"\bdisagrees?\b"],
        "fr": [r"\bn'(?:est|sont) pas favorables?\b", r"\bs'opposen?t?\b",
               r"\bne (?:peut|peuvent|saurait|sauraient) (?:pas )?(?:soutenir|accepter|appuyer)\b",
               r"\bne soutien(?:t|nent) pas\b", r"\brejet(?:te|tent)\b",
               r"\b(?:est|sont) oppose(?:e|s|es)?\b", r"\bn'(?:est|sont) pas convaincue?s?\b"],
        "es": [r"\bse oponen?\b", r"\bno (?:apoya|apoyan|respalda|respaldan)\b",
               r"\bno (?:esta|estan) a favor\b", r"\brechaza(?:n)?\b",
               r"\bno (?:puede|pueden) (?:apoyar|aceptar)\b", r"\bno (?:es|son) partidari[oa]s?\b"],
    }),
    ("concern", 0.75, {
        "en": [r"\b(?:is|are|remains?) (?:deeply |gravely |particularly )?concerned\b",
               r"\bconcerns? (?:about|over|that)\b", r"\bworried\b", r"\bregrets?\b",
               r"\bwould be concerned\b"],
        "fr": [r"\bpreoccup", r"\bs'inquiet", r"\bregrett?e(?:nt)?\b", r"\binquietude"],
        "es": [r"\bpreocupa", r"\blamenta(?:n)?\b", r"\binquietud"],
    }),
    ("supports", 0.8, {
        "en": [r"\bsupports?\b", r"\bwelcomes?\b", r"\b(?:is|are) in favou?r\b",
               r"\bfavou?rs?\b", r"\bendorses?\b", r"\bagrees? (?:with|that)\b",
               r"\battaches? (?:great )?importance\b", r"\bis in agreement\b"],
        "fr": [r"\bsoutien(?:t|nent)\b", r"\bappuie(?:nt)?\b", r"\b(?:est|sont) favorables?\b",
               r"\bse felicite(?:nt)?\b", r"\bsalue(?:nt)?\b", r"\bapprouve(?:nt)?\b",
               r"\bsouscri(?:t|vent)\b"],
        "es": [r"\bapoya(?:n)?\b", r"\brespalda(?:n)?\b", r"\b(?:esta|estan) a favor\b",
               r"\bacoge(?:n)? con (?:beneplacito|satisfaccion)\b", r"\bcomparte(?:n)?\b",
               r"\b(?:es|son) partidari[oa]s?\b"],
    }),
    ("proposes", 0.7, {
        "en": [r"\bproposes?\b", r"\bsuggests?\b", r"\brecommends?\b", r"\bwould suggest\b",
               r"\bcalls? (?:for|on)\b", r"\burges?\b"],
        "fr": [r"\bpropose(?:nt)?\b", r"\bsuggere(?:nt)?\b", r"\brecommande(?:nt)?\b",
               r"\bappelle(?:nt)? a\b"],
        "es": [r"\bpropone(?:n)?\b", r"\bsugiere(?:n)?\b", r"\brecomienda(?:n)?\b",
               r"\binsta(?:n)? a\b"],
    }),
    ("question", 0.55, {
        "en": [r"\bwonders? (?:whether|if)\b", r"\basks? (?:whether|if)\b", r"\bunclear\b"],
        "fr": [r"\bse demande(?:nt)? si\b", r"\bs'interroge(?:nt)?\b"],
        "es": [r"\bse pregunta(?:n)? si\b", r"\bno (?:esta|queda) claro\b"],
    }),
]

_COMPILED = [
    (stance, confidence, {lang: [re.compile(p) for p in patterns]
                          for lang, patterns in by_language.items()})
    for stance, confidence, by_language in _CUES
]
# Every cue of a language at once: most passages hold none, and one search tells them.
_ANY_CUE = {lang: re.compile("|".join(f"(?:{p})" for _, _, by_language in _CUES
                                      for p in by_language[lang]))
            for lang in LANGUAGES}


_FOLDED: dict[int, str] = {}  # each character met, folded to one character


def _fold_keeping_length(text: str) -> str:
    """Case- and accent-folded text with one character per original character.

    One ``translate`` through a table of the characters met so far: folding character by
    character took 0.2 s for the 889 passages suggested on a 100-page contribution, which
    the reader waits for."""
    for character in set(text):
        if ord(character) not in _FOLDED:
            _FOLDED[ord(character)] = (fold(character) or character)[0]
    return text.translate(_FOLDED).replace("\u2019", "'")


def stance_hint(text: str, language: str | None = None) -> dict | None:
    """A suggested stance for a passage, for the user to accept or ignore.

    :param language: ``en``, ``fr`` or ``es`` to look only for that language's wording;
        ``None`` looks for all three.
    :returns: ``{stance, confidence, cue}`` (``cue``: the words as written) or ``None``.
    """
    found = courtesy(text)
    if found is not None and found.strength == FORMAL:
        return None
    folded = _fold_keeping_length(text)
    languages = [language] if language in LANGUAGES else list(LANGUAGES)
    languages = [lang for lang in languages if _ANY_CUE[lang].search(folded)]
    matches: list[tuple[str, float, int, int]] = []
    for stance, confidence, by_language in _COMPILED:
        for lang in languages:
            for pattern in by_language[lang]:
                for m in pattern.finditer(folded):
                    matches.append((stance, confidence, m.start(), m.end()))
    negated = [(s, e) for stance, _, s, e in matches if stance == _NEGATED]
    # A positive cue inside a negated one ("does not support") is not support.
    kept = [m for m in matches if m[0] == _NEGATED
            or not any(s <= m[2] and m[3] <= e for s, e in negated)]
    if not kept:
        return None
    rank = {stance: i for i, stance in enumerate(PRIORITY)}

    def order(match):
        stance = "opposes" if match[0] == _NEGATED else match[0]
        return rank[stance], match[2]

    stance, confidence, start, end = min(kept, key=order)
    return {
        "stance": "opposes" if stance == _NEGATED else stance,
        "confidence": confidence,
        "cue": text[start:end].strip(),
    }
