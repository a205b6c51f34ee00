"""The registry view: every expected contributor, and whether they have written yet.

So the team sees at a glance who has not answered, with the follow-up dates it keeps
(acknowledged, reminder sent; set for the selected rows with two buttons, each an undoable
change).  Filters by regional group, kind and received / not received.  The registry is the
team's own: Add, Edit and Merge (:mod:`lapdesk.ui.registry_edits`) credit a sender the seed
file lacks.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from lapdesk.core.statuses import kind_label
from lapdesk.core.text import fold
from lapdesk.store import registry
from lapdesk.store.connection import Store
from lapdesk.ui.models.rows_model import RowsTableModel
from lapdesk.ui.registry_edits import RegistryEdits
from lapdesk.ui.service.live import LiveQuery
from lapdesk.ui.service.store_service import StoreService

Index = QModelIndex | QPersistentModelIndex
COLUMNS = ("Contributor", "Received", "Kind", "Group", "Acknowledged", "Reminder")
RowRole = Qt.ItemDataRole.UserRole + 1
REFRESH_ON = {"contributors", "contributor_aliases", "contribution_contributors", "contributions"}
RECEIVED_FILTERS = ("Everyone expected", "Received", "Not yet received")


def registry_rows(store: Store) -> list[dict]:
    """Every expected contributor with how many contributions they sent and the first date."""
    received = {
        r["contributor_id"]: r for r in store.query(
            "SELECT cc.contributor_id, count(DISTINCT cc.contribution_id) AS n,"
            " min(c.received) AS first, min(c.id) AS first_id FROM contribution_contributors cc"
            " JOIN contributions c ON c.id = cc.contribution_id WHERE cc.chosen = 1"
            " GROUP BY cc.contributor_id"
        )
    }
    rows = []
    for entry in registry.contributors(store):
        if not entry["expected"]:
            continue
        got = received.get(entry["id"])
        rows.append({**entry, "contributions": got["n"] if got else 0,
                     "first_contribution_id": got["first_id"] if got else None,
                     "first_received": (got["first"] or "")[:10] if got else "",
                     "kind_label": kind_label(entry["kind"], entry["status"])})
    return rows


class RegistryModel(RowsTableModel):
    COLUMNS = COLUMNS

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        row = self.row_at(index)
        if row is None:
            return None
        if role == RowRole:
            return row
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, index.column())
        if role == Qt.ItemDataRole.UserRole:  # sort key
            if index.column() == 1:
                return row["first_received"] or "9999"  # not received sorts last
            return fold(str(self._display(row, index.column())))
        return None

    @staticmethod
    def _display(row: dict, column: int) -> str:
        if column == 0:
            return row["name"]
        if column == 1:
            if not row["contributions"]:
                return "✗ not yet"
            more = f" ({row['contributions']})" if row["contributions"] > 1 else ""
            return f"✓ {row['first_received']}{more}"
        if column == 2:
            return row["kind_label"]
        if column == 3:
            return row["group"] or ""
        if column == 4:
            return row["acknowledged_on"] or ""
        return row["reminder_on"] or ""

    def received_count(self) -> int:
        return sum(1 for row in self.rows if row["contributions"])


class RegistryFilter(QSortFilterProxyModel):
    """Filters by group, kind label, received state and a name typed in any of its aliases."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.group = ""
        self.kind = ""
        self.received = RECEIVED_FILTERS[0]
        self.text = ""
        self.setSortRole(Qt.ItemDataRole.UserRole)

    def set_filters(self, *, group: str | None = None, kind: str | None = None,
                    received: str | None = None, text: str | None = None) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt 6.9+; invalidateRowsFilter is deprecated
            self.beginFilterChange()
        if group is not None:
            self.group = group
        if kind is not None:
            self.kind = kind
        if received is not None:
            self.received = received
        if text is not None:
            self.text = fold(text.strip())
        if hasattr(self, "endFilterChange"):
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        row = self.sourceModel().data(self.sourceModel().index(source_row, 0, source_parent),
                                      RowRole)
        if self.group and (row["group"] or "") != self.group:
            return False
        if self.kind and row["kind_label"] != self.kind:
            return False
        if self.received == RECEIVED_FILTERS[1] and not row["contributions"]:
            return False
        if self.received == RECEIVED_FILTERS[2] and row["contributions"]:
            return False
        if self.text:
            names = [row["name"], row["key"], row["iso3"] or "", *row["aliases"]]
            return any(self.text in fold(name) for name in names)
        return True


class RegistryView(QWidget):
    """The registry table with its filters and a line of counts; activating a contributor
    who has written opens their (first) contribution."""

    contribution_chosen = Signal(int)

    def __init__(self, service: StoreService, edits: RegistryEdits, parent=None):
        super().__init__(parent)
        self._service = service
        self.edits = edits
        self._to_select: int | None = None  # an entry just added, once the rows arrive
        edits.contributor_added.connect(lambda added, _name: setattr(self, "_to_select", added))
        self.model = RegistryModel([], self)
        self.proxy = RegistryFilter(self)
        self.proxy.setSourceModel(self.model)
        self.counts = QLabel(self)
        self.group_box = QComboBox(self)
        self.group_box.setAccessibleName("Regional group")
        self.kind_box = QComboBox(self)
        self.kind_box.setAccessibleName("Kind of contributor")
        self.received_box = QComboBox(self)
        self.received_box.setAccessibleName("Received or not")
        self.received_box.addItems(RECEIVED_FILTERS)
        self.name_filter = QLineEdit(self)
        self.name_filter.setPlaceholderText("Filter by name")
        self.name_filter.setAccessibleName("Filter contributors by name")
        self.name_filter.setClearButtonEnabled(True)
        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setAccessibleName("Registry of contributors")
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # the conference's order
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.activated.connect(self._open_row)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((260, 130, 170, 110, 110)):
            header.resizeSection(column, width)
        self.acknowledge_button = QPushButton("Acknowledged today", self)
        self.acknowledge_button.setToolTip("Record that receipt was acknowledged today")
        self.acknowledge_button.clicked.connect(lambda: self.mark_today("acknowledged_on"))
        self.reminder_button = QPushButton("Reminder sent today", self)
        self.reminder_button.setToolTip("Record that a reminder was sent today")
        self.reminder_button.clicked.connect(lambda: self.mark_today("reminder_on"))
        self.add_button = QPushButton("Add contributor…", self)
        self.add_button.setToolTip("Add a State or organisation the registry lacks")
        self.add_button.clicked.connect(lambda: self.edits.add(self.name_filter.text().strip()))
        self.edit_button = QPushButton("Edit…", self)
        self.edit_button.setToolTip("Edit the selected contributor's kind, group and names")
        self.edit_button.clicked.connect(lambda: self.edits.edit(self.selected_rows()[0]))
        self.merge_button = QPushButton("Merge into…", self)
        self.merge_button.setToolTip("The selected contributor is a duplicate: credit its "
                                     "contributions to another and keep its names")
        self.merge_button.clicked.connect(lambda: self.edits.merge(self.selected_rows()[0]))
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self._update_buttons()
        filters = QHBoxLayout()
        for widget in (self.received_box, self.group_box, self.kind_box, self.name_filter,
                       self.acknowledge_button, self.reminder_button):
            filters.addWidget(widget)
        entries = QHBoxLayout()
        entries.addWidget(self.counts, 1)
        for widget in (self.add_button, self.edit_button, self.merge_button):
            entries.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(entries)
        layout.addLayout(filters)
        layout.addWidget(self.table)
        self._fill_choices()
        self.group_box.currentIndexChanged.connect(
            lambda i: self.proxy.set_filters(group=self.group_box.itemData(i) or ""))
        self.kind_box.currentIndexChanged.connect(
            lambda i: self.proxy.set_filters(kind=self.kind_box.itemData(i) or ""))
        self.received_box.currentTextChanged.connect(
            lambda text: self.proxy.set_filters(received=text))
        self.name_filter.textChanged.connect(lambda text: self.proxy.set_filters(text=text))
        self._update_counts()
        self.query = LiveQuery(service, registry_rows, tables=REFRESH_ON, parent=self)
        self.query.updated.connect(self._rows_arrived)

    def _open_row(self, index) -> None:
        row = self.proxy.data(index, RowRole)
        if row and row["first_contribution_id"]:
            self.contribution_chosen.emit(row["first_contribution_id"])

    def selected_rows(self) -> list[dict]:
        return [self.proxy.data(index, RowRole)
                for index in self.table.selectionModel().selectedRows()]

    def _update_buttons(self, *_args) -> None:
        chosen = len(self.table.selectionModel().selectedRows())
        self.acknowledge_button.setEnabled(bool(chosen))
        self.reminder_button.setEnabled(bool(chosen))
        self.edit_button.setEnabled(chosen == 1)
        self.merge_button.setEnabled(chosen == 1)

    def mark_today(self, field: str) -> None:
        """Set a follow-up date of every selected contributor to today (undoable, one each)."""
        today = date.today().isoformat()
        for row in self.selected_rows():
            self._service.apply(registry.update_contributor, row["id"], **{field: today})

    def _fill_choices(self) -> None:
        for box, values, everyone in (
            (self.group_box, sorted({r["group"] for r in self.model.rows if r["group"]}),
             "All groups"),
            (self.kind_box, list(dict.fromkeys(r["kind_label"] for r in self.model.rows)),
             "All kinds"),
        ):
            current = box.currentData()
            box.blockSignals(True)
            box.clear()
            box.addItem(everyone, "")
            for value in values:
                box.addItem(value, value)
            box.setCurrentIndex(max(box.findData(current), 0) if current else 0)
            box.blockSignals(False)

    def _update_counts(self) -> None:
        total, received = len(self.model.rows), self.model.received_count()
        self.counts.setText(f"{received} of {total} expected contributors have written · "
                            f"{total - received} not yet")

    def _rows_arrived(self, rows: list[dict]) -> None:
        self.model.set_rows(rows)
        self._fill_choices()
        self._update_counts()
        self._update_buttons()
        if self._to_select is not None and self.select_contributor(self._to_select):
            self._to_select = None

    def select_contributor(self, contributor_id: int) -> bool:
        """Select and show an entry (one just added), clearing filters that hide it."""
        for attempt in range(2):
            for row in range(self.proxy.rowCount()):
                index = self.proxy.index(row, 0)
                if self.proxy.data(index, RowRole)["id"] == contributor_id:
                    self.table.selectRow(row)
                    self.table.scrollTo(index)
                    return True
            if attempt == 0:
                self.name_filter.clear()
                self.received_box.setCurrentIndex(0)
                self.group_box.setCurrentIndex(0)
                self.kind_box.setCurrentIndex(0)
        return False
