"""The search results as a table that grows a page at a time, as the user scrolls.

The first page comes with the search (:func:`results_page` on a reader lane); when the view
scrolls to the end, Qt asks :meth:`SearchResultsModel.fetchMore`, which only says which page it
wants (:attr:`SearchResultsModel.more_wanted`): the panel reads it off the GUI thread and hands
it back to :meth:`SearchResultsModel.append_page`.  A page answered for an older search (the
user typed on) is dropped, by the search's number.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, Qt, Signal

from lapdesk.store import search as search_store
from lapdesk.store.connection import Store
from lapdesk.store.search import Place, SearchHit
from lapdesk.store.search_query import Query
from lapdesk.ui.models.rows_model import Index, RowsTableModel

COLUMNS = ("Contribution", "¶", "Passage")
HitRole = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True)
class ResultRow:
    """A hit and who sent the contribution it is in (as the list shows them)."""

    hit: SearchHit
    who: str


@dataclass(frozen=True)
class ResultsPage:
    """One page of rows and where the next one starts (None: the last page)."""

    rows: list[ResultRow]
    next: Place | None


def results_page(store: Store, query: str | Query, after: Place | None = None, *,
                 limit: int = search_store.PAGE_SIZE) -> ResultsPage:
    """A page of the core's hits, each with the names of its contribution's contributors."""
    page = search_store.search_page(store, query, after=after, limit=limit)
    ids = sorted({hit.contribution_id for hit in page.hits})
    names: dict[int, list[str]] = {}
    if ids:
        marks = ",".join("?" for _ in ids)
        for row in store.query(
            "SELECT cc.contribution_id, c.name FROM contribution_contributors cc JOIN contributors"
            f" c ON c.id = cc.contributor_id WHERE cc.chosen = 1 AND cc.contribution_id IN ({marks})"
            " ORDER BY cc.position, c.name", tuple(ids)
        ):
            names.setdefault(row["contribution_id"], []).append(row["name"])
    rows = []
    for hit in page.hits:
        who = names.get(hit.contribution_id)
        rows.append(ResultRow(hit, ", ".join(who) if who else f"Contribution {hit.contribution_id}"))
    return ResultsPage(rows, page.next)


def snippet_plain(snippet: str) -> str:
    return snippet.replace(search_store.SNIPPET_OPEN, "").replace(search_store.SNIPPET_CLOSE, "")


class SearchResultsModel(RowsTableModel):
    """Rows of :class:`ResultRow`; :data:`HitRole` answers the row's :class:`SearchHit`."""

    COLUMNS = COLUMNS
    more_wanted = Signal(int, object)  # the search's number, the Place the next page follows

    def __init__(self, parent=None):
        super().__init__(parent=parent)
        self.search_number = 0
        self._next: Place | None = None
        self._asked = False

    def show_first_page(self, number: int, page: ResultsPage) -> None:
        """The rows of search ``number`` from its first page on (earlier searches' pages that
        still arrive are dropped)."""
        self.search_number = number
        self._next, self._asked = page.next, False
        self.set_rows(page.rows)

    def clear(self, number: int) -> None:
        self.show_first_page(number, ResultsPage([], None))

    def append_page(self, number: int, page: ResultsPage) -> bool:
        """Add a later page of search ``number``; False (and nothing added) for another's."""
        if number != self.search_number:
            return False
        self._next, self._asked = page.next, False
        if page.rows:
            first = len(self.rows)
            self.beginInsertRows(QModelIndex(), first, first + len(page.rows) - 1)
            self.rows.extend(page.rows)
            self.endInsertRows()
        return True

    def page_failed(self, number: int) -> None:
        """A later page could not be read: the next scroll asks again."""
        if number == self.search_number:
            self._asked = False

    @property
    def complete(self) -> bool:
        return self._next is None

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: N802 - Qt's name
        return not parent.isValid() and self._next is not None and not self._asked

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: N802 - Qt's name
        if self.canFetchMore(parent):
            self._asked = True
            self.more_wanted.emit(self.search_number, self._next)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        row = self.row_at(index)
        if row is None:
            return None
        if role == HitRole:
            return row.hit
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            hit = row.hit
            where = "" if hit.paragraph is None else hit.paragraph + 1
            passage = snippet_plain(hit.snippet)
            if hit.kind == "comment":
                passage = f"Comment: {passage}"
            return (row.who, where, passage)[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 2:
            return snippet_plain(row.hit.snippet)
        return None
