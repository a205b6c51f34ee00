"""Every contribution as a table, and the filter the contributions pane puts over it.

The table is Qt's own item model under Qt's own sort-and-filter proxy, filled with items
prepared on a reader lane: painting, sorting and filtering run no Python at all.  (A model
written in Python is called back for every cell painted, and each call waits for the
interpreter's lock, which an import holds much of the time: a repaint of the table could hold
the window a tenth of a second.)  The filters are one regular expression over a string each row
carries: its quick-filter tags, then the names it is found by.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from PySide6.QtCore import QModelIndex, QObject, QRegularExpression, QSortFilterProxyModel, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel

from lapdesk.core.records import Contribution
from lapdesk.core.statuses import kind_label
from lapdesk.core.text import fold
from lapdesk.store import registry
from lapdesk.store.connection import Store
from lapdesk.store.contributions import list_contributions

IdRole = Qt.ItemDataRole.UserRole + 1
SortRole = Qt.ItemDataRole.UserRole + 2
FilterRole = Qt.ItemDataRole.UserRole + 3


def contributor_label(contribution: Contribution) -> str:
    people = [p.name for p in contribution.contributors]
    if not people:
        return "Unknown contributor"
    if len(people) > 3:  # the count first: the names may not all fit
        return f"Joint ({len(people)}): {', '.join(people)}"
    return ", ".join(people) if len(people) == 3 else " and ".join(people)


@dataclass(slots=True)
class ListedRow:
    """A contribution as the table lists it: the record, and what the table derives from it
    (its label, the names it is found by, its cells and their items), made once."""

    contribution: Contribution
    label: str
    search: str  # the folded names and title the filter field finds it by
    suggested: int = 0  # open suggestions (the quick filter's), set in place as they change
    cells: list[tuple[str, object]] = field(default_factory=list)
    items: list[QStandardItem] = field(default_factory=list)

    @property
    def id(self) -> int:
        return self.contribution.id

    @property
    def attention(self) -> tuple[str, ...]:
        return self.contribution.needs_attention


def status_words(rows: list[ListedRow]) -> str:
    """"14 contributions · 3 need attention · 61 % mapped" for the toolbar."""
    total = len(rows)
    attention = sum(bool(r.attention) for r in rows)
    mapped = round(100 * sum(bool(r.contribution.excerpts) for r in rows) / total) if total else 0
    noun = "contribution" if total == 1 else "contributions"
    verb = "needs" if attention == 1 else "need"
    return f"{total} {noun} · {attention} {verb} attention · {mapped} % mapped"


def _cell(row: ListedRow, column: int):
    """(shown text, sort key) of one cell."""
    c = row.contribution
    first = c.contributors[0] if c.contributors else None
    if column == 0:
        mark = "⚠ " if row.attention else ""
        return mark + row.label, fold(row.label)
    if column == 1:
        text = kind_label(first.kind, first.status) if first else "–"
        return text, text
    if column == 2:
        text = (first.group if first else None) or "–"
        return text, text
    if column == 3:
        return c.received[:10], c.received
    if column == 4:
        return c.language or "?", c.language or ""
    if column == 5:
        return str(len(c.files)), len(c.files)
    if column == 6:
        text = ", ".join(row.attention) or "–"
        return text, len(row.attention)
    if column == 7:
        return (str(c.excerpts) if c.excerpts else "–"), c.excerpts
    share = round(100 * c.reviewed / c.excerpts) if c.excerpts else 0
    return (f"{share} %" if c.excerpts else "–"), share


HEADERS = ("Contributor", "Kind", "Group", "Received", "Lang.", "Files", "Attention",
           "Excerpts", "Reviewed")
COUNT_COLUMNS = (7, 8)  # what a mapping changes


def contribution_rows(store: Store) -> list[ListedRow]:
    """Every contribution as the table shows it: each row's cells, its filter string and its
    items are made here, on a reader lane; the GUI thread only puts them in the table."""
    aliases: dict[int, list[str]] = {}
    for name, contributor_id in registry.name_index(store):
        aliases.setdefault(contributor_id, []).append(name)
    rows = []
    for contribution in list_contributions(store):
        label = contributor_label(contribution)
        search = " | ".join(
            [fold(label), fold(contribution.title or "")]
            + [alias for p in contribution.contributors for alias in aliases.get(p.id, [])])
        row = ListedRow(contribution, label, search)
        row.cells = [_cell(row, column) for column in range(len(HEADERS))]
        row.items = _items(row)
        rows.append(row)
    return rows


def _tags(row: ListedRow) -> str:
    """``|all|attention|kind:State Party|group:WEOG|language:en|``: what the quick filters
    match (a tag between bars, so that no tag is found inside another)."""
    c = row.contribution
    tags = ["all", "attention" if row.attention else "", "" if c.excerpts else "unmapped",
            "suggested" if row.suggested else "", f"language:{c.language or '?'}"]
    tags += [f"kind:{kind_label(p.kind, p.status)}" for p in c.contributors]
    tags += [f"group:{p.group}" for p in c.contributors if p.group]
    return "|" + "|".join(tag for tag in tags if tag) + "|"


def _filter_string(row: ListedRow) -> str:
    return f"{_tags(row)}\t{row.search}"


TIP_COLUMNS = (0, 5, 6)  # the contributor, the files, the attention: where a tip helps


def _fill(item: QStandardItem, row: ListedRow, column: int) -> None:
    """One cell: its text and sort key; the first also the row's id, a few its tip (each
    call costs a little on 18,000 cells)."""
    text, key = row.cells[column]
    item.setText(text)
    item.setData(key, SortRole)
    if column == 0:
        item.setData(row.id, IdRole)
    if column in TIP_COLUMNS:
        tip = ("Needs attention: " + "; ".join(row.attention) if row.attention
               else ", ".join(f.name for f in row.contribution.files))
        if column == 0:  # every name of a joint submission, however narrow the column
            tip = "\n".join(part for part in (row.label, tip) if part)
        item.setToolTip(tip)


def _items(row: ListedRow) -> list[QStandardItem]:
    """The row's cells as Qt items (no object of Qt's that belongs to a thread)."""
    items = []
    for column in range(len(HEADERS)):
        item = QStandardItem()  # (the view edits nothing: no flag to set on 18,000 items)
        _fill(item, row, column)
        items.append(item)
    items[0].setData(_filter_string(row), FilterRole)
    return items


class ContributionsTable:
    """The table the contributions pane shows: :attr:`items` (Qt's item model), :attr:`proxy`
    (sorted and filtered, what the view shows) and :attr:`rows` (for the window's counts and
    the export dialog)."""

    HEADERS = HEADERS

    def __init__(self, parent: QObject):
        self.items = QStandardItemModel(0, len(HEADERS), parent)
        self.items.setHorizontalHeaderLabels(list(HEADERS))
        for column, tip in ((4, "Language"), (8, "Share of excerpts reviewed")):
            self.items.horizontalHeaderItem(column).setToolTip(tip)
        self.proxy = QSortFilterProxyModel(parent)
        self.proxy.setSourceModel(self.items)
        self.proxy.setSortRole(SortRole)
        self.proxy.setFilterRole(FilterRole)
        self.proxy.setFilterKeyColumn(0)
        self.rows: list[ListedRow] = []
        self._row_of: dict[int, int] = {}
        self._text = ""
        self._quick: tuple[str, str] = ("all", "")

    def set_rows(self, rows: list[ListedRow]) -> None:
        """Show these rows (as :func:`contribution_rows` made them), in one reset of the view."""
        column, order = self.proxy.sortColumn(), self.proxy.sortOrder()
        self.proxy.setSourceModel(None)  # one reset instead of a signal per row
        self.items.setRowCount(0)
        root = self.items.invisibleRootItem()
        for number, row in enumerate(rows):
            root.insertRow(number, row.items)
            row.items = []  # the table owns them now
        self.rows = rows
        self._row_of = {row.id: number for number, row in enumerate(rows)}
        self.proxy.setSourceModel(self.items)
        if column >= 0:
            self.proxy.sort(column, order)

    def set_counts(self, counts: dict[int, tuple[int, int]]) -> None:
        """After a mapping: the excerpt and reviewed counts, in place, in the rows that
        changed (a reload of thousands of rows would take longer than the edit itself)."""
        for number, row in enumerate(self.rows):
            excerpts, reviewed = counts.get(row.id, (0, 0))
            c = row.contribution
            if (excerpts, reviewed) == (c.excerpts, c.reviewed):
                continue
            row.contribution = replace(c, excerpts=excerpts, reviewed=reviewed)
            row.cells = [_cell(row, column) for column in range(len(HEADERS))]
            for column in COUNT_COLUMNS:
                _fill(self.items.item(number, column), row, column)
            self.items.item(number, 0).setData(_filter_string(row), FilterRole)

    def set_suggested(self, counts: dict[int, int]) -> None:
        """Which rows have open suggestions (the quick filter's), changed in place."""
        for number, row in enumerate(self.rows):
            suggested = counts.get(row.id, 0)
            if suggested != row.suggested:
                row.suggested = suggested
                self.items.item(number, 0).setData(_filter_string(row), FilterRole)
        self._apply()

    def row_of(self, contribution_id: int) -> int:
        """The row in :attr:`items` (not in the proxy) of a contribution, or -1."""
        return self._row_of.get(contribution_id, -1)

    def source_index(self, contribution_id: int) -> QModelIndex:
        row = self.row_of(contribution_id)
        return self.items.index(row, 0) if row >= 0 else QModelIndex()

    def set_text(self, text: str) -> None:
        """Only the rows found by ``text`` in any of their contributors' names (accents and
        case aside)."""
        self._text = fold(text.strip())
        self._apply()

    def set_quick(self, kind: str, value: str = "") -> None:
        """``kind`` is all, attention, unmapped, suggested, kind, group or language."""
        self._quick = (kind, value)
        self._apply()

    def _apply(self) -> None:
        kind, value = self._quick
        tag = f"{kind}:{value}" if value else kind
        pattern = f"^(?=[^\t]*\\|{re.escape(tag)}\\|)"
        if self._text:
            pattern += f"(?=[^\t]*\t.*{re.escape(self._text)})"
        self.proxy.setFilterRegularExpression(QRegularExpression(pattern))
