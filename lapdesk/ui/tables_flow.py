"""Export > Tables: the contributions, positions and coverage tables as .xlsx or .csv, as
``lapdesk export --table`` writes them, from the desk.

The file dialog asks before replacing a file; the table is built and written on a reader lane
(the store is only read), and the status bar says where it went.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMenu

from lapdesk.export.tables import export_table
from lapdesk.ui.service.store_service import StoreService
from lapdesk.ui.service.tasks import Task

TABLE_WORDS = (("contributions", "&Contributions received…"),
               ("positions", "&Positions (topics by contributor)…"),
               ("coverage", "C&overage (framework by contributor)…"))
FILTERS = "Excel workbook (*.xlsx);;CSV, comma-separated (*.csv)"


class TablesFlow(QObject):
    """The Tables submenu of Export; :attr:`written` carries each table's report."""

    written = Signal(dict)

    def __init__(self, window: QMainWindow, service: StoreService):
        super().__init__(window)
        self.window = window
        self.service = service
        self.menu = QMenu("&Tables (.xlsx, .csv)", window)
        self.actions: dict[str, QAction] = {}
        for table, words in TABLE_WORDS:
            action = self.menu.addAction(words)
            action.triggered.connect(lambda _on=False, t=table: self.choose(t))
            self.actions[table] = action

    def choose(self, table: str) -> None:
        suggested = str(Path.home() / f"lapdesk-{table}.xlsx")
        path, chosen = QFileDialog.getSaveFileName(self.window, "Export a table", suggested,
                                                   FILTERS)
        if path:
            suffix = ".csv" if "csv" in chosen.lower() else ".xlsx"
            out = Path(path if Path(path).suffix.lower() in (".csv", ".xlsx") else path + suffix)
            self.write(table, out)

    def write(self, table: str, out: Path) -> Task:
        """Write ``table`` to ``out`` (replacing it: the file dialog has asked)."""
        return self.service.read(export_table, out, table, overwrite=True, then=self._done)

    def _done(self, report: dict) -> None:
        out = Path(report["out"])
        self.service.error.emit(f"The {report['table']} table ({report['rows']} rows) is "
                                f"saved as {out.name} in {out.parent}.")
        self.written.emit(report)
