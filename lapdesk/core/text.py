"""How a contribution's text is laid out, so that every layer computes the same offsets.

A file's text is its paragraphs joined by one newline; a contribution's text is its files'
texts in order, each followed by a blank line.  Offsets everywhere (paragraphs, excerpts,
search hits, suggestions) are 0-based, end-exclusive indices of Python characters into the
contribution's text.  Qt counts UTF-16 units; converting is the UI's job (:func:`utf16_offset`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lapdesk.core.revisions import Anchor, Revision

PARAGRAPH_SEPARATOR = "\n"
FILE_SEPARATOR = "\n\n"


@dataclass
class Paragraph:
    """One paragraph as ingest hands it to the store, which computes its offsets.

    Defined here, not in the store, so that extraction workers need not import the store.
    """

    text: str
    page: int | None = None
    heading_level: int | None = None
    part: str = "body"
    # Tracked changes in this paragraph and the comment anchors in it (Word, OpenDocument),
    # offsets relative to ``text``; None for the many paragraphs without any.
    revisions: list[Revision] | None = None
    anchors: list[Anchor] | None = None


def layout(paragraphs: Iterable[str], base: int = 0) -> list[tuple[int, int]]:
    """The (start, end) of each paragraph of one file whose text starts at ``base``."""
    spans, offset = [], base
    for text in paragraphs:
        spans.append((offset, offset + len(text)))
        offset += len(text) + len(PARAGRAPH_SEPARATOR)
    return spans


def file_text_length(paragraphs: list[str]) -> int:
    if not paragraphs:
        return 0
    return sum(len(p) for p in paragraphs) + len(PARAGRAPH_SEPARATOR) * (len(paragraphs) - 1)


def next_file_start(text_start: int, paragraphs: list[str]) -> int:
    """Where the next file's text starts, after this file and its blank line."""
    return text_start + file_text_length(paragraphs) + len(FILE_SEPARATOR)


_LATIN_MARKS = re.compile("[\u0300-\u036f]")


def fold(text: str) -> str:
    """Case- and accent-insensitive form, for matching names and aliases."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    if decomposed.isascii():
        return decomposed
    # Latin accents are the usual case and one regex pass removes them; any other script's
    # combining marks are then removed one character at a time.
    stripped = _LATIN_MARKS.sub("", decomposed)
    if stripped.isascii():
        return stripped
    return "".join(c for c in stripped if not unicodedata.combining(c))


def utf16_offset(text: str, index: int) -> int:
    """The UTF-16 position (what Qt counts) of Python index ``index`` in ``text``."""
    return len(text[:index].encode("utf-16-le")) // 2


def python_offset(text: str, utf16_index: int) -> int:
    """The Python index of UTF-16 position ``utf16_index`` in ``text``."""
    encoded = text.encode("utf-16-le")[: utf16_index * 2]
    return len(encoded.decode("utf-16-le", errors="ignore"))
