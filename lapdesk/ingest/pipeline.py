"""Importing received files: extraction in workers, one transaction per input in the store.

Files are read and hashed here, extracted in isolated worker processes
(:mod:`lapdesk.ingest.workers`), and written by this thread, in the order given, while the
workers already extract the next inputs.  Each input file commits in one transaction together
with everything found inside it (an email's attachments, recursively), so an import killed at any
moment leaves every finished input whole and nothing half there; importing the same files again
then stores each exactly once, because a byte-identical top-level file is a ``duplicate``.
"""

from __future__ import annotations

import os
import queue
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from lapdesk.core.names import safe_name
from lapdesk.core.progress import CancelToken, ProgressFn, no_progress
from lapdesk.ingest import sniff
from lapdesk.ingest.detect import DetectionIndex, detect_contributors
from lapdesk.ingest.extracted import MB, Extracted, Limits, size_in_words
from lapdesk.ingest.language import detect_language, language_sample
from lapdesk.ingest.letter_date import letter_date
from lapdesk.ingest.ocr import fanout
from lapdesk.ingest.sources import Source, load, walk
from lapdesk.ingest.workers import Job, WorkerPool, default_size
from lapdesk.store import contributions as c
from lapdesk.store import held
from lapdesk.store.changes import audit
from lapdesk.store.database import Store
from lapdesk.store.marks import add_marks

EMAIL_TYPES = (sniff.EML, sniff.MSG)
CANCEL_POLL_S = 0.2  # how soon a cancel stops an import waiting on a slow file
# Inputs read and handed to the workers ahead of the one being written: enough that a worker
# never waits for the writer (an email takes two rounds of extraction, its attachments after
# it), few enough bytes that a batch of large files cannot fill the memory.
AHEAD_INPUTS = 32
AHEAD_BYTES = 64 * MB
TOO_DEEP = "This file is nested more than {depth} levels deep in emails or archives; not opened."
DUPLICATE = "The same file is already in the store (contribution {contribution_id})."


@dataclass
class _Node:
    """One file to store: a dropped file or something found inside one."""

    name: str
    original_name: str
    size: int
    sha256: str
    depth: int
    data: bytes | None = field(default=None, repr=False)
    extracted: Extracted | None = None
    children: list[_Node] = field(default_factory=list)


@dataclass
class _Input:
    """One result object of the import: a source and, once read, its file tree."""

    source: Source
    result: dict
    node: _Node | None = None


@dataclass
class _Unit:
    """What commits in one transaction: one input, or all of them with ``together``."""

    index: int
    inputs: list[_Input]
    outstanding: int = 0
    held_bytes: int = 0  # of its files, read and held until the unit is written


def import_paths(store: Store, paths: Iterable[str | os.PathLike], *, together: bool = False,
                 limits: Limits = Limits(),  # noqa: B008 (frozen)
                 progress: ProgressFn = no_progress, cancel: CancelToken | None = None,
                 password: str | None = None, workers: int | None = None,
                 pool: WorkerPool | None = None) -> list[dict]:
    """Import files and folders; one result object per input file, in walk order.

    :param paths: files and folders (walked in name order, temporary files skipped).
    :param together: put every file into one contribution instead of one each.
    :param limits: size, depth and time caps (``limits.timeout_s`` per extraction).
    :param progress: called with ``(done, total, name)`` after each input is committed.
    :param cancel: checked between inputs; inputs already committed stay.
    :param password: tried on encrypted PDFs.
    :param workers: the number of extraction processes (default: one per core, at most 4).
    :param pool: extraction workers the caller started for this import, with the same
        ``limits``, and closes after it; by default the import starts and stops its own.
    :raises Cancelled: when ``cancel`` was set; the inputs committed so far stay.
    """
    sources = walk(paths, exclude=lambda path: _is_part_of_store(store, path))
    inputs = [_Input(source, _empty_result(source)) for source in sources]
    if together:
        units = [_Unit(0, inputs)] if inputs else []
    else:
        units = [_Unit(i, [item]) for i, item in enumerate(inputs)]
    if not units:
        return []
    if pool is None:
        size = workers or default_size()  # workers start only as jobs arrive
        with WorkerPool(size=size, limits=limits) as own:
            return _import(store, units, inputs, own, limits, password, progress, cancel)
    return _import(store, units, inputs, pool, limits, password, progress, cancel)


def _import(store: Store, units: list[_Unit], inputs: list[_Input], pool: WorkerPool,
            limits: Limits, password: str | None, progress: ProgressFn,
            cancel: CancelToken | None) -> list[dict]:
    """Keep the workers ahead of the writer, which commits the units in order."""
    writer = None
    feeder = _Feeder(store, pool, limits, password)
    submitted = written = done = held = 0
    while written < len(units):
        while submitted < len(units) and (submitted == written or (
                submitted - written < AHEAD_INPUTS and held < AHEAD_BYTES)):
            feeder.prepare(units[submitted])
            held += units[submitted].held_bytes
            submitted += 1
        if writer is None:  # compiling the registry's names overlaps the workers' start
            writer = _Writer(store)
        unit = units[written]
        while unit.outstanding:
            try:
                job, extracted = pool.next_result(timeout=CANCEL_POLL_S)
            except queue.Empty:  # a long extraction: a cancel need not wait for it
                if cancel is not None:
                    cancel.raise_if_cancelled()
                continue
            read = feeder.settle(job, extracted)
            if read:  # a scan's pages, read by OCR on every worker
                progress(done, len(inputs), read)
        if cancel is not None:
            cancel.raise_if_cancelled()
        writer.write(unit)
        held -= unit.held_bytes
        written += 1
        for item in unit.inputs:
            done += 1
            progress(done, len(inputs), item.source.path.name)
    return [item.result for item in inputs]


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


def _empty_result(source: Source) -> dict:
    return {
        "path": str(source.path), "status": "unreadable" if source.error else "ok",
        "message": source.error, "contribution_id": None, "file_id": None, "sha256": None,
        "media_type": None, "pages": None, "chars": 0, "ocr": False, "ocr_confidence": None,
        "language": None, "contributors": [],
        "attachments": [],
    }


class _Feeder:
    """Reads inputs, hands their extraction to the pool, and unpacks what comes back."""

    def __init__(self, store: Store, pool: WorkerPool, limits: Limits, password: str | None):
        self.store, self.pool, self.limits, self.password = store, pool, limits, password
        self.seen: set[str] = set()  # digests of this batch, for duplicates within it

    def prepare(self, unit: _Unit) -> None:
        for item in unit.inputs:
            if item.source.error:
                continue
            try:
                loaded = load(item.source.path, max_bytes=self.limits.max_file_bytes)
            except OSError as error:
                item.source.error = (f"{item.source.path} cannot be opened: "
                                     f"{error.strerror or error}.")
                item.result.update(status="unreadable", message=item.source.error)
                continue
            name = item.source.path.name
            item.node = _Node(safe_name(name), name, loaded.size, loaded.sha256, 0, loaded.data)
            if loaded.sha256 in self.seen or c.file_by_sha256(self.store, loaded.sha256):
                # A duplicate, settled when written: its first copy is written before it.
                item.node.data = None
            elif loaded.data is None:
                item.node.extracted = Extracted(
                    "too_large", f"This file is larger than {size_in_words(self.limits.max_file_bytes)},"
                    " the most LAPDesk reads from one file; only its SHA-256 is kept.")
            else:
                self._submit(unit, item.node)
                unit.held_bytes += loaded.size
            self.seen.add(loaded.sha256)

    def _submit(self, unit: _Unit, node: _Node, *, pages: tuple[int, ...] | None = None,
                merge: fanout.Merge | None = None) -> None:
        unit.outstanding += 1
        self.pool.submit(Job(unit.index, data=node.data, name=node.original_name,
                             password=self.password, options={"ocr": pages or "defer"},
                             tag=(unit, node, pages, merge)))

    def settle(self, job: Job, extracted: Extracted) -> str:
        """Take one finished job; returns a progress label when it was a chunk of OCR."""
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
            child = _Node(safe_name(attachment.name), attachment.name, len(attachment.data),
                          c.sha256_of(attachment.data), node.depth + 1, attachment.data)
            node.children.append(child)
            if child.depth > self.limits.max_depth:
                child.extracted = Extracted(
                    "unsupported", TOO_DEEP.format(depth=self.limits.max_depth))
            else:
                self._submit(unit, child)
        extracted.attachments = []  # the children hold the bytes now
        return ""


class _Writer:
    """Writes each finished unit in one transaction, with its audit row."""

    def __init__(self, store: Store):
        self.store = store
        self.index = DetectionIndex.from_store(store)

    def write(self, unit: _Unit) -> None:
        store = self.store
        with store.transaction():
            contribution_id = None
            stored: list[_Input] = []
            for item in unit.inputs:
                if item.node is None:
                    continue
                existing = c.file_by_sha256(store, item.node.sha256)
                if existing is not None:
                    self._mark_duplicate(item, existing)
                    continue
                if contribution_id is None:
                    contribution_id, language = self._create_contribution(unit, item.node)
                item.result["file_id"] = self._add_tree(contribution_id, item.node, None,
                                                        item.result)
                stored.append(item)
            if contribution_id is None:
                return
            contributors = self._detect(contribution_id, stored)
            for item in stored:
                item.result["contribution_id"] = contribution_id
                item.result["contributors"] = contributors
                item.result["language"] = language
            audit(store, "Import", contribution_id=contribution_id,
                  files=[str(item.source.path) for item in stored])

    def _mark_duplicate(self, item: _Input, existing: dict) -> None:
        """Point the result at the first copy: its contribution, language and contributors."""
        contribution_id = existing["contribution_id"]
        item.result.update(
            status="duplicate", message=DUPLICATE.format(contribution_id=contribution_id),
            contribution_id=contribution_id, file_id=existing["id"],
            sha256=item.node.sha256, media_type=existing["media_type"],
            pages=existing["pages"], chars=existing["chars"], ocr=bool(existing["ocr"]),
            ocr_confidence=existing["ocr_confidence"],
            language=c.contribution(self.store, contribution_id)["language"],
            contributors=_contributor_shapes(self.store, contribution_id),
        )

    def _create_contribution(self, unit: _Unit, first: _Node) -> tuple[int, str | None]:
        """The new contribution's id and language (from the text of every file of the unit)."""
        nodes = [n for item in unit.inputs if item.node is not None for n in _nodes(item.node)
                 if n.extracted]
        if len(nodes) == 1:
            language = nodes[0].extracted.language  # a file on its own: its worker found it
        else:
            language = detect_language(language_sample(
                p for node in nodes for p in node.extracted.paragraphs))
        meta = first.extracted.meta
        is_email = first.extracted.media_type in EMAIL_TYPES
        dated = next((found for node in nodes if (found := letter_date(
            [p.text for p in node.extracted.paragraphs])) is not None), None)
        if is_email and meta.get("date"):
            received, source = meta["date"], "email"
        elif dated is not None:
            received, source = dated.isoformat(), "letter"
        else:
            received, source = None, "logged"
        contribution_id = c.create_contribution(
            self.store, received=received, received_source=source,
            dated=dated.isoformat() if dated else None,
            channel="email" if is_email else "file", language=language,
            sender=meta.get("sender") or None, subject=meta.get("subject") or None,
            title=(meta.get("subject") if is_email else None) or first.name,
        )
        return contribution_id, language

    def _add_tree(self, contribution_id: int, node: _Node, parent_id: int | None,
                  shape: dict) -> int:
        """Store ``node`` and what it contains; fill ``shape`` with the file's shared fields."""
        extracted = node.extracted
        if node.data is None:
            c.record_unkept_blob(self.store, node.sha256, node.size)
        else:
            c.store_blob(self.store, node.data, node.sha256)
            node.data = None
        file_id = c.add_file(
            self.store, contribution_id, name=node.name, original_name=node.original_name,
            sha256=node.sha256, size=node.size, media_type=extracted.media_type,
            status=extracted.status, message=extracted.message, parent_id=parent_id,
            pages=extracted.pages, paragraphs=extracted.paragraphs,
            ocr=extracted.ocr, ocr_confidence=extracted.ocr_confidence,
        )
        add_marks(self.store, file_id, extracted.paragraphs, comments=extracted.comments,
                  ocr_pages=extracted.ocr_pages)
        shape.update(
            file_id=file_id, sha256=node.sha256, status=extracted.status,
            message=extracted.message, media_type=extracted.media_type, pages=extracted.pages,
            chars=sum(len(p.text) for p in extracted.paragraphs),
            ocr=extracted.ocr, ocr_confidence=extracted.ocr_confidence,
        )
        attachments = []
        for child in node.children:
            child_shape = {"name": child.name, "size": child.size}
            self._add_tree(contribution_id, child, file_id, child_shape)
            attachments.append(_file_shape(child_shape))
        if attachments or "attachments" in shape:
            shape["attachments"] = attachments
        return file_id

    def _detect(self, contribution_id: int, stored: list[_Input]) -> list[dict]:
        first = stored[0].node
        meta = first.extracted.meta
        texts: list[str] = []
        file_starts: list[int] = []
        for node in (n for item in stored for n in _nodes(item.node)):
            if texts:
                file_starts.append(len(texts))
            texts.extend(p.text for p in (node.extracted.paragraphs if node.extracted else ()))
        candidates = detect_contributors(
            self.index, paragraphs=texts, file_starts=file_starts,
            sender=meta.get("sender"), sender_name=meta.get("sender_name"),
            file_name=first.original_name,
            attachment_names=[n.original_name for item in stored for n in _nodes(item.node)
                              if n is not first],
        )
        c.set_contributors(self.store, contribution_id, candidates)
        return _contributor_shapes(self.store, contribution_id)


def _contributor_shapes(store: Store, contribution_id: int) -> list[dict]:
    """The chosen contributors in the shared shape ``{id, name, kind, status, confidence,
    reason}``."""
    return [
        {key: row[key] for key in ("id", "name", "kind", "status", "confidence", "reason")}
        for row in c.contributors_of(store, contribution_id)
    ]


def _nodes(node: _Node) -> list[_Node]:
    """``node`` and everything inside it, in storing order."""
    found = [node]
    for child in node.children:
        found.extend(_nodes(child))
    return found


def _file_shape(shape: dict) -> dict:
    """The shared file shape, attachments (if any) last."""
    ordered = {key: shape.get(key) for key in ("file_id", "name", "sha256", "size", "media_type",
                                                "status", "message", "pages", "chars",
                                                "ocr", "ocr_confidence")}
    if "attachments" in shape:
        ordered["attachments"] = shape["attachments"]
    return ordered


def exit_code(results: list[dict]) -> int:
    """0 when every input was logged, whatever its status; 1 when a path could not be opened."""
    return 1 if any(r["file_id"] is None and r["status"] == "unreadable" for r in results) else 0


def describe(result: dict) -> str:
    """One line for people: the file's name, its status, its contributors, the message."""
    parts = [f"{Path(result['path']).name}: {result['status']}"]
    if result["status"] != "duplicate" and result["contribution_id"] is not None:
        who = ", ".join(p["name"] for p in result["contributors"]) or "contributor unknown"
        parts.append(f"contribution {result['contribution_id']}, {who}")
    if result["message"]:
        parts.append(result["message"])
    return " — ".join(parts)
