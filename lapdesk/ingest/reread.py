"""Reading files again in place: scans once OCR can read them, protected files once their
password is known (``lapdesk reread``, the desk's "Read scans now" and "Enter password…").

The originals are taken from the store and read in the extraction workers exactly as an
import reads them (a scan's pages spread over every worker), then each file's new text
replaces its old one in one undoable change (:mod:`lapdesk.store.rewrite`).  Detection then
looks at the contribution's text again: unless a person has confirmed its contributors, the
candidates found in the new text replace the old ones; a language not yet known is filled in,
and so is the date the letter bears (and the received date, when it was only the day logged).
A reading that finds less than the file already has (a wrong password, say) changes nothing.
"""

from __future__ import annotations

import queue
from datetime import date

from lapdesk.core.errors import NotFoundError
from lapdesk.core.progress import CancelToken, ProgressFn, no_progress
from lapdesk.core.records import ContributorRef
from lapdesk.core.text import Paragraph
from lapdesk.ingest.detect import DetectionIndex, detect_contributors
from lapdesk.ingest.extracted import Extracted, Limits
from lapdesk.ingest.language import detect_language, language_sample
from lapdesk.ingest.letter_date import letter_date
from lapdesk.ingest.ocr import fanout
from lapdesk.ingest.workers import Job, WorkerPool
from lapdesk.store import contributions as c
from lapdesk.store.changes import Recorder
from lapdesk.store.database import Store
from lapdesk.store.rewrite import Reading, replace_file_text

UNREAD = ("needs_ocr", "encrypted")
_POLL_S = 0.2


def unread_files(store: Store, *, with_password: bool = False) -> list[int]:
    """Files not read yet that reading again may read: scans (``needs_ocr``), and with a
    password the protected ones (``encrypted``)."""
    statuses = UNREAD if with_password else ("needs_ocr",)
    marks = ", ".join("?" for _ in statuses)
    return [row["id"] for row in store.query(
        f"SELECT id FROM files WHERE status IN ({marks}) ORDER BY contribution_id, position, id",
        statuses)]


def reread(store: Store, file_ids: list[int], *, password: str | None = None,
           limits: Limits = Limits(), pool: WorkerPool | None = None,  # noqa: B008 (frozen)
           progress: ProgressFn = no_progress, cancel: CancelToken | None = None) -> list[dict]:
    """Read the files ``file_ids`` again and put what is read in place of their text.

    :returns: one ``{file_id, contribution_id, name, status, message, changed, ocr,
        ocr_confidence, pages, chars, chars_before, excerpts_moved, contributors}`` per file.
    :raises NotFoundError: for an id that is no file of the store.
    """
    rows = []
    for file_id in file_ids:
        row = store.query_one("SELECT * FROM files WHERE id = ?", (file_id,))
        if row is None:
            raise NotFoundError(f"There is no file number {file_id}.")
        rows.append(row)
    if not rows:
        return []
    if pool is None:
        with WorkerPool(limits=limits) as own:
            return _reread(store, rows, own, password, progress, cancel)
    return _reread(store, rows, pool, password, progress, cancel)


def _reread(store, rows, pool, password, progress, cancel) -> list[dict]:
    results = {row["id"]: _shape(row) for row in rows}
    pending = 0
    for row in rows:
        try:
            data = c.blob(store, row["sha256"])
        except NotFoundError as error:
            results[row["id"]]["message"] = str(error)
            continue
        pool.submit(Job(0, data=data, name=row["original_name"] or row["name"],
                        password=password, options={"ocr": "defer"}, tag=(row, data, None,
                                                                          None)))
        pending += 1
    index, done = None, 0
    while pending:
        try:
            job, extracted = pool.next_result(timeout=_POLL_S)
        except queue.Empty:
            if cancel is not None:
                cancel.raise_if_cancelled()
            continue
        pending -= 1
        row, data, pages, merge = job.tag
        if merge is not None:
            merge.add(extracted, pages)
            progress(done, len(rows), f"{row['name']}: {merge.read} of {merge.total} pages "
                     "read by OCR")
            if not merge.complete:
                continue
            extracted = merge.result()
        else:
            chunks = fanout.plan(extracted, pool.size)
            if chunks:
                merge = fanout.Merge(extracted, len(chunks))
                for chunk in chunks:
                    pool.submit(Job(0, data=data, name=job.name, password=password,
                                    options={"ocr": chunk}, tag=(row, data, chunk, merge)))
                pending += len(chunks)
                continue
        if cancel is not None:
            cancel.raise_if_cancelled()
        index = index or DetectionIndex.from_store(store)
        results[row["id"]].update(_apply(store, row, extracted, index))
        done += 1
        progress(done, len(rows), row["name"])
    return [results[row["id"]] for row in rows]


def _shape(row: dict) -> dict:
    return {"file_id": row["id"], "contribution_id": row["contribution_id"], "name": row["name"],
            "status": row["status"], "message": row["message"], "changed": False,
            "ocr": bool(row["ocr"]), "ocr_confidence": row["ocr_confidence"],
            "pages": row["pages"], "chars": row["chars"], "chars_before": row["chars"],
            "excerpts_moved": 0, "contributors": None}


def _apply(store: Store, row: dict, extracted: Extracted, index: DetectionIndex) -> dict:
    if extracted.status != "ok" or not extracted.paragraphs:
        if row["chars"]:
            return {"message": f"{extracted.message} The text read before is kept.".strip()}
        if extracted.status == row["status"]:  # still unread, for the same reason: say so
            return {"message": extracted.message}
    reading = Reading(extracted.status, extracted.message, extracted.paragraphs,
                      pages=extracted.pages, ocr=extracted.ocr,
                      ocr_confidence=extracted.ocr_confidence, ocr_pages=extracted.ocr_pages,
                      comments=extracted.comments)
    contribution_id = row["contribution_id"]
    texts = [p.text for p in extracted.paragraphs]
    _, replaced = replace_file_text(
        store, row["id"], reading,
        also=lambda rec: _detect_again(rec, contribution_id, index, letter_date(texts)))
    return {"status": extracted.status, "message": extracted.message, "changed": True,
            "ocr": extracted.ocr, "ocr_confidence": extracted.ocr_confidence,
            "pages": extracted.pages, "chars": replaced.chars,
            "excerpts_moved": replaced.excerpts_moved,
            "contributors": [p.to_json(ContributorRef.DETECTED)
                             for p in c.contributors_of(store, contribution_id)]}


def _detect_again(rec: Recorder, contribution_id: int, index: DetectionIndex,
                  dated: date | None) -> None:
    """Contributors, language and the letter's date from the contribution's new text, where
    no person has set them (a scan's letterhead and dateline are read only now)."""
    store = rec.store
    contribution = c.contribution(store, contribution_id)
    texts = [p["text"] for p in c.paragraphs_of(store, contribution_id)]
    if contribution.language is None and texts:
        language = detect_language(language_sample(Paragraph(text) for text in texts))
        if language:
            rec.update("contributions", {"id": contribution_id}, {"language": language})
    if dated is not None and contribution.dated is None:
        changes = {"dated": dated.isoformat()}
        if contribution.received_source == "logged":  # as an import would have set it
            changes.update(received=dated.isoformat(), received_source="letter")
        rec.update("contributions", {"id": contribution_id}, changes)
    current = store.query("SELECT * FROM contribution_contributors WHERE contribution_id = ?",
                          (contribution_id,))
    if any(row["confirmed"] for row in current):
        return
    files = c.files_of(store, contribution_id)
    candidates = detect_contributors(
        index, paragraphs=texts, sender=contribution.sender,
        file_name=(files[0].original_name or files[0].name) if files else "")
    for row in current:
        rec.delete("contribution_contributors", {"contribution_id": contribution_id,
                                                 "contributor_id": row["contributor_id"]})
    for position, candidate in enumerate(candidates):
        rec.insert("contribution_contributors", {
            "contribution_id": contribution_id, "contributor_id": candidate["contributor_id"],
            "chosen": int(candidate.get("chosen", True)),
            "confidence": float(candidate.get("confidence", 1.0)),
            "reason": candidate.get("reason", ""), "position": position})
