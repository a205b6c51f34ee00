"""Contributions received per day, against the consultation's deadline.

Fed with :func:`lapdesk.analysis.coverage.received_per_day`.  One bar per day; days after the
deadline are hatched as well as coloured, and a dashed line marks the deadline with its date
in words, so the picture reads in greyscale too.  A line shows the running total.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QPoint, QPointF, QRect, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFontMetrics, QPainter, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

ON_TIME = "#0072B2"
LATE = "#D55E00"
TOTAL = "#009E73"
MARGIN = 8


def day_in_words(iso: str) -> str:
    try:
        day = date.fromisoformat(iso)
    except ValueError:
        return iso
    return f"{day.day} {day.strftime('%B')} {day.year}"


class ReceivedChart(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setAccessibleName("Contributions received per day")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setMouseTracking(True)
        self._days: list[dict] = []
        self._deadline: str | None = None

    def set_data(self, per_day: dict) -> None:
        """Show ``received_per_day()``'s result."""
        self._days = list(per_day["days"])
        self._deadline = per_day.get("deadline")
        total = self._days[-1]["cumulative"] if self._days else 0
        self.setAccessibleDescription(
            f"{total or 0} contribution(s) over {len(self._days)} day(s)"
            + (f"; deadline {day_in_words(self._deadline)}" if self._deadline else ""))
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(480, 200)

    # --- geometry -----------------------------------------------------------------------

    def plot_rect(self) -> QRect:
        metrics = QFontMetrics(self.font())
        left = metrics.horizontalAdvance("0000") + MARGIN
        top = metrics.height() + MARGIN
        bottom = metrics.height() * 2 + MARGIN
        return self.rect().adjusted(left, top, -MARGIN, -bottom)

    def _peak(self) -> int:
        return max((d["count"] for d in self._days), default=0) or 1

    def bar_rect(self, index: int) -> QRect:
        plot = self.plot_rect()
        width = plot.width() / max(1, len(self._days))
        height = round(plot.height() * self._days[index]["count"] / self._peak())
        gap = 1 if width > 4 else 0
        x = plot.left() + round(index * width)
        return QRect(x + gap, plot.bottom() - height + 1, max(1, round(width) - 2 * gap), height)

    def bar_at(self, point: QPoint) -> int | None:
        plot = self.plot_rect()
        if not self._days or not plot.contains(point):
            return None
        width = plot.width() / len(self._days)
        index = int((point.x() - plot.left()) / width)
        return index if 0 <= index < len(self._days) else None

    def deadline_x(self) -> int | None:
        """Where the deadline line is drawn: at the end of the deadline's day."""
        if not self._deadline or not self._days:
            return None
        plot = self.plot_rect()
        width = plot.width() / len(self._days)
        on_time = sum(1 for d in self._days if d["date"] <= self._deadline)
        return plot.left() + round(on_time * width)

    def describe(self, index: int) -> str:
        day = self._days[index]
        late = " (after the deadline)" if day["after_deadline"] else ""
        total = f", {day['cumulative']} in all" if day["cumulative"] is not None else ""
        return f"{day_in_words(day['date'])}: {day['count']} contribution(s){total}{late}"

    # --- painting -----------------------------------------------------------------------

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        palette = self.palette()
        painter.fillRect(self.rect(), palette.color(QPalette.ColorRole.Base))
        text = palette.color(QPalette.ColorRole.Text)
        plot = self.plot_rect()
        metrics = QFontMetrics(self.font())
        painter.setPen(text)
        if not self._days:
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter,
                             "No contribution received yet.")
            painter.end()
            return
        painter.drawLine(plot.bottomLeft(), plot.bottomRight())
        painter.drawText(QRect(0, plot.top() - metrics.height() // 2, plot.left() - 4,
                               metrics.height()),
                         Qt.AlignmentFlag.AlignRight, str(self._peak()))
        painter.drawText(QRect(0, plot.bottom() - metrics.height() // 2, plot.left() - 4,
                               metrics.height()), Qt.AlignmentFlag.AlignRight, "0")
        for index, day in enumerate(self._days):
            if not day["count"]:
                continue
            rect = self.bar_rect(index)
            colour = QColor(LATE if day["after_deadline"] else ON_TIME)
            painter.fillRect(rect, colour)
            if day["after_deadline"]:
                painter.fillRect(rect, QBrush(QColor("white"), Qt.BrushStyle.BDiagPattern))
        self._paint_total(painter, plot)
        self._paint_deadline(painter, plot, metrics, text)
        below = plot.bottom() + 4
        painter.setPen(text)
        painter.drawText(QRect(plot.left(), below, plot.width(), metrics.height()),
                         Qt.AlignmentFlag.AlignLeft, day_in_words(self._days[0]["date"]))
        painter.drawText(QRect(plot.left(), below, plot.width(), metrics.height()),
                         Qt.AlignmentFlag.AlignRight, day_in_words(self._days[-1]["date"]))
        painter.end()

    def _paint_total(self, painter: QPainter, plot: QRect) -> None:
        totals = [d["cumulative"] for d in self._days]
        if any(t is None for t in totals) or not totals[-1]:
            return
        width = plot.width() / len(self._days)
        points = [QPointF(plot.left() + (i + 0.5) * width,
                          plot.bottom() - plot.height() * t / totals[-1])
                  for i, t in enumerate(totals)]
        painter.setPen(QPen(QColor(TOTAL), 2))
        painter.drawPolyline(points)
        painter.drawText(QRect(plot.left(), 0, plot.width(), plot.top()),
                         Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                         f"{totals[-1]} in all")

    def _paint_deadline(self, painter: QPainter, plot: QRect, metrics: QFontMetrics,
                        text: QColor) -> None:
        x = self.deadline_x()
        if x is None:
            return
        painter.setPen(QPen(text, 1, Qt.PenStyle.DashLine))
        painter.drawLine(x, plot.top(), x, plot.bottom())
        painter.setPen(text)
        label = f"Deadline {day_in_words(self._deadline)}"
        painter.drawText(QRect(x - 200, plot.bottom() + 4 + metrics.height(), 400,
                               metrics.height()), Qt.AlignmentFlag.AlignHCenter, label)

    def event(self, event) -> bool:
        if event.type() == event.Type.ToolTip:
            index = self.bar_at(event.pos())
            if index is not None:
                QToolTip.showText(event.globalPos(), self.describe(index), self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)
