"""Helpers for the desk's part B tests: a window with its extensions, private preferences."""

from __future__ import annotations

from pathlib import Path

import pytest

from lapdesk.ui.main_window import MainWindow


@pytest.fixture
def private_settings(tmp_path: Path, monkeypatch) -> Path:
    """The user's QSettings in a temporary INI file, so tests never touch real preferences."""
    path = tmp_path / "settings.ini"
    monkeypatch.setenv("LAPDESK_SETTINGS", str(path))
    return path


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
