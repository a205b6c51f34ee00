"""ZIP archives: every member file comes back as an attachment for the pipeline to ingest.

The archive is checked as a whole before anything is inflated (declared sizes, total size,
compression ratio) and each member is read in bounded chunks.  Archives inside the archive are
returned like any other member: the pipeline, which owns the depth limit, recurses; this
reader never does.
"""

from __future__ import annotations

from lapdesk.ingest.extracted import Attachment, Extracted, Limits
from lapdesk.ingest.formats.common import open_zip, read_member

WHAT = "This archive"
_JUNK = ("__MACOSX/", ".DS_Store", "Thumbs.db", "desktop.ini")


def extract(data: bytes, *, limits: Limits, password: str | None = None) -> Extracted:
    attachments: list[Attachment] = []
    locked = skipped = 0
    with open_zip(data, limits=limits, what=WHAT) as archive:
        for info in archive.infolist():
            if info.is_dir() or info.filename.startswith(_JUNK[0]) \
                    or info.filename.rsplit("/", 1)[-1] in _JUNK[1:]:
                continue
            if info.flag_bits & 0x1:
                locked += 1
                continue
            if len(attachments) >= limits.max_attachments:
                skipped += 1
                continue
            attachments.append(Attachment(info.filename,
                                          read_member(archive, info, limits=limits, what=WHAT)))
    notes = []
    if locked:
        notes.append(f"{locked} file(s) in it are protected by a password and were skipped.")
    if skipped:
        notes.append(f"It holds more than {limits.max_attachments} files; the rest were skipped.")
    if not attachments:
        status = "encrypted" if locked else "empty"
        return Extracted(status, " ".join(notes) or "This archive contains no files.")
    return Extracted("ok", " ".join(notes), attachments=attachments)
