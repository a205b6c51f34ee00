"""Draw the LAPDesk icon (a folded document with nine section tabs) into resources/icons/.

Run with ``QT_QPA_PLATFORM=offscreen .venv/bin/python build_scripts/make_icon.py``; the PNG and
the Windows ICO are committed, so packaging never needs this script.
"""

from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter, QPainterPath, QPen

# The Okabe–Ito colours the desk uses for its sections.
TABS = ["#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7"]
OUT = Path(__file__).resolve().parents[1] / "resources" / "icons"


def draw(size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    s = size / 256
    page = QPainterPath()
    page.moveTo(QPointF(48 * s, 20 * s))
    page.lineTo(QPointF(168 * s, 20 * s))
    page.lineTo(QPointF(208 * s, 60 * s))
    page.lineTo(QPointF(208 * s, 236 * s))
    page.lineTo(QPointF(48 * s, 236 * s))
    page.closeSubpath()
    p.setPen(QPen(QColor("#1F3A5F"), 8 * s))
    p.setBrush(QColor("#FFFFFF"))
    p.drawPath(page)
    p.setBrush(QColor("#D8E1EC"))
    fold = QPainterPath()
    fold.moveTo(QPointF(168 * s, 20 * s))
    fold.lineTo(QPointF(168 * s, 60 * s))
    fold.lineTo(QPointF(208 * s, 60 * s))
    fold.closeSubpath()
    p.drawPath(fold)
    p.setPen(Qt.PenStyle.NoPen)
    for i, colour in enumerate(TABS):
        p.setBrush(QColor(colour))
        y = (78 + i * 21) * s
        p.drawRoundedRect(QRectF(72 * s, y, (112 - (i % 3) * 18) * s, 12 * s), 4 * s, 4 * s)
    p.end()
    return image


def main() -> None:
    app = QGuiApplication([])
    OUT.mkdir(parents=True, exist_ok=True)
    draw(256).save(str(OUT / "lapdesk.png"))
    draw(256).save(str(OUT / "lapdesk.ico"))
    for size in (16, 32, 48):
        draw(size).save(str(OUT / f"lapdesk-{size}.png"))
    del app


if __name__ == "__main__":
    main()
