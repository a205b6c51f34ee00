"""Extraction in isolated worker processes, so a hostile file can only ever lose itself.

Parsers of PDF, Word and email formats are large C and Python code bases fed with files from
strangers: one may hang, exhaust memory or crash the interpreter.  Each extraction therefore
runs in a worker process that holds no store handle; a worker past its time limit is killed and
replaced, a worker that dies is replaced, and in both cases only that one file is reported as
``unreadable``.  Workers die with their parent (``PR_SET_PDEATHSIG`` on Linux, a watchdog
thread elsewhere), so killing LAPDesk never leaves extraction processes behind.

The pool uses the ``spawn`` start method (the only one that works in a frozen Windows app;
:func:`multiprocessing.freeze_support` is called by :mod:`lapdesk.app`).  A dispatcher thread in
the parent keeps every worker busy while the caller's thread writes results to the store.

Note: ``PR_SET_PDEATHSIG`` fires when the *thread* that started a worker ends, and workers are
started by the dispatcher thread, which lives exactly as long as the pool.
"""

from __future__ import annotations

import heapq
import itertools
import multiprocessing
import os
import pickle
import queue
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait

from lapdesk.ingest.extracted import Extracted, Limits

Extractor = Callable[..., Extracted]

TOOK_TOO_LONG = "Reading this file took too long ({seconds:g} s); it was stopped."
CRASHED = "Reading this file stopped the reader unexpectedly (the file may be damaged)."
OUT_OF_MEMORY = "Reading this file needed more memory than is available."
# A worker's first message is READY; each later one is DONE or RETIRING + a pickled Extracted.
READY = b"ready"
DONE = b"D"
RETIRING = b"R"
MAX_FAILED_STARTS = 3  # workers dying before they are ready: the installation is broken


def default_size() -> int:
    """One worker per core, at most four: extraction is CPU-bound and each worker costs memory."""
    return max(1, min(os.cpu_count() or 1, 4))


@dataclass(order=True)
class Job:
    """One extraction to run: ``data`` is the file's bytes, ``name`` its name.

    Jobs with a lower ``priority`` run first (the pipeline passes the input's position, so the
    attachments of an earlier input overtake later inputs and the writer is never starved).
    """

    priority: int
    seq: int = field(default=0, compare=True)
    data: bytes = field(default=b"", compare=False, repr=False)
    name: str = field(default="", compare=False)
    password: str | None = field(default=None, compare=False, repr=False)
    tag: object = field(default=None, compare=False)
    # Keyword options for the extractor (the import asks a PDF to leave its scanned pages
    # for later jobs, and those jobs for their pages: see lapdesk.ingest.ocr.fanout).
    options: dict | None = field(default=None, compare=False)
    header: bytes = field(default=b"", compare=False, repr=False)  # pickled name and options


class WorkerPool:
    """A few worker processes that turn :class:`Job`\\ s into :class:`Extracted` results.

    ``submit`` never blocks; ``next_result`` returns ``(job, extracted)`` pairs in the order
    they finish.  Use as a context manager: leaving it stops every worker.

    :param size: the number of workers (default: :func:`default_size`).
    :param limits: passed to the extractor; ``limits.timeout_s`` bounds each extraction.
    :param extractor: the function run in the workers, ``f(data, name, *, limits, password)``;
        it must be importable by name (spawned workers import it).  By default the workers run
        :func:`lapdesk.ingest.formats.extract`, which only they import.
    :param prestart: start every worker now rather than when jobs arrive, so that they boot
        while the caller still prepares its work (a worker takes about 50 ms to be ready).
    """

    def __init__(self, *, size: int | None = None, limits: Limits = Limits(),  # noqa: B008 (frozen)
                 extractor: Extractor | None = None, prestart: bool = False):
        self.size = size or default_size()
        self.limits = limits
        self._standing = self.size if prestart else 0  # workers kept up even without jobs
        self._extractor = extractor
        self._context = multiprocessing.get_context("spawn")
        self._pending: list[Job] = []
        self._lock = threading.Lock()
        self._results: queue.Queue = queue.Queue()
        self._wake_reader, self._wake_writer = self._context.Pipe(duplex=False)
        self._closing = False
        self._seq = itertools.count()
        self._workers: list[_Worker] = []
        self._failed_starts = 0
        # Every worker is up and busy: set by the dispatcher just before it waits, cleared as
        # soon as one finishes or is lost.  A job submitted meanwhile need not wake it.
        self._saturated = False
        self.replaced = 0  # workers killed or lost and replaced, for tests and diagnostics
        self._thread = threading.Thread(target=self._dispatch, name="lapdesk-extract",
                                        daemon=True)
        self._thread.start()

    # --- the caller's side ---------------------------------------------------------------

    def submit(self, job: Job) -> None:
        job.seq = next(self._seq)
        job.header = pickle.dumps((job.name, self.limits, job.password, job.options),
                                  protocol=pickle.HIGHEST_PROTOCOL)
        with self._lock:
            heapq.heappush(self._pending, job)
        if not self._saturated:  # else the next finished job wakes the dispatcher anyway
            self._wake()

    def next_result(self, timeout: float | None = None) -> tuple[Job, Extracted]:
        """The next finished job; raises :class:`queue.Empty` after ``timeout`` seconds."""
        item = self._results.get(timeout=timeout)
        if isinstance(item, BaseException):
            raise RuntimeError("The extraction workers stopped unexpectedly.") from item
        job, result = item
        if isinstance(result, bytes):  # unpickled here, not in the dispatcher (see _receive)
            result = pickle.loads(memoryview(result)[1:])
        return job, result

    def worker_pids(self) -> list[int]:
        """The workers' process ids (read from the caller's thread while the dispatcher may be
        stopping them: a stopped worker's process object no longer answers)."""
        return [w.pid for w in list(self._workers) if w.pid]

    def begin_close(self) -> None:
        """Let the workers leave now, without waiting for them (:meth:`close` waits)."""
        if not self._closing:
            self._closing = True
            self._wake()

    def close(self) -> None:
        if self._wake_writer.closed:
            return
        self.begin_close()
        self._thread.join()
        self._wake_reader.close()
        self._wake_writer.close()

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _wake(self) -> None:
        try:
            self._wake_writer.send_bytes(b"")
        except OSError:
            pass

    # --- the dispatcher thread -------------------------------------------------------------

    def _dispatch(self) -> None:
        try:
            while not self._closing:
                self._start_workers_as_needed()
                self._assign()
                self._wait_once()
        except BaseException as error:  # reported to the caller, never swallowed
            self._results.put(error)
        finally:
            for worker in self._workers:  # all asked first, so that they leave together
                worker.ask_to_leave()
            for worker in self._workers:
                worker.stop()
            self._workers.clear()  # a closed pool has no workers

    def _start_workers_as_needed(self) -> None:
        with self._lock:
            waiting = len(self._pending)
        idle_or_starting = sum(1 for w in self._workers if w.job is None)
        while ((waiting > idle_or_starting or len(self._workers) < self._standing)
               and len(self._workers) < self.size):
            self._workers.append(_Worker(self._context, self._extractor))
            idle_or_starting += 1

    def _assign(self) -> None:
        for worker in self._workers:
            if not worker.ready or worker.job is not None:
                continue
            with self._lock:
                if not self._pending:
                    break
                job = heapq.heappop(self._pending)
            worker.start_job(job, self.limits)
        self._saturated = len(self._workers) == self.size and all(
            w.ready and w.job is not None for w in self._workers)

    def _wait_once(self) -> None:
        now = time.monotonic()
        deadlines = [w.deadline for w in self._workers if w.job is not None]
        timeout = max(0.0, min(deadlines) - now) if deadlines else None
        by_handle: dict[object, tuple[_Worker, str]] = {}
        for worker in self._workers:
            by_handle[worker.conn] = (worker, "message")
            by_handle[worker.process.sentinel] = (worker, "died")
        ready = wait([self._wake_reader, *by_handle], timeout)
        if self._wake_reader in ready:
            while self._wake_reader.poll():
                self._wake_reader.recv_bytes()
        for handle in ready:
            if handle is self._wake_reader:
                continue
            worker, what = by_handle[handle]
            if worker not in self._workers:
                continue
            if what == "message":
                self._receive(worker)
            elif not worker.conn.poll():  # died with nothing left to read
                if not worker.ready:
                    self._failed_starts += 1
                    if self._failed_starts >= MAX_FAILED_STARTS:
                        raise RuntimeError("Extraction workers cannot start.")
                self._replace(worker, Extracted("unreadable", CRASHED))
        now = time.monotonic()
        for worker in list(self._workers):
            if worker.job is not None and now >= worker.deadline:
                message = TOOK_TOO_LONG.format(seconds=self.limits.timeout_s)
                self._replace(worker, Extracted("unreadable", message))

    def _receive(self, worker: _Worker) -> None:
        """Take a worker's message as bytes: the caller's thread unpickles it.

        The dispatcher stays off the CPU, so it never holds the GIL against the thread that
        writes to the store (a busy dispatcher made every SQLite call wait for the GIL).
        """
        try:
            message = worker.conn.recv_bytes()
        except (EOFError, OSError):
            self._replace(worker, Extracted("unreadable", CRASHED))
            return
        if message == READY:
            worker.ready = True
            return
        self._saturated = False
        job, worker.job = worker.job, None
        self._results.put((job, message))
        if message[:1] == RETIRING:
            self._replace(worker, None)

    def _replace(self, worker: _Worker, result: Extracted | None) -> None:
        """Kill ``worker``, report its job (if any) with ``result``, and forget it.

        A new worker is started by the next round of :meth:`_start_workers_as_needed`.
        """
        self._saturated = False
        job = worker.job
        worker.job = None
        worker.kill()
        self._workers.remove(worker)
        self.replaced += 1
        if job is not None and result is not None:
            self._results.put((job, result))


class _Worker:
    """The parent's handle on one worker process."""

    def __init__(self, context, extractor: Extractor):
        self.conn, child_conn = context.Pipe()
        self.process = context.Process(
            target=serve, args=(child_conn, extractor), name="lapdesk-extract-worker",
            daemon=True,
        )
        self.process.start()
        self.pid = self.process.pid
        child_conn.close()
        self.ready = False
        self.job: Job | None = None
        self.deadline = 0.0

    def start_job(self, job: Job, limits: Limits) -> None:
        self.job = job
        self.deadline = time.monotonic() + limits.timeout_s
        # The file's bytes go as they are, never copied into a pickle: a file of 200 MB costs
        # the parent 200 MB, not 400.
        self.conn.send_bytes(job.header)
        self.conn.send_bytes(job.data)

    def ask_to_leave(self) -> None:
        """Tell an idle worker there is no more work (a busy one is killed by :meth:`stop`)."""
        if self.job is None:
            try:
                self.conn.send(None)
            except OSError:
                pass

    def stop(self) -> None:
        """Let an idle worker leave, kill a busy one: a worker never outlives the pool."""
        if self.job is None:
            self.process.join(timeout=2)
        self.kill()

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join()
        self.process.close()
        self.conn.close()


# --- inside a worker process -----------------------------------------------------------------

def serve(conn: Connection, extractor: Extractor | None) -> None:
    """A worker's life: announce readiness, then extract one job after another."""
    _die_with_parent()
    warm_up = None
    if extractor is None:
        from lapdesk.ingest.formats import extract as extractor
        from lapdesk.ingest.formats import warm_up
    conn.send_bytes(READY)
    if warm_up is not None:
        warm_up()  # while the first job is on its way
    while True:
        try:
            task = conn.recv()
            if task is not None:
                data = conn.recv_bytes()
        except (EOFError, OSError):
            return
        if task is None:
            # Nothing to flush or close: leave without the interpreter's teardown of every
            # module (30 ms that the pool would wait for).
            conn.close()
            os._exit(0)
        name, limits, password, options = task
        out_of_memory = False
        try:
            extracted = extractor(data, name, limits=limits, password=password,
                                  **(options or {}))
        except MemoryError:
            extracted, out_of_memory = Extracted("unreadable", OUT_OF_MEMORY), True
        except Exception as error:  # an extractor bug must cost one file, not the batch
            extracted = Extracted("unreadable", f"This file could not be read ({error}).")
        del data, task
        # After running out of memory the heap may be in a bad state: retire, the pool starts
        # a fresh worker.
        flag = RETIRING if out_of_memory else DONE
        conn.send_bytes(flag + pickle.dumps(extracted, protocol=pickle.HIGHEST_PROTOCOL))
        if out_of_memory:
            conn.close()
            os._exit(0)


def _die_with_parent() -> None:
    """Make sure this worker ends when the process that started it ends, however it ends."""
    if sys.platform == "win32":
        # A worker that crashes on a hostile file must end at once: no "stopped working"
        # dialog for the user (SEM_NOGPFAULTERRORBOX), no "insert a disk" prompt either.
        import ctypes

        ctypes.windll.kernel32.SetErrorMode(0x0002 | 0x0001)  # type: ignore[attr-defined]
    parent = multiprocessing.parent_process()
    if sys.platform.startswith("linux"):
        import ctypes
        import signal

        pr_set_pdeathsig = 1
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(pr_set_pdeathsig, signal.SIGKILL)
        # The parent may have died before prctl took effect.
        if parent is not None and os.getppid() != parent.pid:
            os._exit(1)
        return
    if parent is not None:
        def watch() -> None:
            parent.join()  # waits on the parent's sentinel
            os._exit(1)

        threading.Thread(target=watch, name="lapdesk-parent-watch", daemon=True).start()
