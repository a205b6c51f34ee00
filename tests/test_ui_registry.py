"""The registry view: who has written and who has not, with filters."""

from __future__ import annotations

from datetime import date

from builders import add_text_contribution
from desk_helpers import open_desk, settle

from lapdesk.store import registry
from lapdesk.ui.registry_view import RECEIVED_FILTERS, RegistryModel, RowRole, registry_rows


def names(view) -> list[str]:
    proxy = view.proxy
    return [proxy.data(proxy.index(row, 0)) for row in range(proxy.rowCount())]


def test_registry_model_passes_the_model_tester(qtmodeltester, store):
    add_text_contribution(store, ["Views of Ghana."], contributors=["Ghana"])
    qtmodeltester.check(RegistryModel(registry_rows(store)))


def test_received_and_not_received_follow_the_store(qtbot, store, private_settings):
    add_text_contribution(store, ["Views of Ghana."], contributors=["Ghana"],
                          received="2020-06-06")
    window = open_desk(qtbot, store)
    window.registry_action.trigger()
    settle(window)
    assert window.registry_dock.isVisible()
    view = window.registry
    total = view.model.rowCount()
    assert total > 100 and f"1 of {total} expected contributors have written" in view.counts.text()

    view.received_box.setCurrentText(RECEIVED_FILTERS[1])
    assert names(view) == ["Ghana"]
    assert view.proxy.data(view.proxy.index(0, 1)) == "✓ 2020-06-06"

    view.received_box.setCurrentText(RECEIVED_FILTERS[2])
    assert "Ghana" not in names(view) and "Austria" in names(view)

    # A new contribution arrives (through the session, as the desk does): the view follows.
    add_text_contribution(store, ["Views of Austria."], contributors=["Austria"])
    window.service.notify({"contributions", "contribution_contributors"})
    settle(window)
    assert "Austria" not in names(view)
    assert f"2 of {total}" in view.counts.text()


def test_filters_by_group_kind_and_name(qtbot, store, private_settings):
    window = open_desk(qtbot, store)
    view = window.registry
    view.group_box.setCurrentIndex(view.group_box.findData("GRULAC"))
    settle(window)
    rows = [view.proxy.data(view.proxy.index(r, 0), RowRole) for r in range(view.proxy.rowCount())]
    assert rows and all(r["group"] == "GRULAC" for r in rows)
    view.group_box.setCurrentIndex(0)
    settle(window)
    view.kind_box.setCurrentIndex(view.kind_box.findData("Civil society"))
    settle(window)
    assert "Cluster Munition Coalition" in names(view)
    view.kind_box.setCurrentIndex(0)
    settle(window)
    view.name_filter.setText("cicr")  # the French abbreviation of the ICRC, an alias
    assert names(view) == ["International Committee of the Red Cross"]


def test_follow_up_dates_are_set_for_the_selected_rows(qtbot, store, private_settings):
    window = open_desk(qtbot, store)
    view = window.registry
    assert not view.reminder_button.isEnabled()
    view.name_filter.setText("Ghana")
    view.table.selectRow(0)
    assert view.reminder_button.isEnabled()
    view.reminder_button.click()
    settle(window)
    ghana = registry.find(store, "Ghana")
    today = date.today().isoformat()
    assert ghana["reminder_on"] == today
    assert view.proxy.data(view.proxy.index(0, 5)) == today
    window.service.undo_stack.undo()
    settle(window)
    assert registry.find(store, "Ghana")["reminder_on"] is None


def test_activating_a_contributor_opens_what_they_sent(qtbot, store, private_settings):
    add_text_contribution(store, ["Views of Austria."], contributors=["Austria"],
                          received="2020-06-01")
    ghana = add_text_contribution(store, ["Views of Ghana."], contributors=["Ghana"],
                                  received="2020-06-06")
    window = open_desk(qtbot, store)
    assert window.reader.contribution_id != ghana  # the desk opens on the first received
    view = window.registry
    view.name_filter.setText("Ghana")
    view.table.activated.emit(view.proxy.index(0, 0))
    settle(window)
    assert window.reader.contribution_id == ghana
