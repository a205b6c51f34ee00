"""The one owner of importing: the extraction workers, the reading ahead, the writing in order.

An :class:`Importer` holds the worker pool for as many imports as its owner runs (the CLI's
one, the desk's drop after drop) and stops it in :meth:`Importer.close`, the one place the
workers are let go.  :meth:`Importer.run` gives an :class:`ImportRun`, which the caller
iterates: each :class:`Step` it yields is a progress report and a point where the caller may
stop it (between two committed inputs, never in the middle of one).  Files are read and hashed here, extracted in
the workers (:mod:`lapdesk.ingest.workers`), planned (:mod:`lapdesk.ingest.contribution_plan`)
and written (:mod:`lapdesk.ingest.unit_writer`) in the order given, while the workers already
extract the next inputs.
"""

from __future__ import annotations

import os
import queue
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from lapdesk.ingest import contribution_plan
from lapdesk.ingest.batch import FileNode, Input, Unit
from lapdesk.ingest.detect import DetectionIndex
from lapdesk.ingest.extracted import MB, Extracted, Limits
from lapdesk.ingest.import_results import result_of
from lapdesk.ingest.ocr import fanout
from lapdesk.ingest.sources import load, walk
from lapdesk.ingest.unit_writer import write_unit
from lapdesk.ingest.workers import Job, WorkerPool, default_size
from lapdesk.store import contributions as c
from lapdesk.store import held, intake
from lapdesk.store.database import Store

CANCEL_POLL_S = 0.2  # how often a run waiting on a slow file yields (a point to stop it)
# Inputs read and handed to the workers ahead of the one being written: enough that a worker
# never waits for the writer (an email takes two rounds of extraction, its attachments after
# it), few enough bytes that a batch of large files cannot fill the memory.
AHEAD_INPUTS = 32
AHEAD_BYTES = 64 * MB
TOO_DEEP = "This file is nested more than {depth} levels deep in emails or archives; not opened."


WRITTEN, READING, WAITING = "written", "reading", "waiting"


@dataclass(frozen=True)
class Step:
    """Where a run is: ``done`` of ``total`` inputs written, and what just happened — the
    input named ``label`` was ``written``, a scan's pages are being ``reading`` by OCR on
    every worker (``label`` says how far), or the run is ``waiting`` for the workers."""

    done: int
    total: int
    label: str
    kind: str

    @property
    def written(self) -> bool:
        return self.kind == WRITTEN

    @property
    def news(self) -> bool:
        """Whether the step is worth showing (a commit, or pages read by OCR)."""
        return self.kind != WAITING


class Importer:
    """Imports files into stores, with extraction workers kept between imports.

    :param limits: size, depth and time caps (``limits.timeout_s`` per extraction).
    :param password: tried on encrypted PDFs.
    :param workers: the number of extraction processes (default: one per core, at most 4).
    :param prestart: start the workers now, so that they boot while the caller gets ready;
        otherwise they start as the first import hands them work, no more than it needs.
    :param pool: workers the caller started and stops itself (the importer leaves them be).
    """

    def __init__(self, *, limits: Limits = Limits(), password: str | None = None,  # noqa: B008 (frozen)
                 workers: int | None = None, prestart: bool = False,
                 pool: WorkerPool | None = None):
        self.limits, self.password, self.workers = limits, password, workers
        self._owned = pool is None
        self._pool = pool
        if prestart and pool is None:
            self._pool = WorkerPool(size=workers, limits=limits, prestart=True)

    def run(self, store: Store, paths: Iterable[str | os.PathLike], *,
            together: bool = False) -> ImportRun:
        """An import of files and folders into ``store``, to iterate.

        :param paths: files and folders (walked in name order, temporary files skipped).
        :param together: put every file into one contribution instead of one each.
        """
        sources = walk(paths, exclude=lambda path: _is_part_of_store(store, path))
        return ImportRun(store, self, [Input(source) for source in sources], together=together)

    def release(self) -> None:
        """Let the workers leave now, without waiting for them (:meth:`close` waits)."""
        if self._owned and self._pool is not None:
            self._pool.begin_close()

    def close(self) -> None:
        """Stop the workers this importer started: the one place they are let go."""
        if self._owned and self._pool is not None:
            self._pool.close()
            self._pool = None

    def __enter__(self) -> Importer:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def pool(self) -> WorkerPool:
        """The workers, started now if they are not yet (they start work as jobs arrive)."""
        if self._pool is None:
            self._pool = WorkerPool(size=self.workers or default_size(), limits=self.limits)
        return self._pool


class ImportRun:
    """One import: iterate it to run it; keeps the workers ahead of the writer, which
    commits the units in order.  Once iterated to its end, :attr:`results` holds one result
    object per input file, in walk order."""

    def __init__(self, store: Store, importer: Importer, inputs: list[Input], *,
                 together: bool):
        self.store, self.importer, self.inputs = store, importer, inputs
        if together:
            self.units = [Unit(0, inputs)] if inputs else []
        else:
            self.units = [Unit(i, [item]) for i, item in enumerate(inputs)]
        self.total = len(inputs)
        self.limits, self.password = importer.limits, importer.password
        self.seen: set[str] = set()  # digests of this batch, for duplicates within it
        self.index: DetectionIndex | None = None
        self.finished = False

    @property
    def results(self) -> list[dict]:
        if not self.finished:
            raise RuntimeError("The import has not run to its end.")
        return [result_of(item) for item in self.inputs]

    def __iter__(self) -> Iterator[Step]:
        if self.units:
            self.pool = self.importer.pool()
            yield from self._steps()
        self.finished = True

    def _steps(self) -> Iterator[Step]:
        submitted = written = done = held_bytes = 0
        while written < len(self.units):
            while submitted < len(self.units) and (submitted == written or (
                    submitted - written < AHEAD_INPUTS and held_bytes < AHEAD_BYTES)):
                self._prepare(self.units[submitted])
                held_bytes += self.units[submitted].held_bytes
                submitted += 1
            if self.index is None:  # compiling the registry's names overlaps the workers' start
                self.index = DetectionIndex.from_store(self.store)
            unit = self.units[written]
            label = unit.inputs[0].source.path.name
            while unit.outstanding:
                try:
                    job, extracted = self.pool.next_result(timeout=CANCEL_POLL_S)
                except queue.Empty:  # a long extraction: the caller may stop meanwhile
                    yield Step(done, self.total, label, WAITING)
                    continue
                read = self._settle(job, extracted)
                if read:  # a scan's pages, read by OCR on every worker
                    yield Step(done, self.total, read, READING)
            yield Step(done, self.total, label, WAITING)  # the last point before writing
            write_unit(self.store, unit, contribution_plan.plan(unit, self.index))
            held_bytes -= unit.held_bytes
            written += 1
            for item in unit.inputs:
                done += 1
                yield Step(done, self.total, item.source.path.name, WRITTEN)

    def _prepare(self, unit: Unit) -> None:
        """Read and hash the unit's inputs and hand their extraction to the workers."""
        for item in unit.inputs:
            if item.source.error:
                continue
            path = item.source.path
            try:
                loaded = load(path, max_bytes=self.limits.max_file_bytes)
            except OSError as error:
                item.source.error = f"{path} cannot be opened: {error.strerror or error}."
                continue
            item.node = FileNode.make(path.name, size=loaded.size, sha256=loaded.sha256,
                                      depth=0, data=loaded.data, limits=self.limits)
            if loaded.sha256 in self.seen or intake.file_by_sha256(self.store, loaded.sha256):
                # A duplicate, settled when written: its first copy is written before it.
                item.node.repeats, item.node.data, item.node.extracted = True, None, None
            elif item.node.extracted is None:  # not over the size cap: to be read
                self._submit(unit, item.node)
                unit.held_bytes += loaded.size
            self.seen.add(loaded.sha256)

    def _submit(self, unit: Unit, node: FileNode, *, pages: tuple[int, ...] | None = None,
                merge: fanout.Merge | None = None) -> None:
        """Hand a file to the workers; a scan's pages without text are left for later jobs
        (``pages``), whose results ``merge`` puts together (:mod:`lapdesk.ingest.ocr.fanout`)."""
        unit.outstanding += 1
        self.pool.submit(Job(unit.index, data=node.data, name=node.original_name,
                             password=self.password, options={"ocr": pages or "defer"},
                             tag=(unit, node, pages, merge)))

    def _settle(self, job: Job, extracted: Extracted) -> str:
        """Take one finished extraction; what it found inside is read in its turn.  Returns
        a progress label when it was a chunk of a scan's pages read by OCR."""
        unit, node, pages, merge = job.tag
        unit.outstanding -= 1
        if merge is not None:
            merge.add(extracted, pages)
            if merge.complete:
                node.extracted = merge.result()
            return f"{node.name}: {merge.read} of {merge.total} pages read by OCR"
        chunks = fanout.plan(extracted, self.pool.size)
        if chunks:
            merge = fanout.Merge(extracted, len(chunks))
            for chunk in chunks:
                self._submit(unit, node, pages=chunk, merge=merge)
            return ""
        node.extracted = extracted
        for attachment in extracted.attachments:
            child = FileNode.make(attachment.original_name, size=len(attachment.data),
                                  sha256=c.sha256_of(attachment.data), depth=node.depth + 1,
                                  data=attachment.data, limits=self.limits)
            node.children.append(child)
            if child.extracted is not None:
                continue  # over the size cap
            if child.depth > self.limits.max_depth:
                child.extracted = Extracted("unsupported",
                                            TOO_DEEP.format(depth=self.limits.max_depth))
            else:
                self._submit(unit, child)
        extracted.attachments = []  # the children hold the bytes now
        return ""


def _is_part_of_store(store: Store, path: Path) -> bool:
    """The store and what LAPDesk writes beside it (``X.lapdesk-wal``, ``X.lapdesk.backups``),
    or any other store this process has open (a link to one included)."""
    try:
        if (path.name.startswith(store.path.name)
                and path.parent.resolve() == store.path.parent.resolve()):
            return True
    except OSError:
        pass
    return held.is_held(path)
