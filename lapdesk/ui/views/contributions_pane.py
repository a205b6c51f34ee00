"""The left pane: every contribution in a sortable table, quick filters and a name filter."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from lapdesk.core.statuses import kind_label
from lapdesk.store import contributions
from lapdesk.store.contributions import excerpt_counts
from lapdesk.ui.models.contributions_model import (
    ContributionsTable,
    IdRole,
    ListedRow,
    contribution_rows,
)
from lapdesk.ui.service.live import LiveQuery
from lapdesk.ui.service.store_service import StoreService
from lapdesk.ui.suggesting import open_suggestion_counts

ATTENTION_COLUMN = 6
# The contributor column fits its longest name (a joint submission's three or four) within these.
CONTRIBUTOR_WIDTH = (170, 340)
ATTENTION_ROOM = 100  # what the Attention column keeps in view beside it
RELOAD_ON = {"contributions", "contribution_contributors", "files", "contributors",
             "contributor_aliases", "settings"}


class ContributionsPane(QWidget):
    """Emits :attr:`contribution_selected` with the id of the row the user picks, and
    :attr:`rows_changed` whenever the rows (or their counts) arrive from the store."""

    contribution_selected = Signal(int)
    rows_changed = Signal()

    def __init__(self, service: StoreService, parent=None):
        super().__init__(parent)
        self._service = service
        self._select_row_after_reload: int | None = None  # after a delete: the next row
        self.model = ContributionsTable(self)
        self.proxy = self.model.proxy

        self.title = QLabel("Contributions", self)
        self.quick = QComboBox(self)
        self.quick.setAccessibleName("Quick filter")
        self.filter_box = QLineEdit(self)
        self.filter_box.setPlaceholderText("Filter by contributor, in any language…")
        self.filter_box.setAccessibleName("Filter contributions by contributor")
        self.filter_box.setClearButtonEnabled(True)
        self.table = QTableView(self)
        self.table.setAccessibleName("Contributions")
        self.table.setModel(self.proxy)
        self.table.horizontalHeader().setSortIndicator(3, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)  # sorts once, by the indicator
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)  # a listing
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)  # Tab goes on to the reader, arrows move rows
        self.table.viewport().installEventFilter(self)  # the columns follow the pane's width
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.resizeSection(0, CONTRIBUTOR_WIDTH[0])
        for column, width in ((1, 90), (2, 60), (3, 80), (4, 45), (5, 40), (6, 150), (7, 60),
                              (8, 60)):
            header.resizeSection(column, width)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.title, self.quick, self.filter_box, self.table):
            layout.addWidget(widget)
        self.setTabOrder(self.filter_box, self.quick)
        self.setTabOrder(self.quick, self.table)

        self.filter_box.textChanged.connect(self.model.set_text)
        self.quick.activated.connect(self._apply_quick)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.rows_query = LiveQuery(service, contribution_rows, tables=RELOAD_ON, parent=self)
        self.rows_query.updated.connect(self._rows_arrived)
        # A mapping changes only the counts: they are refreshed in place, not the whole table.
        self.counts_query = LiveQuery(service, excerpt_counts, tables={"excerpts"}, start=False,
                                      parent=self)
        self.counts_query.updated.connect(self._counts_arrived)
        self.suggested_query = LiveQuery(service, open_suggestion_counts, tables={"suggestions"},
                                         start=False, parent=self)
        self.suggested_query.updated.connect(self._suggested_arrived)
        self._fill_quick()

    def _fill_quick(self) -> None:
        rows = self.model.rows
        chosen = self.quick.currentData()
        self.quick.clear()
        self.quick.addItem(f"All contributions ({len(rows)})", ("all", ""))
        self.quick.addItem(f"Needs attention ({sum(bool(r.attention) for r in rows)})",
                           ("attention", ""))
        self.quick.addItem(f"Not yet mapped ({sum(not r.contribution.excerpts for r in rows)})",
                           ("unmapped", ""))
        self.quick.addItem(f"With open suggestions ({sum(bool(r.suggested) for r in rows)})",
                           ("suggested", ""))
        people = [p for r in rows for p in r.contribution.contributors]
        for label, kind, values in (
            ("Kind", "kind", {kind_label(p.kind, p.status) for p in people}),
            ("Group", "group", {p.group for p in people if p.group}),
            ("Language", "language", {r.contribution.language or "?" for r in rows}),
        ):
            for value in sorted(values):
                self.quick.addItem(f"{label}: {value}", (kind, value))
        position = self.quick.findData(chosen) if chosen else 0
        self.quick.setCurrentIndex(max(position, 0))
        self.title.setText(f"Contributions ({len(rows)})")

    def _apply_quick(self, position: int) -> None:
        kind, value = self.quick.itemData(position)
        self.model.set_quick(kind, value)

    def _rows_arrived(self, rows: list[ListedRow]) -> None:
        current = self.current_id()
        self.model.set_rows(rows)
        if self.suggested_query.result is not None:  # the new rows know their suggestions
            self.model.set_suggested(self.suggested_query.result)
        self.suggested_query.refresh()
        self._arrange_columns()
        self._fill_quick()
        if self._select_row_after_reload is not None and self.proxy.rowCount():
            row = min(self._select_row_after_reload, self.proxy.rowCount() - 1)
            self._select_row_after_reload = None
            self.table.selectionModel().setCurrentIndex(
                self.proxy.index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)
        elif current is not None:
            self.select_contribution(current, notify=False)
        self.rows_changed.emit()

    def eventFilter(self, watched, event) -> bool:
        if watched is self.table.viewport() and event.type() == event.Type.Resize:
            self._arrange_columns()
        return super().eventFilter(watched, event)

    def _arrange_columns(self) -> None:
        """What needs attention comes right after the contributor, in view on a laptop's
        screen rather than past the list's right edge (again after each reload, which resets
        the header); the contributor column fits its longest label (measured once, not per
        row)."""
        header = self.table.horizontalHeader()
        if header.visualIndex(ATTENTION_COLUMN) != 1:
            header.moveSection(header.visualIndex(ATTENTION_COLUMN), 1)
        labels = [row.label for row in self.model.rows]
        if not labels:
            return
        longest = max(labels, key=len)
        width = self.table.fontMetrics().horizontalAdvance("⚠ " + longest) + 16
        low, high = CONTRIBUTOR_WIDTH
        room = self.table.viewport().width() - ATTENTION_ROOM  # Attention stays in view
        header.resizeSection(0, max(low, min(high, width, room)))

    def _suggested_arrived(self, counts: dict[int, int]) -> None:
        self.model.set_suggested(counts)
        self._fill_quick()

    def _counts_arrived(self, counts: dict[int, tuple[int, int]]) -> None:
        self.model.set_counts(counts)
        self._fill_quick()
        self.rows_changed.emit()

    def _current_changed(self, current, _previous) -> None:
        if current.isValid():
            self.contribution_selected.emit(current.siblingAtColumn(0).data(IdRole))

    def current_id(self) -> int | None:
        index = self.table.currentIndex()
        return index.siblingAtColumn(0).data(IdRole) if index.isValid() else None

    def select_contribution(self, contribution_id: int, *, notify: bool = True) -> bool:
        source = self.model.source_index(contribution_id)
        if not source.isValid():
            return False
        index = self.proxy.mapFromSource(source)
        if not index.isValid():  # filtered out: show everything again rather than hide it
            self.filter_box.clear()
            self.quick.setCurrentIndex(0)
            self.model.set_quick("all")
            index = self.proxy.mapFromSource(source)
        self.table.blockSignals(not notify)
        selection = self.table.selectionModel()
        selection.blockSignals(not notify)
        selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                                  | QItemSelectionModel.SelectionFlag.Rows)
        selection.blockSignals(False)
        self.table.blockSignals(False)
        self.table.viewport().update()  # the view missed the blocked signals: repaint the rows
        self.table.scrollTo(index)
        return True

    def delete_current(self) -> None:
        """Delete the chosen contribution (undoable) and move to the one after it."""
        current = self.current_id()
        if current is None:
            return
        self._select_row_after_reload = self.table.currentIndex().row()
        self._service.apply(contributions.delete_contribution, current, then=lambda _result:
                            self._service.error.emit("Contribution deleted; Edit > Undo "
                                                     "brings it back."))

    def step(self, delta: int) -> None:
        """Move to the previous (-1) or next (+1) contribution in the table's order."""
        count = self.proxy.rowCount()
        if not count:
            return
        current = self.table.currentIndex()
        row = current.row() + delta if current.isValid() else 0
        row = max(0, min(count - 1, row))
        self.table.selectionModel().setCurrentIndex(
            self.proxy.index(row, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(self.proxy.index(row, 0))
