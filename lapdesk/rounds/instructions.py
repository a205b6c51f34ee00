"""Proposed amendments written in prose, in English, French and Spanish.

"Action 12: replace 'should' with 'shall'", "insérer après « victimes » les mots « et leurs
familles »", "en el párrafo 5, suprimir «cuando proceda»": a reference names the node, the
quoted passages are the words taken out and put in, and the words outside the quotes say what
is done with them (``resources/patterns/amendments.toml``).  Verbs and references are looked
for only outside quoted text, so that a proposed wording is never read as an instruction.
Nothing here touches the store: :mod:`lapdesk.rounds.suggest_amendments` maps the result onto
a draft's nodes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lapdesk.rounds.patterns import patterns
from lapdesk.rounds.references import Reference, find_references

# Quoted text: guillemets, curly and straight double quotes, and single quotes that are not
# an apostrophe ("l'action").
_QUOTES = re.compile(
    r"«\s*(?P<a>[^»]+?)\s*»|“(?P<b>[^”]+)”|\"(?P<c>[^\"]+)\"|‘(?P<d>[^’]+)’"
    r"|(?<![\w])'(?P<e>[^']+?)'(?![\w])")
# An insertion's anchor follows its position word closely: "after 'victims'", "après les
# mots « victimes »", "después de «víctimas»".
_ANCHOR_GAP = re.compile(r"^\s*(?:the\s+words?|les\s+mots|le\s+mot|las?\s+palabras?|:)?\s*$",
                         re.IGNORECASE)


@dataclass(frozen=True)
class Quote:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Instruction:
    """What one instruction proposes; ``target`` None only for prose that names no node."""

    op: str
    target: Reference | None
    old: str = ""
    new: str = ""
    position: str = ""     # an insertion's place: before, after (``old`` its anchor), end
    start: int = 0         # the instruction's span in the text read
    end: int = 0


def quotes(text: str) -> list[Quote]:
    found = []
    for match in _QUOTES.finditer(text):
        inner = next(g for g in match.groups() if g is not None)
        found.append(Quote(match.start(), match.end(), inner.strip()))
    return found


def _masked(text: str, quoted: list[Quote]) -> str:
    out = list(text)
    for q in quoted:
        out[q.start:q.end] = " " * (q.end - q.start)
    return "".join(out)


def _strip_label(text: str) -> str:
    """A proposed new node quoted with its label ("Action 4 bis: Report ...") without it."""
    for pattern in patterns().labels:
        if pattern.family == "sub":
            continue
        match = pattern.regex.match(text)
        if match:
            return match["text"].strip()
    return text


def parse(text: str, *, base: int = 0, default: Reference | None = None) -> Instruction | None:
    """The instruction in one sentence or paragraph, or None when it names no node.

    :param default: the node meant when the text names none (a Word comment on a passage).
    """
    quoted = quotes(text)
    masked = _masked(text, quoted)
    refs = find_references(masked)
    if not refs and default is None:
        return None
    target = refs[0] if refs else default
    span = {"start": base, "end": base + len(text)}
    words = patterns().instruction
    if target.is_range:
        return Instruction("comment", target, **span)
    if words["new_node"].search(masked) and quoted:
        return Instruction("new_node_after", target, new=_strip_label(quoted[-1].text), **span)
    if words["redraft"].search(masked) and quoted:
        return Instruction("redraft", target, new=quoted[-1].text, **span)
    if words["replace"].search(masked):
        if len(quoted) >= 2:
            return Instruction("replace", target, old=quoted[0].text, new=quoted[1].text, **span)
        if quoted:
            return Instruction("redraft", target, new=quoted[-1].text, **span)
    if words["insert"].search(masked) and quoted:
        if words["end"].search(masked):
            return Instruction("insert", target, new=quoted[-1].text, position="end", **span)
        for position in ("after", "before"):
            for keyword in words[position].finditer(masked):
                anchor = next((q for q in quoted if q.start >= keyword.end()
                               and _ANCHOR_GAP.match(masked[keyword.end():q.start])), None)
                others = [q for q in quoted if q is not anchor]
                if anchor is not None and others:
                    return Instruction("insert", target, old=anchor.text, new=others[0].text,
                                       position=position, **span)
    if words["delete"].search(masked):
        if quoted:
            return Instruction("delete_text", target, old=quoted[0].text, **span)
        return Instruction("delete_node", target, **span)
    return Instruction("comment", target, **span)


_SENTENCE_END = re.compile(r"(?<=[.;!?])\s+(?=[A-ZÀ-ÖØ-Þ¿¡])")


def parse_paragraph(text: str, *, base: int = 0) -> list[Instruction]:
    """Each instruction of a paragraph: one per sentence naming a node (a sentence that names
    none continues the one before it, as "Action 12. Replace 'should' with 'shall'." does)."""
    quoted = quotes(text)
    masked = _masked(text, quoted)
    if len(find_references(masked)) <= 1:
        found = parse(text, base=base)
        return [found] if found else []
    results: list[Instruction] = []
    start = 0
    cuts = [m.start() for m in _SENTENCE_END.finditer(masked)] + [len(text)]
    pending = ""
    pending_start = 0
    for cut in cuts:
        sentence = text[start:cut]
        if not pending:
            lead = len(sentence) - len(sentence.lstrip())
            sentence, pending_start = sentence[lead:], start + lead
        pending = (pending + sentence) if pending else sentence
        found = parse(pending, base=base + pending_start)
        if found is not None and (found.op != "comment" or pending.strip()):
            results.append(found)
            pending = ""
        start = cut
    return results
