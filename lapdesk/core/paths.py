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
    import platformdirs  # only when no store is named: a command given --store skips it

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def default_store_path() -> Path:
    """The store used when neither ``--store`` nor ``LAPDESK_STORE`` names one."""
    env = os.environ.get("LAPDESK_STORE")
    if env:
        return Path(env).expanduser()
    return data_dir() / DEFAULT_STORE_NAME
