"""Threads that each own one store connection and run jobs on it, in order.

A SQLite connection belongs to the thread that uses it, so the desk keeps one *writer lane* — a
thread holding the store's one write connection — and a few *reader lanes* sharing a queue,
each with a read-only connection of its own, opened on first use.  A job is a callable taking
that lane's :class:`~lapdesk.store.connection.Store` (``job.run(store)``), or is told that the
lane could not open its store (``job.fail(error)``); it reports its own outcome (see
:mod:`lapdesk.ui.service.tasks`), so a lane never stops for a job's exception.

The writer lane also runs *stepped* jobs — generators, such as an import, whose every ``yield``
is a point where the lane may serve the quick jobs waiting behind it: an edit made during a
long import is written between two of its files, not after the last one.
"""

from __future__ import annotations

import queue
import threading
from collections import deque
from collections.abc import Callable, Generator
from typing import Any, Protocol

from lapdesk.store.connection import Store

_STOP = object()


class Job(Protocol):
    def run(self, store: Store) -> Any: ...

    def fail(self, error: BaseException) -> None: ...


class SteppedJob(Protocol):
    """A job whose ``steps(store)`` generator yields at each point the lane may pause it."""

    def steps(self, store: Store) -> Generator[Any, None, Any]: ...

    def fail(self, error: BaseException) -> None: ...


class Lanes:
    """One writer lane and ``readers`` reader lanes over one store.

    :param writer: the open store whose connection the writer lane owns from now on (opened
        with the writer lock, or read-only when another LAPDesk writes).
    :param open_reader: opens a read-only store; called once on each reader lane's thread.
    """

    def __init__(self, writer: Store, open_reader: Callable[[], Store], *, readers: int = 2):
        self.writer_store = writer
        self._open_reader = open_reader
        self._writes: queue.Queue = queue.Queue()
        self._reads: queue.Queue = queue.Queue()
        self._threads = [threading.Thread(target=self._write_loop, name="lapdesk-writer",
                                          daemon=True)]
        self._threads += [threading.Thread(target=self._read_loop, name=f"lapdesk-reader-{n}",
                                           daemon=True) for n in range(readers)]
        self._closed = False
        for thread in self._threads:
            thread.start()

    # --- submitting (any thread) --------------------------------------------------------------

    def write(self, job: Job) -> None:
        self._writes.put(("job", job))

    def write_stepped(self, job: SteppedJob) -> None:
        self._writes.put(("stepped", job))

    def read(self, job: Job) -> None:
        self._reads.put(job)

    def close(self) -> None:
        """Run what is queued, then stop every lane and close its connection (waits)."""
        if self._closed:
            return
        self._closed = True
        self._writes.put(("stop", _STOP))
        for _ in self._threads[1:]:
            self._reads.put(_STOP)
        for thread in self._threads:
            thread.join()

    @property
    def threads(self) -> list[threading.Thread]:
        return list(self._threads)

    # --- the lanes ----------------------------------------------------------------------------

    def _write_loop(self) -> None:
        store = self.writer_store
        running: deque[tuple[SteppedJob, Generator]] = deque()
        try:
            while True:
                try:  # quick jobs first; with none waiting, a step of a stepped job
                    kind, job = self._writes.get(block=not running)
                except queue.Empty:
                    job, steps = running.popleft()
                    if _step(job, steps):
                        running.append((job, steps))
                    continue
                if kind == "stop":
                    for _job, steps in running:
                        steps.close()  # a stepped job's cancel point: it ends cleanly
                    return
                if kind == "stepped":
                    running.append((job, job.steps(store)))
                else:
                    _run(job, store)
        finally:
            store.close()

    def _read_loop(self) -> None:
        store: Store | None = None  # opened on first use; a failure is the job's, tried again
        try:
            while (job := self._reads.get()) is not _STOP:
                if store is None:
                    try:
                        store = self._open_reader()
                    except BaseException as error:  # the job says what went wrong
                        job.fail(error)
                        continue
                _run(job, store)
        finally:
            if store is not None:
                store.close()


def _run(job: Job, store: Store) -> None:
    try:
        job.run(store)
    except BaseException as error:  # a job reports its own failures; this is a last resort
        job.fail(error)


def _step(job: SteppedJob, steps: Generator) -> bool:
    """One step of a stepped job; False once it is over."""
    try:
        next(steps)
    except StopIteration:
        return False
    except BaseException as error:
        job.fail(error)
        return False
    return True
