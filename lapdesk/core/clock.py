"""Timestamps as stored: ISO 8601 in local time with its offset, to the second."""

from __future__ import annotations

from datetime import datetime


def now_iso() -> str:
    return datetime.now().astimezone().replace(microsecond=0).isoformat()
