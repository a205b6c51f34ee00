"""The import summary as a table: one row per file read, what became of it, and why.

Rows that need the team's attention (a file that could not be read, a duplicate, a
contribution whose sender was not recognised) say so in words, not only by colour.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, Qt

from lapdesk.core.records import ContributorRef, ImportedFile, ImportResult
from lapdesk.core.statuses import FILE_STATUS_WORDS, import_caveat
from lapdesk.ui.models.rows_model import RowsTableModel

ContributionIdRole = Qt.ItemDataRole.UserRole + 1
NeedsAttentionRole = Qt.ItemDataRole.UserRole + 2

COLUMNS = ("File", "Outcome", "Contributor", "Message")


@dataclass(frozen=True, slots=True)
class SummaryRow:
    """One line of the summary: an input file (``depth`` 0) or an attachment found in one
    (which belongs to the contribution of what held it, with the same contributors)."""

    result: ImportResult  # the input's result (an attachment's: the input that held it)
    name: str
    status: str
    message: str
    file_id: int | None
    depth: int = 0

    @property
    def contribution_id(self) -> int | None:
        return self.result.contribution_id

    @property
    def contributors(self) -> tuple[ContributorRef, ...]:
        return self.result.contributors

    @property
    def caveat(self) -> str:
        """What is left to settle on a file logged fine ("" if nothing)."""
        if self.status != "ok":
            return ""
        return import_caveat(self.result, attachment=bool(self.depth))

    @property
    def needs_attention(self) -> bool:
        return self.status != "ok" or bool(self.caveat)

    @property
    def outcome(self) -> str:
        words = FILE_STATUS_WORDS.get(self.status, self.status.capitalize())
        return f"{words} — {self.caveat}" if self.caveat else words


def flatten(results: list[ImportResult]) -> list[SummaryRow]:
    """Files and the attachments found in them, each attachment right after what held it."""
    rows: list[SummaryRow] = []
    for result in results:
        rows.append(SummaryRow(result, result.path.replace("\\", "/").rsplit("/", 1)[-1],
                               result.status, result.message, result.file_id))
        rows.extend(_attachments(result, result.attachments, depth=1))
    return rows


def _attachments(result: ImportResult, found: tuple[ImportedFile, ...], *,
                 depth: int) -> list[SummaryRow]:
    rows = []
    for attachment in found:
        rows.append(SummaryRow(result, attachment.name, attachment.status, attachment.message,
                               attachment.file_id, depth))
        rows.extend(_attachments(result, attachment.attachments, depth=depth + 1))
    return rows


class ImportSummaryModel(RowsTableModel):
    COLUMNS = COLUMNS

    def __init__(self, results: list[ImportResult], parent=None):
        super().__init__(flatten(results), parent)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        row = self.row_at(index)
        if row is None:
            return None
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column == 0:
                return "    " * row.depth + ("↳ " if row.depth else "") + row.name
            if column == 1:
                return ("⚠ " if row.needs_attention else "✓ ") + row.outcome
            if column == 2:
                return ", ".join(p.name for p in row.contributors) or "—"
            if column == 3:
                return row.message
        if role == ContributionIdRole:
            return row.contribution_id
        if role == NeedsAttentionRole:
            return row.needs_attention
        return None

    def counts(self) -> tuple[int, int]:
        """(files logged as new, files that need attention); a duplicate is not logged again."""
        attention = sum(1 for row in self.rows if row.needs_attention)
        logged = sum(1 for row in self.rows if row.contribution_id
                     and row.status != "duplicate" and not row.depth)
        return logged, attention
