"""The user's own preferences (recent stores, window layout, initials): QSettings in an INI file.

An INI file rather than the Windows registry, so a user's preferences can be read, backed up
and reset like any file.  ``LAPDESK_SETTINGS`` names another file (tests, portable installs).
"""

from __future__ import annotations

import os

from PySide6.QtCore import QSettings

from lapdesk.core.paths import settings_file


def app_settings() -> QSettings:
    path = os.environ.get("LAPDESK_SETTINGS") or str(settings_file())
    return QSettings(path, QSettings.Format.IniFormat)
