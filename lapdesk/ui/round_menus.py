"""The drafting round in the desk's menus: File > New round from a draft…, and the round's
documents in the Export menu (the compilation of amendments, Rev.1, Rev.1 with changes).

Starting a round reads the draft and writes its nodes on the writer lane (one undoable
change); an export reads the store on a reader lane.  The window stays usable throughout.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox

from lapdesk.export.options import ExportOptions
from lapdesk.rounds.round_start import start_round_from_file
from lapdesk.ui.import_flow import show_failure
from lapdesk.ui.service.store_service import StoreService
from lapdesk.ui.service.tasks import Task

DOCUMENTS = {
    "amendments": ("Compilation of proposed &amendments…", "compilation of amendments",
                   "Word document (*.docx);;Excel workbook (*.xlsx)"),
    "revision": ("Rev.1, &clean…", "Rev.1", "Word document (*.docx)"),
    "revision-changes": ("Rev.1 with &changes shown…", "Rev.1 with changes",
                         "Word document (*.docx)"),
}


def export_document(store, kind: str, out: Path, options: ExportOptions) -> dict:
    """One of the round's documents (what ``lapdesk export --kind`` writes)."""
    if kind == "amendments":
        from lapdesk.export.compilation import export_compilation

        return export_compilation(store, out, options=options)
    from lapdesk.export.revision_paper import export_revision

    return export_revision(store, out, tracked=kind == "revision-changes",
                           options=options).as_dict()


class RoundMenus(QObject):
    round_started = Signal(int)   # the new round's id
    exported = Signal(dict)       # an export's report

    def __init__(self, window: QMainWindow, service: StoreService):
        super().__init__(window)
        self.window = window
        self.service = service
        self.new_round_action = QAction("New &round from a draft…", window)
        self.new_round_action.setStatusTip("Read the Presidency's draft (.docx) into this store "
                                           "as the framework of a new drafting round")
        self.new_round_action.triggered.connect(self.choose_draft)
        self.export_actions = {}
        for kind, (text, _name, _filter) in DOCUMENTS.items():
            action = QAction(text, window)
            action.triggered.connect(lambda _checked=False, k=kind: self.choose_out(k))
            self.export_actions[kind] = action

    def fill(self, menus: dict) -> RoundMenus:
        file_menu = menus["file"]
        first = next((a for a in file_menu.actions() if a.isSeparator()), None)
        file_menu.insertAction(first, self.new_round_action) if first else \
            file_menu.addAction(self.new_round_action)
        menus["export"].addSeparator()
        menus["export"].addActions(list(self.export_actions.values()))
        return self

    # --- a new round --------------------------------------------------------------------------

    def choose_draft(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self.window, "New round from a draft", "",
                                              "Word document (*.docx)")
        if not path:
            return
        box = QMessageBox(QMessageBox.Icon.Question, "New round from a draft",
                          f"Start the round on {Path(path).name} in this store (the "
                          "consultation stays readable as the round before), or in a new "
                          "store of its own?", QMessageBox.StandardButton.Cancel, self.window)
        here = box.addButton("In this store", QMessageBox.ButtonRole.AcceptRole)
        elsewhere = box.addButton("In a new store…", QMessageBox.ButtonRole.ActionRole)
        box.exec()
        if box.clickedButton() is here:
            self.start(Path(path))
        elif box.clickedButton() is elsewhere:
            store, _ = QFileDialog.getSaveFileName(self.window, "The new round's store", "",
                                                   "LAPDesk store (*.lapdesk)")
            if store:
                self.start_in_new_store(Path(path), Path(store).with_suffix(".lapdesk"))

    def start(self, path: Path, *, fresh: bool = False) -> Task:
        return self.service.apply(start_round_from_file, path, fresh=fresh, then=self._started,
                                  failed=lambda failure: show_failure(
                                      self.window, "The round was not started", failure))

    def start_in_new_store(self, draft: Path, store: Path) -> None:
        """Create ``store`` for the draft alone (registry and settings as any new store) and
        open the desk on it, where the round then starts."""
        if store.exists():
            QMessageBox.warning(self.window, "The store exists",
                                f"{store.name} exists already: choose a new name.")
            return
        files = self.window.file_menu
        files.store_switched.connect(lambda window: window.rounds.start(draft, fresh=True))
        files.switch_to(store)

    def _started(self, round_id: int) -> None:
        self.round_started.emit(round_id)
        self.window.statusBar().showMessage("The draft is the framework of a new round: its "
                                            "paragraphs are in the framework pane.", 8000)

    # --- the round's documents ----------------------------------------------------------------

    def choose_out(self, kind: str) -> None:
        _text, name, filters = DOCUMENTS[kind]
        out, _ = QFileDialog.getSaveFileName(self.window, f"Export the {name}", "", filters)
        if out:
            self.export(kind, Path(out))

    def export(self, kind: str, out: Path, options: ExportOptions | None = None) -> Task:
        chosen = options or ExportOptions(overwrite=True)
        op = self.service.start(lambda store, _progress, _cancel: export_document(
            store, kind, out, chosen), writes=False)
        op.succeeded.connect(self._exported)
        op.failed.connect(lambda failure: show_failure(
            self.window, f"The {DOCUMENTS[kind][1]} was not exported", failure))
        return op

    def _exported(self, report: dict) -> None:
        self.exported.emit(report)
        out = Path(report["out"])
        box = QMessageBox(QMessageBox.Icon.Information, "Exported",
                          f"Saved as {out.name} in {out.parent}.", QMessageBox.StandardButton.Ok,
                          self.window)
        box.setObjectName("round-export-done")
        box.open()
