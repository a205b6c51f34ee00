"""Which language a contribution is written in: English, French, Spanish, or another UN language.

Contributions come in the Convention's working languages, so telling English, French and
Spanish apart by their most frequent short words is enough and needs no model: each language's
stopwords are counted over the first few thousand characters, and the winner must lead clearly.
Arabic, Russian and Chinese are recognised by their script; Portuguese and German by their
words too, and Italian gives no answer rather than French.  Too little
text gives ``None`` rather than a guess.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from lapdesk.core.text import Paragraph, fold

SAMPLE_CHARS = 5_000
MIN_WORDS = 3          # fewer words than this: no opinion

# Frequent words that are (mostly) proper to one language, folded (accents removed).  Words the
# three share ("a", "de", "la", "en", "que", "ce") are left out or kept where they lean one way.
_STOPWORDS = {
    "en": "the of and to in is that for with as by be are this it from at its which have has we"
          " our not or their will should would these been was were also all can such into more"
          " other may they there than through between within including ensure presidency cluster",
    "fr": "le les des du et est une pour dans qui sur au aux par pas plus ne ce cette ces sont"
          " avec nous notre leur leurs ou il elle ont etre l d qu n mise oeuvre egalement ainsi"
          " afin ses sa aupres sous presidence compliments armes",
    "es": "el los las del y una para por con al su sus lo como mas pero esta este estos estas"
          " nuestro nuestra ha han sobre tambien muy sin estados partes accion asi ante saluda"
          " atentamente presidencia municiones racimo convencion",
    # Neighbours, so that a Portuguese, Italian or German text is not taken for one of the three.
    "pt": "os das dos com pelo pela ao aos em uma nao sao seu seus sua suas tambem governo",
    "it": "della delle dei degli che gli nel nella alla alle anche sono questo questa essere"
          " italia",
    "de": "der die das und ist nicht mit von zu den dem ein eine sich auf fur wird werden auch",
}
STOPWORDS = {code: frozenset(words.split()) for code, words in _STOPWORDS.items()}
# The codes the desk offers; Italian only keeps a text from being taken for French.
NAMED = ("en", "fr", "es", "pt", "de")
# Letters one of the three uses and the others hardly do: half a stopword each, which settles
# short texts such as a one-line covering note.
LETTERS = {"fr": "àèêëîïôûùçœ", "es": "ñ¿¡áíóú", "pt": "ãõ", "de": "äöüß"}
# Other UN languages, by script, with how many of its characters settle it on their own.
SCRIPTS = (
    ("ar", re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]"), 8),
    ("ru", re.compile(r"[\u0400-\u04ff]"), 8),
    ("zh", re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"), 4),
)
# Each stopword with the languages that use it, so a word is looked up once, not per language.
_LANGUAGES_OF: dict[str, tuple[str, ...]] = {}
for _code, _words in STOPWORDS.items():
    for _word in _words:
        _LANGUAGES_OF[_word] = (*_LANGUAGES_OF.get(_word, ()), _code)
_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_OTHER_SCRIPT = re.compile("|".join(script.pattern for _, script, _ in SCRIPTS))


def language_sample(paragraphs: Iterable[Paragraph]) -> str:
    """The first :data:`SAMPLE_CHARS` characters of some paragraphs, joined: what
    :func:`detect_language` reads (a long file's text need not be joined whole)."""
    sample: list[str] = []
    length = 0
    for paragraph in paragraphs:
        if length > SAMPLE_CHARS:
            break
        sample.append(paragraph.text)
        length += len(paragraph.text) + 1
    return "\n".join(sample)


def detect_language(text: str) -> str | None:
    """``en``, ``fr``, ``es``, ``ar``, ``ru``, ``zh`` (or ``pt``, ``de``); ``None`` when the
    text says too little or is in another language.

    :param text: any amount of text; only the first :data:`SAMPLE_CHARS` characters are read.
    """
    sample = text[:SAMPLE_CHARS]
    if _OTHER_SCRIPT.search(sample):  # most texts have none: no need to count letters
        latin = len(_LATIN.findall(sample))
        for code, script, enough in SCRIPTS:
            count = len(script.findall(sample))
            if count >= enough and count > latin:
                return code
    words = _WORD.findall(fold(sample).replace("\u2019", "'"))
    if len(words) < MIN_WORDS:
        return None
    lowered = sample.lower()
    scores = {code: 0.5 * sum(lowered.count(c) for c in LETTERS.get(code, ""))
              for code in STOPWORDS}
    for word, times in Counter(words).items():
        pieces = [word, *word.split("'")] if "'" in word else [word]
        for code in {code for piece in pieces for code in _LANGUAGES_OF.get(piece, ())}:
            scores[code] += times
    ranked = sorted(scores.items(), key=lambda item: -item[1])
    (best, top), (_, second) = ranked[0], ranked[1]
    if top < max(1.5, len(words) / 10) or top <= second * 1.2 or best not in NAMED:
        return None
    return best


def dominant_language(files: Iterable[tuple[str | None, int]]) -> str | None:
    """The language of several files, each ``(its language, its characters of text)``: the one
    most of their text is written in (the first of equals), without reading them again.
    ``None`` when no file's language is known."""
    chars: dict[str, int] = {}
    for language, count in files:
        if language is not None:
            chars[language] = chars.get(language, 0) + count
    return max(chars, key=chars.__getitem__) if chars else None
