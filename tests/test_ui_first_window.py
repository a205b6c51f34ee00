"""The first window: titled with the consultation and the store, showing the framework."""

from desk_helpers import open_desk

from lapdesk.core.framework_tree import FrameworkTree
from lapdesk.store import framework
from lapdesk.ui.models.framework_model import FrameworkTreeModel, KeyRole


def test_window_shows_the_framework(qtbot, store):
    window = open_desk(qtbot, store)
    assert window.windowTitle() == f"LAPDesk — Concept note consultation ({store.name})"
    model = window.framework.model
    assert model.rowCount() == 9
    universalisation = model.index(2, 0)
    assert model.data(universalisation, KeyRole) == "universalisation"
    assert model.data(universalisation) == "a. Universalisation"
    assert model.data(model.index(2, 1)) == 0  # no excerpt mapped yet
    assert "5 questions" in model.data(universalisation, 3)  # the tooltip
    assert model.rowCount(universalisation) == 5


def test_framework_model_passes_the_model_tester(qtmodeltester, store):
    model = FrameworkTreeModel()
    model.set_framework(FrameworkTree(framework.nodes(store)))
    model.set_counts(framework.mapping_counts(store))
    qtmodeltester.check(model)
