"""What reading a file found beside its text, drawn in the reader: pages read by OCR with
their confidence, tracked changes and comments.

Insertions (and text moved here) are underlined and deleted text is shown struck through
where it stood, both in a muted colour, each with its author and date in a tooltip; a comment
draws a line over its passage (underlines are the changes', tints the excerpts') and sits
beside it at the end of the paragraph ("✎ Austria: …", the whole comment and its replies in
the tooltip).  Deleted text is shown but is not
part of the contribution's text: :class:`~lapdesk.ui.views.reader_document.ReaderLayout`
keeps its place, so selections and excerpts still map to the text itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtGui import QColor, QFont, QPalette, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QApplication

from lapdesk.core.text import utf16_offset

_CHIP_CHARS = 36


@dataclass
class Reading:
    """The contribution's revisions, comments and OCR pages (the shapes of ``show --json``)."""

    revisions: list[dict] = field(default_factory=list)
    comments: list[dict] = field(default_factory=list)
    ocr_pages: list[dict] = field(default_factory=list)

    def deletions_by_paragraph(self) -> dict[int, list[dict]]:
        found: dict[int, list[dict]] = {}
        for revision in self.revisions:
            if revision["kind"] == "delete" and revision["paragraph"] is not None:
                found.setdefault(revision["paragraph"], []).append(revision)
        return found

    def page_note(self, file_id: int, page: int) -> str:
        """" · read by OCR, confidence 91%" for a page OCR read."""
        for row in self.ocr_pages:
            if row["file_id"] == file_id and row["page"] == page and not row["problem"]:
                confidence = row["confidence"]
                sure = f", confidence {confidence:.0f}%" if confidence is not None else ""
                return f" · read by OCR{sure}"
        return ""


def struck_format(muted: QTextCharFormat) -> QTextCharFormat:
    struck = QTextCharFormat(muted)
    struck.setFontStrikeOut(True)
    return struck


def _who(revision: dict) -> str:
    parts = [f"by {revision['author']}" if revision.get("author") else "",
             f"on {revision['date'][:10]}" if revision.get("date") else ""]
    return " ".join(p for p in parts if p)


def insert_with_deletions(cursor: QTextCursor, text: str, deletions: list[dict], *,
                          start: int, text_format: QTextCharFormat,
                          struck: QTextCharFormat) -> list[tuple[int, int]]:
    """Insert a paragraph's text with its deleted passages struck through where they stood;
    returns the extras for the layout: (offset in ``text``, UTF-16 length shown)."""
    if not deletions:
        cursor.insertText(text, text_format)
        return []
    at_points: dict[int, list[dict]] = {}
    for revision in deletions:
        at = max(0, min(revision["start"] - start, len(text)))
        at_points.setdefault(at, []).append(revision)
    extras, done = [], 0
    for at in sorted(at_points):
        cursor.insertText(text[done:at], text_format)
        shown = "".join(r["text"] for r in at_points[at]) or "…"
        if at > 0 and not text[at - 1].isspace() and not shown.startswith(" "):
            shown = " " + shown
        if any(r.get("whole_paragraph") for r in at_points[at]) and at == 0:
            shown += "\u2028"  # a paragraph deleted whole keeps a line of its own
        deleted = QTextCharFormat(struck)
        who = "; ".join(filter(None, (_who(r) for r in at_points[at])))
        deleted.setToolTip(f"Deleted {who}".strip() if who else "Deleted")
        cursor.insertText(shown, deleted)
        extras.append((at, utf16_offset(shown, len(shown))))
        done = at
    cursor.insertText(text[done:], text_format)
    return extras


def mark_insertions(layout, reading: Reading) -> None:
    """Underline inserted and moved text in a muted colour, with who and when."""
    if layout.empty:
        return
    cursor = QTextCursor(layout.document)
    for revision in reading.revisions:
        if revision["kind"] == "delete" or revision["end"] <= revision["start"]:
            continue
        mark = QTextCharFormat()
        mark.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
        mark.setUnderlineColor(_muted_colour(layout))
        verb = "Moved here" if revision["kind"] == "move" else "Inserted"
        mark.setToolTip(f"{verb} {_who(revision)}".strip())
        cursor.setPosition(layout.position_of(revision["start"]))
        cursor.setPosition(layout.position_of(revision["end"]), QTextCursor.MoveMode.KeepAnchor)
        cursor.mergeCharFormat(mark)


def _muted_colour(layout) -> QColor:
    return QApplication.palette().color(QPalette.ColorRole.PlaceholderText)


def comment_tooltip(comment: dict) -> str:
    lines = [f"{comment['author'] or 'Comment'} ({(comment['date'] or '')[:10]}): "
             f"{comment['text']}"]
    lines += [f"↳ {r['author'] or 'Reply'} ({(r['date'] or '')[:10]}): {r['text']}"
              for r in comment["replies"]]
    if comment.get("done"):
        lines.append("(resolved)")
    return "\n".join(lines)


def mark_comments(layout, reading: Reading, muted: QTextCharFormat) -> None:
    """Overline each comment's passage and put the comment beside it, at the end of the
    paragraph where the passage ends."""
    if layout.empty or not reading.comments:
        return
    cursor = QTextCursor(layout.document)
    chips: dict[int, list[dict]] = {}
    for comment in reading.comments:
        if comment["end"] > comment["start"]:
            span = QTextCharFormat()  # a line over it: under is for changes, tints excerpts
            span.setFontOverline(True)
            cursor.setPosition(layout.position_of(comment["start"]))
            cursor.setPosition(layout.position_of(comment["end"]),
                               QTextCursor.MoveMode.KeepAnchor)
            cursor.mergeCharFormat(span)
        where = layout.paragraphs_between(max(comment["end"] - 1, comment["start"]),
                                          max(comment["end"], comment["start"] + 1))
        if where:
            chips.setdefault(where[-1].block, []).append(comment)
    for block_number, comments in chips.items():
        block = layout.document.findBlockByNumber(block_number)
        cursor.setPosition(block.position() + block.length() - 1)
        for comment in comments:
            chip = QTextCharFormat(muted)
            chip.setFontItalic(True)
            chip.setFontPointSize(layout.document.defaultFont().pointSizeF() * 0.85)
            chip.setFontWeight(QFont.Weight.Normal)
            chip.setToolTip(comment_tooltip(comment))
            text = comment["text"] if len(comment["text"]) <= _CHIP_CHARS else \
                comment["text"][:_CHIP_CHARS - 1] + "…"
            replies = f" (+{len(comment['replies'])})" if comment["replies"] else ""
            cursor.insertText(" ", QTextCharFormat())
            cursor.insertText(f"✎ {comment['author'] or 'Comment'}: {text}{replies} ", chip)
