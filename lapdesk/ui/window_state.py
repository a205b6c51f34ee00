"""Remembering the window: its geometry, docks and toolbars, and every named splitter.

Saved when the window closes and restored when it opens, in the user's QSettings.  A splitter
is remembered when it has an object name (``splitter.setObjectName("main-splitter")``).
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QMainWindow, QSplitter

GROUP = "window"


def _splitters(window: QMainWindow) -> list[QSplitter]:
    return [s for s in window.findChildren(QSplitter) if s.objectName()]


def save_window_state(window: QMainWindow, qsettings: QSettings) -> None:
    qsettings.beginGroup(GROUP)
    qsettings.setValue("geometry", window.saveGeometry())
    qsettings.setValue("state", window.saveState())
    for splitter in _splitters(window):
        qsettings.setValue(f"splitter/{splitter.objectName()}", splitter.saveState())
    qsettings.endGroup()
    qsettings.sync()


def restore_window_state(window: QMainWindow, qsettings: QSettings) -> bool:
    """Put the window back as the user left it; returns whether anything was restored."""
    qsettings.beginGroup(GROUP)
    try:
        geometry = qsettings.value("geometry")
        if not isinstance(geometry, QByteArray | bytes):
            return False
        window.restoreGeometry(QByteArray(geometry))
        state = qsettings.value("state")
        if isinstance(state, QByteArray | bytes):
            window.restoreState(QByteArray(state))
        for splitter in _splitters(window):
            saved = qsettings.value(f"splitter/{splitter.objectName()}")
            if isinstance(saved, QByteArray | bytes):
                splitter.restoreState(QByteArray(saved))
        return True
    finally:
        qsettings.endGroup()
