"""Punctuation as each language of the paper prints it.

French (UN French usage, as the Imprimerie nationale's): a narrow no-break space (U+202F)
before ``;``, ``!`` and ``?``, a no-break space (U+00A0) before ``:`` and inside guillemets
``« … »``; English and Spanish quotes take curly double quotes. Word never breaks a line at a
no-break space, so "Original :" never leaves its colon alone at the start of a line.
"""

from __future__ import annotations

import re

NBSP = "\u00a0"          # before ":" and inside « »
NNBSP = "\u202f"         # before ";", "!" and "?"

# A space (or none) before the mark, not inside a URL, a time (10:30) or a ratio.
_BEFORE_THIN = re.compile(r"(?<=\S)[ \u00a0\u202f]?([;!?])(?=\s|$|[»)\]”\"'])")
_BEFORE_COLON = re.compile(r"(?<=\S)[ \u00a0\u202f]?:(?=\s|$)")
_OPEN_GUILLEMET = re.compile(r"«[ \u00a0\u202f]*")
_CLOSE_GUILLEMET = re.compile(r"[ \u00a0\u202f]*»")
_STRAIGHT_QUOTES = re.compile(r'"([^"\n]+)"')

QUOTES = {"fr": ("«" + NBSP, NBSP + "»"), "en": ("\u201c", "\u201d"), "es": ("\u201c", "\u201d")}


def french(text: str) -> str:
    """``text`` with French spacing around ``; : ! ?`` and « »; other text unchanged."""
    if not text:
        return text
    text = _STRAIGHT_QUOTES.sub(lambda m: f"«{m[1]}»", text)
    text = _BEFORE_THIN.sub(lambda m: NNBSP + m[1], text)
    text = _BEFORE_COLON.sub(NBSP + ":", text)
    text = _OPEN_GUILLEMET.sub("«" + NBSP, text)
    return _CLOSE_GUILLEMET.sub(NBSP + "»", text)


def typeset(text: str, lang: str | None) -> str:
    """``text`` as the paper prints it in ``lang`` (French rules for French, else as is)."""
    return french(text) if lang == "fr" else text


def quote_marks(lang: str | None) -> tuple[str, str]:
    """The opening and closing quotation marks for a quote in ``lang``."""
    return QUOTES.get(lang or "en", QUOTES["en"])
