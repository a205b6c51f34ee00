"""Remembering the window: its geometry, docks and toolbars, and every named splitter.

Saved when the window closes and restored when it opens, in the user's QSettings.  A splitter
is remembered when it has an object name (``splitter.setObjectName("main-splitter")``).

What is restored is fitted to the screen the window opens on: a layout saved on a large
monitor, or a panel undocked there, never comes back larger than a 1366x768 laptop's screen or
with its title bar (and its close button) out of reach.  A panel the user closed stays closed:
its visibility is part of the saved state, and nothing reopens it but the user.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QRect, QSettings, QSize
from PySide6.QtWidgets import QDockWidget, QMainWindow, QSplitter, QWidget

GROUP = "window"
# The size a window first opens at, when the screen has room for it.
DEFAULT_SIZE = QSize(1400, 860)
# Room kept above a window for the title bar the window manager draws (outside its geometry).
TITLE_BAR = 32


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
    keep_docks_on_screen(window)
    qsettings.beginGroup(GROUP)
    try:
        geometry = qsettings.value("geometry")
        if not isinstance(geometry, QByteArray | bytes):
            window.resize(DEFAULT_SIZE)
            fit_to_screen(window)
            return False
        window.restoreGeometry(QByteArray(geometry))
        state = qsettings.value("state")
        if isinstance(state, QByteArray | bytes):
            window.restoreState(QByteArray(state))
        for splitter in _splitters(window):
            saved = qsettings.value(f"splitter/{splitter.objectName()}")
            if isinstance(saved, QByteArray | bytes):
                splitter.restoreState(QByteArray(saved))
        fit_to_screen(window)
        for dock in window.findChildren(QDockWidget):
            if dock.isFloating():
                fit_to_screen(dock)
        return True
    finally:
        qsettings.endGroup()


def fitted(frame: QRect, screen: QRect) -> QRect:
    """``frame`` made no larger than ``screen`` and moved wholly onto it."""
    width, height = min(frame.width(), screen.width()), min(frame.height(), screen.height())
    left = max(screen.left(), min(frame.left(), screen.right() + 1 - width))
    top = max(screen.top(), min(frame.top(), screen.bottom() + 1 - height))
    return QRect(left, top, width, height)


def fit_to_screen(widget: QWidget) -> None:
    """Keep a top-level window (or a floating panel) on the screen it is on, or the primary
    screen when it is on none (a monitor since unplugged)."""
    screen = widget.screen()
    available = screen.availableGeometry() if screen is not None else None
    if available is None or available.isEmpty() or widget.isMaximized():
        return
    available = available.adjusted(0, TITLE_BAR, 0, 0)
    frame = widget.geometry()
    if not available.intersects(frame):
        frame.moveTopLeft(available.topLeft())
    wanted = fitted(frame, available)
    if wanted != widget.geometry():
        widget.setGeometry(wanted)


def keep_docks_on_screen(window: QMainWindow) -> None:
    """Fit each panel to the screen whenever it is undocked or shown floating again."""
    for dock in window.findChildren(QDockWidget):
        def fit(_value, dock=dock) -> None:
            if dock.isFloating() and dock.isVisible():
                fit_to_screen(dock)
        dock.topLevelChanged.connect(fit)
        dock.visibilityChanged.connect(fit)
