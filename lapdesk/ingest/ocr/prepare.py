"""Pictures of pages made ready for OCR: grey, of a readable size, upright and straight.

A scanner feeds paper a few degrees askew, and a page photographed with a telephone is often
sideways; Tesseract's line finding misorders the lines of a page skewed by only 3 degrees
(measured: the paragraphs of a letter came out interleaved).  The skew is measured here by
projection profiles: the page's dark pixels, summed row by row, make the sharpest peaks when
the text lines are level, so the angle whose profile varies most is the page's skew.  Pillow
rotates and scales in C; the profile of each candidate angle is one ``resize`` to one column.
The same profiles tell a page lying on its side (its columns of pixels are the sharp ones),
so that orientation detection, a tenth of a second, runs only where it is needed.
"""

from __future__ import annotations

from PIL import Image, ImageOps

MAX_SKEW = 10.0      # degrees either way that a page is searched for
_PROFILE_SIDE = 640  # pixels: the page is measured at this size (0.1 degree is one pixel)
_INK = 170           # grey level below which a pixel counts as ink
_MIN_TURN = 0.15     # degrees: a smaller skew is left as it is
_SIDEWAYS = 1.3      # columns this much sharper than rows: the page lies on its side
MAX_PIXELS = 40_000_000  # a larger picture is scaled down (an A4 page at 600 dpi has 35 M)
_MIN_HEIGHT = 1_400  # pixels: a smaller page picture (a photo of a letter) is scaled up


def grey(image: Image.Image) -> Image.Image:
    """``image`` in 8-bit grey, transparency on white, at a size OCR reads well."""
    if image.mode in ("RGBA", "LA", "P", "PA"):
        image = image.convert("RGBA")
        white = Image.new("RGBA", image.size, (255, 255, 255, 255))
        image = Image.alpha_composite(white, image)
    image = image.convert("L")
    pixels = image.width * image.height
    if pixels > MAX_PIXELS:
        ratio = (MAX_PIXELS / pixels) ** 0.5
        image = image.resize((int(image.width * ratio), int(image.height * ratio)),
                             Image.LANCZOS)
    elif 0 < image.height < _MIN_HEIGHT and image.height < image.width * 3:
        ratio = _MIN_HEIGHT / image.height
        image = image.resize((int(image.width * ratio), _MIN_HEIGHT), Image.LANCZOS)
    return image


def measure(image: Image.Image) -> tuple[float, bool]:
    """The angle (degrees, counter-clockwise) that makes the text lines of ``image`` level,
    and whether the page lies sideways (its lines run up the page: the columns of pixels make
    sharper profiles than the rows)."""
    small = image.copy()
    small.thumbnail((_PROFILE_SIDE, _PROFILE_SIDE))
    ink = ImageOps.invert(small.point(lambda value: 255 if value >= _INK else 0))
    if ink.getbbox() is None:
        return 0.0, False

    def sharpness(angle: float, picture: Image.Image = ink) -> float:
        column = picture.rotate(angle, resample=Image.NEAREST).resize((1, picture.height),
                                                                      Image.BOX)
        rows = column.tobytes()
        return sum((a - b) * (a - b) for a, b in zip(rows, rows[1:], strict=False))

    scores = {angle: sharpness(angle) for angle in range(-int(MAX_SKEW), int(MAX_SKEW) + 1)}
    best = max(scores, key=scores.get)  # whole degrees
    turned = ink.transpose(Image.Transpose.ROTATE_90)
    across = max(sharpness(angle, turned) for angle in (-best - 1, -best, -best + 1))
    if across > _SIDEWAYS * scores[best]:
        return 0.0, True
    for step in (0.25, 0.1):
        best = max((best + step * k for k in range(-2, 3)), key=sharpness)
    return round(best, 2), False


def straighten(image: Image.Image, angle: float) -> tuple[Image.Image, float]:
    """``image`` turned by ``angle`` (from :func:`measure`), and the angle it was turned by."""
    if abs(angle) < _MIN_TURN:
        return image, 0.0
    # Nearest-neighbour keeps the strokes' edges sharp: on the generated scans it read with
    # fewer errors at 300 dpi (0.2% against 1.0%) and nearly as few at 200 (1.7 against 1.4),
    # and it turns an A4 page in 40 ms where bilinear takes 150.
    return image.rotate(angle, resample=Image.NEAREST, expand=True, fillcolor=255), angle


def upright(image: Image.Image, degrees: int) -> Image.Image:
    """``image`` turned by the clockwise rotation that orientation detection reported."""
    if degrees % 360 == 0:
        return image
    return image.rotate(degrees, expand=True)
