"""Qt's garbage is collected on the GUI thread, never on a lane: a cycle holding a QObject
freed by a reader lane's collection deadlocked the desk (its destructor waited for the
interpreter lock the GUI thread held while that thread waited for Qt's lock)."""

from __future__ import annotations

import gc
import threading
import weakref

from PySide6.QtCore import QObject

from lapdesk.store.connection import open_store
from lapdesk.ui.service.store_service import StoreService


def _garbage_cycle(freed_on: list[str]) -> None:
    """A QObject in a reference cycle, unreachable once this returns; its finaliser says on
    which thread the collection freed it."""
    holder = QObject()
    holder.itself = holder
    weakref.finalize(holder, lambda: freed_on.append(threading.current_thread().name))


def _allocate(store) -> int:
    """Work on a lane that allocates enough to start several collections, were they on."""
    return len([[n] for n in range(200_000)])


def test_while_a_service_is_open_only_the_gui_thread_collects(qtbot, store):
    service = StoreService(open_store(store.path, author=store.author))
    try:
        assert not gc.isenabled()
        freed_on: list[str] = []
        _garbage_cycle(freed_on)
        done = []
        service.read(_allocate, then=done.append)
        qtbot.waitUntil(lambda: bool(done), timeout=10000)
        assert freed_on in ([], [threading.main_thread().name])  # never on a lane
        kept = [[n] for n in range(2_000)]  # a collection falls due; the GUI's timer runs it
        qtbot.waitUntil(lambda: bool(freed_on), timeout=10000)
        del kept
        assert freed_on == [threading.main_thread().name]
    finally:
        service.close()
    assert gc.isenabled()


def test_two_services_hand_collection_back_only_when_both_have_closed(qtbot, store):
    first = StoreService(open_store(store.path, author=store.author))
    second = StoreService(open_store(store.path, readonly=True, author=store.author))
    first.close()
    assert not gc.isenabled()
    second.close()
    assert gc.isenabled()
