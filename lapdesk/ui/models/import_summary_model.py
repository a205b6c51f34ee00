"""The import summary as a table: one row per file read, what became of it, and why.

Rows that need the team's attention (a file that could not be read, a duplicate, a
contribution whose sender was not recognised) say so in words, not only by colour.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt

from lapdesk.store.attention import CONFIRM_BELOW
from lapdesk.ui.models.rows_model import RowsTableModel

ContributionIdRole = Qt.ItemDataRole.UserRole + 1
NeedsAttentionRole = Qt.ItemDataRole.UserRole + 2

STATUS_WORDS = {
    "ok": "Logged",
    "needs_ocr": "Needs OCR (scanned, no text)",
    "encrypted": "Encrypted",
    "unreadable": "Unreadable",
    "empty": "Empty",
    "duplicate": "Duplicate",
    "unsupported": "Not a supported format",
    "too_large": "Too large",
    "failed": "Failed",
}
COLUMNS = ("File", "Outcome", "Contributor", "Message")


def _logged_caveat(row: dict) -> str:
    """What is left to settle on a file logged fine (the rules of :mod:`lapdesk.store.attention`)."""
    people = row.get("contributors") or []
    if not people:
        return "contributor unknown"
    if any(not p.get("confirmed") and (p.get("confidence") or 0) < CONFIRM_BELOW
           for p in people if isinstance(p, dict)):
        return "contributor to confirm"
    if not row.get("depth") and row.get("contribution_id") and not row.get("language"):
        return "language unknown"
    return ""


def needs_attention(row: dict) -> bool:
    return row.get("status") != "ok" or bool(_logged_caveat(row))


def outcome(row: dict) -> str:
    words = STATUS_WORDS.get(row.get("status", ""), str(row.get("status", "")).capitalize())
    caveat = _logged_caveat(row) if row.get("status") == "ok" else ""
    return f"{words} — {caveat}" if caveat else words


def contributor_names(row: dict) -> str:
    names = [c.get("name", "") if isinstance(c, dict) else str(c)
             for c in row.get("contributors") or []]
    return ", ".join(n for n in names if n)


def flatten(results: list[dict], *, depth: int = 0) -> list[dict]:
    """Files and the attachments found in them, each attachment right after what held it.

    An attachment belongs to the contribution of what held it, with the same contributors.
    """
    rows: list[dict] = []
    for result in results:
        rows.append({**result, "depth": depth})
        nested = [
            {**a, "contribution_id": result.get("contribution_id"),
             "contributors": result.get("contributors") or []}
            for a in result.get("attachments") or [] if isinstance(a, dict)
        ]
        rows.extend(flatten(nested, depth=depth + 1))
    return rows


class ImportSummaryModel(RowsTableModel):
    COLUMNS = COLUMNS

    def __init__(self, results: list[dict], parent=None):
        super().__init__(flatten(results), parent)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        row = self.row_at(index)
        if row is None:
            return None
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column == 0:
                name = row.get("name") or row.get("path") or ""
                name = name.replace("\\", "/").rsplit("/", 1)[-1]
                return "    " * row["depth"] + ("↳ " if row["depth"] else "") + name
            if column == 1:
                flag = "⚠ " if needs_attention(row) else "✓ "
                return flag + outcome(row)
            if column == 2:
                return contributor_names(row) or "—"
            if column == 3:
                return row.get("message") or ""
        if role == ContributionIdRole:
            return row.get("contribution_id")
        if role == NeedsAttentionRole:
            return needs_attention(row)
        return None

    def counts(self) -> tuple[int, int]:
        """(files logged as new, files that need attention); a duplicate is not logged again."""
        attention = sum(1 for row in self.rows if needs_attention(row))
        logged = sum(1 for row in self.rows if row.get("contribution_id")
                     and row.get("status") != "duplicate" and not row["depth"])
        return logged, attention
