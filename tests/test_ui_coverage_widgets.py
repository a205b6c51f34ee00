"""The coverage heatmap and the received-per-day chart, drawn offscreen and read back."""

import pytest
from builders import add_text_contribution
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor

from lapdesk.analysis import coverage
from lapdesk.store import contributions, excerpts, registry
from lapdesk.ui.widgets.coverage_heatmap import (
    STANCE,
    STANCE_COLOURS,
    CoverageHeatmap,
    dominant_stance,
)
from lapdesk.ui.widgets.received_chart import LATE, ON_TIME, ReceivedChart


@pytest.fixture
def filled(store):
    swiss = add_text_contribution(store, ["One.", "Two.", "Three."], contributors=["Switzerland"],
                                  received="2020-06-04")
    mexico = add_text_contribution(store, ["Uno."], contributors=["Mexico"],
                                   received="2020-06-04")
    late = add_text_contribution(store, ["Un."], contributors=["Senegal"], received="2020-06-10")
    for index in range(3):
        para = contributions.paragraphs_of(store, swiss)[index]
        excerpts.map_span(store, swiss, ["universalisation"], start=para["start"],
                          end=para["end"], stance="supports" if index else None)
    para = contributions.paragraphs_of(store, mexico)[0]
    excerpts.map_span(store, mexico, ["universalisation.q3"], start=para["start"],
                      end=para["end"], stance="opposes")
    del late
    return store


def _pixel(widget, rect) -> QColor:
    image = widget.grab().toImage()
    return QColor(image.pixel(rect.center().x() - 5, rect.center().y() - 5))


def _row(widget, key):
    return next(i for i, n in enumerate(widget._nodes) if n["key"] == key)


def _column(widget, store, name):
    wanted = registry.find(store, name)["id"]
    return next(i for i, p in enumerate(widget._people) if p["id"] == wanted)


def test_heatmap_shades_by_count_and_colours_by_stance(qtbot, filled):
    widget = CoverageHeatmap()
    qtbot.addWidget(widget)
    widget.set_matrix(coverage.coverage_matrix(filled))
    widget.resize(widget.sizeHint())
    row = _row(widget, "universalisation")
    swiss = _column(widget, filled, "Switzerland")
    mexico = _column(widget, filled, "Mexico")
    empty_row = _row(widget, "transparency")
    busy = _pixel(widget, widget.cell_rect(row, swiss))  # 3 excerpts
    light = _pixel(widget, widget.cell_rect(row, mexico))  # 1 excerpt
    blank = _pixel(widget, widget.cell_rect(empty_row, swiss))
    assert busy.lightness() < light.lightness() < blank.lightness()

    widget.set_mode(STANCE)
    assert widget.mode == STANCE
    supports = _pixel(widget, widget.cell_rect(row, swiss))
    opposes = _pixel(widget, widget.cell_rect(row, mexico))
    assert supports.name() == QColor(STANCE_COLOURS["supports"]).name()
    assert opposes.name() == QColor(STANCE_COLOURS["opposes"]).name()


def test_heatmap_cells_answer_hover_and_click(qtbot, filled):
    widget = CoverageHeatmap()
    qtbot.addWidget(widget)
    widget.set_matrix(coverage.coverage_matrix(filled), sections_only=True)
    assert all(n["kind"] == "section" for n in widget._nodes)
    widget.resize(widget.sizeHint())
    row = _row(widget, "universalisation")
    column = _column(widget, filled, "Switzerland")
    rect = widget.cell_rect(row, column)
    swiss_id = registry.find(filled, "Switzerland")["id"]
    assert widget.cell_at(rect.center()) == ("universalisation", swiss_id)
    assert widget.cell_at(QPoint(1, 1)) is None
    assert widget.describe("universalisation", swiss_id) == \
        "Switzerland — Universalisation: 3 excerpt(s); supports 2"
    with qtbot.waitSignal(widget.cell_activated) as signal:
        qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=rect.center())
    assert signal.args == ["universalisation", swiss_id]


def test_dominant_stance_prefers_opposition_on_a_tie():
    assert dominant_stance({"supports": 2, "opposes": 2}) == "opposes"
    assert dominant_stance({"supports": 3, "opposes": 2}) == "supports"
    assert dominant_stance({}) is None


def test_received_chart_bars_deadline_and_tooltips(qtbot, filled):
    widget = ReceivedChart()
    qtbot.addWidget(widget)
    widget.resize(620, 220)
    per_day = coverage.received_per_day(filled)
    widget.set_data(per_day)
    days = [d["date"] for d in per_day["days"]]
    on_time, late = days.index("2020-06-04"), days.index("2020-06-10")
    two, one = widget.bar_rect(on_time), widget.bar_rect(late)
    assert two.height() == 2 * one.height() > 0
    image = widget.grab().toImage()
    assert QColor(image.pixel(two.center())).name() == QColor(ON_TIME).name()
    late_colours = {QColor(image.pixel(one.left() + dx, one.center().y())).name()
                    for dx in range(one.width())}
    assert QColor(LATE).name() in late_colours and len(late_colours) > 1  # hatched
    deadline = widget.deadline_x()
    assert two.right() < deadline <= one.left()
    assert widget.bar_at(two.center()) == on_time
    assert widget.describe(late) == \
        "10 June 2020: 1 contribution(s), 3 in all (after the deadline)"
    assert "deadline 8 June 2020" in widget.accessibleDescription()


def test_received_chart_without_contributions(qtbot, store):
    widget = ReceivedChart()
    qtbot.addWidget(widget)
    widget.set_data(coverage.received_per_day(store))
    widget.resize(300, 150)
    assert widget.bar_at(QPoint(100, 100)) is None
    widget.grab()  # paints the "nothing yet" message without failing
