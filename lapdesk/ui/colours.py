"""The nine section colours, as light tints that keep text readable in light and dark themes.

The base hues are the Okabe–Ito palette (distinguishable with the common colour-vision
deficiencies and in greyscale print) plus a grey for a tenth and later section.  Colour is
never the only cue: every highlight also carries its section's label (see :func:`label`).
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QGuiApplication, QPalette

OKABE_ITO = ("#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7",
             "#000000", "#999999")
GREY = "#999999"


def base_colour(position: int) -> QColor:
    """The full-strength hue of the section at ``position`` (0-based) in framework order."""
    return QColor(OKABE_ITO[position] if 0 <= position < len(OKABE_ITO) else GREY)


def _background() -> QColor:
    app = QGuiApplication.instance()
    return app.palette().color(QPalette.ColorRole.Base) if app else QColor("white")


def is_dark() -> bool:
    return _background().lightnessF() < 0.5


def swatch(position: int) -> QColor:
    """The full hue for a small square beside a section's name; black turns light grey in a
    dark theme, where it would vanish."""
    hue = base_colour(position)
    return QColor("#DDDDDD") if is_dark() and hue.lightnessF() < 0.2 else hue


def tint(position: int, *, strength: float = 0.28) -> QColor:
    """The section's hue blended into the text background, light enough to read through.

    Black (the eighth hue) would vanish into a dark theme, so there it becomes light grey.
    """
    hue = base_colour(position)
    background = _background()
    if is_dark() and hue.lightnessF() < 0.2:
        hue = QColor("#DDDDDD")
    mix = QColor()
    mix.setRgbF(
        background.redF() + (hue.redF() - background.redF()) * strength,
        background.greenF() + (hue.greenF() - background.greenF()) * strength,
        background.blueF() + (hue.blueF() - background.blueF()) * strength,
    )
    return mix


def label(section: dict, position: int) -> str:
    """The short mark shown beside a highlight: the section's number (a, b, II...) or its place."""
    return section.get("number") or str(position + 1)
