"""Search everything: highlighted snippets, accent-insensitive, a result opens the paragraph,
and a long list grows a page at a time as it scrolls."""

from __future__ import annotations

import threading

import apsw
from builders import add_text_contribution
from desk_helpers import open_desk, settle
from PySide6.QtCore import Qt

from lapdesk.store.search import PAGE_SIZE
from lapdesk.ui.models.search_results_model import (
    HitRole,
    SearchResultsModel,
    results_page,
)
from lapdesk.ui.search_panel import snippet_html


def test_snippet_marks_the_words_and_escapes_the_rest():
    assert snippet_html("a <b> «ratification» & more") == (
        "a &lt;b&gt; <b><u>ratification</u></b> &amp; more")


def test_results_name_the_contributors(store):
    add_text_contribution(store, ["Nothing here.", "Austria supports universalisation."],
                          contributors=["Austria"])
    page = results_page(store, "UNIVERSALISATION")
    assert [(r.who, r.hit.paragraph) for r in page.rows] == [("Austria", 1)]
    assert page.next is None


def test_search_model_passes_the_model_tester(qtmodeltester, store):
    add_text_contribution(store, ["Le Sénégal appuie la coopération régionale."])
    model = SearchResultsModel()
    model.show_first_page(1, results_page(store, "cooperation"))
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
    assert (hit.contribution_id, hit.paragraph) == (wanted, 45)
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


def _search(qtbot, window, text: str) -> None:
    panel = window.search
    panel.field.setText(text)
    with qtbot.waitSignal(panel.results_shown, timeout=5000):
        panel.search_now()
    settle(window)


def test_a_long_list_reads_its_later_pages_as_it_scrolls_off_the_gui_thread(qtbot, store, private_settings):
    wanted = PAGE_SIZE * 2 + 7
    for number in range(wanted // 10 + 1):
        paragraphs = [f"Paragraph {i}: the destruction of stockpiles, round {number}."
                      for i in range(10)]
        add_text_contribution(store, paragraphs + ["Nothing of the kind here."],
                              contributors=["Austria" if number % 2 else "Chile"])
    statements: list[int] = []  # the thread of each statement run while searching
    recording = threading.Event()

    def hook(connection) -> None:
        def traced(_cursor, _sql, _bindings) -> bool:
            if recording.is_set():
                statements.append(threading.get_ident())
            return True
        connection.exec_trace = traced

    apsw.connection_hooks.append(hook)
    try:
        window = open_desk(qtbot, store)
    finally:
        apsw.connection_hooks.remove(hook)
    window.resize(1366, 768)
    panel = window.search
    window.search_dock.show()
    recording.set()
    with qtbot.waitSignal(panel.counted, timeout=5000) as counted:
        _search(qtbot, window, "destruct*")
    assert counted.args[0].passages == (wanted // 10 + 1) * 10
    total = counted.args[0].passages
    model = panel.model
    assert model.rowCount() == PAGE_SIZE and model.canFetchMore()
    assert f"{total:,} passages in {wanted // 10 + 1} contributions" in panel.status.text()
    seen = []
    while model.rowCount() < total:
        before = model.rowCount()
        bar = panel.view.verticalScrollBar()
        bar.setValue(bar.maximum())  # the user drags to the end of the list
        qtbot.waitUntil(lambda before=before: model.rowCount() > before, timeout=5000)
        settle(window)
        seen.append(model.rowCount())
    assert seen == [PAGE_SIZE * 2, total] and not model.canFetchMore()
    recording.clear()
    assert statements and threading.get_ident() not in statements  # never the GUI thread
    hits = [model.data(model.index(row, 0), HitRole) for row in range(total)]
    places = [(h.contribution_id, h.paragraph) for h in hits]
    assert places == sorted(places) and len(set(places)) == total  # reading order, no repeat
    assert model.data(model.index(total - 1, 0)) in ("Austria", "Chile")


def test_a_page_of_an_older_search_is_dropped(qtbot, store, private_settings):
    for _ in range(3):
        add_text_contribution(store, [f"Clearance {i} of land." for i in range(40)]
                              + [f"Risk education {i}." for i in range(40)],
                              contributors=["Ghana"])
    window = open_desk(qtbot, store)
    panel = window.search
    _search(qtbot, window, "clearance")
    model = panel.model
    old = model.search_number
    asked = []
    model.more_wanted.connect(lambda number, after: asked.append((number, after)))
    model.fetchMore()
    assert asked and asked[0][0] == old
    panel.field.setText("education")  # typed on before the page arrives
    panel.search_now()
    settle(window)
    assert model.search_number != old
    shown = [model.data(model.index(r, 2)) for r in range(model.rowCount())]
    assert shown and all(text.startswith("Risk education") for text in shown)


def test_phrases_and_operators_from_the_field(qtbot, store, private_settings):
    both = add_text_contribution(store, ["Les États parties ont décidé."], contributors=["France"])
    add_text_contribution(store, ["Les États non parties aussi."], contributors=["Mexico"])
    window = open_desk(qtbot, store)
    panel = window.search
    _search(qtbot, window, "« Etats parties »")
    assert panel.model.rowCount() == 1
    assert panel.model.data(panel.model.index(0, 0), HitRole).contribution_id == both
    _search(qtbot, window, "etats parties")
    assert panel.model.rowCount() == 2
    panel.field.setText("*")
    panel.search_now()
    assert panel.model.rowCount() == 0 and "type a word" in panel.status.text()


def test_the_keyboard_reaches_the_later_pages_too(qtbot, store, private_settings):
    for _ in range(3):
        add_text_contribution(store, [f"Universalisation, step {i}." for i in range(40)],
                              contributors=["Ghana"])
    window = open_desk(qtbot, store)
    panel = window.search
    _search(qtbot, window, "universalisation")
    assert panel.model.rowCount() == PAGE_SIZE
    qtbot.keyClick(panel.field, Qt.Key.Key_Down)
    # Ctrl+End to the last row shown: the list scrolls to its end and reads on
    qtbot.keyClick(panel.view, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: panel.model.rowCount() > PAGE_SIZE, timeout=5000)
    assert panel.view.currentIndex().row() == PAGE_SIZE - 1


def test_rows_fit_their_snippet_again_when_the_list_is_widened(qtbot, store, private_settings):
    """Rows measured narrow shrink when the list widens, and so do the rows that the shrinking
    brings into sight."""
    for who in ("Austria", "Chile", "Ghana", "Mexico", "France", "Croatia", "Senegal"):
        add_text_contribution(store, [f"{who} proposes that victim assistance be integrated into "
                                      "broader national frameworks on disability, health and "
                                      "employment, with a focal point in each affected State."],
                              contributors=[who])
    window = open_desk(qtbot, store)
    panel, view = window.search, window.search.view
    window.search_dock.setFloating(True)
    window.search_dock.resize(400, 220)
    window.search_dock.show()
    _search(qtbot, window, "victim assistance")
    qtbot.waitUntil(lambda: view.columnWidth(2) < 300)
    settle(window)
    narrow = view.rowHeight(0)
    assert view.rowAt(view.viewport().height() - 1) < 6  # not all in sight, narrow
    window.search_dock.resize(1800, 220)
    qtbot.waitUntil(lambda: view.columnWidth(2) > 1200)
    qtbot.waitUntil(lambda: view.rowHeight(0) < narrow, timeout=3000)
    settle(window)
    assert all(view.rowHeight(row) <= narrow / 2 for row in range(panel.model.rowCount()))
