"""A read that keeps itself current: what a view shows, reloaded when its tables change.

A view states what it shows — a reader function and the tables it depends on — and receives
the result on the GUI thread whenever it is (re)loaded: at first, when it asks for other
arguments (another contribution), and after every change that touches one of those tables.
Loads run on the service's reader lanes; a result older than the newest request is dropped, so
a slow read can never overwrite a newer one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QObject, Signal

from lapdesk.ui.service.store_service import StoreService
from lapdesk.ui.service.tasks import Failure


class LiveQuery(QObject):
    """``fn(store, *args)`` kept current; :attr:`updated` carries each new result.

    :param tables: the tables whose changes make the result stale.
    :param start: load at once (else on the first :meth:`refresh` or :meth:`retarget`).
    """

    updated = Signal(object)
    failed = Signal(object)  # a Failure

    def __init__(self, service: StoreService, fn: Callable[..., Any], *args: Any,
                 tables: Iterable[str], start: bool = True, parent: QObject | None = None):
        super().__init__(parent or service)
        self._service = service
        self._fn = fn
        self._args = args
        self.tables = set(tables)
        self.result: Any = None
        self.loaded = False
        self.active = True  # False while the view shows nothing (see clear)
        self._asked = 0  # the generation of the newest request
        service.changed.connect(self._changed)
        if start:
            self.refresh()

    @property
    def args(self) -> tuple:
        return self._args

    def retarget(self, *args: Any) -> None:
        """Show the result for other arguments (another contribution, another section)."""
        self._args = args
        self.loaded = False
        self.active = True
        self.refresh()

    def clear(self) -> None:
        """Show nothing: no load until the next :meth:`retarget`, and none on the way counts."""
        self.active = False
        self.loaded = False
        self.result = None
        self._asked += 1

    def refresh(self) -> None:
        if not self.active:
            return
        self._asked += 1
        generation = self._asked
        self._service.read(self._fn, *self._args,
                           then=lambda result: self._arrived(generation, result),
                           failed=lambda failure: self._failed(generation, failure))

    def _changed(self, tables: set[str]) -> None:
        if tables & self.tables:
            self.refresh()

    def _arrived(self, generation: int, result: Any) -> None:
        if generation != self._asked:
            return  # a newer request is on its way
        self.result = result
        self.loaded = True
        self.updated.emit(result)

    def _failed(self, generation: int, failure: Failure) -> None:
        if generation == self._asked:
            self.failed.emit(failure)
