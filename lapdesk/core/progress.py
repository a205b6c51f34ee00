"""Progress reports and cooperative cancellation for long work.

Long operations (import, export, search over a large store) take a ``progress`` callable and a
:class:`CancelToken`.  They call ``progress(done, total, label)`` between units of work and
``token.raise_if_cancelled()`` at the same points, so the GUI can show "file 3 of 12" and stop
the work cleanly between two committed units — never in the middle of one.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

ProgressFn = Callable[[int, int, str], None]


class Cancelled(Exception):
    """Raised at a cancel point after the user asked to stop."""


class CancelToken:
    """A thread-safe flag the GUI sets and the worker checks between units of work."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def raise_if_cancelled(self) -> None:
        if self._event.is_set():
            raise Cancelled()


def no_progress(done: int, total: int, label: str) -> None:
    """The default progress sink for callers that do not display progress."""
