"""Scanned PDF pages and pictures of letters, read by OCR (in a worker process).

A PDF's textless pages are rendered by pdfium at 300 dpi in grey and read one by one; a
picture file (PNG, JPEG, TIFF with all its frames, BMP) is decoded by Pillow.  Either way a
deadline a little short of the worker's time limit stops before the worker is killed, so the
pages already read are kept and the rest say they took too long.
"""

from __future__ import annotations

import io
import time

from lapdesk.core.text import Paragraph
from lapdesk.ingest.extracted import Extracted, Limits, OcrPage
from lapdesk.ingest.ocr import fanout

RENDER_DPI = 300       # for pages drawn in vector (outlined type) or of unknown resolution
_DPI_RANGE = (200, 400)  # a scanned page is drawn at its picture's own resolution, within this
_MAX_RENDER_PIXELS = 14_000_000  # an A3 page at 300 dpi has 17 M: rendered a little smaller
_SPARE_S = 5.0                   # seconds left to the worker to send what it read
_MIN_PICTURE_SIDE = 60           # pixels: a smaller picture (an icon, a tracking pixel)
_MAX_FRAMES = 200                # frames read from one TIFF


def deadline_for(limits: Limits) -> float:
    return time.monotonic() + max(1.0, limits.timeout_s - _SPARE_S)


def read_pdf_pages(document, indices, *, limits: Limits) -> tuple[list[Paragraph],
                                                                   list[OcrPage]]:
    """OCR of the pages ``indices`` (0-based) of an open pdfium document."""
    from lapdesk.ingest.ocr import engine

    deadline = deadline_for(limits)
    paragraphs: list[Paragraph] = []
    pages: list[OcrPage] = []
    model = None  # the file's language, once a page has told it
    for index in indices:
        if time.monotonic() >= deadline:
            pages.append(OcrPage(page=index + 1, problem="took too long to read"))
            continue
        try:
            image, dpi = _render(document, index)
        except Exception:  # noqa: BLE001 - one damaged page must not cost the others
            pages.append(OcrPage(page=index + 1, problem="could not be drawn"))
            continue
        try:
            found, info = engine.read(image, page=index + 1, dpi=dpi, deadline=deadline,
                                      model=model)
        except engine.EngineMissing as missing:
            pages.append(OcrPage(page=index + 1, problem=str(missing)))
            continue
        except (RuntimeError, ValueError, OSError):  # the engine refused this picture
            pages.append(OcrPage(page=index + 1, problem="could not be read"))
            continue
        paragraphs.extend(found)
        pages.append(info)
        model = model or (engine.model_for(found) if found else None)
    return paragraphs, pages


def _render(document, index: int):
    """The page as a grey picture, and the resolution it was drawn at."""
    page = document[index]
    try:
        width, height = page.get_size()  # points
        dpi = _picture_dpi(page) or RENDER_DPI
        pixels = (width * dpi / 72) * (height * dpi / 72)
        if pixels > _MAX_RENDER_PIXELS:
            dpi = int(dpi * (_MAX_RENDER_PIXELS / pixels) ** 0.5)
        bitmap = page.render(scale=dpi / 72, grayscale=True)
        try:
            return bitmap.to_pil().convert("L"), dpi
        finally:
            bitmap.close()
    finally:
        page.close()


def _picture_dpi(page) -> int | None:
    """The resolution of the page's largest picture (a scan is one picture the size of the
    page): drawn at it, the picture's pixels are read as they are, not resampled."""
    import pypdfium2.raw as raw

    best, area = None, 0.0
    for image in page.get_objects(filter=[raw.FPDF_PAGEOBJ_IMAGE], max_depth=2):
        try:
            pixels_wide, _ = image.get_px_size()
            left, bottom, right, top = image.get_bounds()
        except Exception:  # noqa: BLE001 - a damaged picture: the page is drawn at 300 dpi
            continue
        if right - left > 0 and (right - left) * (top - bottom) > area:
            area = (right - left) * (top - bottom)
            best = pixels_wide * 72 / (right - left)
    if best is None:
        return None
    return int(min(max(best, _DPI_RANGE[0]), _DPI_RANGE[1]))


def read_picture(data: bytes, *, limits: Limits) -> Extracted:
    """A picture file's text by OCR: ``empty`` when there is none, ``needs_ocr`` when it
    cannot be read or trusted (see :func:`fanout.conclude`)."""
    from PIL import Image, UnidentifiedImageError

    from lapdesk.ingest.formats.common import unreadable
    from lapdesk.ingest.ocr import engine

    Image.MAX_IMAGE_PIXELS = 120_000_000  # Pillow's bomb guard, at about 3 A4 pages at 600 dpi
    try:
        picture = Image.open(io.BytesIO(data))
        picture.size  # noqa: B018 - the header is read here
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as error:
        raise unreadable("This picture is damaged or in a form LAPDesk cannot read.") from error
    frames = getattr(picture, "n_frames", 1) or 1
    if frames > _MAX_FRAMES:
        frames = _MAX_FRAMES
    deadline = deadline_for(limits)
    paragraphs: list[Paragraph] = []
    pages: list[OcrPage] = []
    model = None  # the picture's language, once a frame has told it
    for frame in range(frames):
        number = frame + 1
        try:
            picture.seek(frame)
            picture.load()
        except (OSError, ValueError, EOFError, SyntaxError, TypeError):  # a damaged frame
            pages.append(OcrPage(page=number, problem="could not be drawn"))
            continue
        if min(picture.size) < _MIN_PICTURE_SIDE:
            pages.append(OcrPage(page=number, problem="no text"))
            continue
        if time.monotonic() >= deadline:
            pages.append(OcrPage(page=number, problem="took too long to read"))
            continue
        dpi = picture.info.get("dpi")
        dpi = int(dpi[0]) if isinstance(dpi, tuple) and dpi and dpi[0] and dpi[0] > 50 else None
        try:
            found, info = engine.read(picture.copy(), page=number, dpi=dpi,
                                      deadline=deadline, model=model)
        except engine.EngineMissing as missing:
            pages.append(OcrPage(page=number, problem=str(missing)))
            continue
        except (RuntimeError, ValueError, OSError):  # the engine refused this picture
            pages.append(OcrPage(page=number, problem="could not be read"))
            continue
        paragraphs.extend(found)
        pages.append(info)
        model = model or (engine.model_for(found) if found else None)
    result = Extracted("ok", paragraphs=paragraphs, pages=frames if frames > 1 else None,
                       ocr_pages=pages)
    return fanout.conclude(result, picture=True)
