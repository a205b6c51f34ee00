"""Amendments read from prose: a reply's paragraphs and its Word comments.

Each instruction (:mod:`instructions`) is placed on the node its reference names
(:mod:`references`); a Word comment that names no node is about the node its passage is in.
The words an instruction quotes are looked for in the node's text to place the edit; words
not found there still make a suggestion, flagged, for a person to place.  A paragraph that
starts "Justification:" gives the reasons for the amendment before it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from lapdesk.core.text import fold
from lapdesk.rounds.instructions import Instruction, parse, parse_paragraph
from lapdesk.rounds.patterns import patterns
from lapdesk.rounds.proposals import Proposal
from lapdesk.rounds.references import Reference, resolve, targets_of

FOUND, NOT_FOUND = 0.9, 0.5
_HEADING_NUMBER = re.compile(r"^(?:[IVXLC]+|[A-H])\.\s+")
_SENTENCE = re.compile(r"(?<=[.;!?])\s+")


def _span(instruction: Instruction, text: str) -> tuple[tuple[int, int] | None, str]:
    """Where the instruction edits the node's text, or None with the reason."""
    if instruction.op not in ("replace", "delete_text", "insert"):
        return None, ""
    if instruction.op == "insert" and instruction.position == "end":
        return (len(text), len(text)), ""
    words = instruction.old
    at = text.find(words)
    if at < 0:
        at = text.casefold().find(words.casefold())
    if at < 0 or not words:
        return None, f"the words “{words}” are not in its text"
    if instruction.op == "insert":
        point = at + len(words) if instruction.position == "after" else at
        return (point, point), ""
    return (at, at + len(words)), ""


def _proposal(instruction: Instruction, node: dict, *, source: dict, kind: str,
              justification: str, comment_text: str = "") -> Proposal:
    span, problem = _span(instruction, node["text"])
    old = "" if instruction.op == "insert" else instruction.old
    if instruction.op == "delete_node":
        old = node["text"]
    if instruction.op == "comment":
        justification = justification or comment_text
    return Proposal(node["key"], instruction.op, old=old, new=instruction.new, span=span,
                    source_kind=kind, confidence=NOT_FOUND if problem else FOUND,
                    reason=problem or f"{kind.replace('_', ' ')}: {instruction.target}",
                    justification=justification, **source)


def prose_proposals(paragraphs: Sequence[dict], nodes: Sequence[dict]) -> list[Proposal]:
    """:param paragraphs: the reply's paragraphs without tracked changes.
    :param nodes: the draft's nodes (``id``, ``key``, ``label``, ``number``, ``parent_id``,
        ``text``, ``kind``)."""
    targets = targets_of(nodes)
    by_key = {n["key"]: n for n in nodes}
    reasons = patterns().instruction["justification"]
    found: list[Proposal] = []
    for index, p in enumerate(paragraphs):
        if reasons.match(p["text"]):
            continue
        following = paragraphs[index + 1]["text"] if index + 1 < len(paragraphs) else ""
        justification = reasons.sub("", following, count=1).strip() \
            if reasons.match(following) else ""
        text = p["text"]
        inside = next((m.end() for m in _SENTENCE.finditer(text)
                       if reasons.match(text[m.end():])), None)
        if inside is not None:  # "... with 'shall'. Justification: ..." in one paragraph
            justification = reasons.sub("", text[inside:], count=1).strip()
            text = text[:inside]
        source = {"start": p["start"], "end": p["end"], "file_id": p["file_id"]}
        for instruction in parse_paragraph(text, base=p["start"]):
            keys = resolve(instruction.target, targets)
            for key in keys if instruction.op == "comment" else keys[:1]:
                found.append(_proposal(instruction, by_key[key], source=source,
                                       kind="instruction", justification=justification,
                                       comment_text=p["text"]))
    return found


def comment_proposals(comments: Sequence[dict], paragraphs: Sequence[dict],
                      anchored: dict[int, str], nodes: Sequence[dict]) -> list[Proposal]:
    """Word comments as amendments: a comment's own reference, else its passage's node.

    :param anchored: paragraph index -> the key of the node that paragraph copies.
    """
    targets = targets_of(nodes)
    by_key = {n["key"]: n for n in nodes}
    refs = {t.key: t.reference for t in targets}
    headings = {fold(n["title"]): n["key"] for n in nodes if n["kind"] == "section"}
    found: list[Proposal] = []
    for comment in comments:
        paragraph = next((p for p in paragraphs if p["start"] <= comment["start"] <= p["end"]),
                         None)
        home = anchored.get(paragraph["index"]) if paragraph else None
        if home is None and paragraph is not None:  # a comment on a heading: its section's
            home = headings.get(fold(_HEADING_NUMBER.sub("", paragraph["text"]).strip()))
        default: Reference | None = refs.get(home) if home else None
        instruction = parse(comment["text"], default=default)
        if instruction is None:
            continue
        keys = resolve(instruction.target, targets) or ([home] if home else [])
        if not keys:
            continue
        span = ((comment["start"], comment["end"]) if comment["end"] > comment["start"]
                else ((paragraph["start"], paragraph["end"]) if paragraph else (None, None)))
        source = {"start": span[0], "end": span[1], "file_id": comment["file_id"]}
        found.append(_proposal(instruction, by_key[keys[0]], source=source, kind="comment",
                               justification="", comment_text=comment["text"]))
    return found
