"""The one way tests build the desk: a real window on a store, and waiting for it to settle.

The window works on a connection of its own (its store service's lanes); the test keeps its
``store`` for setting up and for checking what the window wrote.  Everything the window does
with the store is asynchronous, so a test acts, then :func:`settle`, then looks.  (Private
preferences are conftest's, for every test.)
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtTest import QTest

from lapdesk.store.connection import Store, open_store
from lapdesk.ui.main_window import MainWindow


def settle(window: MainWindow, *, timeout_ms: int = 20_000) -> None:
    """Run the event loop until the window's store service has had nothing queued or running
    for a few rounds (reads that views start on arrival of other reads included)."""
    quiet, waited = 0, 0
    while quiet < 3:
        QTest.qWait(5)
        waited += 5
        quiet = 0 if window.service.busy else quiet + 1
        if waited > timeout_ms:
            raise AssertionError("the desk was still busy after "
                                 f"{timeout_ms} ms: {window.service.busy}")


def open_desk(qtbot, store: Store | Path, *, show: bool = True, lock: bool = False) -> MainWindow:
    """The real main window on ``store`` (a connection of its own), settled."""
    path = store.path if isinstance(store, Store) else Path(store)
    author = store.author if isinstance(store, Store) else None
    window = MainWindow(open_store(path, author=author, lock=lock))
    qtbot.addWidget(window)
    if show:
        window.show()
        qtbot.waitExposed(window)
    settle(window)
    return window
