"""Search everything: highlighted snippets, accent-insensitive, and a result opens the paragraph."""

from __future__ import annotations

from builders import add_text_contribution
from desk_helpers import open_desk, settle
from PySide6.QtCore import Qt

from lapdesk.ui.search_panel import HitRole, SearchResultsModel, run_search, snippet_html


def test_snippet_marks_the_words_and_escapes_the_rest():
    assert snippet_html("a <b> «ratification» & more") == (
        "a &lt;b&gt; <b><u>ratification</u></b> &amp; more")


def test_results_name_the_contributors(store):
    add_text_contribution(store, ["Nothing here.", "Austria supports universalisation."],
                          contributors=["Austria"])
    hits = run_search(store, "UNIVERSALISATION")
    assert [(h["who"], h["paragraph"]) for h in hits] == [("Austria", 1)]


def test_search_model_passes_the_model_tester(qtmodeltester, store):
    add_text_contribution(store, ["Le Sénégal appuie la coopération régionale."])
    model = SearchResultsModel()
    model.set_hits(run_search(store, "cooperation"))
    assert model.rowCount() == 1
    qtmodeltester.check(model)


def test_ctrl_f_then_a_result_opens_the_contribution_at_the_paragraph(
        qtbot, store, private_settings):
    add_text_contribution(store, ["First contribution, about stockpiles."],
                          contributors=["France"])
    paragraphs = [f"Paragraph {i} on clearance." for i in range(60)]
    paragraphs[45] = "La Suisse propose une éducation aux risques adaptée."
    wanted = add_text_contribution(store, paragraphs, contributors=["Switzerland"])
    window = open_desk(qtbot, store)
    panel = window.search
    window.find_action.trigger()
    settle(window)
    assert panel.field.hasFocus()
    qtbot.keyClicks(panel.field, "education aux risques")  # no accents typed
    with qtbot.waitSignal(panel.results_shown, timeout=3000):
        qtbot.keyClick(panel.field, Qt.Key.Key_Return)
        settle(window)
    assert panel.model.rowCount() == 1
    assert window.search_dock.isVisible()
    hit = panel.model.data(panel.model.index(0, 0), HitRole)
    assert (hit["contribution_id"], hit["paragraph"]) == (wanted, 45)
    qtbot.keyClick(panel.field, Qt.Key.Key_Down)  # to the results, by keyboard only
    settle(window)
    assert panel.view.hasFocus() and panel.view.currentIndex().row() == 0
    with qtbot.waitSignal(panel.result_chosen):
        qtbot.keyClick(panel.view, Qt.Key.Key_Return)
        settle(window)
    assert window.reader.contribution_id == wanted
    assert window.contributions.current_id() == wanted
    assert window.reader.textCursor().selectedText() == paragraphs[45]  # selected, ready to map
    assert window.reader.verticalScrollBar().value() > 0  # scrolled down to paragraph 46
