"""Import by drop or by File > Import…: files in, progress, a summary of what needs attention.

A drop can land anywhere on the window, on any pane: an application-wide event filter takes
external drags of files (and of virtual files, which Outlook sends for an email dragged straight
out of it) that are headed for this window, and leaves every drag started inside the desk
(a selection dragged onto the framework) to the widget it is meant for.  The drop itself stays
cheap: it only turns URLs into paths and defers the import with ``QTimer.singleShot(0, …)``;
the import runs on the store service's writer lane.  The extraction workers
start as soon as files are dragged over the window, so they have booted by the time they are
dropped; unused, they are let go after :data:`WARM_FOR_MS`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QMimeData, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QFileDialog, QMainWindow, QMessageBox, QWidget

from lapdesk.analysis import resubmission
from lapdesk.core.records import ImportResult
from lapdesk.rounds.suggest_amendments import suggest_new
from lapdesk.ui.dialogs.import_progress import ImportProgressDialog
from lapdesk.ui.dialogs.import_summary import ImportSummaryDialog
from lapdesk.ui.service.store_service import StoreService
from lapdesk.ui.service.tasks import Failure, Task

if TYPE_CHECKING:
    from lapdesk.ingest.importer import Importer

# What an import can change, so that every view showing one of these refreshes.
IMPORT_TABLES = frozenset({"contributions", "files", "paragraphs", "contribution_contributors",
                           "suggestions", "contributors", "amendments"})
WARM_FOR_MS = 30_000  # how long workers started by a drag wait for its drop
# The formats Windows uses for files that exist only inside another program (an Outlook email).
VIRTUAL_FILE_FORMATS = ("FileGroupDescriptorW", "FileGroupDescriptor", "FileContents")
FILE_FILTER = ("Contributions (*.docx *.doc *.odt *.rtf *.pdf *.txt *.md *.htm *.html *.eml "
               "*.msg *.zip);;All files (*)")

NO_FILES_TITLE = "Nothing to import"
NO_FILES_TEXT = (
    "What was dropped carries no file LAPDesk can read: an email dragged straight out of "
    "Outlook arrives as a message that exists only inside Outlook."
)
NO_FILES_HOW = (
    "Save the email first: drag it from Outlook to the desktop or a folder (or use File > "
    "Save As in Outlook), then drop the saved .msg file here, or use File > Import…."
)


def local_paths(mime: QMimeData) -> list[str]:
    """The local files and folders a drop carries, in the order they were dragged."""
    if not mime.hasUrls():
        return []
    return [url.toLocalFile() for url in mime.urls() if url.isLocalFile() and url.toLocalFile()]


def carries_virtual_files(mime: QMimeData) -> bool:
    return any(key in fmt for fmt in mime.formats() for key in VIRTUAL_FILE_FORMATS)


def accept_as_copy(event: QDropEvent | QDragEnterEvent) -> None:
    """A drop from the file manager is always a copy: the original stays where it was."""
    event.setDropAction(Qt.DropAction.CopyAction)
    event.accept()


def is_import_drag(mime: QMimeData) -> bool:
    """Whether a drag from outside the desk is something to import (or to explain)."""
    return mime.hasUrls() or carries_virtual_files(mime)


def drop_hint(mime: QMimeData) -> str:
    paths = local_paths(mime)
    if not paths:
        return "Nothing to import here: save the email first (see what dropping it says)."
    folders = sum(1 for p in paths if Path(p).is_dir())
    files = len(paths) - folders
    parts = [f"{n} {word}{'s' if n != 1 else ''}" for n, word in ((files, "file"),
                                                                  (folders, "folder")) if n]
    return f"Drop to import {' and '.join(parts)}."


def revisions_among(store, results: list[ImportResult]) -> list[dict]:
    """Earlier contributions that a newly logged one looks like a revision of (the same
    contributor, very close text): ``[{old_id, new_id, similarity, ...}]`` for the summary."""
    found = []
    for result in results:
        if result.status == "duplicate" or not result.contribution_id:
            continue
        for older in resubmission.candidates(store, result.contribution_id):
            found.append({"old_id": older["contribution_id"], "old_title": older["title"],
                          "old_received": older["received"], "similarity": older["similarity"],
                          "new_id": result.contribution_id, "new_name": Path(result.path).name})
    return found


class ImportFlow(QObject):
    """Drops, the Import… action, and the dialogs that follow an import.

    :param open_contribution: called with a contribution id when the user picks one in the
        summary (the window's way of showing a contribution).
    """

    import_finished = Signal(list)  # the import's results, one per input file
    no_files_dropped = Signal(str)  # the explanation shown

    def __init__(self, window: QMainWindow, service: StoreService, *,
                 open_contribution: Callable[[int], None] | None = None,
                 enter_password: Callable[[int, str], object] | None = None):
        super().__init__(window)
        self.window = window
        self.service = service
        self.open_contribution = open_contribution
        self.enter_password = enter_password  # "Enter password…" for a protected file
        self.progress_dialog: ImportProgressDialog | None = None
        self.summary_dialog: ImportSummaryDialog | None = None
        self.last_op: Task | None = None
        self._hinting = False
        self.warm_importer: Importer | None = None  # its workers started by a drag, for its drop
        self._warm_timer = QTimer(self)
        self._warm_timer.setSingleShot(True)
        self._warm_timer.setInterval(WARM_FOR_MS)
        self._warm_timer.timeout.connect(self.let_workers_go)
        self.action = QAction("&Import…", window)
        self.action.setShortcut(QKeySequence("Ctrl+I"))
        self.action.setStatusTip("Log contributions from files, folders or saved emails")
        self.action.triggered.connect(self.choose_files)
        window.setAcceptDrops(True)
        QApplication.instance().installEventFilter(self)

    # --- drag and drop ----------------------------------------------------------------------

    def _is_ours(self, watched: QObject) -> bool:
        return isinstance(watched, QWidget) and watched.window() is self.window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Close and watched is self.window:
            self.let_workers_go()
            return False
        if kind == QEvent.Type.DragLeave and self._hinting and self._is_ours(watched):
            self._hint("")
            return False
        if kind not in (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop):
            return False
        if not self._is_ours(watched) or event.source() is not None:
            return False  # a drag started inside the desk belongs to the widget under it
        if not is_import_drag(event.mimeData()):
            return False
        if kind == QEvent.Type.Drop:
            self._hint("")
            self.handle_drop(event)
        else:
            if kind == QEvent.Type.DragEnter:
                self._hint(drop_hint(event.mimeData()))
                if local_paths(event.mimeData()):
                    self._warm_up()
            accept_as_copy(event)
        return True

    def _warm_up(self) -> None:
        """Start the extraction workers now: they boot while the user lets go of the files."""
        if self.service.readonly:
            return
        if self.warm_importer is None:
            from lapdesk.ingest.importer import Importer

            self.warm_importer = Importer(prestart=True)
        self._warm_timer.start()

    def let_workers_go(self) -> None:
        """Stop workers that a drag started and no drop used (waiting for them to leave off
        the window's thread: one still booting may take a moment)."""
        self._warm_timer.stop()
        importer, self.warm_importer = self.warm_importer, None
        if importer is not None:
            _close_soon(importer)

    def _hint(self, text: str) -> None:
        """Say in the status bar what a drop will do, while files are dragged over the window."""
        self._hinting = bool(text)
        if text:
            self.window.statusBar().showMessage(text)
        else:
            self.window.statusBar().clearMessage()

    def handle_drop(self, event: QDropEvent | QDragEnterEvent) -> None:
        paths = local_paths(event.mimeData())
        accept_as_copy(event)
        if paths:
            QTimer.singleShot(0, lambda: self.start_import(paths))
        else:
            QTimer.singleShot(0, self.explain_no_files)

    def explain_no_files(self) -> None:
        box = QMessageBox(QMessageBox.Icon.Information, NO_FILES_TITLE, NO_FILES_TEXT,
                          QMessageBox.StandardButton.Ok, self.window)
        box.setInformativeText(NO_FILES_HOW)
        box.setObjectName("no-files-dropped")
        box.setModal(True)
        self.no_files_dropped.emit(f"{NO_FILES_TEXT} {NO_FILES_HOW}")
        box.open()

    # --- the import itself ------------------------------------------------------------------

    def choose_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self.window, "Import contributions", "",
                                                FILE_FILTER)
        if paths:
            self.start_import(paths)

    def start_import(self, paths: list[str]) -> Task:
        """Import ``paths`` on the writer lane, a step at a time: an edit made meanwhile is
        written between two files, never after the last one."""
        from lapdesk.ingest.importer import Importer

        chosen = [str(Path(p)) for p in paths]
        self._warm_timer.stop()
        # The workers a drag started serve its drop; otherwise the import starts its own.
        importer, self.warm_importer = self.warm_importer or Importer(), None

        def work(store, progress, cancel):
            try:
                return (yield from import_steps(store, importer, chosen, progress, cancel))
            finally:
                importer.release()  # the workers leave; the window's thread never waits

        op = self.service.start(work, writes=True, touches=IMPORT_TABLES, stepped=True)
        self.last_op = op
        self.progress_dialog = ImportProgressDialog(op, total=0, parent=self.window)
        op.succeeded.connect(self._show_summary)
        op.cancelled.connect(self._show_cancelled)
        op.failed.connect(self._show_failure)
        op.finished.connect(lambda: _close_soon(importer))
        self.progress_dialog.show_unless_quick()
        return op

    def _show_summary(self, outcome: tuple[list[dict], list[dict]]) -> None:
        results, revisions = outcome
        self.summary_dialog = ImportSummaryDialog(results, revisions=revisions,
                                                  parent=self.window)
        self.summary_dialog.supersede_chosen.connect(self._supersede)
        if self.open_contribution:
            self.summary_dialog.contribution_chosen.connect(self.open_contribution)
        if self.enter_password:
            self.summary_dialog.password_requested.connect(self.enter_password)
        self.summary_dialog.show()
        self.import_finished.emit(results)

    def _supersede(self, revisions: list[dict]) -> None:
        """Mark each older version superseded by the new file, one undoable change each."""
        for revision in revisions:
            self.service.apply(resubmission.mark_superseded, revision["old_id"],
                               revision["new_id"])

    def _show_cancelled(self) -> None:
        box = QMessageBox(QMessageBox.Icon.Information, "Import stopped",
                          "The import stopped; the files logged before you cancelled are kept "
                          "in the store.", QMessageBox.StandardButton.Ok, self.window)
        box.open()

    def _show_failure(self, failure: Failure) -> None:
        show_failure(self.window, "The import did not finish", failure)


def import_steps(store, importer: Importer, paths: list[str], progress, cancel):
    """The import as the writer lane runs it: a generator whose every ``yield`` is a point
    where the lane may write the user's edits, and where Cancel is heard.  Returns the
    results and the revisions they look like."""
    run = importer.run(store, paths)
    for step in run:
        if step.news:  # a commit, or a scan's pages read by OCR
            progress(step.done, step.total, step.label)
        cancel.raise_if_cancelled()
        yield
    results = run.results
    suggest_new(store, {r.contribution_id for r in results  # a draft's amendments
                        if r.contribution_id is not None and r.status != "duplicate"})
    return results, revisions_among(store, results)


def _close_soon(importer: Importer) -> None:
    """Stop ``importer``'s workers on a thread of its own: the window never waits for them."""
    threading.Thread(target=importer.close, name="lapdesk-let-go", daemon=True).start()


def show_failure(parent: QWidget, title: str, failure: Failure) -> None:
    """One human sentence, with the technical details behind a button for a bug."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, failure.message,
                      QMessageBox.StandardButton.Ok, parent)
    if failure.details:
        box.setDetailedText(failure.details)
    box.open()
