"""The suggester's reasoning, on paragraphs and the framework alone (no store, no writes).

Two ways to place a paragraph, tried in this order:

1. **Structure**: a contribution that uses the concept note's headings has each paragraph under
   a heading placed in that heading's section ("heading 'Destruction des stocks'").
2. **Content**: prose that follows no heading is scored per section on the lexicon's terms
   (a strong term counts 2, another 1) and ranked by BM25 against the framework's texts;
   sections with enough evidence are suggested, several if the paragraph warrants
   ("terms: extension request, Article 4").

Either way a paragraph given to a section is also given to the section's questions whose
terms it uses (e.g. indicators and baselines).  Headings themselves, cover notes and courtesy
formulas are never suggested.
"""

from __future__ import annotations

from dataclasses import dataclass

from lapdesk.analysis.courtesy import FORMAL, courtesy
from lapdesk.analysis.headings import (
    HeadingMatch,
    HeadingMatcher,
    has_numbering,
    looks_like_heading,
    numbering_style,
    sentence_like,
    starts_with_bullet,
)
from lapdesk.analysis.lexicon import STRONG, Hit, Lexicon, Term, find_terms, tokens
from lapdesk.analysis.ranking import BM25

# A section is suggested from content when its lexicon score reaches this (one strong term or
# two others), and is at least this fraction of the best section's score.
MIN_SCORE = 2
MIN_RELATIVE = 0.5
HEADING_CONFIDENCE = 0.92
INLINE_CONFIDENCE = 0.88
MAX_REASON_TERMS = 4
# Thanks and welcome need more than one strong term to be placed ("As a signatory State,
# Indonesia appreciates the opportunity ..." is a courtesy, not a point on universalisation).
POLITE_MIN_SCORE = 2 * MIN_SCORE
# A single weak term is enough only when BM25 gives its section this share of the score, and
# only in a sentence (a title line such as "Joint submission by ..." is not placed on one word).
WEAK_MIN_SHARE = 0.5
WEAK_CONFIDENCE = 0.45


@dataclass(frozen=True)
class Suggestion:
    paragraph: int  # position in the list of paragraphs given
    node: str
    confidence: float
    reason: str


_LIST_ITEM = object()  # what _heading() returns for a short line that is content


@dataclass
class _Under:
    """The section heading the walk is under."""

    match: HeadingMatch
    level: int | None
    question: HeadingMatch | None = None  # a question's sub-heading ("Indicators")

    @property
    def heading(self) -> str:
        """The heading as the reason quotes it: "Victim Assistance › Indicators"."""
        if self.question is None:
            return self.match.heading
        return f"{self.match.heading} \u203a {self.question.heading}"

    @property
    def numbered(self) -> bool:
        return has_numbering(self.match.heading) or self.match.heading.isupper()


class Suggester:
    """Built once per framework and lexicon; :meth:`run` places a contribution's paragraphs."""

    def __init__(self, nodes: list[dict], lexicon: Lexicon):
        """:param nodes: framework rows (``key, kind, id, parent_id, title, title_fr, ...``)."""
        by_id = {n["id"]: n for n in nodes}
        self.sections = [n for n in nodes if n["kind"] == "section"]
        self.questions: dict[str, list[dict]] = {s["key"]: [] for s in self.sections}
        for n in nodes:
            if n["kind"] == "question":
                parent = by_id.get(n["parent_id"])
                while parent is not None and parent["kind"] != "section":
                    parent = by_id.get(parent["parent_id"])
                if parent is not None:
                    self.questions[parent["key"]].append(n)
        self.lexicon = lexicon
        self.section_terms: dict[str, list[Term]] = {
            s["key"]: lexicon.sections[s["key"]].terms if s["key"] in lexicon.sections else []
            for s in self.sections
        }
        self.question_terms = {
            q["key"]: lexicon.question_terms(q["key"], q["title"])
            for qs in self.questions.values() for q in qs
        }
        names: dict[str, list[str]] = {}
        for s in self.sections:
            names[s["key"]] = [s["title"], s["title_fr"], s["title_es"], s["short_title"],
                               *(lexicon.sections[s["key"]].headings
                                 if s["key"] in lexicon.sections else [])]
        for qs in self.questions.values():
            for q in qs:
                names[q["key"]] = [q["short_title"], q["title"]]
        self.matcher = HeadingMatcher(names)
        self.section_keys = [s["key"] for s in self.sections]
        self.ranking = BM25({
            s["key"]: " ".join([
                s["title"], s["title_fr"], s["title_es"], s["short_title"], s["description"],
                *(q["title"] for q in self.questions[s["key"]]),
                *(" ".join(t.words) for t in self.section_terms[s["key"]]),
            ]) for s in self.sections
        })

    # --- the walk -------------------------------------------------------------------------

    def run(self, paragraphs: list[dict]) -> list[Suggestion]:
        """Suggestions for a contribution's paragraphs (``text``, optional ``heading_level``)."""
        result: list[Suggestion] = []
        under: _Under | None = None
        for index, paragraph in enumerate(paragraphs):
            text = paragraph["text"]
            level = paragraph.get("heading_level")
            if not text.strip():
                continue
            if looks_like_heading(text, level) and not starts_with_bullet(text):
                after = self._heading(text, level, under)
                if after is not _LIST_ITEM:
                    under = after
                    continue
            cue = courtesy(text)
            if cue is not None and cue.strength == FORMAL:
                continue
            words = tokens(text)
            scores, hits = self._content(words)
            if cue is not None and max(scores.values(), default=0) < POLITE_MIN_SCORE:
                continue  # thanks or welcome, and not enough about any section
            inline = self.matcher.match_inline(text, keys=self.section_keys)
            if inline is not None:
                under = _Under(inline, level)
                result += self._placed(index, inline.key, text, words, INLINE_CONFIDENCE,
                                       heading=inline.heading)
            elif under is not None:
                confidence = HEADING_CONFIDENCE * (1.0 if under.match.score > 0.99 else 0.95)
                result += self._placed(index, under.match.key, text, words, confidence,
                                       heading=under.heading,
                                       question=under.question.key if under.question else None)
            else:
                result += self._from_content(index, text, words, scores, hits)
        return result

    def _heading(self, text: str, level: int | None, under: _Under | None):
        """The section the paragraphs after this heading belong to, or :data:`_LIST_ITEM`
        when the line is a list item to place like any paragraph."""
        section = self.matcher.match(text, keys=self.section_keys)
        if section is not None:
            return _Under(section, level)
        if under is not None:
            keys = [q["key"] for q in self.questions.get(under.match.key, [])]
            question = self.matcher.match(text, keys=keys)
            if question is not None:
                return _Under(under.match, under.level, question)
            if level is None and self._list_item(text, under):
                return _LIST_ITEM
            deeper = level is not None and under.level is not None and level > under.level
            plain = not (has_numbering(text) or text.isupper() or level)
            if deeper or (plain and under.numbered):
                return under  # a sub-heading, or a plain line under a numbered heading
        return None

    @staticmethod
    def _list_item(text: str, under: _Under) -> bool:
        """A short unpunctuated line inside a section that is an item, not the next heading:
        numbered otherwise than the section's heading ("1." under "b."), or a sentence."""
        style = numbering_style(text)
        if style is not None:
            return style != numbering_style(under.match.heading)
        return sentence_like(text)

    # --- placing a paragraph --------------------------------------------------------------

    def _placed(self, index: int, section: str, text: str, words, confidence: float, *,
                heading: str | None = None, question: str | None = None,
                hits: list[Hit] = ()) -> list[Suggestion]:
        """The paragraph in ``section``: in its questions whose terms it uses, else the section.

        The reason names the heading it sits under, if any, and the terms found.
        """
        if question is not None:
            chosen, question_hits = [question], []
        else:
            chosen, question_hits = self._questions(section, words)
        parts = [f"heading \u2018{heading}\u2019"] if heading else []
        if hits or question_hits:
            parts.append(f"terms: {_surface([*hits, *question_hits], text)}")
        reason = "; ".join(parts)
        return [Suggestion(index, key, round(confidence, 2), reason)
                for key in chosen or [section]]

    def _questions(self, section: str, words) -> tuple[list[str], list[Hit]]:
        scored = []
        for question in self.questions.get(section, []):
            hits = find_terms(words, self.question_terms[question["key"]])
            labels = {h.term.label for h in hits}
            if labels:
                scored.append((len(labels), question["key"], hits))
        if not scored:
            return [], []
        best = max(s[0] for s in scored)
        chosen = [s for s in scored if s[0] == best]
        return [s[1] for s in chosen], [h for s in chosen for h in s[2]]

    def _content(self, words) -> tuple[dict[str, int], dict[str, list[Hit]]]:
        scores, all_hits = {}, {}
        for key, terms in self.section_terms.items():
            hits = find_terms(words, terms)
            weights: dict[str, int] = {}
            for hit in hits:
                weights[hit.term.label] = max(weights.get(hit.term.label, 0), hit.term.weight)
            scores[key] = sum(weights.values())
            all_hits[key] = hits
        return scores, all_hits

    def _from_content(self, index: int, text: str, words, scores: dict[str, int],
                      hits: dict[str, list[Hit]]) -> list[Suggestion]:
        top = max(scores.values(), default=0)
        shares = self.ranking.shares(text)
        if top < MIN_SCORE:
            return self._weak(index, text, words, scores, hits, shares)
        result = []
        for key in self.section_keys:
            score = scores[key]
            if score < MIN_SCORE or score < MIN_RELATIVE * top:
                continue
            strong = any(h.term.weight == STRONG for h in hits[key])
            confidence = 0.35 + 0.08 * min(score, 5) + 0.2 * shares.get(key, 0.0)
            confidence = min(0.9, confidence if strong else confidence - 0.1)
            result += self._placed(index, key, text, words, confidence, hits=hits[key])
        return result

    def _weak(self, index: int, text: str, words, scores: dict[str, int],
              hits: dict[str, list[Hit]], shares: dict[str, float]) -> list[Suggestion]:
        """One weak term, in the one section BM25 clearly ranks first: a low-confidence hint."""
        candidates = [key for key, score in scores.items() if score]
        if len(candidates) != 1 or not text.rstrip().endswith((".", "!", "?", ";")):
            return []
        key = candidates[0]
        if shares.get(key, 0.0) < WEAK_MIN_SHARE or max(shares, key=shares.get) != key:
            return []
        return self._placed(index, key, text, words, WEAK_CONFIDENCE, hits=hits[key])


def _surface(hits: list[Hit], text: str) -> str:
    """The words found, as the contribution wrote them, in text order, without repeats.

    Strong terms are kept first; a hit inside a longer one already shown is left out.
    """
    shown: list[Hit] = []
    for hit in sorted(hits, key=lambda h: (-h.term.weight, h.start, -h.end)):
        words = text[hit.start:hit.end].casefold()
        if any(text[s.start:s.end].casefold() == words
               or (s.start <= hit.start and hit.end <= s.end) for s in shown):
            continue
        shown.append(hit)
        if len(shown) == MAX_REASON_TERMS:
            break
    return ", ".join(text[h.start:h.end] for h in sorted(shown, key=lambda h: h.start))
