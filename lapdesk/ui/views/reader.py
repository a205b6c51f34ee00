"""The centre pane: a contribution's text to read, select, map and click excerpts in."""

from __future__ import annotations

import json

from PySide6.QtCore import QMimeData, Qt, Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QMenu, QTextEdit

from lapdesk.analysis import suggest
from lapdesk.core.errors import NotFoundError
from lapdesk.core.framework_tree import FrameworkTree
from lapdesk.core.records import Excerpt, Suggestion
from lapdesk.ingest.mail_headers import headers_of
from lapdesk.store import contributions, excerpts, marks
from lapdesk.ui import colours
from lapdesk.ui.catalogue import Catalogue
from lapdesk.ui.service.live import LiveQuery
from lapdesk.ui.service.store_service import StoreService
from lapdesk.ui.views import reader_document
from lapdesk.ui.views.reader_document import ReaderLayout, SectionMark
from lapdesk.ui.views.reader_marks import Reading

SPAN_MIME = "application/x-lapdesk-span"
DROP_HINT = ("No contribution yet.\n\nDrop files, folders or saved emails (.eml, .msg) here, "
             "anywhere on the window, or use File > Import… (Ctrl+I).\n\nHelp > Getting "
             "started says what comes next.")
REFRESH_ON = {"excerpts", "mappings", "paragraphs", "files", "framework_nodes", "suggestions",
              "contributions", "revisions", "comments", "ocr_pages"}


def span_from_mime(mime: QMimeData) -> dict | None:
    """``{contribution_id, start, end}`` carried by a drag from the reader, if any."""
    if not mime.hasFormat(SPAN_MIME):
        return None
    return json.loads(bytes(mime.data(SPAN_MIME)).decode("utf-8"))


def reader_data(store, contribution_id: int) -> dict | None:
    """What the reader shows of a contribution (``None`` once it is gone): its paragraphs,
    files, text, excerpts and pending suggestions."""
    try:
        contributions.contribution(store, contribution_id)
    except NotFoundError:  # deleted, or its import undone
        return None
    files = contributions.files_of(store, contribution_id)
    return {
        "paragraphs": contributions.paragraphs_of(store, contribution_id),
        "files": files,
        "email": headers_of(store, files),  # From, To, Subject, Date above an email's body
        "text": contributions.text_of(store, contribution_id),
        "excerpts": excerpts.excerpts_of(store, contribution_id),
        "suggestions": suggest.suggestions(store, contribution_id),
        # What the reader marks beside the text: tracked changes, comments, OCR'd pages.
        "reading": Reading(marks.revisions_of(store, contribution_id),
                           marks.comments_of(store, contribution_id),
                           marks.ocr_pages_of(store, contribution_id)),
    }


def section_marks(tree: FrameworkTree) -> dict[str, SectionMark]:
    """Every node's key → the tint and label of the section it belongs to."""
    marks: dict[str, SectionMark] = {}
    current: SectionMark | None = None
    position = -1
    for row in tree.rows:
        if row["kind"] == "section":
            position += 1
            current = SectionMark(position, colours.label(row, position),
                                  row["short_title"] or row["title"])
        if current is not None:
            marks[row["key"]] = current
    return marks


def map_menu(tree: FrameworkTree, parent, on_choose) -> QMenu:
    """"Map to ▸" with the framework as submenus: each section, then its questions."""
    menu = QMenu("Map to", parent)
    submenus: dict[int, QMenu] = {}
    for row in tree.rows:
        title = row["short_title"] or row["title"]
        if row["number"]:
            title = f"{row['number']}. {title}"
        owner = submenus.get(row["parent_id"], menu)
        if row["kind"] != "question":
            sub = owner.addMenu(title.replace("&", "&&"))
            sub.addAction(f"Whole section: {title}".replace("&", "&&")).triggered.connect(
                lambda _=False, key=row["key"]: on_choose(key))
            sub.addSeparator()
            submenus[row["id"]] = sub
        else:
            owner.addAction(title.replace("&", "&&")).triggered.connect(
                lambda _=False, key=row["key"]: on_choose(key))
    return menu


class Reader(QTextEdit):
    """Read-only text with ¶ numbers and tinted excerpts.

    Emits :attr:`map_requested` (a node key) from its context menu, :attr:`excerpt_clicked`
    when a click lands in an excerpt (``0`` when it lands outside every excerpt), and
    :attr:`shown` each time the contribution's text is (re)drawn.
    """

    map_requested = Signal(str)
    excerpt_clicked = Signal(int)
    suggestion_clicked = Signal(int)
    shown = Signal(int)

    def __init__(self, service: StoreService, catalogue: Catalogue, parent=None):
        super().__init__(parent)
        self._catalogue = catalogue
        self.setReadOnly(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.setAccessibleName("Contribution text")
        self.setLineWrapMode(QTextEdit.LineWrapMode.WidgetWidth)
        self.contribution_id: int | None = None
        self.excerpts: list[Excerpt] = []
        self.suggestions: list[Suggestion] = []
        self.selected_excerpt: int | None = None
        self.selected_suggestion: int | None = None
        self.empty_store = False  # no contribution at all: the drop hint instead of "choose"
        self._text = ""
        self._marks: dict[str, SectionMark] = {}
        self._layout: ReaderLayout | None = None
        self._data: dict | None = None
        self._pending_view: tuple[int, int | None] | None = None
        self.query = LiveQuery(service, reader_data, tables=REFRESH_ON, start=False,
                               parent=self)
        self.query.clear()
        self.query.updated.connect(self._arrived)
        catalogue.framework_changed.connect(self._framework_changed)
        self.setPlainText("Choose a contribution on the left to read it.")

    # --- showing --------------------------------------------------------------------------

    def show_contribution(self, contribution_id: int | None, *, offset: int | None = None,
                          end: int | None = None) -> None:
        """Read another contribution; once its text is drawn, scroll to ``offset`` (and with
        ``end`` select the passage up to it)."""
        self._pending_view = (offset, end) if offset is not None else None
        if contribution_id == self.contribution_id and self._data is not None:
            self._apply_pending_view()
            return
        self.contribution_id = contribution_id
        self.selected_excerpt = self.selected_suggestion = None
        self._data = None
        self._layout = None
        self.excerpts, self.suggestions, self._text = [], [], ""
        self.setExtraSelections([])
        if contribution_id is None:
            self.query.clear()
            self.setPlainText(DROP_HINT if self.empty_store else
                              "Choose a contribution on the left to read it.")
            return
        self.setPlainText("Loading…")
        self.query.retarget(contribution_id)

    @property
    def ready(self) -> bool:
        """Whether the text of :attr:`contribution_id` is on screen."""
        return self._data is not None

    def _arrived(self, data: dict | None) -> None:
        if self.query.args != (self.contribution_id,):
            return
        if data is None:
            self.show_contribution(None)
            return
        keep_scroll = self._data is not None
        self._data = data
        self._rebuild(keep_scroll=keep_scroll)
        if self.selected_excerpt not in {e.id for e in self.excerpts}:
            self.selected_excerpt = None
        if self.selected_suggestion not in {s.id for s in self.suggestions}:
            self.selected_suggestion = None
        self._show_selected_excerpt()
        self._apply_pending_view()
        self.shown.emit(self.contribution_id)

    def _framework_changed(self) -> None:
        self._marks = section_marks(self._catalogue.framework)
        if self._data is not None:
            self._rebuild(keep_scroll=True)

    def _rebuild(self, *, keep_scroll: bool) -> None:
        scroll = self.verticalScrollBar().value()
        data = self._data
        self.excerpts, self.suggestions = data["excerpts"], data["suggestions"]
        self._text = data["text"]
        self._layout = reader_document.build(
            data["paragraphs"], data["files"], self.excerpts + self.suggestions, self._marks,
            font=self.font(), parent=self, reading=data["reading"], email=data["email"],
        )
        self.setDocument(self._layout.document)  # deletes the previous one, also our child
        self._show_selected_excerpt()
        if keep_scroll:
            self.verticalScrollBar().setValue(scroll)

    def _apply_pending_view(self) -> None:
        if self._pending_view is None or self._layout is None:
            return
        offset, end = self._pending_view
        self._pending_view = None
        if end is not None:
            self.select_span(offset, end)
        else:
            self.scroll_to_offset(offset)

    # --- offsets --------------------------------------------------------------------------

    def selected_span(self) -> tuple[int, int] | None:
        """The selection as (start, end) text offsets, trimmed of surrounding blanks."""
        cursor = self.textCursor()
        if self._layout is None or self._layout.empty or not cursor.hasSelection():
            return None
        start = self._layout.offset_of(cursor.selectionStart())
        end = self._layout.offset_of(cursor.selectionEnd(), end=True)
        text = self._text
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        return (start, end) if end > start else None

    def select_span(self, start: int, end: int) -> None:
        """Select the text between two offsets and scroll to it."""
        if self._layout is None:
            return
        cursor = QTextCursor(self.document())
        cursor.setPosition(self._layout.position_of(start))
        cursor.setPosition(self._layout.position_of(end), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self.ensureCursorVisible()

    def span_text(self, span: Excerpt | Suggestion) -> str:
        """The text of a span as shown (for a suggestion, which does not carry it)."""
        if self._layout is None:
            return ""
        cursor = QTextCursor(self.document())
        cursor.setPosition(self._layout.position_of(span.start))
        cursor.setPosition(self._layout.position_of(span.end), QTextCursor.MoveMode.KeepAnchor)
        return cursor.selection().toPlainText()

    def scroll_to_offset(self, offset: int) -> None:
        if self._layout is None:
            return
        cursor = QTextCursor(self.document())
        cursor.setPosition(self._layout.position_of(offset))
        self.setTextCursor(cursor)
        self.ensureCursorVisible()

    def paragraph_label(self, offset: int) -> str:
        number = self._layout.paragraph_number(offset) if self._layout else None
        return f"¶{number}" if number else ""

    def excerpt_at(self, offset: int) -> Excerpt | None:
        """The shortest excerpt covering ``offset``."""
        covering = [e for e in self.excerpts if e.start <= offset < e.end]
        return min(covering, key=lambda e: e.end - e.start) if covering else None

    # --- the selected excerpt ----------------------------------------------------------------

    def set_selected_excerpt(self, excerpt_id: int | None) -> None:
        self.selected_excerpt = excerpt_id
        self.selected_suggestion = None
        self._show_selected_excerpt()

    def set_selected_suggestion(self, suggestion_id: int | None) -> None:
        self.selected_suggestion = suggestion_id
        self.selected_excerpt = None
        self._show_selected_excerpt()

    def suggestion_at(self, offset: int) -> Suggestion | None:
        covering = [s for s in self.suggestions if s.start <= offset < s.end]
        return min(covering, key=lambda s: s.end - s.start) if covering else None

    def _show_selected_excerpt(self) -> None:
        """Outline the selected excerpt or suggestion with a stronger tint."""
        chosen = next((e for e in self.excerpts if e.id == self.selected_excerpt), None) or \
            next((e for e in self.suggestions if e.id == self.selected_suggestion), None)
        if chosen is None or self._layout is None:
            self.setExtraSelections([])
            return
        selection = QTextEdit.ExtraSelection()
        cursor = QTextCursor(self.document())
        cursor.setPosition(self._layout.position_of(chosen.start))
        cursor.setPosition(self._layout.position_of(chosen.end),
                           QTextCursor.MoveMode.KeepAnchor)
        selection.cursor = cursor
        mark = self._marks.get(chosen.nodes[0]) if chosen.nodes else None
        selection.format.setBackground(colours.tint(mark.position if mark else 99, strength=0.6))
        selection.format.setFontUnderline(True)
        self.setExtraSelections([selection])

    # --- mouse, menu, drag ----------------------------------------------------------------

    def mouseReleaseEvent(self, event) -> None:
        super().mouseReleaseEvent(event)
        if event.button() == Qt.MouseButton.LeftButton and self.textCursor().hasSelection():
            self.snap_selection_to_words()
            return
        if event.button() != Qt.MouseButton.LeftButton:
            return
        if self._layout is None or self._layout.empty:
            return
        position = self.textCursor().position()
        offset = self._layout.offset_of(position)
        clicked = self.excerpt_at(offset)
        labelled = self._layout.label_paragraph(position)
        if labelled is not None:  # a click on "◆ a Universalisation": its paragraph's last excerpt
            inside = [e for e in self.excerpts
                      if e.start < labelled[1] and e.end > labelled[0]]
            clicked = inside[-1] if inside else None
        suggested = None if clicked else self.suggestion_at(offset)
        if suggested:
            self.suggestion_clicked.emit(suggested.id)
        else:
            self.excerpt_clicked.emit(clicked.id if clicked else 0)

    def snap_selection_to_words(self) -> None:
        """Widen a selection made with the mouse to whole words ("ustria favours" becomes
        "Austria favours"), as a passage to map is never a part of a word."""
        cursor = self.textCursor()
        document = self.document()
        start, end = cursor.selectionStart(), cursor.selectionEnd()

        def inside_word(position: int) -> bool:
            return (document.characterAt(position - 1).isalnum()
                    and document.characterAt(position).isalnum())

        while start > 0 and inside_word(start):
            start -= 1
        while end < document.characterCount() - 1 and inside_word(end):
            end += 1
        if (start, end) != (cursor.selectionStart(), cursor.selectionEnd()):
            forward = cursor.position() == cursor.selectionEnd()
            cursor.setPosition(start if forward else end)
            cursor.setPosition(end if forward else start, QTextCursor.MoveMode.KeepAnchor)
            self.setTextCursor(cursor)

    def contextMenuEvent(self, event) -> None:
        menu = self.createStandardContextMenu(event.pos())
        menu.addSeparator()
        mapping = map_menu(self._catalogue.framework, menu, self.map_requested.emit)
        mapping.setEnabled(self.selected_span() is not None)
        menu.addMenu(mapping)
        menu.exec(event.globalPos())
        menu.deleteLater()

    def createMimeDataFromSelection(self) -> QMimeData:
        """The selected text, plus its span so the framework tree can map it on drop."""
        # Qt's own text mime data lists a fixed set of formats, so copy the text into a plain
        # QMimeData that can carry the span as well.
        mime = QMimeData()
        mime.setText(self.textCursor().selection().toPlainText())
        span = self.selected_span()
        if span is not None:
            mime.setData(SPAN_MIME, json.dumps({
                "contribution_id": self.contribution_id, "start": span[0], "end": span[1],
            }).encode("utf-8"))
        return mime
