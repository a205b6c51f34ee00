"""The demo store: offered on the first start, and at any time from Help > Open the demo.

The demo is built in a store of its own (``lap-2020-demo.lapdesk`` beside the default store),
never in the user's store: fictional samples must not end up in the real consultation's
working paper.  The desk then switches to the demo; File > Open recent goes back.

The offer is made once per user (remembered in QSettings), only for the default store (never
when a store was chosen with ``--store`` or ``LAPDESK_STORE``; the smoke test uses a temporary
store, so it is never asked either), and only while that store has no contribution.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMessageBox

from lapdesk import demo
from lapdesk.core.paths import data_dir, default_store_path
from lapdesk.store.connection import open_store
from lapdesk.ui.dialogs.import_progress import ImportProgressDialog
from lapdesk.ui.import_flow import show_failure
from lapdesk.ui.ops import StoreOp, TaskManager
from lapdesk.ui.session import StoreSession

OFFERED_KEY = "demo/offered"
DEMO_STORE_NAME = "lap-2020-demo.lapdesk"
QUESTION = ("This store is empty. Open the demo — twelve fictional SAMPLE contributions, "
            "some already mapped and annotated — to see how the desk works?")
DETAIL = ("The demo opens in a store of its own, so your store stays empty for the real "
          "contributions: come back to it with File > Open recent. Help > Open the demo "
          "shows it again at any time.")


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


def demo_store_path() -> Path:
    return data_dir() / DEMO_STORE_NAME


class DemoOffer(QObject):
    """The first-start question and Help > Open the demo.

    :param switch_to: opens a store in place of the current one (the File menu's).
    """

    demo_loaded = Signal(dict)

    def __init__(self, window: QMainWindow, session_of: Callable[[], StoreSession],
                 tasks: TaskManager, qsettings: QSettings, *,
                 switch_to: Callable[[Path], QMainWindow | None]):
        super().__init__(window)
        self.window = window
        self.session_of = session_of
        self.tasks = tasks
        self.qsettings = qsettings
        self.switch_to = switch_to
        self.box: QMessageBox | None = None
        self.action = QAction("Open the &demo", window)
        self.action.setStatusTip("Fictional SAMPLE contributions, mapped and annotated, in a "
                                 "store of their own")
        self.action.triggered.connect(self.open_demo)

    def offer_if_first_start(self) -> QMessageBox | None:
        session = self.session_of()
        if not self.window.isVisible() or not should_offer_demo(
                session.path, self.qsettings, is_empty=lambda: demo.is_empty(session.store)):
            return None
        return self.offer()

    def offer(self) -> QMessageBox:
        self.qsettings.setValue(OFFERED_KEY, True)
        self.box = QMessageBox(QMessageBox.Icon.Question, "Open the demo?", QUESTION,
                               QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                               self.window)
        self.box.setInformativeText(DETAIL)
        self.box.setObjectName("demo-offer")
        self.box.button(QMessageBox.StandardButton.Yes).setText("Open the demo")
        self.box.button(QMessageBox.StandardButton.No).setText("Start empty")
        self.box.finished.connect(self._answered)
        self.box.open()
        return self.box

    def _answered(self, result: int) -> None:
        if result == QMessageBox.StandardButton.Yes:
            self.open_demo()

    def open_demo(self, path: Path | None = None) -> StoreOp | None:
        """Switch to the demo store, building it first (in the background) when it is new."""
        path = Path(path or demo_store_path())
        if path.exists():
            with open_store(path, create=False, readonly=True) as existing:
                built = not demo.is_empty(existing)
            if built:
                self.switch_to(path)
                return None
        open_store(path).close()  # a new store, seeded with the framework and the registry
        session = self.session_of()
        op = StoreOp(self.tasks, lambda store, progress, cancel: demo.build_demo(
                         store, progress=progress, cancel=cancel),
                     store_path=path, author=session.store.author)
        dialog = ImportProgressDialog(op, title="Building the demo", parent=self.window)
        op.succeeded.connect(self.demo_loaded.emit)
        op.succeeded.connect(lambda _result: self.switch_to(path))
        op.failed.connect(lambda failure: show_failure(self.window, "The demo was not built",
                                                       failure))
        dialog.show_unless_quick()
        return op.run()
