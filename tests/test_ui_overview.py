"""View > Overview: the received-per-day chart and the coverage heatmap, kept current."""

from __future__ import annotations

from builders import add_text_contribution
from desk_helpers import open_desk, settle

from lapdesk.store import excerpts


def test_the_overview_shows_what_was_received_and_covered(qtbot, store):
    austria = add_text_contribution(store, ["Austria supports universalisation."],
                                    contributors=["Austria"], received="2020-06-05")
    add_text_contribution(store, ["Ghana writes late."], contributors=["Ghana"],
                          received="2020-06-10")
    window = open_desk(qtbot, store)
    overview = window.overview
    assert overview.action in window.menus["view"].actions()
    overview.refresh()
    settle(window)
    panel = overview.panel
    assert [d["count"] for d in panel.chart._days if d["count"]] == [1, 1]
    assert panel.chart.accessibleDescription().startswith("2 contribution(s)")
    assert panel.chart.deadline_x() is not None
    assert panel.heatmap._cells == {}  # nothing mapped yet
    window.service.apply(excerpts.map_span, austria, ["universalisation"], start=0,
                         end=16, stance="supports")
    settle(window)
    overview.refresh()
    settle(window)
    austria_id = next(p["id"] for p in panel.heatmap._people if p["name"] == "Austria")
    assert panel.heatmap._cells[("universalisation", austria_id)]["excerpts"] == 1
    panel.mode.setCurrentIndex(1)
    settle(window)
    assert panel.heatmap.mode == "stance"
    assert not panel.legend.isHidden() and "supports" in panel.legend.text()
    panel.heatmap.cell_activated.emit("universalisation", austria_id)
    settle(window)
    assert window.centre.currentWidget() is window.section_view


def test_showing_the_dock_after_a_change_refreshes_it(qtbot, store):
    window = open_desk(qtbot, store)
    add_text_contribution(store, ["Mexico writes."], contributors=["Mexico"],
                          received="2020-06-04")
    window.service.notify({"contributions"})
    settle(window)
    overview = window.overview
    assert overview._stale
    overview.action.trigger()
    settle(window)
    qtbot.waitUntil(lambda: not overview._stale and overview.panel._matrix is not None,
                    timeout=10_000)
    assert [d["date"] for d in overview.panel.chart._days if d["count"]] == ["2020-06-04"]
