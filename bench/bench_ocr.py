"""OCR speed and accuracy: LAPDesk's import of scanned letters against the bare engine.

Generates scanned letters in English, French and Spanish (typeset, drawn at 200 dpi, skewed
2 degrees, speckled; ``tests/samples/scans.py``), PAGES pages each, as image-only PDFs, then
times, in turn, ROUNDS times each:

- ``import_paths`` into a new store (the extraction workers, a scan's pages spread over them,
  pages turned upright and straightened, then written, indexed, detected);
- the bare engine in this one process: each page drawn by pdfium at its picture's resolution
  and read by tesserocr (``eng+fra+spa``), nothing else.

Prints pages/s of both and their ratio (target: at least 1.5x, by using both cores), the
character error rate of LAPDesk's reading per language, and the machine's load.  Figures are
printed, never asserted.  Run: ``.venv/bin/python bench/bench_ocr.py``.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from samples import scans  # noqa: E402

PAGES = 4
ROUNDS = 2


def corpus(folder: Path) -> dict[str, Path]:
    paths = {}
    for language in scans.LETTERS:
        images = scans.scan_images(scans.letter_pdf_bytes(language, pages=PAGES))
        path = folder / f"scan-{language}.pdf"
        path.write_bytes(scans.image_only_pdf_bytes(images))
        paths[language] = path
    return paths


def bare(paths: list[Path]) -> int:
    import pypdfium2 as pdfium
    import tesserocr

    from lapdesk.ingest.ocr import models

    with tesserocr.PyTessBaseAPI(path=str(models.tessdata_dir()) + "/",
                                 lang="eng+fra+spa") as api:
        pages = 0
        for path in paths:
            document = pdfium.PdfDocument(path.read_bytes())
            for page in document:
                image = page.render(scale=200 / 72, grayscale=True).to_pil()
                api.SetImage(image)
                api.GetUTF8Text()
                pages += 1
            document.close()
    return pages


def lapdesk(paths: list[Path], scratch: Path) -> tuple[int, dict[str, str]]:
    from lapdesk.ingest.pipeline import import_paths
    from lapdesk.store import contributions as c
    from lapdesk.store.connection import open_store

    with open_store(scratch / f"bench-{time.monotonic_ns()}.lapdesk") as store:
        results = import_paths(store, paths)
        texts = {Path(r["path"]).stem.split("-")[1]: c.text_of(store, r["contribution_id"])
                 for r in results}
    pages = sum(r["pages"] or 0 for r in results)
    return pages, texts


def main() -> None:
    from lapdesk.ingest.ocr import models

    if models.tessdata_dir() is None:
        print("bench_ocr: the OCR models are not installed (make tessdata); skipped")
        return
    with tempfile.TemporaryDirectory() as folder:
        scratch = Path(folder)
        paths = corpus(scratch)
        ordered = [paths[language] for language in scans.LETTERS]
        ours, theirs, texts = [], [], {}
        for _ in range(ROUNDS):
            started = time.perf_counter()
            pages, texts = lapdesk(ordered, scratch)
            ours.append(time.perf_counter() - started)
            started = time.perf_counter()
            bare_pages = bare(ordered)
            theirs.append(time.perf_counter() - started)
    ours_s, bare_s = min(ours), min(theirs)
    print(f"ocr: {pages} scanned pages (3 letters x {PAGES}), {ROUNDS} rounds; load "
          f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"ocr: LAPDesk import {pages / ours_s:.2f} pages/s ({ours_s:.1f} s, runs "
          f"{', '.join(f'{s:.1f}' for s in ours)}); bare tesserocr in one process "
          f"{bare_pages / bare_s:.2f} pages/s ({bare_s:.1f} s); ratio "
          f"{(pages / ours_s) / (bare_pages / bare_s):.2f}x (target >= 1.5x)")
    for language in scans.LETTERS:
        expected = "\n".join([scans.letter_text(language)] * PAGES)
        rate = scans.character_error_rate(expected, texts[language])
        print(f"ocr: character error rate {language} {rate * 100:.1f}%")


if __name__ == "__main__":
    main()
