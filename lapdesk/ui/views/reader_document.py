"""Building the reader's document in one pass, and translating between its positions and the
core's character offsets.

The document shows more than the contribution's text (paragraph numbers, page markers, file
names, section labels beside highlights, text deleted by a tracked change, comments), so a
position in it is not an offset into the text.  :class:`ReaderLayout` remembers where each
paragraph's text sits, and the deleted text shown inside it, and converts both ways,
counting UTF-16 units on the Qt side and Python characters on the core side.  What reading
found beside the text is drawn by :mod:`lapdesk.ui.views.reader_marks`.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from PySide6.QtCore import Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QPalette,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)
from PySide6.QtWidgets import QApplication

from lapdesk.core.records import Excerpt, StoredFile, Suggestion
from lapdesk.core.statuses import FILE_STATUS_SHORT
from lapdesk.core.text import python_offset, utf16_offset
from lapdesk.ingest.mail_headers import MailHeaders
from lapdesk.ui import colours
from lapdesk.ui.views import reader_marks


@dataclass
class _Placed:
    start: int  # the paragraph's offset in the contribution's text
    end: int
    text: str
    block: int  # the document block that shows it
    prefix: int  # UTF-16 units of "¶12 " before the text in that block
    number: int  # the paragraph's number as shown (1-based)
    # Text shown inside the paragraph that is not part of it (a tracked deletion, struck
    # through): (offset in the paragraph's text where it stands, its UTF-16 length).
    extras: list[tuple[int, int]] = field(default_factory=list)

    def units_before(self, inside: int) -> int:
        """UTF-16 units of extra text shown before the paragraph's own character ``inside``."""
        return sum(length for at, length in self.extras if at <= inside)

    def text_units(self, units: int) -> int:
        """The units of the paragraph's own text at ``units`` into its shown text."""
        own = units
        for at, length in self.extras:
            where = utf16_offset(self.text, at) + self.units_before(at) - length
            if units >= where + length:
                own -= length
            elif units > where:
                return utf16_offset(self.text, at)
        return own


@dataclass
class SectionMark:
    """How the reader marks an excerpt mapped to a section: a tint and a label."""

    position: int
    label: str
    title: str


class ReaderLayout:
    """Where each paragraph's text sits in the document."""

    def __init__(self, document: QTextDocument, placed: list[_Placed]):
        self.document = document
        self._placed = placed
        self._starts = [p.start for p in placed]
        self._by_block = {p.block: p for p in placed}

    @property
    def empty(self) -> bool:
        return not self._placed

    def position_of(self, offset: int) -> int:
        """The document position of a text offset (a separator counts as the next paragraph)."""
        if not self._placed:
            return 0
        i = max(0, bisect.bisect_right(self._starts, offset) - 1)
        placed = self._placed[i]
        if offset > placed.end and i + 1 < len(self._placed):
            placed = self._placed[i + 1]
        inside = max(0, min(offset - placed.start, len(placed.text)))
        block = self.document.findBlockByNumber(placed.block)
        return (block.position() + placed.prefix + utf16_offset(placed.text, inside)
                + placed.units_before(inside))

    def offset_of(self, position: int, *, end: bool = False) -> int:
        """The text offset of a document position; outside any paragraph's text, the nearest
        paragraph boundary (its start for a span's start, its end for a span's end)."""
        if not self._placed:
            return 0
        block = self.document.findBlock(position)
        placed = self._by_block.get(block.blockNumber())
        if placed is None:
            numbers = [p.block for p in self._placed]
            i = bisect.bisect_left(numbers, block.blockNumber())
            if end:
                placed = self._placed[max(0, i - 1)]
                return placed.end
            return self._placed[min(i, len(self._placed) - 1)].start
        inside = placed.text_units(max(0, position - block.position() - placed.prefix))
        inside = max(0, min(inside, utf16_offset(placed.text, len(placed.text))))
        return placed.start + python_offset(placed.text, inside)

    def label_paragraph(self, position: int) -> tuple[int, int] | None:
        """(start, end) of the paragraph whose section labels are at ``position``, if any."""
        block = self.document.findBlock(position)
        placed = self._by_block.get(block.blockNumber())
        if placed is None:
            return None
        inside = position - block.position() - placed.prefix
        if inside <= utf16_offset(placed.text, len(placed.text)) + placed.units_before(
                len(placed.text)):
            return None
        return placed.start, placed.end

    def paragraph_number(self, offset: int) -> int | None:
        """The shown number (¶N) of the paragraph holding ``offset``."""
        if not self._placed:
            return None
        return self._placed[max(0, bisect.bisect_right(self._starts, offset) - 1)].number

    def paragraphs_between(self, start: int, end: int) -> list[_Placed]:
        i = max(0, bisect.bisect_right(self._starts, start) - 1)
        j = bisect.bisect_left(self._starts, end)
        return [p for p in self._placed[i:j] if p.end > start and p.start < end]


def _palette_colour(role: QPalette.ColorRole) -> QColor:
    return QApplication.palette().color(role)


def build(paragraphs: list[dict], files: list[StoredFile], excerpts: list[Excerpt | Suggestion],
          marks: dict[str, SectionMark], *, font: QFont, parent=None,
          reading: reader_marks.Reading | None = None,
          email: MailHeaders | None = None) -> ReaderLayout:
    """A new document for a contribution: paragraphs with ¶ numbers, headings, page markers,
    a line per file when there are several, mapped excerpts tinted with their section's labels,
    and what reading found (``reading``): pages read by OCR with their confidence, tracked
    changes (insertions underlined, deletions struck through), comments beside their passage;
    an email's From, To, Subject and Date (``email``) above its body.

    It is built apart from any view (so nothing is laid out while it grows) and then shown
    whole; refilling the shown document lays it out at once, several times slower.
    """
    document = QTextDocument(parent)
    document.setDefaultFont(font)
    document.setUndoRedoEnabled(False)
    cursor = QTextCursor(document)
    cursor.beginEditBlock()
    muted = QTextCharFormat()
    muted.setForeground(QBrush(_palette_colour(QPalette.ColorRole.PlaceholderText)))
    body = QTextCharFormat()
    numbered = QTextBlockFormat()
    numbered.setBottomMargin(6)
    centred = QTextBlockFormat()
    centred.setAlignment(Qt.AlignmentFlag.AlignHCenter)
    centred.setTopMargin(4)
    centred.setBottomMargin(4)
    file_names = {f.file_id: f.name for f in files}
    reading = reading or reader_marks.Reading()
    deletions = reading.deletions_by_paragraph()
    struck = reader_marks.struck_format(muted)
    placed: list[_Placed] = []
    first = True
    last_page = last_file = None

    def new_block(block_format: QTextBlockFormat) -> None:
        nonlocal first
        if first:
            cursor.setBlockFormat(block_format)
            first = False
        else:
            cursor.insertBlock(block_format)

    if email is not None:
        label = QTextCharFormat(muted)
        label.setFontWeight(QFont.Weight.Bold)
        for name, value in email.lines():
            new_block(QTextBlockFormat())
            cursor.insertText(f"{name}:  ", label)
            cursor.insertText(value, body)
        rule = QTextBlockFormat()
        rule.setBottomMargin(8)
        new_block(rule)
    for paragraph in paragraphs:
        if len(files) > 1 and paragraph["file_id"] != last_file:
            new_block(centred)
            heading = QTextCharFormat(muted)
            heading.setFontWeight(QFont.Weight.Bold)
            cursor.insertText(f"— {file_names.get(paragraph['file_id'], 'file')} —", heading)
            last_file, last_page = paragraph["file_id"], None
        page = paragraph["page"]
        if page is not None and page != last_page:
            new_block(centred)
            cursor.insertText(f"— page {page}{reading.page_note(paragraph['file_id'], page)} —",
                              muted)
            last_page = page
        level = paragraph["heading_level"]
        block_format = QTextBlockFormat(numbered)
        text_format = QTextCharFormat(body)
        if level:
            block_format.setHeadingLevel(min(level, 6))
            block_format.setTopMargin(10)
            text_format.setFontWeight(QFont.Weight.Bold)
            text_format.setFontPointSize(font.pointSizeF() * (1.35 if level == 1 else 1.15))
        elif paragraph["part"] == "footnote":
            text_format.setFontPointSize(font.pointSizeF() * 0.9)
        new_block(block_format)
        prefix = f"¶{paragraph['index'] + 1}  "
        cursor.insertText(prefix, muted)
        extras = reader_marks.insert_with_deletions(
            cursor, paragraph["text"], deletions.get(paragraph["index"], []),
            start=paragraph["start"], text_format=text_format, struck=struck)
        placed.append(_Placed(paragraph["start"], paragraph["end"], paragraph["text"],
                              cursor.block().blockNumber(), len(prefix),
                              paragraph["index"] + 1, extras))
    layout = ReaderLayout(document, placed)
    if not placed:
        new_block(numbered)
        cursor.insertText(_no_text_message(files), muted)
    # Suggestions first, so that a tracked insertion's underline and tooltip (who inserted
    # it, when) win over a suggestion's on the same words; excerpts' tints last.
    _mark_excerpts(layout, [e for e in excerpts if e.suggested], marks)
    reader_marks.mark_insertions(layout, reading)
    _mark_excerpts(layout, [e for e in excerpts if not e.suggested], marks)
    reader_marks.mark_comments(layout, reading, muted)
    cursor.endEditBlock()
    return layout


def _no_text_message(files: list[StoredFile]) -> str:
    if not files:
        return "This contribution has no files yet."
    problems = [f"{f.name}: {f.message or FILE_STATUS_SHORT.get(f.status, f.status)}"
                for f in files]
    return "There is no text to read. " + "; ".join(problems)


def _mark_excerpts(layout: ReaderLayout, excerpts: list[Excerpt | Suggestion],
                   marks: dict[str, SectionMark]) -> None:
    """Tint each excerpt with its (first) section's colour and end each paragraph that holds
    excerpts with their section labels, so colour is never the only cue."""
    if layout.empty:
        return
    labels: dict[int, list[SectionMark]] = {}
    cursor = QTextCursor(layout.document)
    for excerpt in excerpts:
        sections = [marks[k] for k in excerpt.nodes if k in marks]
        if not sections:
            continue
        highlight = QTextCharFormat()
        highlight.setBackground(colours.tint(sections[0].position))
        highlight.setToolTip(", ".join(f"{m.label}. {m.title}" for m in sections))
        if excerpt.suggested:
            highlight = QTextCharFormat()
            highlight.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DashUnderline)
            highlight.setUnderlineColor(colours.base_colour(sections[0].position))
            sure = f"{round(100 * excerpt.confidence)} % sure, "
            highlight.setToolTip(
                f"Suggested: {excerpt.node_title or sections[0].title}"
                f" ({sure}{excerpt.reason or 'by the analysis'}). Click it, then press "
                "Enter to accept or Delete to reject.")
        if excerpt.suggested:
            _merge_keeping_tooltips(layout.document, layout.position_of(excerpt.start),
                                    layout.position_of(excerpt.end), highlight)
            continue
        cursor.setPosition(layout.position_of(excerpt.start))
        cursor.setPosition(layout.position_of(excerpt.end), QTextCursor.MoveMode.KeepAnchor)
        cursor.mergeCharFormat(highlight)
        for placed in layout.paragraphs_between(excerpt.start, excerpt.end)[-1:]:
            shown = labels.setdefault(placed.block, [])
            shown.extend(m for m in sections if m not in shown)
    for block_number, sections in labels.items():
        block = layout.document.findBlockByNumber(block_number)
        cursor.setPosition(block.position() + block.length() - 1)
        for mark in sections:
            chip = QTextCharFormat()
            chip.setBackground(colours.tint(mark.position, strength=0.5))
            chip.setFontWeight(QFont.Weight.Bold)
            chip.setFontPointSize(layout.document.defaultFont().pointSizeF() * 0.8)
            chip.setToolTip(mark.title)
            cursor.insertText(" ", QTextCharFormat())
            cursor.insertText(f"◆ {mark.label} {mark.title[:22]} ", chip)


def _merge_keeping_tooltips(document: QTextDocument, start: int, end: int,
                            mark: QTextCharFormat) -> None:
    """Merge ``mark`` into the text between two positions, except its tooltip where the text
    has one already (a deletion's who and when stays readable under a suggestion)."""
    cursor = QTextCursor(document)
    plain = QTextCharFormat(mark)
    plain.clearProperty(QTextFormat.Property.TextToolTip)
    block = document.findBlock(start)
    while block.isValid() and block.position() < end:
        fragments = block.begin()
        while not fragments.atEnd():
            fragment = fragments.fragment()
            first = max(fragment.position(), start)
            last = min(fragment.position() + fragment.length(), end)
            if first < last:
                cursor.setPosition(first)
                cursor.setPosition(last, QTextCursor.MoveMode.KeepAnchor)
                cursor.mergeCharFormat(plain if fragment.charFormat().toolTip() else mark)
            fragments += 1
        block = block.next()
