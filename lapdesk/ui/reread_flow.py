"""Reading files again from the desk: "Enter password…" for a protected file (in the import
summary and above the reader) and "Read scans now" for scans logged before they could be read.

Both run :func:`lapdesk.ingest.reread.reread` as one long write on the store's writer lane,
behind the import's progress dialog (a scan's pages, then each file, with Cancel); the file
keeps its place, its contribution and the excerpts on it.  The password goes to the workers
with the job and is never kept.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMainWindow, QMessageBox

from lapdesk.ingest.reread import unread_files
from lapdesk.ui.dialogs.import_progress import ImportProgressDialog
from lapdesk.ui.import_flow import show_failure
from lapdesk.ui.service.live import LiveQuery
from lapdesk.ui.service.store_service import StoreService
from lapdesk.ui.service.tasks import Task

REREAD_TABLES = {"files", "paragraphs", "excerpts", "suggestions", "revisions", "comments",
                 "ocr_pages", "contribution_contributors", "contributions"}


class RereadFlow(QObject):
    """The desk's two ways to read files again; :attr:`read_scans_action` sits in the
    Contribution menu, enabled while the store holds scans not read yet."""

    def __init__(self, window: QMainWindow, service: StoreService):
        super().__init__(window)
        self.window, self.service = window, service
        self.last_op: Task | None = None
        self.progress_dialog: ImportProgressDialog | None = None
        self.read_scans_action = QAction("Read &scans now", window)
        self.read_scans_action.setToolTip("Read by OCR the scans logged before LAPDesk could "
                                          "read them")
        self.read_scans_action.triggered.connect(self.read_scans_now)
        self.read_scans_action.setEnabled(False)
        self._announced = False
        self.waiting = LiveQuery(service, unread_files, tables={"files"}, parent=self)
        self.waiting.updated.connect(self._update)

    def _update(self, waiting_files: list) -> None:
        waiting = len(waiting_files)
        self.read_scans_action.setEnabled(bool(waiting))
        self.read_scans_action.setText(f"Read &scans now ({waiting})" if waiting
                                       else "Read &scans now")
        if not self._announced and waiting:
            self.window.show_message(
                f"{waiting} scan{'s were' if waiting != 1 else ' was'} logged before "
                "LAPDesk could read them: Contribution > Read scans now.")
        self._announced = True

    # --- the two actions ------------------------------------------------------------------

    def read_scans_now(self) -> Task | None:
        if not self.waiting.result:
            self.window.show_message("There is no scan waiting to be read.")
            return None
        return self._run(lambda store: unread_files(store), password=None,
                         title="Reading scans")

    def enter_password(self, file_id: int, name: str = "") -> Task | None:
        """Ask for the password of a protected file, then read it again with it."""
        password, ok = QInputDialog.getText(
            self.window, "Enter password", f"Password of {name or 'this file'} (it is not "
            "kept):", QLineEdit.EchoMode.Password)
        if not ok or not password:
            return None
        return self._run(lambda store: [file_id], password=password, title="Opening "
                         f"{name or 'the file'}")

    def _run(self, files, *, password: str | None, title: str) -> Task:
        from lapdesk.ingest.reread import reread

        def work(store, progress, cancel):
            return reread(store, files(store), password=password, progress=progress,
                          cancel=cancel)

        op = self.service.start(work, writes=True, touches=REREAD_TABLES)
        self.last_op = op
        self.progress_dialog = ImportProgressDialog(
            op, total=0, title=title, parent=self.window,
            describe=lambda done, total: f"File {done} of {total} read again" if total
            else "Reading…",
            cancel_tip="Stop after the file being read; files already read stay read",
            stopping="Stopping after the current file…")
        op.succeeded.connect(self._report)
        op.failed.connect(lambda failure: show_failure(self.window, "Reading again did not "
                                                       "finish", failure))
        self.progress_dialog.show_unless_quick()
        return op

    def _report(self, results: list[dict]) -> None:
        changed = [r for r in results if r["changed"] and r["status"] == "ok"]
        left = [r for r in results if r not in changed]
        by_ocr = sum(1 for r in changed if r["ocr"])
        words = f"{len(changed)} file{'s' if len(changed) != 1 else ''} read"
        if by_ocr:
            words += f" ({by_ocr} by OCR)"
        self.window.show_message(f"{words}; {len(left)} still not read." if left
                                 else f"{words}.")
        if left:
            box = QMessageBox(QMessageBox.Icon.Information, "Not read",
                              "\n".join(f"{r['name']}: {r['message']}" for r in left),
                              QMessageBox.StandardButton.Ok, self.window)
            box.open()
