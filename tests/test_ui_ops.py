"""Background ops: the work runs in a worker with its own store, results come back by signal."""

from __future__ import annotations

import threading

from builders import add_text_contribution

from lapdesk.core.errors import NotFoundError
from lapdesk.store import contributions
from lapdesk.ui.ops import StoreOp, TaskManager


def test_a_write_runs_off_the_gui_thread_and_notifies(qtbot, store):
    tasks = TaskManager()
    seen: dict = {}

    def work(worker_store, progress, cancel):
        seen["thread"] = threading.get_ident()
        seen["same_store"] = worker_store is store
        for i in range(3):
            progress(i + 1, 3, f"step {i + 1}")
        return add_text_contribution(worker_store, ["Written by the worker."])

    notified = []
    op = StoreOp(tasks, work, store_path=store.path, touches={"contributions"},
                 on_changed=notified.append)
    reports = []
    op.progressed.connect(lambda done, total, label: reports.append((done, total, label)))
    with qtbot.waitSignal(op.succeeded, timeout=10000) as blocker:
        op.run()
    new_id = blocker.args[0]
    assert seen["thread"] != threading.get_ident() and not seen["same_store"]
    assert contributions.contribution(store, new_id)["title"] == "note.txt"
    assert notified == [{"contributions"}]
    assert reports[-1] == (3, 3, "step 3")  # the last report is never lost to throttling
    tasks.shutdown()


def test_a_user_error_comes_back_as_its_sentence(qtbot, store):
    tasks = TaskManager()

    def work(worker_store, progress, cancel):
        return contributions.contribution(worker_store, 999)

    op = StoreOp(tasks, work, store_path=store.path, writes=False)
    with qtbot.waitSignal(op.failed, timeout=10000) as blocker:
        op.run()
    failure = blocker.args[0]
    assert failure.expected and failure.message == str(NotFoundError(
        "There is no contribution number 999."))
    tasks.shutdown()


def test_a_bug_is_reported_with_details(qtbot, store):
    tasks = TaskManager()
    op = StoreOp(tasks, lambda s, p, c: 1 / 0, store_path=store.path, writes=False)
    with qtbot.waitSignal(op.failed, timeout=10000) as blocker:
        op.run()
    failure = blocker.args[0]
    assert not failure.expected and "ZeroDivisionError" in failure.details
    tasks.shutdown()


def test_cancel_stops_at_the_next_cancel_point(qtbot, store):
    tasks = TaskManager()
    started, release = threading.Event(), threading.Event()
    done_units = []

    def work(worker_store, progress, cancel):
        for unit in range(100):
            if unit == 1:
                started.set()
                release.wait(5)
            cancel.raise_if_cancelled()
            done_units.append(unit)

    op = StoreOp(tasks, work, store_path=store.path, writes=False)
    with qtbot.waitSignal(op.cancelled, timeout=10000):
        op.run()
        assert started.wait(5)
        op.cancel()
        release.set()
    assert done_units == [0]
    tasks.shutdown()


def test_writes_are_serialised_on_one_worker(qtbot, store):
    tasks = TaskManager()
    threads = set()

    def work(worker_store, progress, cancel):
        threads.add(threading.get_ident())

    ops = [StoreOp(tasks, work, store_path=store.path) for _ in range(3)]
    with qtbot.waitSignals([op.finished for op in ops], timeout=10000):
        for op in ops:
            op.run()
    assert len(threads) == 1
    tasks.shutdown()


def test_a_write_on_a_read_only_desk_is_refused(qtbot, store):
    tasks = TaskManager()
    op = StoreOp(tasks, lambda s, p, c: add_text_contribution(s, ["Never written."]),
                 store_path=store.path, read_only=True)
    with qtbot.waitSignal(op.failed, timeout=10000) as blocker:
        op.run()
    assert "read-only" in blocker.args[0].message
    assert store.query_one("SELECT count(*) AS n FROM contributions")["n"] == 0
    tasks.shutdown()
