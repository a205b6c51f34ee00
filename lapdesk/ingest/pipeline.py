"""Importing received files, as one call: :func:`import_paths`, for the CLI, the demo and tests.

The work is the :class:`~lapdesk.ingest.importer.Importer`'s: extraction in isolated worker
processes, one transaction per input in the store, written in the order given while the
workers already extract the next inputs.  Each input file commits together with everything
found inside it (an email's attachments, recursively), so an import killed at any moment
leaves every finished input whole and nothing half there; importing the same files again then
stores each exactly once, because a byte-identical top-level file is a ``duplicate``.
"""

from __future__ import annotations

import os
from collections.abc import Iterable

from lapdesk.core.progress import CancelToken, ProgressFn, no_progress
from lapdesk.ingest.extracted import Limits
from lapdesk.ingest.importer import Importer
from lapdesk.ingest.workers import WorkerPool
from lapdesk.store.database import Store


def import_paths(store: Store, paths: Iterable[str | os.PathLike], *, together: bool = False,
                 limits: Limits = Limits(),  # noqa: B008 (frozen)
                 progress: ProgressFn = no_progress, cancel: CancelToken | None = None,
                 password: str | None = None, workers: int | None = None,
                 pool: WorkerPool | None = None) -> list[dict]:
    """Import files and folders; one result object per input file, in walk order.

    :param paths: files and folders (walked in name order, temporary files skipped).
    :param together: put every file into one contribution instead of one each.
    :param limits: size, depth and time caps (``limits.timeout_s`` per extraction).
    :param progress: called with ``(done, total, name)`` after each input is committed, and
        with what a scan's OCR has read while it reads.
    :param cancel: checked at every step of the import; inputs already committed stay.
    :param password: tried on encrypted PDFs.
    :param workers: the number of extraction processes (default: one per core, at most 4).
    :param pool: extraction workers the caller started for this import, with the same
        ``limits``, and closes after it; by default the import starts and stops its own.
    :raises Cancelled: when ``cancel`` was set; the inputs committed so far stay.
    """
    with Importer(limits=limits, password=password, workers=workers, pool=pool) as importer:
        run = importer.run(store, paths, together=together)
        for step in run:
            if step.news:  # a commit, or a scan's pages read by OCR
                progress(step.done, step.total, step.label)
            if cancel is not None:
                cancel.raise_if_cancelled()
        return run.results
