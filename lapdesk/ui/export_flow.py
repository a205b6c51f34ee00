"""Export > Working paper… (Ctrl+E): the dialog, the pre-flight list, the export in the
background, then "Open it?".

What is left to settle (unidentified contributors, undecided publication, empty sections, a
date after the meeting; :mod:`lapdesk.export.preflight`) is listed before anything is
written, each with a way to it.  The export reads the store, so it runs on a reader lane of
the store service; the window stays usable while Word's file is built.  The finished file is
handed to the operating system (the user's Word) only when the user asks.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMessageBox

from lapdesk.export.options import ExportOptions
from lapdesk.export.preflight import EMPTY_SECTION, LATE_DATE, Finding, preflight
from lapdesk.ui.catalogue import Catalogue
from lapdesk.ui.dialogs.export_dialog import ExportDialog
from lapdesk.ui.dialogs.import_progress import ImportProgressDialog
from lapdesk.ui.dialogs.preflight_dialog import PreflightDialog
from lapdesk.ui.import_flow import show_failure
from lapdesk.ui.service.store_service import StoreService
from lapdesk.ui.service.tasks import Task


def describe_export(done: int, total: int) -> str:
    return f"Writing part {min(done + 1, total)} of {total}" if total else "Reading the store…"


class ExportFlow(QObject):
    exported = Signal(dict)  # the export's report

    def __init__(self, window: QMainWindow, service: StoreService, catalogue: Catalogue, *,
                 contributions: Callable[[], list[dict]],
                 open_contribution: Callable[[int], None],
                 open_section: Callable[[str], None]):
        super().__init__(window)
        self.window = window
        self.service = service
        self.catalogue = catalogue
        self.contributions = contributions  # the rows the window lists, for the dialog
        self._open_contribution = open_contribution
        self._open_section = open_section
        self.dialog: ExportDialog | None = None
        self.preflight_dialog: PreflightDialog | None = None
        self.done_box: QMessageBox | None = None
        self.action = QAction("&Working paper (Word)…", window)
        self.action.setShortcut(QKeySequence("Ctrl+E"))
        self.action.setStatusTip("Export the consolidated draft working paper as a Word file")
        self.action.triggered.connect(self.choose)

    def choose(self) -> ExportDialog:
        self.dialog = ExportDialog(self.catalogue, self.contributions(), parent=self.window)
        self.dialog.accepted.connect(
            lambda: self.check(self.dialog.out(), self.dialog.options()))
        self.dialog.open()
        return self.dialog

    def check(self, out: Path, options: ExportOptions) -> None:
        """List what is left to settle, if anything, before writing the paper."""
        self.service.read(preflight, options,
                          then=lambda findings: self._checked(findings, out, options))

    def _checked(self, findings: list[Finding], out: Path, options: ExportOptions) -> None:
        if not findings:
            self.start(out, options)
            return
        dialog = PreflightDialog(findings, parent=self.window)
        dialog.accepted.connect(lambda: self.start(out, options))
        dialog.go_to.connect(self._go_to)
        self.preflight_dialog = dialog
        dialog.open()

    def _go_to(self, finding: Finding) -> None:
        if finding.kind == LATE_DATE and self.dialog is not None:
            self.dialog.open()  # the same choices, to correct the date
            self.dialog.date.setFocus()
            self.dialog.date.selectAll()
        elif finding.kind == EMPTY_SECTION and finding.node_key:
            self._open_section(finding.node_key)
        elif finding.contribution_ids:
            self._open_contribution(finding.contribution_ids[0])

    def start(self, out: Path, options: ExportOptions) -> Task:
        from lapdesk.export.working_paper import export_working_paper

        def work(store, progress, cancel):
            return export_working_paper(store, out, options=options, progress=progress,
                                        cancel=cancel).as_dict()

        op = self.service.start(work, writes=False)
        progress = ImportProgressDialog(op, title="Exporting the working paper",
                                        describe=describe_export, parent=self.window)
        op.succeeded.connect(self._done)
        op.failed.connect(lambda failure: show_failure(self.window, "The working paper was not "
                                                       "exported", failure))
        progress.show_unless_quick()
        return op

    def _done(self, report: dict) -> None:
        self.exported.emit(report)
        out = Path(report["out"])
        box = QMessageBox(QMessageBox.Icon.Information, "Working paper exported",
                          f"The working paper is saved as {out.name} in {out.parent}.",
                          QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Close,
                          self.window)
        warnings = report.get("warnings") or []
        if warnings:
            box.setInformativeText("\n".join(warnings))
        box.setObjectName("export-done")
        box.finished.connect(lambda result: self._maybe_open(result, out))
        self.done_box = box
        box.open()

    @staticmethod
    def _maybe_open(result: int, out: Path) -> None:
        if result == QMessageBox.StandardButton.Open:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(out)))
