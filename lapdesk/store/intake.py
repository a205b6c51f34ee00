"""What an import writes: a contribution, its originals (once per content), files, paragraphs
and detection's candidates, inside the caller's one transaction per input.

These are plain inserts, not recorded changes: an import is audited (``Import``) but not
undone row by row.  Reading and editing contributions is :mod:`lapdesk.store.contributions`'.
"""

from __future__ import annotations

from collections.abc import Sequence

from lapdesk.core.clock import now_iso
from lapdesk.core.errors import UsageError
from lapdesk.core.text import FILE_SEPARATOR, Paragraph, layout
from lapdesk.store.contributions import CHANNELS, PARTS, sha256_of
from lapdesk.store.database import Store
from lapdesk.store.search import index_paragraphs


def create_contribution(store: Store, *, received: str | None = None, channel: str = "file",
                        language: str | None = None, sender: str | None = None,
                        subject: str | None = None, title: str = "",
                        dated: str | None = None, received_source: str | None = None,
                        permission_to_publish: bool | None = None) -> int:
    """Insert a contribution (inside the caller's transaction); returns its id.

    :param received: when it arrived; the moment it is logged when not given.
    :param dated: the date its letter bears (ISO), when its text shows one.
    :param received_source: where ``received`` came from (:data:`RECEIVED_SOURCES`); by
        default ``logged`` when no date is given and ``user`` when one is.
    :param permission_to_publish: ``None`` (nobody has decided yet), true or false.
    """
    if channel not in CHANNELS:
        raise UsageError(f"{channel!r} is not a channel; use one of {', '.join(CHANNELS)}.")
    source = received_source or ("user" if received else "logged")
    now = now_iso()
    return store.insert(
        "INSERT INTO contributions (id, title, received, channel, language, sender, subject,"
        " dated, received_source, permission_to_publish, created_at, created_by, round_id)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
        " (SELECT CAST(value AS INTEGER) FROM settings WHERE key = 'current_round'))",
        (store.new_id(), title, received or now, channel, language, sender, subject, dated, source,
         None if permission_to_publish is None else int(permission_to_publish), now,
         store.author),
    )


def store_blob(store: Store, data: bytes, digest: str | None = None) -> tuple[str, bool]:
    """Keep ``data`` once; returns its SHA-256 and whether it was already in the store.

    :param digest: the SHA-256 of ``data`` when the caller has just computed it (ingest
        hashes every file to find duplicates before reading it).
    """
    digest = digest or sha256_of(data)
    inserted = store.execute(
        "INSERT OR IGNORE INTO blobs (sha256, size, data) VALUES (?, ?, ?)",
        (digest, len(data), data),
    )
    return digest, inserted == 0


def record_unkept_blob(store: Store, digest: str, size: int) -> None:
    """Log an original too large to keep: its SHA-256 and size, but not its bytes."""
    store.execute(
        "INSERT OR IGNORE INTO blobs (sha256, size, data, kept) VALUES (?, ?, X'', 0)",
        (digest, size),
    )


def file_by_sha256(store: Store, digest: str) -> dict | None:
    """The first file stored with these bytes, for the duplicate rule."""
    return store.query_one(
        "SELECT * FROM files WHERE sha256 = ? AND status != 'duplicate' ORDER BY id LIMIT 1",
        (digest,),
    )


def add_file(store: Store, contribution_id: int, *, name: str, sha256: str, size: int,
             media_type: str, status: str, message: str = "", original_name: str = "",
             parent_id: int | None = None, pages: int | None = None,
             paragraphs: Sequence[Paragraph] = (), ocr: bool = False,
             ocr_confidence: float | None = None) -> int:
    """Add a file (its blob already stored) and its paragraphs; returns the file id.

    :param ocr: whether some of its text was read by OCR, ``ocr_confidence`` how surely.
    """
    position, text_start = _next_slot(store, contribution_id)
    texts = [p.text for p in paragraphs]
    chars = sum(len(t) for t in texts)
    file_id = store.insert(
        "INSERT INTO files (id, contribution_id, parent_id, position, name, original_name, sha256,"
        " size, media_type, status, message, pages, chars, text_start, created_at, ocr,"
        " ocr_confidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (store.new_id(), contribution_id, parent_id, position, name, original_name or name, sha256, size,
         media_type, status, message, pages, chars, text_start if texts else -1, now_iso(),
         int(ocr), ocr_confidence),
    )
    if texts:
        add_paragraphs(store, contribution_id, file_id, paragraphs, text_start)
    return file_id


def _next_slot(store: Store, contribution_id: int) -> tuple[int, int]:
    """The next file position and where its text starts in the contribution's text."""
    row = store.query_one(
        "SELECT count(*) AS n, max(p.\"end\") AS last FROM files f"
        " LEFT JOIN paragraphs p ON p.file_id = f.id WHERE f.contribution_id = ?",
        (contribution_id,),
    )
    last = row["last"]
    return row["n"], 0 if last is None else last + len(FILE_SEPARATOR)


def add_paragraphs(store: Store, contribution_id: int, file_id: int,
                   paragraphs: Sequence[Paragraph], text_start: int) -> None:
    first = store.query_one(
        "SELECT coalesce(max(idx) + 1, 0) AS n FROM paragraphs WHERE contribution_id = ?",
        (contribution_id,),
    )["n"]
    spans = layout([p.text for p in paragraphs], text_start)
    store.executemany(
        "INSERT INTO paragraphs (id, contribution_id, file_id, idx, start, \"end\", page,"
        " heading_level, part, text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (store.new_id(), contribution_id, file_id, first + i, start, end, p.page, p.heading_level,
             p.part if p.part in PARTS else "body", p.text)
            for i, (p, (start, end)) in enumerate(zip(paragraphs, spans, strict=True))
        ],
    )
    index_paragraphs(store, "file_id = ?", (file_id,))


def set_contributors(store: Store, contribution_id: int,
                     candidates: Sequence[dict]) -> None:
    """Record detection's candidates (``contributor_id, confidence, reason, chosen``)."""
    store.execute(
        "DELETE FROM contribution_contributors WHERE contribution_id = ?", (contribution_id,)
    )
    store.executemany(
        "INSERT OR REPLACE INTO contribution_contributors (contribution_id, contributor_id,"
        " chosen, confidence, reason, position) VALUES (?, ?, ?, ?, ?, ?)",
        [
            (contribution_id, c["contributor_id"], int(c.get("chosen", True)),
             float(c.get("confidence", 1.0)), c.get("reason", ""), position)
            for position, c in enumerate(candidates)
        ],
    )
