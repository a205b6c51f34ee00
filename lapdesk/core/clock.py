"""Timestamps as stored: ISO 8601 in local time with its offset, to the second."""

from __future__ import annotations

from datetime import datetime


def now_iso() -> str:
    return datetime.now().astimezone().replace(microsecond=0).isoformat()


def now_iso_precise() -> str:
    """As :func:`now_iso`, to the microsecond: the audit trail's order, for changes made
    within one second (in a team, audit ids are random and say nothing of order)."""
    return datetime.now().astimezone().isoformat(timespec="microseconds")
