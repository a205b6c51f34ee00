"""A Presidency's draft (.docx) read into its headings and numbered paragraphs.

The Word file is read by the import's own reader (tracked changes accepted, Word's automatic
numbers rendered as text, headings by style or outline level), so a draft reads as the team
sees it in Word.  Then each paragraph is a heading (a section), a numbered paragraph or action
with the label and number the draft writes ("Action 12", "PP3", "12 bis"; patterns in
``resources/patterns/amendments.toml``), a subparagraph of the one before it ("(b)"), or an
unnumbered paragraph of its section (a chapeau).  What comes before the first heading or
numbered paragraph is the masthead: its symbol and title describe the round.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from lapdesk.core.errors import LapdeskError
from lapdesk.ingest.formats import extract
from lapdesk.rounds.patterns import patterns

_SUBMITTED = re.compile(r"^(?:submitted\s+by|présenté\s+par|presentado\s+por)\b", re.IGNORECASE)
_HEADING_NUMBER = re.compile(r"^(?P<number>[IVXLC]+|[A-H])\.\s+(?P<title>\S.*)$")


@dataclass
class DraftNode:
    """One node as the draft writes it; ``parent`` is the index of its parent in the list."""

    kind: str                  # "section" or "paragraph"
    number: str
    label: str
    text: str                  # a paragraph's text without its label; a heading's title
    family: str = ""           # action, pp, op, para, sub ("" for sections and chapeaux)
    parent: int | None = None
    level: int = 1             # a heading's level

    @property
    def title(self) -> str:
        return self.text if self.kind == "section" else (self.label or _first_words(self.text))


@dataclass
class Draft:
    title: str
    symbol: str
    revision: int
    nodes: list[DraftNode] = field(default_factory=list)


def _first_words(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def read_draft_file(path: Path) -> tuple[Draft, bytes]:
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise LapdeskError(f"The draft {path} cannot be read: {error.strerror or error}.") \
            from error
    return read_draft(data, Path(path).name), data


def read_draft(data: bytes, name: str) -> Draft:
    """The draft's nodes in order, parents before children.

    :raises LapdeskError: the file is not a readable Word document, or has no numbered
        paragraph or heading to make nodes of.
    """
    extracted = extract(data, name)
    if extracted.status != "ok":
        raise LapdeskError(f"The draft {name} cannot be read: {extracted.message}")
    body = [p for p in extracted.paragraphs if p.part in ("body", "table") and p.text.strip()]
    rules = patterns()
    nodes: list[DraftNode] = []
    front: list[str] = []
    section: int | None = None
    numbered: int | None = None
    levels: dict[int, int] = {}
    # The masthead runs to its "Submitted by ..." line when it has one.
    submitted = next((i for i, p in enumerate(body) if _SUBMITTED.match(p.text.strip())), -1)
    front += [" ".join(p.text.split()) for p in body[:submitted + 1]]
    for paragraph in body[submitted + 1:]:
        text = " ".join(paragraph.text.split())
        heading = paragraph.heading_level or (1 if rules.heading.match(text) and
                                              not _labelled(text) else None)
        if heading:
            match = _HEADING_NUMBER.match(text)
            parent = next((levels[lvl] for lvl in sorted(levels, reverse=True)
                           if lvl < heading), None)
            nodes.append(DraftNode("section", match["number"] if match else "", "",
                                   match["title"] if match else text, parent=parent,
                                   level=heading))
            section = len(nodes) - 1
            levels = {lvl: i for lvl, i in levels.items() if lvl < heading} | {heading: section}
            numbered = None
            continue
        labelled = _labelled(text)
        if labelled is None:
            if not nodes:
                front.append(text)
            else:
                nodes.append(DraftNode("paragraph", "", "", text, parent=section))
            continue
        family, label, number, rest = labelled
        if family == "sub":
            owner = numbered if numbered is not None else section
            owner_label = nodes[owner].label if owner is not None else ""
            nodes.append(DraftNode("paragraph", f"({number})",
                                   f"{owner_label} ({number})".strip(), rest, family,
                                   parent=owner))
            continue
        nodes.append(DraftNode("paragraph", number, label, rest, family, parent=section))
        numbered = len(nodes) - 1
    if not any(n.kind == "paragraph" for n in nodes):
        raise LapdeskError(f"The draft {name} has no numbered paragraph or action that LAPDesk "
                           "can read as a node.")
    symbol, revision = _symbol(front)
    return Draft(title=_title(front, extracted.meta.get("title", ""), name), symbol=symbol,
                 revision=revision, nodes=nodes)


def _labelled(text: str) -> tuple[str, str, str, str] | None:
    for pattern in patterns().labels:
        match = pattern.regex.match(text)
        if match:
            return (pattern.family, " ".join(match["label"].split()),
                    " ".join(match["number"].split()), match["text"].strip())
    return None


def labelled_text(text: str) -> tuple[str, str]:
    """A paragraph's label ("Action 12") and its text without it ("" and the text if none)."""
    found = _labelled(" ".join(text.split()))
    if found is None or found[0] == "sub":
        return "", text.strip()
    return found[1], found[3]


def _symbol(front: list[str]) -> tuple[str, int]:
    rules = patterns()
    for line in front:
        for piece in line.split():
            match = rules.symbol.match(piece)
            if match:
                symbol = match["symbol"]
                revision = rules.revision.search(symbol)
                return symbol, int(revision["n"]) if revision else 0
    return "", 0


def _title(front: list[str], meta_title: str, name: str) -> str:
    for index, line in enumerate(front):
        if _SUBMITTED.match(line) and index > 0:
            return front[index - 1]
    return meta_title or Path(name).stem
