"""Tracked changes and comments as a reader finds them in a Word or OpenDocument file.

Defined in the core, like :class:`~lapdesk.core.text.Paragraph`, so that extraction workers
can hand them over without importing the store.  While a file is read, a revision's offsets
are relative to its paragraph's text and a comment is anchored by :class:`Anchor` marks left
in the paragraphs where its span starts and ends; the store turns both into offsets of the
file's text (:mod:`lapdesk.store.marks`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

KINDS = ("insert", "delete", "move")


@dataclass
class Revision:
    """One tracked change inside a paragraph, the text being the one with changes accepted.

    An insertion or a move spans the inserted or moved text (a move is read once, at its
    destination); a deletion is the point where its text was, that text in ``text``.  A whole
    paragraph inserted, deleted or moved says so (``whole_paragraph``); a deleted paragraph
    has no text of its own, so its deletion sits at the start of the paragraph after it.
    """

    kind: str
    text: str
    author: str = ""
    date: str | None = None
    start: int = 0
    end: int = 0
    whole_paragraph: bool = False


@dataclass
class Anchor:
    """Where in its paragraph the span of comment ``key`` starts (or ends)."""

    key: str
    edge: str  # "start" or "end"
    offset: int


@dataclass
class Comment:
    """A comment and its replies; ``key`` pairs it with its :class:`Anchor` marks."""

    key: str
    author: str = ""
    date: str | None = None
    text: str = ""
    done: bool = False
    replies: list[Comment] = field(default_factory=list)
