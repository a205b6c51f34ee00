"""Render the first pages of the demo store's working paper into ``docs/screenshots/``.

Builds the demo store (``lapdesk demo``: the fictional sample contributions, imported and
mapped) in a temporary folder, exports the working paper, converts it to PDF with LibreOffice
headless and saves pages 1 and 2 as ``export-page-1.png`` and ``export-page-2.png``
(pdftoppm).  Run with ``make export-pages``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "screenshots"
PAGES = 2
RESOLUTION = 80  # dots per inch: a page is about 660 x 935 pixels


def main() -> int:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("LAPDESK_AUTHOR", "FB")
    from lapdesk.core import office
    from lapdesk.export.options import ExportOptions
    from lapdesk.export.working_paper import export_working_paper
    from lapdesk.ingest.demo import build_demo
    from lapdesk.store.connection import open_store

    if office.find_soffice() is None or not shutil.which("pdftoppm"):
        print("LibreOffice (soffice) and poppler-utils (pdftoppm) are needed.", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="lapdesk-export-") as folder:
        work = Path(folder)
        with open_store(work / "demo.lapdesk") as store:
            build_demo(store)
            report = export_working_paper(store, work / "working-paper.docx",
                                          options=ExportOptions(date="2020-06-20"))
        pdf = office.convert(work / "working-paper.docx", "pdf", out_dir=work, timeout=300)
        OUT.mkdir(parents=True, exist_ok=True)
        for page in range(1, PAGES + 1):
            subprocess.run(["pdftoppm", "-png", "-r", str(RESOLUTION), "-f", str(page),
                            "-l", str(page), "-singlefile", str(pdf),
                            str(OUT / f"export-page-{page}")], check=True)
            print(f"wrote {OUT / f'export-page-{page}.png'}")
        print(f"{report.contributions} contributions, {report.excerpts} excerpts, "
              f"{len(report.sections)} sections")
    return 0


if __name__ == "__main__":
    sys.exit(main())
