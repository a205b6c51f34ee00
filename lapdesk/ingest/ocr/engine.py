"""Tesseract, through tesserocr, turning one picture of a page into paragraphs.

One engine per worker process, kept between pages and files: loading the three language
models takes about a third of a second.  A page is measured first (:mod:`.prepare`: its skew,
and whether it lies on its side), turned upright by orientation detection (the ``osd``
model) when it lies sideways, straightened, then read with ``eng+fra+spa`` so that accents
come out whichever language the letter is in.  Once a page of a file has told its language,
the file's next pages are read with that one model (:func:`model_for`): 13% faster a page,
and surer; a page that reads poorly so, or in another language (an annex), is read again
with all three.  A page read with a confidence below
:data:`_CHECK_BELOW` may be upside down (a page fed the wrong way round reads at about 56):
orientation detection looks at it, and a page it finds turned is read again upright.  Word
confidences (0-100) give each page its confidence; a page that yields only a few scattered
low-confidence marks (a logo, a signature, a stamp) has no text.
"""

from __future__ import annotations

import os
import re
import sys
import time
from dataclasses import dataclass, field

from PIL import Image

from lapdesk.core.text import Paragraph
from lapdesk.ingest.extracted import OcrPage
from lapdesk.ingest.ocr import models, prepare

# A page whose words average below this confidence is not trusted (see needs_ocr messages).
TRUSTED_CONFIDENCE = 55.0
_NOISE_CONFIDENCE = 40.0   # a paragraph this unsure and this short is noise, not text
_NOISE_CHARS = 12
_MIN_TEXT_CHARS = 4        # fewer letters or digits than this on a page: no text
_CHECK_BELOW = 75.0        # a page read less surely may be upside down: orientation is checked
_OSD_CONFIDENCE = 1.5      # below this, orientation detection's answer is a guess
_OSD_SIDE = 1_800          # pixels: orientation is detected on a smaller copy of the page
# Orientation detection classifies at most five times this many characters four ways; 15
# instead of Tesseract's 50 reads a letter's orientation as surely (confidence 4-6, measured
# on pages turned each way) in 0.1 s instead of 0.25.
_OSD_CHARACTERS = "15"
_HYPHENS = ("-", "\u00ad")


class EngineMissing(Exception):
    """The OCR engine or its models are not there; the message says which."""


@dataclass
class _Loaded:
    folder: str
    languages: tuple[str, ...]
    api: object
    has_osd: bool
    single: dict[str, object] = field(default_factory=dict)  # one model's engine, by code
    _osd: object | None = None

    @property
    def osd(self):
        """Orientation detection, loaded the first time a page needs it (most never do:
        0.1 s and 10 MB a worker spared), or None without its model."""
        if self._osd is None and self.has_osd:
            self._osd = _open(self.folder, models.ORIENTATION, osd=True)
        return self._osd

    def api_for(self, model: str | None):
        """The engine reading with ``model`` alone (loaded on first use, 12 MB), or with all
        the languages when ``model`` is None or not one of them."""
        if model is None or model not in self.languages or len(self.languages) == 1:
            return self.api
        if model not in self.single:
            self.single[model] = _open(self.folder, model)
        return self.single[model]


def _open(folder: str, lang: str, *, osd: bool = False):
    """A Tesseract engine for ``lang`` (``eng+fra`` reads both), its chatter silenced; with
    ``osd``, one that only tells a page's orientation."""
    import tesserocr

    if osd:
        return tesserocr.PyTessBaseAPI(
            path=folder + "/", lang=lang, psm=tesserocr.PSM.OSD_ONLY,
            variables={"debug_file": _NULL_FILE, "min_characters_to_try": _OSD_CHARACTERS})
    return tesserocr.PyTessBaseAPI(path=folder + "/", lang=lang, psm=tesserocr.PSM.AUTO,
                                   variables={"debug_file": _NULL_FILE})


_loaded: _Loaded | None = None


def engine() -> _Loaded:
    """This process's engine, loaded on first use; raises :class:`EngineMissing`."""
    global _loaded
    folder = models.tessdata_dir()
    codes = models.present(folder)
    languages = tuple(code for code in models.LANGUAGES if code in codes)
    if _loaded is not None and (_loaded.folder, _loaded.languages) == (str(folder), languages):
        return _loaded
    # Tesseract built with OpenMP (the Windows wheel) would start a thread per core in every
    # worker: the workers are the parallelism, so each engine keeps to one thread.
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    try:
        import tesserocr  # noqa: F401 - is the engine there at all (it is used in _open)
    except ImportError as error:
        raise EngineMissing("LAPDesk's OCR engine is not installed in this copy, so pictures "
                            "of text cannot be read.") from error
    if folder is None or not languages:
        raise EngineMissing("LAPDesk's OCR language models are missing from this copy "
                            f"({models.missing_names(models.LANGUAGES)}), so pictures of text "
                            "cannot be read.")
    _loaded = _Loaded(str(folder), languages, _open(str(folder), "+".join(languages)),
                      models.ORIENTATION in codes)
    return _loaded


_NULL_FILE = "NUL" if sys.platform == "win32" else "/dev/null"  # Tesseract's chatter goes here


def model_for(paragraphs: list[Paragraph]) -> str | None:
    """The one model that reads the language of ``paragraphs`` (a page just read), or None
    when their language is unclear or has no model of its own."""
    from lapdesk.ingest.language import detect_language, language_sample

    language = detect_language(language_sample(paragraphs))
    return next((code for code, name in models.LANGUAGE_OF_MODEL.items() if name == language),
                None)


def read(image: Image.Image, *, page: int, dpi: int | None = None,
         deadline: float | None = None, model: str | None = None,
         ) -> tuple[list[Paragraph], OcrPage]:
    """The paragraphs of one page picture and what reading it found.

    :param page: the page's number (1-based), given to each paragraph.
    :param dpi: the picture's resolution, when known (Tesseract sizes its text by it).
    :param deadline: a ``time.monotonic()`` past which recognition gives up on the page.
    :param model: the one language model to read with (see :func:`model_for`); the page is
        read again with all of them when it reads poorly so or proves to be in another one.
    """
    loaded = engine()
    picture = prepare.grey(image)
    angle, sideways = prepare.measure(picture)
    turned = 0
    if sideways:
        turned = _orientation(loaded, picture)
        picture = prepare.upright(picture, turned)
        angle, _ = prepare.measure(picture)
    picture, angle = prepare.straighten(picture, angle)
    scale = picture.height / max(image.height, 1)
    dpi = dpi and int(dpi * scale)
    narrowed = loaded.api_for(model)
    outcome = _recognise(narrowed, picture, page, dpi, deadline)
    if outcome is not None and narrowed is not loaded.api and (
            outcome[1] < _CHECK_BELOW or (outcome[0] and model_for(outcome[0]) != model)):
        outcome = _recognise(loaded.api, picture, page, dpi, deadline)  # not in that language
    if outcome is not None and outcome[1] < _CHECK_BELOW and not turned:
        upside = _orientation(loaded, picture)
        if upside:
            again = _recognise(loaded.api, prepare.upright(picture, upside), page, dpi,
                               deadline)
            if again is not None and again[1] > outcome[1]:
                outcome, turned = again, upside
    info = OcrPage(page=page, turned=turned, skew=angle)
    if outcome is None:
        info.problem = "took too long to read"
        return [], info
    paragraphs, info.confidence = outcome
    chars = sum(sum(ch.isalnum() for ch in p.text) for p in paragraphs)
    if chars < _MIN_TEXT_CHARS:
        info.problem, info.confidence = "no text", None
        return [], info
    info.chars = sum(len(p.text) for p in paragraphs)
    if info.confidence < TRUSTED_CONFIDENCE:
        info.problem = "low confidence"
        return [], info
    return paragraphs, info


def _recognise(api, picture: Image.Image, page: int, dpi: int | None,
               deadline: float | None) -> tuple[list[Paragraph], float] | None:
    """The paragraphs of a prepared page and their mean confidence; None past the deadline."""
    api.SetImage(picture)
    if dpi:
        api.SetSourceResolution(dpi)
    remaining = 0 if deadline is None else max(1, int((deadline - time.monotonic()) * 1000))
    try:
        if not api.Recognize(timeout=remaining):
            return None
        paragraphs, confidences = _paragraphs(api, page)
    finally:
        api.Clear()
    weights = sum(length for _, length in confidences)
    return paragraphs, round(sum(c * n for c, n in confidences) / max(weights, 1), 1)


def _orientation(loaded: _Loaded, picture: Image.Image) -> int:
    """How far clockwise the page is turned (0, 90, 180, 270); 0 when it cannot tell."""
    if loaded.osd is None:
        return 0
    small = picture
    if max(picture.size) > _OSD_SIDE:
        small = picture.copy()
        small.thumbnail((_OSD_SIDE, _OSD_SIDE), Image.LANCZOS)
    loaded.osd.SetImage(small)
    try:
        found = loaded.osd.DetectOrientationScript()
    except RuntimeError:  # too little text to tell
        found = None
    finally:
        loaded.osd.Clear()
    if not found or found.get("orient_conf", 0.0) < _OSD_CONFIDENCE:
        return 0
    return int(found.get("orient_deg", 0)) % 360


def _paragraphs(api, page: int) -> tuple[list[Paragraph], list[tuple[float, int]]]:
    """Tesseract's paragraphs with their lines rejoined, and (confidence, length) of each."""
    from tesserocr import RIL, iterate_level

    found, confidences = [], []
    iterator = api.GetIterator()
    if iterator is None:
        return found, confidences
    for paragraph in iterate_level(iterator, RIL.PARA):
        raw = paragraph.GetUTF8Text(RIL.PARA) or ""
        confidence = paragraph.Confidence(RIL.PARA)
        text = tidy(join_lines(raw.splitlines()))
        if not text:
            continue
        if confidence < _NOISE_CONFIDENCE and len(text) < _NOISE_CHARS:
            continue
        found.append(Paragraph(text, page=page))
        confidences.append((confidence, len(text)))
    return found, confidences


# Specks read as marks at a paragraph's edges: a mark stuck to the capital that starts it
# ("-Geneva, 3 June 2020": no list dash touches its word), a bar or slash standing alone at
# its end ("davantage. |").
_SPECK_BEFORE = re.compile(r"^[-–—|'‘’`.,:;_~*]+(?=[A-ZÀ-ÖØ-Þ0-9])")
_SPECK_AFTER = re.compile(r"\s+[|\\/_~]+$")


def tidy(text: str) -> str:
    """A paragraph read by OCR without the specks its scan left at its edges."""
    return _SPECK_AFTER.sub("", _SPECK_BEFORE.sub("", text))


def join_lines(lines: list[str]) -> str:
    """One paragraph from its lines, undoing hyphenation at a line's end."""
    text = ""
    for line in (line.strip() for line in lines):
        if not line:
            continue
        if (text.endswith(_HYPHENS) and len(text) > 1 and text[-2].isalpha()
                and line[:1].islower()):
            text = text[:-1] + line
        else:
            text = f"{text} {line}" if text else line
    return text
