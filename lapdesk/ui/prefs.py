"""The user's own preferences (recent stores, window layout, initials): QSettings in an INI file.

An INI file rather than the Windows registry, so a user's preferences can be read, backed up
and reset like any file.  ``LAPDESK_SETTINGS`` names another file (tests, portable installs).
"""

from __future__ import annotations

import os

from PySide6.QtCore import QSettings

from lapdesk import APP_NAME


def app_settings() -> QSettings:
    path = os.environ.get("LAPDESK_SETTINGS")
    if path:
        return QSettings(path, QSettings.Format.IniFormat)
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, APP_NAME, APP_NAME)
