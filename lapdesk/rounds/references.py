"""References to a draft's nodes in running text: "Action 12", "para. 5 (b)", "OP3",
"l'action 12", "la acción 12", "actions 3 to 5".

A reference is canonical (``family``, ``number``, ``sub``, ``to``) whatever the language, so
that it can be compared with the node a draft labels "Action 12" (:func:`node_reference`) and
with a labelled set.  Resolving one to a node prefers the same family and falls back on the
number alone when the draft numbers its paragraphs in one series ("operative paragraph 3" of a
draft whose paragraphs are just "3.").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from lapdesk.rounds.patterns import patterns


@dataclass(frozen=True)
class Reference:
    family: str          # action, pp, op, para, section
    number: str          # "12", "12 bis", "4.1"
    sub: str = ""        # a subparagraph's letter
    to: str = ""         # the end of a range
    start: int = 0       # where it stands in the text read
    end: int = 0

    def __str__(self) -> str:
        text = f"{self.family} {self.number}"
        if self.sub:
            text += f" ({self.sub})"
        if self.to:
            text += f"-{self.to}"
        return text

    @property
    def is_range(self) -> bool:
        return bool(self.to)


def _norm_number(number: str) -> str:
    return " ".join(number.lower().split())


def find_references(text: str) -> list[Reference]:
    """Every reference in ``text``, in order; where two patterns overlap the earlier wins."""
    found: list[Reference] = []
    taken: list[tuple[int, int]] = []
    for pattern in patterns().references:
        for match in pattern.regex.finditer(text):
            span = match.span()
            if any(span[0] < end and start < span[1] for start, end in taken):
                continue
            groups = match.groupdict()
            number = next((groups[g] for g in sorted(groups) if g.startswith("number")
                           and groups[g]), None)
            if not number:
                continue
            to = groups.get("to") or ""
            if pattern.family == "section":
                number = number.upper()
            found.append(Reference(pattern.family, _norm_number(number) if pattern.family !=
                                   "section" else number,
                                   (groups.get("sub") or "").lower(),
                                   to if to and int(to) > int(number.split()[0].split(".")[0])
                                   else "", *span))
            taken.append(span)
    return sorted(found, key=lambda r: r.start)


def node_reference(label: str, number: str, parent: Reference | None = None) -> Reference | None:
    """The reference a node's label answers to: "Action 12" -> action 12, "PP3" -> pp 3,
    "12 bis" -> para 12 bis, "(b)" under paragraph 5 -> para 5 (b)."""
    sub = re.fullmatch(r"\(([a-z]|[ivx]+)\)", number.strip().lower())
    if sub:
        return Reference(parent.family, parent.number, sub.group(1)) if parent else None
    for pattern in patterns().labels:
        match = pattern.regex.match(f"{label}. x")
        if match is not None and pattern.family != "sub":
            return Reference(pattern.family, _norm_number(match["number"]))
    return None


@dataclass(frozen=True)
class Target:
    """A node a reference can point at."""

    key: str
    reference: Reference


def resolve(reference: Reference, targets: Sequence[Target]) -> list[str]:
    """The keys of the nodes ``reference`` names (several for a range), best match first."""
    numbers = _range(reference)
    exact = [t.key for n in numbers for t in targets
             if (t.reference.family, t.reference.number, t.reference.sub)
             == (reference.family, n, reference.sub)]
    if exact:
        return exact
    loose = [t for n in numbers for t in targets
             if (t.reference.number, t.reference.sub) == (n, reference.sub)]
    if reference.family in ("op", "para"):  # an operative paragraph is a paragraph
        loose = [t for t in loose if t.reference.family in ("op", "para")] or loose
    families = {t.reference.family for t in loose}
    return [t.key for t in loose] if len(families) == 1 else []


def _range(reference: Reference) -> list[str]:
    if not reference.to:
        return [reference.number]
    first = re.match(r"\d+", reference.number)
    if first is None:
        return [reference.number]
    return [str(n) for n in range(int(first.group()), int(reference.to) + 1)]


def targets_of(nodes: Iterable[dict]) -> list[Target]:
    """The draft's nodes (``key``, ``label``, ``number``, ``parent_id``, ``id``) as targets."""
    rows = list(nodes)
    by_id = {row["id"]: row for row in rows}
    refs: dict[int, Reference | None] = {}
    for row in rows:  # parents come before children
        parent = refs.get(row.get("parent_id")) if row.get("parent_id") in by_id else None
        own = row.get("number") or ""
        if row.get("kind") == "section":  # "section II": a heading numbered as the draft does
            refs[row["id"]] = Reference("section", own.upper()) if own else None
            continue
        refs[row["id"]] = node_reference(row.get("label") or own, own, parent) \
            if (row.get("label") or own) else None
    return [Target(row["key"], refs[row["id"]]) for row in rows if refs[row["id"]]]
