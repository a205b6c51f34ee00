"""Python's cyclic garbage collected on the GUI thread only, while the desk's lanes run.

Qt objects must be destroyed on the thread that owns them.  Any allocation may start a
collection, so one started on a reader or the writer lane could free a cycle holding a
widget of a closed window: its destructor takes Qt's signal-slot lock and waits for the
interpreter lock, while the GUI thread, holding the interpreter lock, waits in
``QObject::connect`` for that same Qt lock.  The desk froze so, for good (seen in the test
suite: a reader lane collected an old window while a new window was being built).

So while any :class:`~lapdesk.ui.service.store_service.StoreService` is open, automatic
collection is off and a timer on the GUI thread collects instead, generation by generation,
when Python's own thresholds say it would have (the recipe Anki's desktop app uses).  When
the last service closes, automatic collection is back.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QCoreApplication, QObject, QTimer

INTERVAL_MS = 1_000  # a first-generation collection costs well under a millisecond


class _Collector(QObject):
    def __init__(self, parent: QObject):
        super().__init__(parent)
        self.users = 0
        self.timer = QTimer(self)
        self.timer.setInterval(INTERVAL_MS)
        self.timer.timeout.connect(self.collect)

    def collect(self) -> None:
        """What automatic collection would have done by now, on this (the GUI) thread."""
        first, second, third = gc.get_threshold()
        young, middle, old = gc.get_count()
        if young > first:
            gc.collect(0)
            if middle > second:
                gc.collect(1)
                if old > third:
                    gc.collect(2)


_collector: _Collector | None = None


def hold() -> None:
    """A service opens (on the GUI thread): collection moves there, if it has not already."""
    global _collector
    app = QCoreApplication.instance()
    if app is None:  # no event loop to collect on: leave Python's own collection alone
        return
    if _collector is None or _collector.parent() is not app:
        _collector = _Collector(app)
    if _collector.users == 0:
        gc.disable()
        _collector.timer.start()
    _collector.users += 1


def release() -> None:
    """A service has closed (its lanes ended): the last one gives collection back to Python."""
    if _collector is None or _collector.users == 0:
        return
    _collector.users -= 1
    if _collector.users == 0:
        _collector.timer.stop()
        gc.enable()
