"""Search everything (Ctrl+F): a field in the toolbar, results with highlighted snippets.

The search itself is the core's (:mod:`lapdesk.store.search`: accents and case folded, quoted
phrases, ``destruct*`` prefixes, ``AND``/``OR`` in capitals, anything else words).  Its first
page runs on a reader lane, so typing never stalls, and only the newest answer is shown; the
count of every match follows, and later pages are read as the list scrolls to its end
(:class:`~lapdesk.ui.models.search_results_model.SearchResultsModel`).  Choosing a result
emits :attr:`SearchPanel.result_chosen` with the contribution and the passage's offsets, for
the window to open the contribution there.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, QModelIndex, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAbstractTextDocumentLayout, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from lapdesk.store import search as search_store
from lapdesk.store.search import Place, SearchCounts
from lapdesk.store.search_query import parse
from lapdesk.ui.models.search_results_model import (
    HitRole,
    ResultsPage,
    SearchResultsModel,
    results_page,
)
from lapdesk.ui.service.store_service import StoreService

TYPING_PAUSE_MS = 250
REFRESH_ON = {"paragraphs", "contributions", "contribution_contributors", "comments"}
RESIZE_PRECISION_ROWS = 40
MIN_SNIPPET_WIDTH = 200
REFIT_PAUSE_MS = 60  # rows are measured again once a column has stopped changing width
HINT = ("Type words to find them in every contribution: \"an exact phrase\", destruct* for "
        "words that start so, OR between two for either.")
SYNTAX = ("Words are found in any order, accents and capitals aside.\n"
          "\"États parties\" or « États parties »: the exact phrase.\n"
          "destruct*: words that start so (destruction, destroyed…).\n"
          "cluster OR munitions: either word; AND (in capitals) or a space: both.")


def snippet_html(snippet: str) -> str:
    """The snippet with the matched words marked, everything else escaped."""
    escaped = html.escape(snippet)
    return (escaped.replace(html.escape(search_store.SNIPPET_OPEN), "<b><u>")
            .replace(html.escape(search_store.SNIPPET_CLOSE), "</u></b>"))


def _plural(count: int, word: str) -> str:
    return f"{count:,} {word}{'' if count == 1 else 's'}"


class SnippetDelegate(QStyledItemDelegate):
    """Draws a snippet's matched words in bold and underlined (not by colour alone)."""

    def _document(self, option: QStyleOptionViewItem, index: QModelIndex) -> QTextDocument:
        hit = index.data(HitRole)
        document = QTextDocument()
        document.setDefaultFont(option.font)
        document.setDocumentMargin(2)
        text = snippet_html(hit.snippet) if hit else ""
        document.setHtml(f"<i>Comment:</i> {text}" if hit and hit.kind == "comment" else text)
        return document

    def paint(self, painter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        self.initStyleOption(option, index)
        document = self._document(option, index)
        option.text = ""
        style = option.widget.style() if option.widget else None
        if style:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        context = QAbstractTextDocumentLayout.PaintContext()
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        context.palette.setColor(QPalette.ColorRole.Text, option.palette.color(role))
        painter.save()
        painter.translate(option.rect.topLeft())
        painter.setClipRect(option.rect.translated(-option.rect.topLeft()))
        document.setTextWidth(option.rect.width())
        document.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        """As tall as the snippet wrapped in its column as wide as it is now (the option's
        rectangle is not the cell's when a view asks for a row's height)."""
        document = self._document(option, index)
        view = self.parent()
        width = view.columnWidth(index.column()) if isinstance(view, QTableView) else 0
        document.setTextWidth(max(width or option.rect.width(), MIN_SNIPPET_WIDTH))
        return QSize(int(document.idealWidth()), int(document.size().height()))


class SearchPanel(QWidget):
    """The results list; its field (:attr:`field`) lives in the window's toolbar."""

    result_chosen = Signal(int, int, int)  # contribution id, start, end of the passage
    results_shown = Signal(int)  # number of rows of the first page
    counted = Signal(object)  # SearchCounts of the search shown

    def __init__(self, service: StoreService, parent=None):
        super().__init__(parent)
        self._service = service
        self._generation = 0
        self._query = ""
        self._counts: SearchCounts | None = None
        self.field = QLineEdit()
        self.field.setPlaceholderText("Search all contributions (Ctrl+F)")
        self.field.setAccessibleName("Search all contributions")
        self.field.setToolTip(SYNTAX)
        self.field.setClearButtonEnabled(True)
        self.field.setMinimumWidth(260)
        self.field.returnPressed.connect(self.search_now)
        self.field.installEventFilter(self)
        self._pause = QTimer(self)
        self._pause.setSingleShot(True)
        self._pause.setInterval(TYPING_PAUSE_MS)
        self._pause.timeout.connect(self.search_now)
        self.field.textEdited.connect(lambda _text: self._pause.start())
        self.model = SearchResultsModel(parent=self)
        self.model.more_wanted.connect(self._read_more)
        self.status = QLabel(HINT, self)
        self.status.setWordWrap(True)
        self.status.setToolTip(SYNTAX)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setAccessibleName("Search results")
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setItemDelegateForColumn(2, SnippetDelegate(self.view))
        self.view.verticalHeader().hide()
        self.view.setWordWrap(True)
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        header = self.view.horizontalHeader()
        # Columns fit their contents as measured on the first rows, not on every row: a long
        # list would hold the window a good part of a second.
        header.setResizeContentsPrecision(RESIZE_PRECISION_ROWS)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.view.activated.connect(self.choose)
        self._measured: dict[int, int] = {}  # row -> the passage column's width it fits
        self._refit = QTimer(self)
        self._refit.setSingleShot(True)
        self._refit.setInterval(REFIT_PAUSE_MS)
        self._refit.timeout.connect(self._fit_visible_rows)
        header.sectionResized.connect(
            lambda column, _old, _new: self._refit.start() if column == 2 else None)
        self.view.verticalScrollBar().valueChanged.connect(lambda _value: self._refit.start())
        self.view.viewport().installEventFilter(self)  # taller, it shows rows not yet fitted
        self.model.rowsInserted.connect(lambda _parent, first, last: self._fit_rows(first, last))
        self.model.modelReset.connect(self._rows_reset)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.status)
        layout.addWidget(self.view)

    def eventFilter(self, watched, event) -> bool:
        """Down from the field goes to the results, so the keyboard never needs the mouse;
        the results' rows in sight are fitted again when the list changes size."""
        if watched is self.field:
            if (event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Down
                    and self.model.rowCount()):
                self.view.setFocus(Qt.FocusReason.TabFocusReason)
                self.view.setCurrentIndex(self.model.index(0, 0))
                return True
        elif event.type() == QEvent.Type.Resize and watched is self.view.viewport():
            self._refit.start()
        return super().eventFilter(watched, event)

    def focus_field(self) -> None:
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()

    def refresh_if_shown(self, tables: set[str]) -> None:
        if tables & REFRESH_ON and self.field.text().strip():
            self.search_now()

    def search_now(self) -> None:
        self._pause.stop()
        query = self.field.text().strip()
        self._generation += 1
        generation = self._generation
        self._query, self._counts = query, None
        if not query or parse(query).empty:
            self.model.clear(generation)
            self.status.setText(HINT if not query else
                                f"Nothing to look for in “{query}”: type a word or a number.")
            return
        self.status.setText(f"Searching for “{query}”…")
        self._service.read(results_page, query,
                           then=lambda page: self._show(generation, query, page),
                           failed=lambda failure: self._failed(generation, failure.message))

    def _show(self, generation: int, query: str, page: ResultsPage) -> None:
        if generation != self._generation:
            return  # the user typed on: a newer search is coming
        self.model.show_first_page(generation, page)
        if not page.rows:
            self.status.setText(f"No contribution contains “{query}”.")
        else:
            self._say_found()
            self._service.read(search_store.count_hits, query,
                               then=lambda counts: self._count_arrived(generation, counts))
        self.results_shown.emit(len(page.rows))

    def _count_arrived(self, generation: int, counts: SearchCounts) -> None:
        if generation == self._generation:
            self._counts = counts
            self._say_found()
            self.counted.emit(counts)

    def _say_found(self) -> None:
        counts = self._counts
        if counts is None:
            shown = self.model.rowCount()
            found = _plural(shown, "passage") + ("" if self.model.complete else " so far")
        else:
            found = (f"{_plural(counts.passages, 'passage')} in "
                     f"{_plural(counts.contributions, 'contribution')}")
        self.status.setText(f"{found} for “{self._query}”, in reading order. "
                            "Enter or double-click opens one.")

    def _read_more(self, generation: int, after: Place) -> None:
        if generation != self._generation:
            return
        query = self._query
        self._service.read(
            results_page, query, after,
            then=lambda page: self._more_arrived(generation, page),
            failed=lambda failure: (self.model.page_failed(generation),
                                    self._failed(generation, failure.message)))

    def _more_arrived(self, generation: int, page: ResultsPage) -> None:
        if self.model.append_page(generation, page) and self._counts is None:
            self._say_found()

    def _failed(self, generation: int, message: str) -> None:
        if generation == self._generation:
            self.status.setText(message)

    def _rows_reset(self) -> None:
        self._measured.clear()
        self._fit_rows(0, self.model.rowCount() - 1)

    def _fit_rows(self, first: int, last: int) -> None:
        """Rows as tall as their snippet wrapped at the passage column's width: the rows just
        added, or those in sight after the column changed width (measuring every row of a long
        list would hold the window)."""
        width = self.view.columnWidth(2)
        for row in range(first, last + 1):
            if self._measured.get(row) != width:
                self.view.resizeRowToContents(row)
                self._measured[row] = width

    def _fit_visible_rows(self) -> None:
        """Fit the rows in sight; rows that shrink bring more into sight, fitted in turn."""
        shown = None
        while (top := self.view.rowAt(0)) >= 0:
            bottom = self.view.rowAt(self.view.viewport().height() - 1)
            bottom = self.model.rowCount() - 1 if bottom < 0 else bottom
            if (top, bottom) == shown:
                return
            shown = (top, bottom)
            self._fit_rows(top, bottom)

    def choose(self, index: QModelIndex) -> None:
        hit = self.model.data(index, HitRole)
        if hit:
            self.result_chosen.emit(hit.contribution_id, hit.start, hit.end)
