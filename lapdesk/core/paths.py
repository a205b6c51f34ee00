"""Where LAPDesk finds its resources and keeps its default store.

Resources live in the top-level ``resources/`` folder of the source tree and are bundled at
the same relative place by PyInstaller (``sys._MEIPASS``), so both layouts resolve the same way.
``LAPDESK_RESOURCES`` overrides the lookup for unusual installs.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from lapdesk import APP_NAME

DEFAULT_STORE_NAME = "lap-2020.lapdesk"
# From this length Windows' classic file API (MAX_PATH, 260, less room for a file name in a
# folder) refuses a path unless it is in the extended-length form \\?\C:\...
WINDOWS_LONG_PATH = 248


def resources_dir() -> Path:
    override = os.environ.get("LAPDESK_RESOURCES")
    if override:
        return Path(override)
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


def data_dir() -> Path:
    """The default store's folder: ``%LOCALAPPDATA%\\LAPDesk`` on Windows (stores are large and
    stay on the laptop), ``~/.local/share/LAPDesk`` on Linux."""
    import platformdirs  # only when no store is named: a command given --store skips it

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def settings_file() -> Path:
    """The user's preferences: ``%APPDATA%\\LAPDesk\\LAPDesk.ini`` on Windows (they roam with the
    profile), ``~/.config/LAPDesk/LAPDesk.ini`` on Linux; where QSettings put them before."""
    import platformdirs

    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False, roaming=True),
                f"{APP_NAME}.ini")


def default_store_path() -> Path:
    """The store used when neither ``--store`` nor ``LAPDESK_STORE`` names one."""
    env = os.environ.get("LAPDESK_STORE")
    if env:
        return Path(env).expanduser()
    return data_dir() / DEFAULT_STORE_NAME


def long_path(path: str | os.PathLike) -> Path:
    """``path``, in Windows' extended-length form (``\\\\?\\C:\\...``, ``\\\\?\\UNC\\...``) when it is
    too long for the classic API, so a store or a file deep in a shared folder still opens on
    a laptop where long paths are not enabled; any other path, and every path on other
    systems, unchanged."""
    if sys.platform != "win32":
        return Path(path)
    text = os.path.abspath(os.fspath(path))
    if len(text) < WINDOWS_LONG_PATH or text.startswith("\\\\?\\"):
        return Path(path)
    if text.startswith("\\\\"):
        return Path("\\\\?\\UNC\\" + text[2:])
    return Path("\\\\?\\" + text)
