"""An edit half-typed in the header or the strip stays with the contribution it was typed for.

Before, the Contributors field kept the previous contribution's names when the user went on
with Alt+Down while the cursor was in it, and one Enter then gave Austria's note verbale to
Brazil and Argentina.  Every editor now saves its pending edit to its own contribution (or
excerpt) before the selection changes, and shows the next one's values afterwards — whatever
the way of going to another contribution.
"""

from __future__ import annotations

import pytest
from builders import add_text_contribution
from desk_helpers import open_desk, settle
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from lapdesk.store import contributions, excerpts


@pytest.fixture
def desk(store, qtbot):
    austria = add_text_contribution(
        store, ["Austria considers that the rate of ratification must rise."],
        contributors=["Austria"], received="2020-06-05")
    ghana = add_text_contribution(
        store, ["Ghana calls for more regional workshops."],
        contributors=["Ghana"], received="2020-06-06")
    excerpt = excerpts.map_span(store, austria, ["universalisation"], start=0, end=7).result
    window = open_desk(qtbot, store)
    window.activateWindow()
    return window, austria, ghana, excerpt


def _shortcut(window, keys: str):
    return next(a for a in window.findChildren(type(window.undo_action))
                if any(s.toString() == keys for s in a.shortcuts()))


def _press(window, key, modifier) -> None:
    QTest.keyClick(window.focusWidget() or window, key, modifier)


WAYS = {
    "Alt+Down": lambda w, a, g, e: _press(w, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier),
    "the Next menu entry": lambda w, a, g, e: _shortcut(w, "Alt+Down").trigger(),
    "a click in the list": lambda w, a, g, e: w.contributions.select_contribution(g),
    "open from the section view": lambda w, a, g, e: (
        w.show_section("universalisation"), w.section_view.excerpt_opened.emit(g, 0)),
    "a search result": lambda w, a, g, e: w.open_search_result(g, 0, 5),
    "the registry": lambda w, a, g, e: w.registry.contribution_chosen.emit(g),
    "the import summary": lambda w, a, g, e: w.open_contribution(g),
}


def _type_into(qtbot, line, text: str) -> None:
    line.setFocus()
    line.selectAll()
    qtbot.keyClicks(line, text)  # no Enter: the edit is still pending


HEADER_FIELDS = {
    # field: (widget getter, typed text, what Austria holds afterwards)
    "contributors": (lambda w: w.header.contributors, "Brazil, Argentina",
                     lambda s, cid: [p.name for p in contributions.contributors_of(s, cid)],
                     ["Brazil", "Argentina"]),
    "received": (lambda w: w.header.received, "9 June 2020",
                 lambda s, cid: contributions.contribution(s, cid).received[:10],
                 "2020-06-09"),
    "language": (lambda w: w.header.language.lineEdit(), "fr",
                 lambda s, cid: contributions.contribution(s, cid).language, "fr"),
}


@pytest.mark.parametrize("way", WAYS)
@pytest.mark.parametrize("field", HEADER_FIELDS)
def test_a_half_typed_header_edit_stays_with_its_contribution(desk, qtbot, store, field, way):
    window, austria, ghana, excerpt = desk
    widget_of, typed, read, expected = HEADER_FIELDS[field]
    window.open_contribution(austria)
    settle(window)
    ghana_before = read(store, ghana)
    _type_into(qtbot, widget_of(window), typed)
    WAYS[way](window, austria, ghana, excerpt)
    settle(window)
    assert window.header.contribution_id == ghana
    assert read(store, austria) == expected  # saved to the contribution it was typed for
    assert read(store, ghana) == ghana_before
    line = widget_of(window)
    assert typed not in line.text()  # the field shows Ghana's own values now
    line.setFocus()
    QTest.keyClick(line, Qt.Key.Key_Return)  # the Enter that used to move the contribution
    settle(window)
    assert read(store, ghana) == ghana_before
    assert window.header.heading.text().startswith("Ghana")


STRIP_FIELDS = {"summary": lambda w: w.strip.summary, "note": lambda w: w.strip.note,
                "tags": lambda w: w.strip.tags, "topic": lambda w: w.strip.topic.lineEdit()}


@pytest.mark.parametrize("way", WAYS)
@pytest.mark.parametrize("field", STRIP_FIELDS)
def test_a_half_typed_position_stays_with_its_excerpt(desk, qtbot, store, field, way):
    window, austria, ghana, excerpt = desk
    window.open_excerpt(austria, excerpt)
    settle(window)
    assert window.strip.excerpt_id == excerpt
    _type_into(qtbot, STRIP_FIELDS[field](window), "regional outreach")
    WAYS[way](window, austria, ghana, excerpt)
    settle(window)
    assert window.header.contribution_id == ghana
    [position] = excerpts.excerpt(store, excerpt).annotations
    assert getattr(position, field) == "regional outreach"
    assert STRIP_FIELDS[field](window).text() == ""  # nothing of Austria's shown for Ghana
    assert excerpts.excerpts_of(store, ghana) == []


def test_typing_survives_a_change_made_elsewhere_meanwhile(desk, qtbot, store):
    """A store change while the user types (an import ending, a colleague's undo) reloads
    the header and the strip without wiping what is being typed."""
    window, austria, ghana, excerpt = desk
    window.open_excerpt(austria, excerpt)
    settle(window)
    _type_into(qtbot, window.strip.summary, "Favours regional")
    window.service.apply(contributions.update_contribution, ghana, notes="checked")
    settle(window)
    assert window.strip.summary.text() == "Favours regional"
    QTest.keyClick(window.strip.summary, Qt.Key.Key_Return)
    settle(window)
    [position] = excerpts.excerpt(store, excerpt).annotations
    assert position.summary == "Favours regional"
