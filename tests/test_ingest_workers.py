"""The worker pool: real extraction in spawned processes, time limits, crashes, replacement."""

from __future__ import annotations

import os
import sys
import time
from dataclasses import replace

from hostile_extractors import misbehave_by_name

from lapdesk.ingest.extracted import Limits
from lapdesk.ingest.workers import CRASHED, OUT_OF_MEMORY, Job, WorkerPool
from lapdesk.store.lock import pid_alive

FAST = replace(Limits(), timeout_s=1.5)


def run_all(pool: WorkerPool, jobs: list[Job]) -> dict[str, object]:
    for job in jobs:
        pool.submit(job)
    results = {}
    for _ in jobs:
        job, extracted = pool.next_result(timeout=60)
        results[job.name] = extracted
    return results


def text_job(name: str, text: str, priority: int = 0) -> Job:
    return Job(priority, data=text.encode("utf-8"), name=name)


def test_extracts_real_files_in_two_workers():
    jobs = [text_job(f"note{i}.txt", f"Paragraph {i}.\n\nSecond of {i}.") for i in range(12)]
    with WorkerPool(size=2) as pool:
        results = run_all(pool, jobs)
        assert len(pool.worker_pids()) == 2
    assert all(r.status == "ok" for r in results.values())
    assert [p.text for p in results["note7.txt"].paragraphs] == ["Paragraph 7.", "Second of 7."]


def test_a_crashing_worker_costs_one_file_and_is_replaced():
    jobs = [text_job("before.txt", "Before."), Job(1, data=b"x", name="segfault.pdf"),
            Job(1, data=b"x", name="exit.docx"), text_job("after.txt", "After.", 2)]
    with WorkerPool(size=2, extractor=misbehave_by_name, limits=FAST) as pool:
        results = run_all(pool, jobs)
        assert pool.replaced == 2
    assert results["segfault.pdf"].status == "unreadable"
    assert results["segfault.pdf"].message == CRASHED
    assert results["exit.docx"].status == "unreadable"
    assert results["before.txt"].status == results["after.txt"].status == "ok"


def test_a_worker_past_its_time_limit_is_killed_and_replaced():
    jobs = [Job(0, data=b"x", name="hang.pdf"), text_job("next.txt", "Next.", 1)]
    with WorkerPool(size=1, extractor=misbehave_by_name, limits=FAST) as pool:
        started = time.monotonic()
        pool.submit(Job(0, data=b"x", name="pid"))
        _, first = pool.next_result(timeout=60)
        hung_pid = int(first.message)
        results = run_all(pool, jobs)
        elapsed = time.monotonic() - started
        assert pool.replaced == 1
        assert hung_pid not in pool.worker_pids()
    assert results["hang.pdf"].status == "unreadable"
    assert "took too long" in results["hang.pdf"].message
    assert results["next.txt"].status == "ok"
    assert elapsed < 30
    assert not _alive(hung_pid)


def test_out_of_memory_is_reported_and_the_worker_started_afresh():
    with WorkerPool(size=1, extractor=misbehave_by_name, limits=FAST) as pool:
        results = run_all(pool, [Job(0, data=b"x", name="oom.pdf"), text_job("ok.txt", "Fine.", 1)])
        assert pool.replaced == 1
    assert results["oom.pdf"].message == OUT_OF_MEMORY
    assert results["ok.txt"].status == "ok"


def test_lower_priority_numbers_run_first():
    with WorkerPool(size=1) as pool:
        for i in reversed(range(5)):
            pool.submit(text_job(f"{i}.txt", str(i), priority=i))
        order = [pool.next_result(timeout=60)[0].name for _ in range(5)]
    # The first job may have been handed out before the others arrived; the rest are in order.
    assert order[1:] == sorted(order[1:])


def test_closing_the_pool_ends_every_worker():
    pool = WorkerPool(size=2)
    run_all(pool, [text_job(f"{i}.txt", "x") for i in range(4)])
    pids = pool.worker_pids()
    pool.close()
    assert pids and not any(_alive(pid) for pid in pids)


def _alive(pid: int) -> bool:
    if sys.platform == "win32":
        return pid_alive(pid)  # os.kill(pid, 0) would terminate the process on Windows
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie is dead for our purposes: it runs nothing and holds nothing.
    with open(f"/proc/{pid}/stat") as handle:
        return handle.read().split(") ", 1)[1][0] != "Z"


def test_a_prestarted_pool_boots_its_workers_before_any_job():
    with WorkerPool(size=2, prestart=True) as pool:
        deadline = time.monotonic() + 30
        while len(pool.worker_pids()) < 2 and time.monotonic() < deadline:
            time.sleep(0.01)
        assert len(pool.worker_pids()) == 2
        assert run_all(pool, [text_job("late.txt", "Arrived later.")])["late.txt"].status == "ok"
    with WorkerPool(size=2) as lazy:
        time.sleep(0.2)
        assert lazy.worker_pids() == []  # without prestart, workers wait for work
