"""Every contribution as a table model, and the filter the contributions pane puts over it."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from lapdesk.core.text import fold
from lapdesk.store import registry
from lapdesk.store.connection import Store
from lapdesk.store.contributions import list_contributions

Index = QModelIndex | QPersistentModelIndex
IdRole = Qt.ItemDataRole.UserRole + 1
SortRole = Qt.ItemDataRole.UserRole + 2

STATUS_WORDS = {"state_party": "State Party", "signatory": "signatory", "observer": "observer"}
KIND_WORDS = {"international_organisation": "organisation", "civil_society": "civil society",
              "other": "other"}


def kind_word(person: dict) -> str:
    """The team's word for a contributor's kind: State Party, signatory, organisation..."""
    if person["kind"] == "state":
        return STATUS_WORDS.get(person["status"], "State")
    return KIND_WORDS.get(person["kind"], "other")


def contributor_label(row: dict) -> str:
    people = [p["name"] for p in row["contributors"]]
    if not people:
        return "Unknown contributor"
    if len(people) > 2:
        return f"Joint ({len(people)}): {', '.join(people)}"
    return " and ".join(people)


def status_words(rows: list[dict]) -> str:
    """"14 contributions · 3 need attention · 61 % mapped" for the toolbar."""
    total = len(rows)
    attention = sum(bool(r["_attention"]) for r in rows)
    mapped = round(100 * sum(bool(r["excerpts"]) for r in rows) / total) if total else 0
    noun = "contribution" if total == 1 else "contributions"
    verb = "needs" if attention == 1 else "need"
    return f"{total} {noun} · {attention} {verb} attention · {mapped} % mapped"


def _cell(row: dict, column: int):
    """(shown text, sort key) of one cell."""
    first = row["contributors"][0] if row["contributors"] else None
    if column == 0:
        mark = "⚠ " if row["_attention"] else ""
        return mark + row["_label"], fold(row["_label"])
    if column == 1:
        text = kind_word(first) if first else "–"
        return text, text
    if column == 2:
        text = (first or {}).get("group") or "–"
        return text, text
    if column == 3:
        return row["received"][:10], row["received"]
    if column == 4:
        return row["language"] or "?", row["language"] or ""
    if column == 5:
        return str(len(row["files"])), len(row["files"])
    if column == 6:
        text = ", ".join(row["_attention"]) or "–"
        return text, len(row["_attention"])
    if column == 7:
        return (str(row["excerpts"]) if row["excerpts"] else "–"), row["excerpts"]
    share = round(100 * row["reviewed"] / row["excerpts"]) if row["excerpts"] else 0
    return (f"{share} %" if row["excerpts"] else "–"), share


HEADERS = ("Contributor", "Kind", "Group", "Received", "Lang.", "Files", "Attention",
           "Excerpts", "Reviewed")


def contribution_rows(store: Store) -> list[dict]:
    """Every contribution as the table shows it, each row's cells and search text computed
    here, on a reader lane: the GUI thread only swaps the list in."""
    aliases: dict[int, list[str]] = {}
    for name, contributor_id in registry.name_index(store):
        aliases.setdefault(contributor_id, []).append(name)
    rows = list_contributions(store)
    for row in rows:
        row["_attention"] = row["needs_attention"]
        row["_label"] = contributor_label(row)
        row["_search"] = " | ".join(
            [fold(row["_label"]), fold(row["title"] or "")]
            + [alias for p in row["contributors"] for alias in aliases.get(p["id"], [])]
        )
        # Computed once, so that painting, sorting and filtering only look values up.
        row["_cells"] = [_cell(row, column) for column in range(len(HEADERS))]
    return rows


class ContributionsModel(QAbstractTableModel):
    """One row per contribution, as :func:`contribution_rows` prepared them."""

    HEADERS = HEADERS

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[dict] = []
        self._sorted_by: tuple[int, Qt.SortOrder] | None = None

    def set_rows(self, rows: list[dict]) -> None:
        self.beginResetModel()
        self._rows = rows
        if self._sorted_by is not None:
            self._rows.sort(key=self._sort_key(self._sorted_by[0]),
                            reverse=self._sorted_by[1] == Qt.SortOrder.DescendingOrder)
        self.endResetModel()

    def set_counts(self, counts: dict[int, tuple[int, int]]) -> None:
        """After a mapping: update the excerpt and reviewed counts in place, row by row (a
        full reload of thousands of rows would take longer than the edit itself)."""
        for number, row in enumerate(self._rows):
            excerpts, reviewed = counts.get(row["id"], (0, 0))
            if (excerpts, reviewed) == (row["excerpts"], row["reviewed"]):
                continue
            row["excerpts"], row["reviewed"] = excerpts, reviewed
            row["_cells"] = [_cell(row, column) for column in range(len(HEADERS))]
            self.dataChanged.emit(self.index(number, 0), self.index(number, len(HEADERS) - 1))

    @staticmethod
    def _sort_key(column: int):
        return lambda row: (row["_cells"][column][1], row["received"], row["id"])

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort the rows themselves (one Python sort, not thousands of comparisons via Qt)."""
        if not 0 <= column < len(self.HEADERS):
            return
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        ids = [self._rows[i.row()]["id"] for i in before]
        self._rows.sort(key=self._sort_key(column),
                        reverse=order == Qt.SortOrder.DescendingOrder)
        self._sorted_by = (column, order)
        where = {row["id"]: n for n, row in enumerate(self._rows)}
        self.changePersistentIndexList(
            before, [self.index(where[i], old.column()) for i, old in zip(ids, before,
                                                                          strict=True)])
        self.layoutChanged.emit()

    @property
    def rows(self) -> list[dict]:
        return self._rows

    def row_of(self, contribution_id: int) -> int:
        return next((i for i, r in enumerate(self._rows) if r["id"] == contribution_id), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return row["_cells"][index.column()][0]
        if role == SortRole:
            return row["_cells"][index.column()][1]
        if role == Qt.ItemDataRole.ToolTipRole:
            if row["_attention"]:
                return "Needs attention: " + "; ".join(row["_attention"])
            return ", ".join(f["name"] for f in row["files"]) or None
        if role == IdRole:
            return row["id"]
        return None

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole:
            return {4: "Language", 8: "Share of excerpts reviewed"}.get(section)
        return None


class ContributionsFilter(QSortFilterProxyModel):
    """Quick filters (attention, unmapped, a kind, a group, a language) and a text box that
    matches contributor names in any of their registry aliases, accents and case aside."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setSortRole(SortRole)
        self.setDynamicSortFilter(False)
        self._text = ""
        self._quick: tuple[str, str] = ("all", "")

    def set_text(self, text: str) -> None:
        self.beginFilterChange()
        self._text = fold(text.strip())
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_quick(self, kind: str, value: str = "") -> None:
        """``kind`` is all, attention, unmapped, kind, group or language."""
        self.beginFilterChange()
        self._quick = (kind, value)
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Let the table model sort its own rows; the filter keeps their order."""
        self.sourceModel().sort(column, order)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        row = self.sourceModel().rows[source_row]
        if self._text and self._text not in row["_search"]:
            return False
        kind, value = self._quick
        if kind == "attention":
            return bool(row["_attention"])
        if kind == "unmapped":
            return not row["excerpts"]
        if kind == "kind":
            return any(kind_word(p) == value for p in row["contributors"])
        if kind == "group":
            return any(p.get("group") == value for p in row["contributors"])
        if kind == "language":
            return (row["language"] or "?") == value
        return True
