"""The centre pane: a contribution's text to read, select, map and click excerpts in."""

from __future__ import annotations

import json

from PySide6.QtCore import QMimeData, Qt, Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QMenu, QTextEdit

from lapdesk.analysis import suggest
from lapdesk.core.errors import NotFoundError
from lapdesk.store import contributions, excerpts, framework, marks
from lapdesk.ui import colours
from lapdesk.ui.session import StoreSession
from lapdesk.ui.views import reader_document
from lapdesk.ui.views.reader_document import ReaderLayout, SectionMark
from lapdesk.ui.views.reader_marks import Reading

SPAN_MIME = "application/x-lapdesk-span"
REFRESH_ON = {"excerpts", "mappings", "paragraphs", "files", "framework_nodes", "suggestions",
              "revisions", "comments", "ocr_pages"}


def span_from_mime(mime: QMimeData) -> dict | None:
    """``{contribution_id, start, end}`` carried by a drag from the reader, if any."""
    if not mime.hasFormat(SPAN_MIME):
        return None
    return json.loads(bytes(mime.data(SPAN_MIME)).decode("utf-8"))


def section_marks(store) -> dict[str, SectionMark]:
    """Every node's key → the tint and label of the section it belongs to."""
    marks: dict[str, SectionMark] = {}
    current: SectionMark | None = None
    position = -1
    for row in framework.nodes(store):
        if row["kind"] == "section":
            position += 1
            current = SectionMark(position, colours.label(row, position),
                                  row["short_title"] or row["title"])
        if current is not None:
            marks[row["key"]] = current
    return marks


def map_menu(store, parent, on_choose) -> QMenu:
    """"Map to ▸" with the framework as submenus: each section, then its questions."""
    menu = QMenu("Map to", parent)
    submenus: dict[int, QMenu] = {}
    for row in framework.nodes(store):
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
    when a click lands in an excerpt (``0`` when it lands outside every excerpt).
    """

    map_requested = Signal(str)
    excerpt_clicked = Signal(int)
    suggestion_clicked = Signal(int)

    def __init__(self, session: StoreSession, parent=None):
        super().__init__(parent)
        self._session = session
        self.setReadOnly(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.setAccessibleName("Contribution text")
        self.setLineWrapMode(QTextEdit.LineWrapMode.WidgetWidth)
        self.contribution_id: int | None = None
        self.excerpts: list[dict] = []
        self.suggestions: list[dict] = []
        self.selected_excerpt: int | None = None
        self.selected_suggestion: int | None = None
        self._marks: dict[str, SectionMark] = section_marks(session.store)
        self._layout: ReaderLayout | None = None
        session.store_changed.connect(self._store_changed)

    # --- showing --------------------------------------------------------------------------

    def show_contribution(self, contribution_id: int | None) -> None:
        self.contribution_id = contribution_id
        self.selected_excerpt = self.selected_suggestion = None
        self._rebuild(keep_scroll=False)

    def _rebuild(self, *, keep_scroll: bool) -> None:
        scroll = self.verticalScrollBar().value()
        store = self._session.store
        if self.contribution_id is None:
            self._layout = None
            self.excerpts, self.suggestions = [], []
            self.setPlainText("Choose a contribution on the left to read it.")
            return
        self.excerpts = excerpts.excerpts_of(store, self.contribution_id)
        self._layout = reader_document.build(
            contributions.paragraphs_of(store, self.contribution_id),
            contributions.files_of(store, self.contribution_id),
            self.excerpts + self._suggestions(), self._marks, font=self.font(), parent=self,
            reading=Reading(marks.revisions_of(store, self.contribution_id),
                            marks.comments_of(store, self.contribution_id),
                            marks.ocr_pages_of(store, self.contribution_id)),
        )
        self.setDocument(self._layout.document)  # deletes the previous one, also our child
        self._show_selected_excerpt()
        if keep_scroll:
            self.verticalScrollBar().setValue(scroll)

    def _suggestions(self) -> list[dict]:
        """Pending suggested mappings, drawn with a dashed underline and no tint."""
        self.suggestions = [
            {**row, "suggested": True, "nodes": [row["node"]]}
            for row in suggest.suggestions(self._session.store, self.contribution_id)
        ]
        return self.suggestions

    def _store_changed(self, tables: set[str]) -> None:
        if "framework_nodes" in tables:
            self._marks = section_marks(self._session.store)
        if "contributions" in tables and self.contribution_id is not None:
            try:
                contributions.contribution(self._session.store, self.contribution_id)
            except NotFoundError:  # deleted, or its import undone
                self.show_contribution(None)
                return
        if tables & REFRESH_ON and self.contribution_id is not None:
            self._rebuild(keep_scroll=True)
            if self.selected_excerpt not in {e["id"] for e in self.excerpts}:
                self.selected_excerpt = None
            if self.selected_suggestion not in {s["id"] for s in self.suggestions}:
                self.selected_suggestion = None
            self._show_selected_excerpt()

    # --- offsets --------------------------------------------------------------------------

    def selected_span(self) -> tuple[int, int] | None:
        """The selection as (start, end) text offsets, trimmed of surrounding blanks."""
        cursor = self.textCursor()
        if self._layout is None or self._layout.empty or not cursor.hasSelection():
            return None
        start = self._layout.offset_of(cursor.selectionStart())
        end = self._layout.offset_of(cursor.selectionEnd(), end=True)
        text = contributions.text_of(self._session.store, self.contribution_id)
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

    def span_text(self, span: dict) -> str:
        """The text of a span as shown (for a suggestion, which does not carry it)."""
        if self._layout is None:
            return ""
        cursor = QTextCursor(self.document())
        cursor.setPosition(self._layout.position_of(span["start"]))
        cursor.setPosition(self._layout.position_of(span["end"]), QTextCursor.MoveMode.KeepAnchor)
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

    def excerpt_at(self, offset: int) -> dict | None:
        """The shortest excerpt covering ``offset``."""
        covering = [e for e in self.excerpts if e["start"] <= offset < e["end"]]
        return min(covering, key=lambda e: e["end"] - e["start"]) if covering else None

    # --- the selected excerpt ----------------------------------------------------------------

    def set_selected_excerpt(self, excerpt_id: int | None) -> None:
        self.selected_excerpt = excerpt_id
        self.selected_suggestion = None
        self._show_selected_excerpt()

    def set_selected_suggestion(self, suggestion_id: int | None) -> None:
        self.selected_suggestion = suggestion_id
        self.selected_excerpt = None
        self._show_selected_excerpt()

    def suggestion_at(self, offset: int) -> dict | None:
        covering = [s for s in self.suggestions if s["start"] <= offset < s["end"]]
        return min(covering, key=lambda s: s["end"] - s["start"]) if covering else None

    def _show_selected_excerpt(self) -> None:
        """Outline the selected excerpt or suggestion with a stronger tint."""
        chosen = next((e for e in self.excerpts if e["id"] == self.selected_excerpt), None) or \
            next((e for e in self.suggestions if e["id"] == self.selected_suggestion), None)
        if chosen is None or self._layout is None:
            self.setExtraSelections([])
            return
        selection = QTextEdit.ExtraSelection()
        cursor = QTextCursor(self.document())
        cursor.setPosition(self._layout.position_of(chosen["start"]))
        cursor.setPosition(self._layout.position_of(chosen["end"]),
                           QTextCursor.MoveMode.KeepAnchor)
        selection.cursor = cursor
        mark = self._marks.get(chosen["nodes"][0]) if chosen["nodes"] else None
        selection.format.setBackground(colours.tint(mark.position if mark else 99, strength=0.6))
        selection.format.setFontUnderline(True)
        self.setExtraSelections([selection])

    # --- mouse, menu, drag ----------------------------------------------------------------

    def mouseReleaseEvent(self, event) -> None:
        super().mouseReleaseEvent(event)
        if event.button() != Qt.MouseButton.LeftButton or self.textCursor().hasSelection():
            return
        if self._layout is None or self._layout.empty:
            return
        position = self.textCursor().position()
        offset = self._layout.offset_of(position)
        clicked = self.excerpt_at(offset)
        labelled = self._layout.label_paragraph(position)
        if labelled is not None:  # a click on "◆ a Universalisation": its paragraph's last excerpt
            inside = [e for e in self.excerpts
                      if e["start"] < labelled[1] and e["end"] > labelled[0]]
            clicked = inside[-1] if inside else None
        suggested = None if clicked else self.suggestion_at(offset)
        if suggested:
            self.suggestion_clicked.emit(suggested["id"])
        else:
            self.excerpt_clicked.emit(clicked["id"] if clicked else 0)

    def contextMenuEvent(self, event) -> None:
        menu = self.createStandardContextMenu(event.pos())
        menu.addSeparator()
        mapping = map_menu(self._session.store, menu, self.map_requested.emit)
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
