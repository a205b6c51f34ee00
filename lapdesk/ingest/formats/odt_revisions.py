"""OpenDocument's tracked changes and comments, as LibreOffice writes them.

The changes live apart, in ``text:tracked-changes``: each ``text:changed-region`` says who
inserted or deleted what and when, and holds the deleted text.  In the body an insertion is
the text between ``text:change-start`` and ``text:change-end`` (it may run over paragraph
breaks), a deletion is a ``text:change`` point.  LibreOffice saves a move as a deletion and an
insertion, bracketing them with ``__RefMoveFrom__`` and ``__RefMoveTo__`` bookmarks: the text
moved away is left out and the moved text is a ``move`` where it arrived.  Comments are
``office:annotation`` elements (their text is not the document's), their span ending at the
``office:annotation-end`` of the same name.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from lapdesk.core.revisions import Anchor, Comment, Revision

TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
DC = "http://purl.org/dc/elements/1.1/"
LOEXT = "urn:org:documentfoundation:names:experimental:office:xmlns:loext:1.0"


def t(tag: str) -> str:
    return f"{{{TEXT}}}{tag}"


CHANGE_START, CHANGE_END, CHANGE = t("change-start"), t("change-end"), t("change")
BOOKMARK_START, BOOKMARK_END = t("bookmark-start"), t("bookmark-end")
ANNOTATION, ANNOTATION_END = f"{{{OFFICE}}}annotation", f"{{{OFFICE}}}annotation-end"
MARK_TAGS = {CHANGE_START, CHANGE_END, CHANGE, BOOKMARK_START, BOOKMARK_END, ANNOTATION,
             ANNOTATION_END}
_MOVED_FROM, _MOVED_TO = "__RefMoveFrom__", "__RefMoveTo__"


@dataclass
class _Region:
    kind: str  # insertion, deletion, format-change
    author: str
    date: str | None
    text: str = ""
    whole_paragraph: bool = False
    moved_away: bool = False


def has_marks(body: etree._Element, content: etree._Element) -> bool:
    """Whether the document holds tracked changes or comments."""
    return (content.find(f".//{t('tracked-changes')}") is not None
            or next(body.iter(ANNOTATION), None) is not None)


def _regions(content: etree._Element) -> dict[str, _Region]:
    found = {}
    for region in content.iter(t("changed-region")):
        key = region.get(t("id")) or region.get("{http://www.w3.org/XML/1998/namespace}id")
        change = next((child for child in region if isinstance(child.tag, str)), None)
        if key is None or change is None:
            continue
        info = change.find(f"{{{OFFICE}}}change-info")
        author = info.findtext(f"{{{DC}}}creator", default="") if info is not None else ""
        date = info.findtext(f"{{{DC}}}date", default=None) if info is not None else None
        paragraphs = change.findall(t("p")) + change.findall(t("h"))
        texts = ["".join(p.itertext()) for p in paragraphs]
        found[key] = _Region(
            etree.QName(change).localname, author, date, " ".join(x for x in texts if x),
            whole_paragraph=len(paragraphs) > 1,
            moved_away=any((b.get(t("name")) or "").startswith(_MOVED_FROM)
                           for b in change.iter(BOOKMARK_START)))
    return found


class Marks:
    """Follows one document's change and comment marks while its paragraphs are read.

    The reader calls :meth:`begin` at each paragraph, :meth:`see` for each mark element
    with the paragraph's text length so far, and :meth:`end` with the finished length.
    """

    def __init__(self, content: etree._Element):
        self.regions = _regions(content)
        self.comments: list[Comment] = []
        self._open: dict[str, Revision] = {}  # insertions still open, in this paragraph
        self._moving = False
        self._unnamed = 0
        self.revisions: list[Revision] = []
        self.anchors: list[Anchor] = []

    def begin(self) -> None:
        self.revisions, self.anchors = [], []
        for key, region in list(self._open.items()):  # an insertion running on
            revision = Revision("move" if region.kind == "move" else "insert", "",
                                region.author, region.date, 0, 0)
            self._open[key] = revision
            self.revisions.append(revision)

    def see(self, element: etree._Element, offset: int) -> None:
        tag = element.tag
        if tag == CHANGE_START:
            region = self.regions.get(element.get(t("change-id")) or "")
            if region is not None and region.kind == "insertion":
                revision = Revision("move" if self._moving else "insert", "", region.author,
                                    region.date, offset, offset)
                self._open[element.get(t("change-id"))] = revision
                self.revisions.append(revision)
        elif tag == CHANGE_END:
            revision = self._open.pop(element.get(t("change-id")) or "", None)
            if revision is not None:
                revision.end = offset
        elif tag == CHANGE:
            region = self.regions.get(element.get(t("change-id")) or "")
            if region is not None and region.kind == "deletion" and not region.moved_away:
                self.revisions.append(Revision("delete", region.text, region.author,
                                               region.date, offset, offset,
                                               whole_paragraph=region.whole_paragraph))
        elif tag == BOOKMARK_START:
            if (element.get(t("name")) or "").startswith(_MOVED_TO):
                self._moving = True
        elif tag == BOOKMARK_END:
            if (element.get(t("name")) or "").startswith(_MOVED_TO):
                self._moving = False
        elif tag == ANNOTATION:
            self._comment(element, offset)
        elif tag == ANNOTATION_END:
            self.anchors.append(Anchor(element.get(f"{{{OFFICE}}}name") or "", "end", offset))

    def _comment(self, element: etree._Element, offset: int) -> None:
        name = element.get(f"{{{OFFICE}}}name")
        if not name:
            self._unnamed += 1
            name = f"point-{self._unnamed}"
            self.anchors.append(Anchor(name, "end", offset))
        self.anchors.append(Anchor(name, "start", offset))
        text = "\n".join("".join(p.itertext()) for p in element.iter(t("p"))).strip()
        comment = Comment(key=name, author=element.findtext(f"{{{DC}}}creator", default=""),
                          date=element.findtext(f"{{{DC}}}date", default=None), text=text,
                          done=element.get(f"{{{LOEXT}}}resolved") == "true")
        parent = element.get(f"{{{LOEXT}}}parent-name")
        owner = next((c for c in self.comments if c.key == parent), None) if parent else None
        (owner.replies if owner is not None else self.comments).append(comment)

    def end(self, text: str) -> tuple[list[Revision], list[Anchor]]:
        """This paragraph's revisions (text filled in) and anchors."""
        for revision in self._open.values():
            revision.end = len(text)
        for revision in self.revisions:
            if revision.kind != "delete":
                revision.text = text[revision.start:revision.end]
                revision.whole_paragraph = revision.start == 0 and revision.end == len(text) \
                    and bool(text)
        kept = [r for r in self.revisions if r.kind == "delete" or r.end > r.start]
        return kept, self.anchors
