"""Where the OCR models are, and which of them this copy of LAPDesk has.

One folder holds them, found in this order: ``LAPDESK_TESSDATA``; ``tessdata/`` inside the
packaged app (``build_scripts/lapdesk.spec`` bundles it from ``build/tessdata``, which
``build_scripts/collect_tessdata.py`` fills from Debian's ``tesseract-ocr-*`` packages for the
Linux and the Windows builds alike); ``build/tessdata`` of the source tree; then Debian's own
folder.  Nothing here imports the engine, so the parent process can ask cheaply.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

LANGUAGES = ("eng", "fra", "spa")  # the models pages are read with, in this order
ORIENTATION = "osd"
MODEL_NAMES = {"eng": "English", "fra": "French", "spa": "Spanish",
               "osd": "orientation detection"}
# The language codes of lapdesk.ingest.language, by model.
LANGUAGE_OF_MODEL = {"eng": "en", "fra": "fr", "spa": "es"}
_SYSTEM_FOLDERS = ("/usr/share/tesseract-ocr/5/tessdata", "/usr/share/tesseract-ocr/4.00/tessdata",
                   "/usr/share/tessdata", "/usr/local/share/tessdata")


def candidate_folders() -> list[Path]:
    """The folders looked at, in order (the first that holds a model is used)."""
    found: list[Path] = []
    override = os.environ.get("LAPDESK_TESSDATA")
    if override:
        return [Path(override)]  # named on purpose: never fall back to another copy
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        found.append(Path(frozen_root) / "tessdata")
    found.append(Path(__file__).resolve().parents[3] / "build" / "tessdata")
    found.extend(Path(folder) for folder in _SYSTEM_FOLDERS)
    return found


def tessdata_dir() -> Path | None:
    """The folder holding LAPDesk's OCR models, or None when there is none."""
    for folder in candidate_folders():
        if any((folder / f"{code}.traineddata").is_file() for code in LANGUAGES):
            return folder
    return None


def present(folder: Path | None) -> list[str]:
    """The models of :data:`LANGUAGES` and :data:`ORIENTATION` found in ``folder``."""
    if folder is None:
        return []
    return [code for code in (*LANGUAGES, ORIENTATION)
            if (folder / f"{code}.traineddata").is_file()]


def missing_names(codes) -> str:
    """'the French and Spanish models' for ("fra", "spa")."""
    names = [MODEL_NAMES[code] for code in codes]
    joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return f"the {joined} model{'s' if len(names) > 1 else ''}"
