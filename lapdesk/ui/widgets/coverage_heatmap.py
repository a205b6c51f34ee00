"""The coverage heatmap: framework nodes x contributors, by count of excerpts or by stance.

Fed with :func:`lapdesk.analysis.coverage.coverage_matrix` (run it off the GUI thread and
call :meth:`CoverageHeatmap.set_matrix` with the result).  Drawn with QPainter, because
QtCharts is not part of PySide6-Essentials.  Colour is never the only cue: a cell shows its
count, or its stance's letter, and every cell has a tooltip in words.  Clicking a cell emits
:attr:`CoverageHeatmap.cell_activated` with the node's key and the contributor's id, so the
desk can open the excerpts behind it.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

COUNT, STANCE = "count", "stance"
CELL = 22
MAX_LABEL = 260
MAX_HEADER = 150
# Okabe–Ito hues, distinguishable with the common colour-vision deficiencies.
STANCE_COLOURS = {
    "supports": "#009E73", "opposes": "#D55E00", "proposes": "#56B4E9",
    "concern": "#E69F00", "question": "#CC79A7", "neutral": "#999999",
}
STANCE_LETTERS = {"supports": "S", "opposes": "O", "proposes": "P", "concern": "C",
                  "question": "?", "neutral": "N"}
COUNT_COLOUR = "#0072B2"


def dominant_stance(stances: dict[str, int]) -> str | None:
    """The stance a cell shows: the most frequent, opposition first on a tie."""
    if not stances:
        return None
    order = ["opposes", "concern", "supports", "proposes", "question", "neutral"]
    return max(stances, key=lambda s: (stances[s], -order.index(s) if s in order else -99))


class CoverageHeatmap(QWidget):
    cell_activated = Signal(str, int)  # node key, contributor id

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setMouseTracking(True)
        self.setAccessibleName("Coverage heatmap")
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self._nodes: list[dict] = []
        self._people: list[dict] = []
        self._cells: dict[tuple[str, int], dict] = {}
        self._mode = COUNT
        self._max = 0

    # --- data ---------------------------------------------------------------------------

    def set_matrix(self, matrix: dict, *, sections_only: bool = False) -> None:
        """Show ``coverage_matrix()``'s result (only sections, if asked)."""
        self._nodes = [n for n in matrix["nodes"] if not sections_only or n["kind"] != "question"]
        self._people = list(matrix["contributors"])
        self._cells = {(c["node"], c["contributor_id"]): c for c in matrix["cells"]}
        shown = {n["key"] for n in self._nodes}
        self._max = max((c["excerpts"] for (key, _), c in self._cells.items() if key in shown),
                        default=0)
        self.updateGeometry()
        self.update()

    def set_mode(self, mode: str) -> None:
        """``count`` (excerpts per cell) or ``stance`` (each cell's dominant stance)."""
        if mode not in (COUNT, STANCE):
            raise ValueError(f"unknown heatmap mode {mode!r}")
        self._mode = mode
        self.update()

    @property
    def mode(self) -> str:
        return self._mode

    # --- geometry -----------------------------------------------------------------------

    def _label_width(self) -> int:
        metrics = QFontMetrics(self.font())
        widths = [metrics.horizontalAdvance(self._row_label(n)) for n in self._nodes]
        return min(MAX_LABEL, max(widths, default=0) + 12)

    def _header_height(self) -> int:
        metrics = QFontMetrics(self.font())
        widths = [metrics.horizontalAdvance(p["name"]) for p in self._people]
        return min(MAX_HEADER, max(widths, default=0) + 12)

    def _row_label(self, node: dict) -> str:
        return "    " * node["depth"] + node["title"]

    def sizeHint(self) -> QSize:
        return QSize(self._label_width() + CELL * max(1, len(self._people)) + 8,
                     self._header_height() + CELL * max(1, len(self._nodes)) + 8)

    def cell_rect(self, row: int, column: int) -> QRect:
        return QRect(self._label_width() + column * CELL, self._header_height() + row * CELL,
                     CELL, CELL)

    def cell_at(self, point: QPoint) -> tuple[str, int] | None:
        """The (node key, contributor id) under ``point``, if any."""
        x = point.x() - self._label_width()
        y = point.y() - self._header_height()
        if x < 0 or y < 0:
            return None
        column, row = x // CELL, y // CELL
        if row >= len(self._nodes) or column >= len(self._people):
            return None
        return self._nodes[row]["key"], self._people[column]["id"]

    def describe(self, node_key: str, contributor_id: int) -> str:
        """The cell in words (its tooltip and accessible description)."""
        node = next(n for n in self._nodes if n["key"] == node_key)
        person = next(p for p in self._people if p["id"] == contributor_id)
        cell = self._cells.get((node_key, contributor_id))
        if cell is None:
            return f"{person['name']} — {node['title']}: nothing mapped"
        stances = ", ".join(f"{stance} {n}" for stance, n in cell["stances"].items())
        return (f"{person['name']} — {node['title']}: {cell['excerpts']} excerpt(s)"
                + (f"; {stances}" if stances else ""))

    # --- painting -----------------------------------------------------------------------

    def _fill(self, cell: dict | None) -> tuple[QColor, str]:
        base = self.palette().color(QPalette.ColorRole.Base)
        if cell is None:
            return base, ""
        if self._mode == STANCE:
            stance = dominant_stance(cell["stances"])
            if stance is None:
                return base.darker(115), "·"
            return QColor(STANCE_COLOURS.get(stance, "#999999")), STANCE_LETTERS.get(stance, "")
        strength = 0.2 + 0.8 * cell["excerpts"] / self._max if self._max else 0.0
        hue = QColor(COUNT_COLOUR)
        mixed = QColor()
        mixed.setRgbF(base.redF() + (hue.redF() - base.redF()) * strength,
                      base.greenF() + (hue.greenF() - base.greenF()) * strength,
                      base.blueF() + (hue.blueF() - base.blueF()) * strength)
        return mixed, str(cell["excerpts"])

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        palette = self.palette()
        painter.fillRect(self.rect(), palette.color(QPalette.ColorRole.Base))
        label_width, header = self._label_width(), self._header_height()
        text_colour = palette.color(QPalette.ColorRole.Text)
        grid = palette.color(QPalette.ColorRole.Mid)
        painter.setPen(text_colour)
        metrics = QFontMetrics(self.font())
        for row, node in enumerate(self._nodes):
            rect = QRect(4, header + row * CELL, label_width - 8, CELL)
            font = painter.font()
            font.setBold(node["kind"] == "section")
            painter.setFont(font)
            label = QFontMetrics(font).elidedText(self._row_label(node),
                                                  Qt.TextElideMode.ElideRight, rect.width())
            painter.drawText(rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                             label)
        font = painter.font()
        font.setBold(False)
        painter.setFont(font)
        for column, person in enumerate(self._people):
            painter.save()
            painter.translate(label_width + column * CELL + CELL // 2 + 4, header - 6)
            painter.rotate(-90)
            painter.drawText(0, 0, metrics.elidedText(person["name"],
                                                      Qt.TextElideMode.ElideRight, header - 12))
            painter.restore()
        for row, node in enumerate(self._nodes):
            for column, person in enumerate(self._people):
                rect = self.cell_rect(row, column)
                colour, text = self._fill(self._cells.get((node["key"], person["id"])))
                painter.fillRect(rect, colour)
                painter.setPen(grid)
                painter.drawRect(rect.adjusted(0, 0, -1, -1))
                if text:
                    painter.setPen(QColor("white") if colour.lightnessF() < 0.5 else
                                   QColor("black"))
                    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
        painter.end()

    # --- interaction --------------------------------------------------------------------

    def event(self, event) -> bool:
        if event.type() == event.Type.ToolTip:
            cell = self.cell_at(event.pos())
            if cell is not None:
                QToolTip.showText(event.globalPos(), self.describe(*cell), self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

    def mousePressEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            cell = self.cell_at(event.position().toPoint())
            if cell is not None:
                self.cell_activated.emit(*cell)
                return
        super().mousePressEvent(event)
