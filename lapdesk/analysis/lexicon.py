"""The suggester's multilingual lexicon (``resources/analysis/lexicon.toml``) and term matching.

The lexicon is data the team may edit: which words, in English, French and Spanish, say that a
paragraph is about a section or a question.  Matching ignores case and accents, and each word
of a term matches a word that starts with it, which stands in for stemming in three languages
("victim" finds "victims" and "víctimas").  Words of three letters or fewer must match whole,
so "age" does not find "agency".
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from lapdesk.core.errors import LapdeskError
from lapdesk.core.paths import resource
from lapdesk.core.text import fold

DEFAULT_LEXICON = ("analysis", "lexicon.toml")
STRONG, WEAK = 2, 1
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Token:
    """A word of a text: its folded form and where it sits in the original."""

    folded: str
    start: int
    end: int


@dataclass(frozen=True)
class Term:
    label: str
    words: tuple[str, ...]
    weight: int = WEAK
    # The term as a pattern over a text's folded words joined by single spaces.
    pattern: re.Pattern | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Hit:
    term: Term
    start: int
    end: int


@dataclass
class SectionTerms:
    headings: list[str] = field(default_factory=list)
    terms: list[Term] = field(default_factory=list)


@dataclass
class Lexicon:
    sections: dict[str, SectionTerms]
    questions: dict[str, list[Term]]
    # (text a question's title contains, terms) for questions shared by several sections.
    patterns: list[tuple[str, list[Term]]]

    def question_terms(self, key: str, title: str) -> list[Term]:
        """The terms of one question: its own and those of every pattern its title matches."""
        terms = list(self.questions.get(key, []))
        folded_title = fold(title)
        for pattern, pattern_terms in self.patterns:
            if fold(pattern) in folded_title:
                terms.extend(pattern_terms)
        return terms


def tokens(text: str) -> list[Token]:
    return [Token(fold(m.group()), m.start(), m.end()) for m in _WORD.finditer(text)]


def make_term(label: str, weight: int = WEAK) -> Term:
    words = tuple(fold(m.group()) for m in _WORD.finditer(label))
    # Each word matches a whole word, or (four letters or more) the start of one.
    parts = [re.escape(w) + ("" if len(w) <= 3 else "[^ ]*") for w in words]
    pattern = re.compile(" " + " ".join(parts) + "(?= )") if words else None
    return Term(label, words, weight, pattern)


def find_terms(words: list[Token], terms: list[Term]) -> list[Hit]:
    """Every occurrence of every term in ``words``.

    The words are joined by single spaces (" w1 w2 ... wn ") and each term's pattern runs
    over that string, which is much quicker than comparing word by word in Python.
    """
    joined = " " + " ".join(w.folded for w in words) + " "
    starts, offset = {}, 0
    for index, word in enumerate(words):
        starts[offset] = index  # the space before word ``index`` sits at ``offset``
        offset += len(word.folded) + 1
    hits = []
    for term in terms:
        if term.pattern is None:
            continue
        for found in term.pattern.finditer(joined):
            first = starts[found.start()]
            last = first + len(term.words) - 1
            hits.append(Hit(term, words[first].start, words[last].end))
    return hits


def _terms(values: list, weight: int, where: str) -> list[Term]:
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise LapdeskError(f"The lexicon's {where} must be a list of words in quotes.")
    return [make_term(v, weight) for v in values if v.strip()]


def parse_lexicon(data: dict) -> Lexicon:
    sections = {
        key: SectionTerms(
            headings=[h for h in spec.get("headings", []) if h.strip()],
            terms=_terms(spec.get("strong", []), STRONG, f"section {key}")
            + _terms(spec.get("terms", []), WEAK, f"section {key}"),
        )
        for key, spec in data.get("sections", {}).items()
    }
    questions = {key: _terms(spec.get("terms", []), WEAK, f"question {key}")
                 for key, spec in data.get("questions", {}).items()}
    patterns = [(spec.get("title", ""), _terms(spec.get("terms", []), WEAK, f"pattern {name}"))
                for name, spec in data.get("question_patterns", {}).items() if spec.get("title")]
    return Lexicon(sections, questions, patterns)


@lru_cache(maxsize=4)
def _load_cached(path: str, mtime_ns: int, size: int) -> Lexicon:
    try:
        with open(path, "rb") as handle:
            return parse_lexicon(tomllib.load(handle))
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise LapdeskError(f"The lexicon {path} cannot be read: {error}.") from error


def load_lexicon(path: Path | None = None) -> Lexicon:
    """The lexicon at ``path`` (default: the one in ``resources/``), re-read when it changes."""
    path = Path(path) if path else resource(*DEFAULT_LEXICON)
    try:
        stat = path.stat()
    except OSError as error:
        raise LapdeskError(f"The lexicon {path} cannot be read: {error.strerror}.") from error
    return _load_cached(str(path), stat.st_mtime_ns, stat.st_size)
