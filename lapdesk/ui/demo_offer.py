"""The first start: an empty default store is offered the demo, so the desk shows something.

Asked once per user (remembered in QSettings), only for the default store (never when a store
was chosen with ``--store`` or ``LAPDESK_STORE``; the smoke test uses a temporary store, so it
is never asked either), and only while that store has no contribution.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtWidgets import QMainWindow, QMessageBox

from lapdesk.core.paths import default_store_path
from lapdesk.ingest import demo
from lapdesk.ui.dialogs.import_progress import ImportProgressDialog
from lapdesk.ui.import_flow import IMPORT_TABLES, show_failure
from lapdesk.ui.ops import StoreOp, TaskManager
from lapdesk.ui.session import StoreSession

OFFERED_KEY = "demo/offered"
DEMO_TABLES = IMPORT_TABLES | {"excerpts", "mappings", "annotations", "topics"}
QUESTION = ("This store is empty. Load the demo — twelve fictional SAMPLE contributions, "
            "some already mapped and annotated — to see how the desk works?")
DETAIL = ("The samples are clearly marked as fictional. You can start a clean store at any "
          "time with File > New store.")


def should_offer_demo(store_path: Path, qsettings: QSettings, *,
                      is_empty: Callable[[], bool]) -> bool:
    """Whether to ask; ``is_empty`` is asked last, only when everything else says yes."""
    if os.environ.get("LAPDESK_STORE") or qsettings.value(OFFERED_KEY, False, type=bool):
        return False
    try:
        if Path(store_path).resolve() != default_store_path().resolve():
            return False
    except OSError:
        return False
    return is_empty()


class DemoOffer(QObject):
    demo_loaded = Signal(dict)

    def __init__(self, window: QMainWindow, session_of: Callable[[], StoreSession],
                 tasks: TaskManager, qsettings: QSettings):
        super().__init__(window)
        self.window = window
        self.session_of = session_of
        self.tasks = tasks
        self.qsettings = qsettings
        self.box: QMessageBox | None = None

    def offer_if_first_start(self) -> QMessageBox | None:
        session = self.session_of()
        if not self.window.isVisible() or not should_offer_demo(
                session.path, self.qsettings, is_empty=lambda: demo.is_empty(session.store)):
            return None
        return self.offer()

    def offer(self) -> QMessageBox:
        self.qsettings.setValue(OFFERED_KEY, True)
        self.box = QMessageBox(QMessageBox.Icon.Question, "Load the demo?", QUESTION,
                               QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                               self.window)
        self.box.setInformativeText(DETAIL)
        self.box.setObjectName("demo-offer")
        self.box.button(QMessageBox.StandardButton.Yes).setText("Load the demo")
        self.box.button(QMessageBox.StandardButton.No).setText("Start empty")
        self.box.finished.connect(self._answered)
        self.box.open()
        return self.box

    def _answered(self, result: int) -> None:
        if result == QMessageBox.StandardButton.Yes:
            self.load()

    def load(self) -> StoreOp:
        session = self.session_of()
        op = StoreOp(self.tasks, lambda store, progress, cancel: demo.build_demo(
                         store, progress=progress, cancel=cancel),
                     store_path=session.path, touches=DEMO_TABLES, on_changed=session.notify,
                     author=session.store.author, read_only=session.store.readonly)
        dialog = ImportProgressDialog(op, parent=self.window)
        dialog.setWindowTitle("Loading the demo")
        op.succeeded.connect(self.demo_loaded.emit)
        op.failed.connect(lambda failure: show_failure(self.window, "The demo was not loaded",
                                                       failure))
        dialog.show_unless_quick()
        return op.run()
