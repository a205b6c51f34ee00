"""Cover notes and courtesy formulas, which are never suggested for mapping.

A note verbale opens by presenting compliments and closes by renewing the assurances of the
highest consideration; letters open with "Dear Ambassador" and thank the Presidency.  Such
paragraphs say nothing about the Lausanne Action Plan.  Two strengths:

- *formal*: the formulas of diplomatic correspondence; the paragraph is never mapped;
- *polite*: thanks, congratulations, welcome; the paragraph is mapped only when it also carries
  clear evidence of a section (a State may thank the Presidency and then make a point).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lapdesk.core.text import fold

FORMAL, POLITE = "formal", "polite"

_FORMAL = [
    # English
    r"presents? (?:its|his|her|their) compliments",
    r"(?:has|have) the honou?r to",
    r"avails? (?:itself|himself|herself|themselves) of this opportunity",
    r"assurances? of (?:its|his|her|our|their|my) (?:highest|high|most distinguished)"
    r" consideration",
    r"highest consideration",
    r"^dear (?:ambassador|president|madam|sir|colleague|mr|ms|excellency)",
    r"^(?:yours (?:sincerely|faithfully|truly)|sincerely|best regards|kind regards)\b",
    r"please accept (?:the|our|my)",
    r"remains? at (?:your|the presidency's) (?:full )?disposal",
    r"(?:stands?|remains?) ready to (?:support|assist) the presidency",
    r"\bno (?:further |other |specific |particular )?(?:comments?|observations?|remarks?)\b",
    r"\bnothing (?:further |more )?to add\b",
    r"(?:has|have) no (?:further |other |specific )?comments?\b",
    # French
    r"presente ses compliments",
    r"a l'honneur de",
    r"saisit cette occasion",
    r"(?:haute|plus haute|tres haute) consideration",
    r"veuillez agreer",
    r"a la disposition de la presidence",
    r"\bpas d'(?:autres? )?(?:observations?|commentaires?)\b",
    # Spanish
    r"saluda (?:muy )?atentamente",
    r"tiene (?:el honor|a honra|el agrado)",
    r"aprovecha (?:la|esta) (?:ocasion|oportunidad)",
    r"hace propicia la (?:ocasion|oportunidad)",
    r"(?:alta|distinguida) consideracion",
    r"a (?:la )?disposicion de la presidencia",
    r"\bsin (?:mas |otros |otras )?(?:comentarios|observaciones)\b",
    r"\bno tiene (?:mas |otros |otras )?(?:comentarios|observaciones)\b",
    r"\bn'a pas (?:d'autres? |de )?(?:observations?|commentaires?)\b",
]

_POLITE = [
    r"\bthanks?\b",
    r"\bgrateful\b",
    r"\bwelcomes? the (?:opportunity|concept note|initiative|consultation)",
    r"\bcongratulat",
    r"\bappreciates?\b",
    r"\bis pleased to\b",
    r"opportunity to (?:comment|contribute|provide|share)",
    r"\bremercie",
    r"\bse felicite",
    r"\bsalue la demarche",
    r"\bgratitude",
    r"\bfelicite",
    r"\bexcuser",
    r"\bagradec",
    r"\bfelicita",
    r"\bse complace",
    r"\bgratitud",
]

_FORMAL_RE = [re.compile(p) for p in _FORMAL]
_POLITE_RE = [re.compile(p) for p in _POLITE]
# Most paragraphs hold no courtesy at all: one search of every cue at once tells them, before
# the cues are tried in order (which decides which words are quoted).
_ANY_RE = re.compile("|".join(f"(?:{p})" for p in (*_FORMAL, *_POLITE)))


@dataclass(frozen=True)
class Courtesy:
    strength: str  # FORMAL or POLITE
    cue: str  # the words found, for the reason shown to the user


def courtesy(text: str) -> Courtesy | None:
    """Whether a paragraph is a courtesy formula or cover note, and the words that say so."""
    folded = fold(" ".join(text.split())).replace("\u2019", "'")
    if _ANY_RE.search(folded) is None:
        return None
    for pattern in _FORMAL_RE:
        found = pattern.search(folded)
        if found:
            return Courtesy(FORMAL, found.group().strip())
    for pattern in _POLITE_RE:
        found = pattern.search(folded)
        if found:
            return Courtesy(POLITE, found.group().strip())
    return None
