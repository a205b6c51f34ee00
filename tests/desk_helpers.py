"""Helpers for the desk's part B tests: a window with its extensions (private preferences are
conftest's, for every test)."""

from __future__ import annotations

from lapdesk.ui.main_window import MainWindow


def open_desk(qtbot, store) -> MainWindow:
    """The real main window on ``store``, shown, with part B installed."""
    window = MainWindow(store)
    if not hasattr(window, "desk_extensions"):  # until the window lists part B's installer
        from lapdesk.ui.desk_extensions import install

        install(window)
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitActive(window):
        window.activateWindow()
    return window
