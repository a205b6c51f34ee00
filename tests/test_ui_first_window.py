"""The first window: titled with the consultation and the store, showing the framework."""

from lapdesk.ui.main_window import MainWindow
from lapdesk.ui.models.framework_model import FrameworkTreeModel, KeyRole


def test_window_shows_the_framework(qtbot, store):
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.windowTitle() == f"LAPDesk — Concept note consultation ({store.name})"
    model = window.framework_model
    assert model.rowCount() == 9
    universalisation = model.index(2, 0)
    assert model.data(universalisation, KeyRole) == "universalisation"
    assert model.data(universalisation) == "a. Universalisation"
    assert model.data(model.index(2, 1)) == 0  # no excerpt mapped yet
    assert "5 questions" in model.data(universalisation, 3)  # the tooltip
    assert model.rowCount(universalisation) == 5


def test_framework_model_passes_the_model_tester(qtmodeltester, store):
    qtmodeltester.check(FrameworkTreeModel(store))
