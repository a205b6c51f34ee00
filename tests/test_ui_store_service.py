"""The store service: one writer lane, reader lanes, undoable changes announced, failures in
one sentence — and the GUI thread never waiting on any of it."""

from __future__ import annotations

import threading

import pytest
from builders import add_text_contribution

from lapdesk.core.errors import NotFoundError
from lapdesk.store import contributions, excerpts, intake
from lapdesk.store.connection import open_store
from lapdesk.ui.service.live import LiveQuery
from lapdesk.ui.service.store_service import StoreService


@pytest.fixture
def service(store, qtbot):
    made = StoreService(open_store(store.path, author=store.author))
    yield made
    made.close()


def _wait(qtbot, task, signal="finished"):
    with qtbot.waitSignal(getattr(task, signal), timeout=10000) as blocker:
        pass
    return blocker


def test_apply_pushes_an_undoable_command_and_announces_tables(qtbot, store, service):
    cid = add_text_contribution(store, ["Austria supports the draft."])
    made = []
    with qtbot.waitSignal(service.changed, timeout=10000) as seen:
        service.apply(excerpts.map_span, cid, ["universalisation"], start=0, end=7,
                      then=made.append)
    assert {"excerpts", "mappings"} <= seen.args[0]
    qtbot.waitUntil(lambda: bool(made))
    assert service.undo_stack.count() == 1
    assert service.undo_stack.undoText() == "Map excerpt to Universalisation"
    with qtbot.waitSignal(service.changed, timeout=10000):
        service.undo_stack.undo()
    assert excerpts.excerpts_of(store, cid) == []
    with qtbot.waitSignal(service.changed, timeout=10000):
        service.undo_stack.redo()
    assert [e.id for e in excerpts.excerpts_of(store, cid)] == made


def test_a_user_error_becomes_one_sentence_not_an_exception(qtbot, store, service):
    cid = add_text_contribution(store, ["Short."])
    with qtbot.waitSignal(service.error, timeout=10000) as seen:
        service.apply(excerpts.map_span, cid, ["universalisation"], start=0, end=99)
    assert "outside contribution" in seen.args[0]
    assert service.undo_stack.count() == 0


def test_notify_announces_work_done_elsewhere(qtbot, service):
    with qtbot.waitSignal(service.changed) as seen:
        service.notify(["contributions", "files"])
    assert seen.args[0] == {"contributions", "files"}


def test_long_work_runs_on_the_writer_lane_with_progress(qtbot, store, service):
    seen: dict = {}

    def work(lane_store, progress, cancel):
        seen["thread"] = threading.current_thread().name
        for i in range(3):
            progress(i + 1, 3, f"step {i + 1}")
        with lane_store.transaction():
            return intake.create_contribution(lane_store, title="by the lane")

    task = service.start(work, writes=True, touches={"contributions"})
    reports = []
    task.progressed.connect(lambda done, total, label: reports.append((done, total, label)))
    with qtbot.waitSignal(service.changed, timeout=10000) as announced:
        pass
    qtbot.waitUntil(lambda: task.done)
    assert seen["thread"] == "lapdesk-writer"
    assert contributions.contribution(store, task.result).title == "by the lane"
    assert announced.args[0] == {"contributions"}
    assert reports[-1] == (3, 3, "step 3")  # the last report is never lost to throttling


def test_a_read_failure_comes_back_as_its_sentence(qtbot, service):
    failures = []
    service.read(contributions.contribution, 999, failed=failures.append)
    qtbot.waitUntil(lambda: bool(failures), timeout=10000)
    assert failures[0].expected and failures[0].message == str(NotFoundError(
        "There is no contribution number 999."))


def test_a_bug_is_reported_with_details(qtbot, service):
    task = service.start(lambda s, p, c: 1 / 0, writes=False)
    blocker = _wait(qtbot, task, "failed")
    failure = blocker.args[0]
    assert not failure.expected and "ZeroDivisionError" in failure.details


def test_cancel_stops_at_the_next_cancel_point(qtbot, service):
    started, release = threading.Event(), threading.Event()
    done_units = []

    def work(lane_store, progress, cancel):
        for unit in range(100):
            if unit == 1:
                started.set()
                release.wait(5)
            cancel.raise_if_cancelled()
            done_units.append(unit)

    task = service.start(work, writes=False)
    with qtbot.waitSignal(task.cancelled, timeout=10000):
        assert started.wait(5)
        task.cancel()
        release.set()
    assert done_units == [0]


def test_writes_are_serialised_on_one_lane_and_reads_on_others(qtbot, store, service):
    names = []

    def where(lane_store):
        names.append(threading.current_thread().name)

    tasks = [service.apply(where) for _ in range(3)] + [service.read(where) for _ in range(4)]
    qtbot.waitUntil(lambda: all(task.done for task in tasks), timeout=10000)
    assert names.count("lapdesk-writer") == 3
    assert {n for n in names if n != "lapdesk-writer"} <= {"lapdesk-reader-0",
                                                            "lapdesk-reader-1"}
    assert threading.current_thread().name not in names


def test_quick_edits_are_written_between_the_steps_of_a_long_write(qtbot, store, service):
    """An edit made during an import is written between two of its files, not after it."""
    order = []
    started, queued = threading.Event(), threading.Event()

    def import_like(lane_store, progress, cancel):
        for unit in range(3):
            if unit == 1:
                started.set()
                queued.wait(5)  # the user edits while this file is being read
            order.append(f"unit {unit}")
            yield

    task = service.start(import_like, writes=True, stepped=True)
    assert started.wait(5)
    edit = service.apply(lambda lane_store: order.append("edit"))
    queued.set()
    qtbot.waitUntil(lambda: task.done and edit.done, timeout=10000)
    assert order == ["unit 0", "unit 1", "edit", "unit 2"]


def test_a_write_on_a_read_only_desk_is_refused(qtbot, store):
    readonly = StoreService(open_store(store.path, readonly=True))
    try:
        with qtbot.waitSignal(readonly.error, timeout=10000) as seen:
            readonly.apply(lambda s: add_text_contribution(s, ["Never written."]))
        assert "read-only" in seen.args[0]
        assert store.query_one("SELECT count(*) AS n FROM contributions")["n"] == 0
    finally:
        readonly.close()


def test_a_live_query_follows_the_tables_it_shows(qtbot, store, service):
    cid = add_text_contribution(store, ["Austria."], name="first.txt")
    live = LiveQuery(service, lambda s: [r.title for r in contributions.list_contributions(s)],
                     tables={"contributions"})
    qtbot.waitUntil(lambda: live.loaded, timeout=10000)
    assert live.result == ["first.txt"]
    with qtbot.waitSignal(live.updated, timeout=10000) as seen:
        service.apply(contributions.update_contribution, cid, title="renamed")
    assert seen.args[0] == ["renamed"]
