"""Word's tracked changes written by LAPDesk: a word-level diff as ``w:ins`` and ``w:del``.

Each changed paragraph is the diff of its previous and its new text, on word, space and
punctuation tokens (``difflib``), written as runs inside ``w:ins`` and ``w:del`` (deleted text
in ``w:delText``), all by one author with one date, each with its own ``w:id``.  A paragraph
added or removed whole also marks its paragraph mark (``w:pPr/w:rPr/w:ins|w:del``), so that
"Accept all" leaves no empty line behind and "Reject all" gives the previous text exactly.
Every run carries the paragraph's run formatting, so inserted and deleted text look like the
text around them.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator

from docx.oxml.ns import qn
from lxml.etree import SubElement

from lapdesk.rounds.word_diff import segments

XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


class Redliner:
    """Writes tracked changes into paragraphs: one author, one date, unique ids."""

    def __init__(self, *, author: str, date: str, first_id: int = 1000):
        self.author, self.date = author, date
        self._ids: Iterator[int] = iter(range(first_id, first_id + 10_000_000))
        self.count = 0

    def _mark(self, parent, tag: str):
        element = SubElement(parent, qn(tag))
        element.set(qn("w:id"), str(next(self._ids)))
        element.set(qn("w:author"), self.author)
        element.set(qn("w:date"), self.date)
        return element

    def _run(self, parent, text: str, rpr, *, deleted: bool) -> None:
        run = SubElement(parent, qn("w:r"))
        if rpr is not None:
            run.append(copy.deepcopy(rpr))
        t = SubElement(run, qn("w:delText" if deleted else "w:t"))
        t.text = text
        t.set(XML_SPACE, "preserve")

    def write(self, p, old: str | None, new: str | None, rpr=None) -> None:
        """Fill paragraph ``p`` (a ``w:p`` with its ``w:pPr``): ``old`` None for a paragraph
        added, ``new`` None for one removed."""
        if old is None or new is None:
            ppr = p.find(qn("w:pPr"))
            if ppr is None:
                ppr = SubElement(p, qn("w:pPr"))
                p.insert(0, ppr)
            mark_rpr = ppr.find(qn("w:rPr"))
            if mark_rpr is None:
                mark_rpr = SubElement(ppr, qn("w:rPr"))
            self._mark(mark_rpr, "w:ins" if old is None else "w:del")
            pieces = [("insert", new)] if old is None else [("delete", old)]
        else:
            pieces = segments(old, new)
        for kind, text in pieces:
            if kind == "equal":
                self._run(p, text, rpr, deleted=False)
            elif kind == "insert":
                self._run(self._mark(p, "w:ins"), text, rpr, deleted=False)
                self.count += 1
            else:
                self._run(self._mark(p, "w:del"), text, rpr, deleted=True)
                self.count += 1
