"""Pictures (PNG, JPEG, TIFF, BMP): a photographed or scanned letter, read by OCR.

Each frame of a TIFF is a page.  The work is in :mod:`lapdesk.ingest.ocr.scans`; a picture
is one job however it is imported (only a PDF's pages are spread over several workers).
"""

from __future__ import annotations

from lapdesk.ingest.extracted import Extracted, Limits


def extract(data: bytes, *, limits: Limits, password: str | None = None) -> Extracted:
    from lapdesk.ingest.ocr import scans

    return scans.read_picture(data, limits=limits)
