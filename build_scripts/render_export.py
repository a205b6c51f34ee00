"""Render the demo store's working paper into ``docs/screenshots/``: English, French and
anonymised.

Builds the demo store (``lapdesk demo``: the fictional sample contributions, imported and
mapped; one sample refused permission to publish and one has no decision yet, so the named
paper shows how withheld ones are counted) in a temporary folder, gives it the settings a
real consultation would have (the paper's date, a French introduction), exports the three papers
with their contents lists, converts each to PDF with LibreOffice headless and saves pages
as PNG (pdftoppm): ``export-page-1.png`` and ``export-page-2.png`` (English),
``export-fr-page-1.png``, ``export-anonymised-page-1.png``.  Run with ``make export-pages``.
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
RESOLUTION = 80  # dots per inch: a page is about 660 x 935 pixels
# (file stem, options, pages to keep)
PAPERS = (
    ("export", {}, 2),
    ("export-fr", {"lang": "fr"}, 1),
    ("export-anonymised", {"anonymise": True}, 1),
)
FRENCH_INTRODUCTION = (
    "La Présidence remercie les délégations de leurs contributions écrites sur la note "
    "conceptuelle ; elle les a rassemblées ci-après, section par section.")


def main() -> int:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("LAPDESK_AUTHOR", "FB")
    from lapdesk.core import office
    from lapdesk.demo import build_demo
    from lapdesk.export.options import ExportOptions
    from lapdesk.export.working_paper import export_working_paper
    from lapdesk.store import settings
    from lapdesk.store.connection import open_store

    if office.find_soffice() is None or not shutil.which("pdftoppm"):
        print("LibreOffice (soffice) and poppler-utils (pdftoppm) are needed.", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="lapdesk-export-") as folder:
        work = Path(folder)
        with open_store(work / "demo.lapdesk") as store:
            build_demo(store)
            settings.update(store, {"paper_date": "2020-06-20",
                                    "introduction_fr": FRENCH_INTRODUCTION})
            reports = {}
            for stem, options, _ in PAPERS:
                reports[stem] = export_working_paper(
                    store, work / f"{stem}.docx", options=ExportOptions(toc=True, **options))
        OUT.mkdir(parents=True, exist_ok=True)
        for stem, _, pages in PAPERS:
            pdf = office.convert(work / f"{stem}.docx", "pdf", out_dir=work, timeout=300)
            for page in range(1, pages + 1):
                subprocess.run(["pdftoppm", "-png", "-r", str(RESOLUTION), "-f", str(page),
                                "-l", str(page), "-singlefile", str(pdf),
                                str(OUT / f"{stem}-page-{page}")], check=True)
                print(f"wrote {OUT / f'{stem}-page-{page}.png'}")
            report = reports[stem]
            print(f"  {stem}: {report.contributions} contributions, {report.excerpts} excerpts, "
                  f"contents pages {report.contents_pages}, warnings {report.warnings}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
