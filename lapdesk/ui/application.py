"""Starting the desk: the QApplication, the store, the main window, the smoke test."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from lapdesk import APP_NAME, __version__
from lapdesk.core.paths import default_store_path, resource
from lapdesk.store.connection import open_store
from lapdesk.ui.main_window import MainWindow, open_window
from lapdesk.ui.store_opener import open_for_desk


def process_start_time() -> float:
    """When the operating system created this process (epoch seconds), for the smoke test.

    Chosen by platform, never by probing files: under Wine a Windows program sees Linux's
    ``/proc`` through the ``Z:`` drive, and ``os.sysconf`` does not exist on Windows.
    """
    try:
        if sys.platform.startswith("linux"):
            return _linux_start_time()
        if sys.platform == "win32":
            return _windows_start_time()
    except (OSError, ValueError, IndexError, StopIteration):
        pass
    try:
        import psutil  # type: ignore[import-not-found]

        return psutil.Process().create_time()
    except Exception:
        return time.time()


def _linux_start_time() -> float:
    with open("/proc/self/stat", encoding="ascii") as handle:
        fields = handle.read().rsplit(")", 1)[1].split()
    ticks = int(fields[19])
    with open("/proc/stat", encoding="ascii") as handle:
        boot = next(int(line.split()[1]) for line in handle if line.startswith("btime"))
    return boot + ticks / os.sysconf("SC_CLK_TCK")


def _windows_start_time() -> float:
    import ctypes
    from ctypes import wintypes

    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]
    kernel32.GetCurrentProcess.restype = wintypes.HANDLE
    times = [wintypes.FILETIME() for _ in range(4)]  # creation, exit, kernel, user
    if not kernel32.GetProcessTimes(wintypes.HANDLE(kernel32.GetCurrentProcess()),
                                    *map(ctypes.byref, times)):
        raise ctypes.WinError(ctypes.get_last_error())  # type: ignore[attr-defined]
    created = times[0].dwHighDateTime << 32 | times[0].dwLowDateTime  # 100 ns since 1601
    return created / 10_000_000 - 11_644_473_600


def run(args: argparse.Namespace) -> int:
    if args.smoke_test and sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # a headless machine or CI
    app = QApplication([sys.argv[0], *(["-platform", args.platform] if args.platform else [])])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(APP_NAME)
    app.setWindowIcon(QIcon(str(resource("icons", "lapdesk.png"))))
    if args.smoke_test:
        return _smoke_test(app)
    path = Path(args.store) if args.store else default_store_path()

    def failed(sentence: str) -> None:
        QMessageBox.critical(None, APP_NAME, sentence)
        app.exit(1)

    # The store opens off the GUI thread (it may be created, upgraded or checked first), and
    # the window shows once it is open; cancelling the read-only question ends LAPDesk.
    open_for_desk(path, author=None, parent=None, then=open_window, failed=failed,
                  declined=lambda: app.exit(1))
    return app.exec()


def _smoke_test(app: QApplication) -> int:
    started = process_start_time()
    with tempfile.TemporaryDirectory(prefix="lapdesk-smoke-") as folder:
        store = open_store(Path(folder) / "smoke.lapdesk")
        window = MainWindow(store)
        window.show()
        shown: dict[str, float] = {}

        def report() -> None:
            if window.isVisible() and "at" not in shown:
                shown["at"] = time.time()
                print(f"shown_ms={round((shown['at'] - started) * 1000)}", flush=True)
                app.quit()

        QTimer.singleShot(0, report)
        app.exec()
        window.close()
    return 0 if shown else 1
