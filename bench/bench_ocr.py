"""OCR speed and accuracy: LAPDesk's import of scanned letters against the bare engine.

Generates scanned letters in English, French and Spanish (typeset, drawn at 300 dpi as a
copier scans for OCR, then again at 200 dpi, skewed 2 degrees, speckled;
``tests/samples/scans.py``), PAGES pages each, as image-only PDFs, then times, in turn,
ROUNDS times each:

- ``import_paths`` into a new store (the extraction workers, a scan's pages spread over them,
  pages turned upright and straightened, then written, indexed, detected);
- the bare engine in this one process: each page drawn by pdfium at its picture's resolution
  and read by tesserocr (``eng+fra+spa``), nothing else;
- the same bare engine in one process per core, the pages shared out: the most this machine
  gives two processes at once (on a machine whose two cores share their units, two readers
  are far from twice as fast, and no importer can beat that ceiling).

Prints pages/s of all three, LAPDesk against the single process (target: at least 1.5x, by
using both cores) and against the ceiling, the CPU time a page takes each (which a busy
machine changes less than the pages/s), the character error rate of LAPDesk's reading per
language, and the machine's load.  Figures are
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
RESOLUTIONS = (300, 200)


def corpus(folder: Path, dpi: int) -> dict[str, Path]:
    paths = {}
    for language in scans.LETTERS:
        images = scans.scan_images(scans.letter_pdf_bytes(language, pages=PAGES), dpi=dpi)
        path = folder / f"scan-{language}.pdf"
        path.write_bytes(scans.image_only_pdf_bytes(images, dpi=dpi))
        paths[language] = path
    return paths


def bare(paths: list[Path], dpi: int) -> int:
    import pypdfium2 as pdfium
    import tesserocr

    from lapdesk.ingest.ocr import models

    with tesserocr.PyTessBaseAPI(path=str(models.tessdata_dir()) + "/",
                                 lang="eng+fra+spa") as api:
        pages = 0
        for path in paths:
            document = pdfium.PdfDocument(path.read_bytes())
            for page in document:
                image = page.render(scale=dpi / 72, grayscale=True).to_pil()
                api.SetImage(image)
                api.GetUTF8Text()
                pages += 1
            document.close()
    return pages


def _bare_share(job: tuple[list[str], int]) -> int:
    return bare([Path(p) for p in job[0]], job[1])


def bare_parallel(paths: list[Path], dpi: int) -> int:
    """The bare engine in one process per core, each reading its share of the pages."""
    import multiprocessing

    cores = os.cpu_count() or 1
    shares = [[str(p) for p in paths[i::cores]] for i in range(cores)]
    with multiprocessing.get_context("spawn").Pool(cores) as pool:
        pool.map(_bare_share, [(share, dpi) for share in shares if share])  # warm the engines
        started = time.perf_counter()
        pages = sum(pool.map(_bare_share, [(share, dpi) for share in shares if share]))
        return pages, time.perf_counter() - started


def cpu_seconds() -> float:
    """CPU time of this process and of its children that have ended (an import's workers
    have, once it returns)."""
    import resource

    own, children = (resource.getrusage(who) for who in (resource.RUSAGE_SELF,
                                                         resource.RUSAGE_CHILDREN))
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def lapdesk(paths: list[Path], scratch: Path) -> tuple[int, float, float, dict[str, str]]:
    """Pages, seconds, CPU seconds and texts of an import into a new store (the store is made
    before the clock starts: what is timed is the import, workers' start included)."""
    from lapdesk.ingest.pipeline import import_paths
    from lapdesk.store import contributions as c
    from lapdesk.store.connection import open_store

    with open_store(scratch / f"bench-{time.monotonic_ns()}.lapdesk") as store:
        cpu, started = cpu_seconds(), time.perf_counter()
        results = import_paths(store, paths)
        seconds, cpu = time.perf_counter() - started, cpu_seconds() - cpu
        texts = {Path(r.path).stem.split("-")[1]: c.text_of(store, r.contribution_id)
                 for r in results}
    pages = sum(r.pages or 0 for r in results)
    return pages, seconds, cpu, texts


def main() -> None:
    from lapdesk.ingest.ocr import models

    if models.tessdata_dir() is None:
        print("bench_ocr: the OCR models are not installed (make tessdata); skipped")
        return
    print(f"ocr: 3 scanned letters x {PAGES} pages, {ROUNDS} rounds each; load "
          f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores at the start")
    for dpi in RESOLUTIONS:
        with tempfile.TemporaryDirectory() as folder:
            scratch = Path(folder)
            paths = corpus(scratch, dpi)
            ordered = [paths[language] for language in scans.LETTERS]
            ours, theirs, ceiling, texts = [], [], [], {}
            our_cpu, their_cpu = [], []
            for _ in range(ROUNDS):
                pages, seconds, cpu, texts = lapdesk(ordered, scratch)
                ours.append(seconds)
                our_cpu.append(cpu)
                cpu, started = cpu_seconds(), time.perf_counter()
                bare_pages = bare(ordered, dpi)
                theirs.append(time.perf_counter() - started)
                their_cpu.append(cpu_seconds() - cpu)
                ceiling.append(bare_parallel(ordered, dpi)[1])
        ours_s, bare_s, ceiling_s = min(ours), min(theirs), min(ceiling)
        rates = ", ".join(
            f"{language} {scans.character_error_rate(chr(10).join([scans.letter_text(language)] * PAGES), texts[language]) * 100:.1f}%"
            for language in scans.LETTERS)
        print(f"ocr {dpi} dpi: LAPDesk import {pages / ours_s:.2f} pages/s ({ours_s:.1f} s; "
              f"runs {', '.join(f'{s:.1f}' for s in ours)}), bare tesserocr in one process "
              f"{bare_pages / bare_s:.2f} pages/s ({bare_s:.1f} s): "
              f"{(pages / ours_s) / (bare_pages / bare_s):.2f}x (target >= 1.5x); bare in "
              f"{os.cpu_count()} processes {bare_pages / ceiling_s:.2f} pages/s "
              f"({bare_s / ceiling_s:.2f}x one process: this machine's ceiling), LAPDesk "
              f"{(pages / ours_s) / (bare_pages / ceiling_s) * 100:.0f}% of it; CPU a page: "
              f"LAPDesk {min(our_cpu) / pages:.2f} s (workers' start, straightening, writing "
              f"included), bare {min(their_cpu) / bare_pages:.2f} s; character "
              f"error rate {rates}; load {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
