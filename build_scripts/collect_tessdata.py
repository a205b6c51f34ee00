"""Copy the OCR models the package ships into build/tessdata (run by ``make tessdata``).

One folder for every build: the Linux package and the Windows package built under Wine both
bundle ``build/tessdata`` (see lapdesk.spec), and the source tree reads it too
(:mod:`lapdesk.ingest.ocr.models`).  The models are Debian's ``tesseract-ocr-eng``, ``-fra``,
``-spa`` and ``-osd`` (tessdata "fast", Apache-2.0, 18 MB together); another folder can be
named with ``LAPDESK_TESSDATA_SOURCE``.  Exits 1 when a model is missing: a package without
them could not read a single scan.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET = ROOT / "build" / "tessdata"
MODELS = ("eng", "fra", "spa", "osd")
SOURCES = ("/usr/share/tesseract-ocr/5/tessdata", "/usr/share/tesseract-ocr/4.00/tessdata")
LICENCE = ("The OCR models in this folder (eng, fra, spa, osd) are Tesseract's tessdata_fast\n"
           "models, as packaged by Debian (tesseract-ocr-eng, -fra, -spa, -osd), under the\n"
           "Apache License 2.0: https://www.apache.org/licenses/LICENSE-2.0\n")


def main() -> int:
    named = os.environ.get("LAPDESK_TESSDATA_SOURCE")
    sources = [Path(named)] if named else [Path(s) for s in SOURCES]
    source = next((s for s in sources if all((s / f"{m}.traineddata").is_file()
                                             for m in MODELS)), None)
    if source is None:
        print("collect_tessdata: the models eng, fra, spa and osd were not found in "
              f"{', '.join(map(str, sources))}; install Debian's tesseract-ocr-eng, -fra, -spa "
              "and -osd (make system-deps) or name a folder in LAPDESK_TESSDATA_SOURCE.",
              file=sys.stderr)
        return 1
    TARGET.mkdir(parents=True, exist_ok=True)
    size = 0
    for model in MODELS:
        source_file, target = source / f"{model}.traineddata", TARGET / f"{model}.traineddata"
        if not target.exists() or target.stat().st_size != source_file.stat().st_size:
            shutil.copyfile(source_file, target)
        size += target.stat().st_size
    (TARGET / "LICENSE-models.txt").write_text(LICENCE, encoding="utf-8")
    print(f"collect_tessdata: {', '.join(MODELS)} from {source} in {TARGET.relative_to(ROOT)}"
          f" ({size / 1024 / 1024:.1f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
