"""Word's tracked changes and comments: the text as its author sees it with every change
accepted, each passage once, and who changed what, when.

Inserted text (``w:ins``) is kept, deleted text (``w:del``/``w:delText``) is left out but
recorded where it stood, text moved away (``w:moveFrom``) is left out and read once where it
was moved to (``w:moveTo``).  A paragraph whose mark is itself inserted, deleted or moved
(``w:pPr/w:rPr/w:ins|w:del|w:moveTo``) is a whole paragraph changed.  Comments come from
``comments.xml``, their replies and "done" flags from ``commentsExtended.xml``, and the span
each is about from ``w:commentRangeStart``/``w:commentRangeEnd`` in the text.
"""

from __future__ import annotations

from lxml import etree

from lapdesk.core.revisions import Anchor, Comment, Revision

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
W15 = "http://schemas.microsoft.com/office/word/2012/wordml"


def q(tag: str) -> str:
    return f"{{{W}}}{tag}"


T, TAB, BR, CR, NB_HYPHEN = q("t"), q("tab"), q("br"), q("cr"), q("noBreakHyphen")
DEL_TEXT, INS, DEL, MOVE_FROM, MOVE_TO = q("delText"), q("ins"), q("del"), q("moveFrom"), \
    q("moveTo")
RANGE_START, RANGE_END, REFERENCE = q("commentRangeStart"), q("commentRangeEnd"), \
    q("commentReference")
P_PR, R_PR, P = q("pPr"), q("rPr"), q("p")
_MARKS = (INS, DEL, MOVE_FROM, MOVE_TO, RANGE_START, REFERENCE)
_KIND = {INS: "insert", MOVE_TO: "move", DEL: "delete", MOVE_FROM: "moved away"}


def has_marks(root: etree._Element) -> bool:
    """Whether a part holds any tracked change or comment (one pass over its tree)."""
    return next(root.iter(*_MARKS), None) is not None


class _Reader:
    """Walks one paragraph, writing its accepted text and noting revisions and anchors."""

    def __init__(self):
        self.out: list[str] = []
        self.length = 0
        self.revisions: list[Revision] = []
        self.anchors: list[Anchor] = []
        self.referenced: list[tuple[str, int]] = []

    def walk(self, element: etree._Element, context: tuple | None) -> None:
        for child in element:
            tag = child.tag
            if tag == T:
                self._text(child.text or "", context)
            elif tag in (TAB, BR, CR):
                self._text(" ", context)
            elif tag == NB_HYPHEN:
                self._text("-", context)
            elif tag == DEL_TEXT:
                if context is not None and context[0] == "delete":
                    self._deleted(child.text or "", context)
            elif tag in _KIND:
                if context is not None and context[0] in ("delete", "moved away"):
                    self.walk(child, context)  # a change inside a deletion is deleted too
                else:
                    self.walk(child, (_KIND[tag], child.get(q("author")) or "",
                                      child.get(q("date")) or None))
            elif tag == RANGE_START:
                self.anchors.append(Anchor(child.get(q("id")) or "", "start", self.length))
            elif tag == RANGE_END:
                self.anchors.append(Anchor(child.get(q("id")) or "", "end", self.length))
            elif tag == REFERENCE:
                self.referenced.append((child.get(q("id")) or "", self.length))
            elif tag in (P_PR, R_PR) or not isinstance(tag, str):
                continue
            else:
                self.walk(child, context)

    def _text(self, text: str, context: tuple | None) -> None:
        if not text:
            return
        if context is not None and context[0] in ("delete", "moved away"):
            if context[0] == "delete":
                self._deleted(text, context)
            return
        start = self.length
        self.out.append(text)
        self.length += len(text)
        if context is None:
            return
        kind, author, date = context
        last = self.revisions[-1] if self.revisions else None
        if (last is not None and (last.kind, last.author, last.date) == (kind, author, date)
                and last.end == start):
            last.text += text
            last.end = self.length
        else:
            self.revisions.append(Revision(kind, text, author, date, start, self.length))

    def _deleted(self, text: str, context: tuple) -> None:
        _, author, date = context
        last = self.revisions[-1] if self.revisions else None
        if (last is not None and (last.kind, last.author, last.date) == ("delete", author, date)
                and last.start == self.length):
            last.text += text
        else:
            self.revisions.append(Revision("delete", text, author, date, self.length,
                                           self.length))


def read_paragraph(p: etree._Element) -> tuple[str, list[Revision], list[Anchor]]:
    """A paragraph's accepted text, its revisions and its comment anchors."""
    reader = _Reader()
    reader.walk(p, None)
    text = "".join(reader.out)
    started = {anchor.key for anchor in reader.anchors if anchor.edge == "start"}
    for key, offset in reader.referenced:  # a comment on a point: no range, only its mark
        if key not in started:
            reader.anchors += [Anchor(key, "start", offset), Anchor(key, "end", offset)]
    _whole_paragraph(p, text, reader.revisions)
    return text, reader.revisions, reader.anchors


def _whole_paragraph(p: etree._Element, text: str, revisions: list[Revision]) -> None:
    """Mark the revision that is the whole paragraph, when its paragraph mark changed too."""
    mark = p.find(f"{P_PR}/{R_PR}")
    if mark is None:
        return
    changed = {_KIND[child.tag] for child in mark if child.tag in _KIND}
    if not changed:
        return
    if not text.strip():
        for revision in revisions:
            if revision.kind == "delete" and "delete" in changed:
                revision.whole_paragraph = True
        return
    if (len(revisions) == 1 and revisions[0].kind in changed
            and revisions[0].start == 0 and revisions[0].end == len(text)):
        revisions[0].whole_paragraph = True


def comments(part: etree._Element | None, extended: etree._Element | None) -> list[Comment]:
    """The comments of ``comments.xml`` with their replies nested (``commentsExtended.xml``)."""
    if part is None:
        return []
    found: list[Comment] = []
    last_paragraph: dict[str, Comment] = {}
    for element in part.iterchildren(q("comment")):
        paragraphs = list(element.iter(P))
        text = "\n".join("".join(t.text or "" for t in paragraph.iter(T))
                         for paragraph in paragraphs).strip()
        comment = Comment(key=element.get(q("id")) or "", author=element.get(q("author")) or "",
                          date=element.get(q("date")) or None, text=text)
        found.append(comment)
        para_id = paragraphs[-1].get(f"{{{W14}}}paraId") if paragraphs else None
        if para_id:
            last_paragraph[para_id] = comment
    if extended is None:
        return found
    replies: set[int] = set()
    for entry in extended.iter(f"{{{W15}}}commentEx"):
        comment = last_paragraph.get(entry.get(f"{{{W15}}}paraId") or "")
        if comment is None:
            continue
        comment.done = entry.get(f"{{{W15}}}done") in ("1", "true")
        parent = last_paragraph.get(entry.get(f"{{{W15}}}paraIdParent") or "-")
        if parent is not None and parent is not comment:
            parent.replies.append(comment)
            replies.add(id(comment))
    return [comment for comment in found if id(comment) not in replies]
