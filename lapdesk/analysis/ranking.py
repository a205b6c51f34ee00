"""BM25 ranking of a paragraph against the framework's texts, in pure Python.

Each section is one document: its titles in the three languages, its description, its
questions and its lexicon.  A paragraph is the query.  BM25's inverse document frequency is
what makes this useful: a word every section shares ("actions", "indicators") weighs little,
a word only one section uses ("stockpile", "survivors") weighs much.  Words are folded and cut
to six letters, a crude stemmer that works alike in English, French and Spanish.
"""

from __future__ import annotations

import math
import re
from collections import Counter

from lapdesk.analysis.headings import STOPWORDS
from lapdesk.core.text import fold

K1, B = 1.2, 0.75
_STEM = 6
_STOPWORD_TEXT = """
what which how should be can could would will may must is are was were this that these those
with within into such other all any each more most not no do does have has had we us it they
states state parties party etats etat estados estado parties partes partie
que qui quoi comment doit devrait peut pourrait est sont ce cette ces avec dans pour par pas
ne se sa son ses leur leurs nous il elle ils elles
como debe deberia puede podria es son este esta estos estas con por para no se su sus nuestro
"""
_MORE_STOPWORDS = frozenset(_STOPWORD_TEXT.split())


def analyse(text: str) -> list[str]:
    words = re.findall(r"\w+", fold(text))
    return [w[:_STEM] for w in words
            if len(w) > 2 and w not in STOPWORDS and w not in _MORE_STOPWORDS
            and not w.isdigit()]


class BM25:
    """An index of a few documents (the sections), queried by paragraphs."""

    def __init__(self, documents: dict[str, str]):
        self._terms = {key: Counter(analyse(text)) for key, text in documents.items()}
        self._lengths = {key: sum(counts.values()) for key, counts in self._terms.items()}
        count = len(self._terms) or 1
        self._average = sum(self._lengths.values()) / count or 1.0
        frequency: Counter[str] = Counter()
        for counts in self._terms.values():
            frequency.update(counts.keys())
        self._idf = {term: math.log(1 + (count - n + 0.5) / (n + 0.5))
                     for term, n in frequency.items()}

    def scores(self, text: str) -> dict[str, float]:
        """Each document's BM25 score for ``text`` (0 for a document sharing no word)."""
        query = Counter(analyse(text))
        result = {}
        for key, counts in self._terms.items():
            norm = K1 * (1 - B + B * self._lengths[key] / self._average)
            score = 0.0
            for term in query:
                tf = counts.get(term, 0)
                if tf:
                    score += self._idf[term] * tf * (K1 + 1) / (tf + norm)
            result[key] = score
        return result

    def shares(self, text: str) -> dict[str, float]:
        """Each document's share of the total score: how clearly the text points to it."""
        scores = self.scores(text)
        total = sum(scores.values())
        return {key: (score / total if total else 0.0) for key, score in scores.items()}
