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
from lapdesk.ui.service.store_service import StoreService
from lapdesk.ui.service.tasks import Task

OFFERED_KEY = "demo/offered"
DEMO_STORE_NAME = "lap-2020-demo.lapdesk"
QUESTION = ("This store is empty. Open the demo — twelve fictional SAMPLE contributions, "
            "some already mapped and annotated — to see how the desk works?")
DETAIL = ("The demo opens in a store of its own, so your store stays empty for the real "
          "contributions: come back to it with File > Open recent. Help > Open the demo "
          "shows it again at any time.")


def should_offer_demo(store_path: Path, qsettings: QSettings, *,
                      is_empty: Callable[[], bool] = lambda: True) -> bool:
    """Whether to ask; ``is_empty`` is asked last, only when everything else says yes (the
    desk asks the store itself afterwards, on a reader lane)."""
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


def ready_demo(path: Path, *, author: str, progress, cancel) -> dict | None:
    """The demo store at ``path``, built first when it is new or empty; the build's report,
    or ``None`` when it was there already.  Run off the GUI thread: it opens another store."""
    with open_store(path, author=author) as store:
        if not demo.is_empty(store):
            return None
        return demo.build_demo(store, progress=progress, cancel=cancel)


class DemoOffer(QObject):
    """The first-start question and Help > Open the demo.

    :param switch_to: opens a store in place of the current one (the File menu's).
    """

    demo_loaded = Signal(dict)

    def __init__(self, window: QMainWindow, service: StoreService, qsettings: QSettings, *,
                 switch_to: Callable[[Path], object]):
        super().__init__(window)
        self.window = window
        self.service = service
        self.qsettings = qsettings
        self.switch_to = switch_to
        self.box: QMessageBox | None = None
        self.action = QAction("Open the &demo", window)
        self.action.setStatusTip("Fictional SAMPLE contributions, mapped and annotated, in a "
                                 "store of their own")
        self.action.triggered.connect(self.open_demo)

    def offer_if_first_start(self) -> None:
        """Ask, once, when the default store has no contribution (read on a reader lane)."""
        if not self.window.isVisible() or not should_offer_demo(self.service.path,
                                                                self.qsettings):
            return
        self.service.read(demo.is_empty, then=lambda empty: empty and self.offer())

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

    def open_demo(self, path: Path | None = None) -> Task:
        """Switch to the demo store, building it first (in the background) when it is new."""
        path = Path(path or demo_store_path())
        author = self.service.author
        op = self.service.start(lambda _store, progress, cancel: ready_demo(
            path, author=author, progress=progress, cancel=cancel), writes=False)
        dialog = ImportProgressDialog(op, title="Building the demo", parent=self.window)
        op.succeeded.connect(lambda report: report is not None and self.demo_loaded.emit(report))
        op.succeeded.connect(lambda _report: self.switch_to(path))
        op.failed.connect(lambda failure: show_failure(self.window, "The demo was not built",
                                                       failure))
        dialog.show_unless_quick()
        return op
