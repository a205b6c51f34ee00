"""Search everything (Ctrl+F): a field in the toolbar, results with highlighted snippets.

The search itself is the core's (:func:`lapdesk.store.search.search`: accents and case folded,
whatever the user types taken literally).  It runs on a reader lane, so typing never stalls,
and only the newest answer is shown.  Choosing a result emits :attr:`SearchPanel.result_chosen` with the contribution and
the paragraph's offsets, for the window to open the contribution there.
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
from lapdesk.store.connection import Store
from lapdesk.ui.models.rows_model import RowsTableModel
from lapdesk.ui.service.store_service import StoreService

TYPING_PAUSE_MS = 250
COLUMNS = ("Contribution", "¶", "Passage")
HitRole = Qt.ItemDataRole.UserRole + 1
REFRESH_ON = {"paragraphs", "contributions", "contribution_contributors"}


RESIZE_PRECISION_ROWS = 40


def run_search(store: Store, query: str, *, limit: int = 200) -> list[dict]:
    """The core's hits, each with the names of the contribution's contributors."""
    hits = search_store.search(store, query, limit=limit)
    ids = sorted({h["contribution_id"] for h in hits})
    names: dict[int, list[str]] = {}
    if ids:
        marks = ",".join("?" for _ in ids)
        for row in store.query(
            "SELECT cc.contribution_id, c.name FROM contribution_contributors cc JOIN contributors"
            f" c ON c.id = cc.contributor_id WHERE cc.chosen = 1 AND cc.contribution_id IN ({marks})"
            " ORDER BY cc.position, c.name", tuple(ids)
        ):
            names.setdefault(row["contribution_id"], []).append(row["name"])
    for hit in hits:
        who = names.get(hit["contribution_id"])
        hit["who"] = ", ".join(who) if who else f"Contribution {hit['contribution_id']}"
    return hits


def snippet_html(snippet: str) -> str:
    """The snippet with the matched words marked, everything else escaped."""
    escaped = html.escape(snippet)
    return (escaped.replace(html.escape(search_store.SNIPPET_OPEN), "<b><u>")
            .replace(html.escape(search_store.SNIPPET_CLOSE), "</u></b>"))


def snippet_plain(snippet: str) -> str:
    return snippet.replace(search_store.SNIPPET_OPEN, "").replace(search_store.SNIPPET_CLOSE, "")


class SearchResultsModel(RowsTableModel):
    COLUMNS = COLUMNS

    def set_hits(self, hits: list[dict]) -> None:
        self.set_rows(hits)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        hit = self.row_at(index)
        if hit is None:
            return None
        if role == HitRole:
            return hit
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return (hit["who"], hit["paragraph"] + 1, snippet_plain(hit["snippet"]))[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 2:
            return snippet_plain(hit["snippet"])
        return None


class SnippetDelegate(QStyledItemDelegate):
    """Draws a snippet's matched words in bold and underlined (not by colour alone)."""

    def _document(self, option: QStyleOptionViewItem, index: QModelIndex) -> QTextDocument:
        hit = index.data(HitRole)
        document = QTextDocument()
        document.setDefaultFont(option.font)
        document.setDocumentMargin(2)
        document.setHtml(snippet_html(hit["snippet"]) if hit else "")
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
        document = self._document(option, index)
        document.setTextWidth(max(option.rect.width(), 400))
        return QSize(int(document.idealWidth()), int(document.size().height()))


class SearchPanel(QWidget):
    """The results list; its field (:attr:`field`) lives in the window's toolbar."""

    result_chosen = Signal(int, int, int)  # contribution id, start, end of the paragraph
    results_shown = Signal(int)  # number of hits

    def __init__(self, service: StoreService, parent=None):
        super().__init__(parent)
        self._service = service
        self._generation = 0
        self.field = QLineEdit()
        self.field.setPlaceholderText("Search all contributions (Ctrl+F)")
        self.field.setAccessibleName("Search all contributions")
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
        self.status = QLabel("Type words to find them in every contribution.", self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setAccessibleName("Search results")
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setItemDelegateForColumn(2, SnippetDelegate(self.view))
        self.view.verticalHeader().hide()
        self.view.setWordWrap(True)
        header = self.view.horizontalHeader()
        # Columns fit their contents as measured on the first rows, not on every row: a long
        # list would hold the window a good part of a second.
        header.setResizeContentsPrecision(RESIZE_PRECISION_ROWS)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.view.activated.connect(self.choose)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.status)
        layout.addWidget(self.view)

    def eventFilter(self, watched, event) -> bool:
        """Down from the field goes to the results, so the keyboard never needs the mouse."""
        if (watched is self.field and event.type() == QEvent.Type.KeyPress
                and event.key() == Qt.Key.Key_Down and self.model.rowCount()):
            self.view.setFocus(Qt.FocusReason.TabFocusReason)
            self.view.setCurrentIndex(self.model.index(0, 0))
            return True
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
        if not query:
            self.model.set_hits([])
            self.status.setText("Type words to find them in every contribution.")
            return
        self.status.setText(f"Searching for “{query}”…")
        self._service.read(run_search, query, then=lambda hits: self._show(generation, query, hits),
                           failed=lambda failure: self.status.setText(failure.message))

    def _show(self, generation: int, query: str, hits: list[dict]) -> None:
        if generation != self._generation:
            return  # the user typed on: a newer search is coming
        self.model.set_hits(hits)
        self.view.resizeRowsToContents()
        contributions = len({h["contribution_id"] for h in hits})
        if hits:
            self.status.setText(f"{len(hits)} passage{'s' if len(hits) != 1 else ''} in "
                                f"{contributions} contribution{'s' if contributions != 1 else ''}"
                                f" for “{query}”. Enter or double-click opens one.")
        else:
            self.status.setText(f"No contribution contains “{query}”.")
        self.results_shown.emit(len(hits))

    def choose(self, index: QModelIndex) -> None:
        hit = self.model.data(index, HitRole)
        if hit:
            self.result_chosen.emit(hit["contribution_id"], hit["start"], hit["end"])
