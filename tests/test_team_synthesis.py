"""Two people edit one synthesis at once: edits of different paragraphs merge cleanly and,
once merged, both land on every replica; overlapping edits keep both texts, marked, and the
conflict is shown on every replica until someone settles it — and, settled on one, closes on
the others when the merged text arrives."""

from __future__ import annotations

import pytest
from team_helpers import differing, exchange, make_team

from lapdesk.store import framework
from lapdesk.team import conflicts
from lapdesk.team.merge3 import MARK_EARLIER, MARK_END, MARK_LATER

BASE = "Universalisation comes first.\n\nStockpiles go next.\n\nVictims need help."


@pytest.fixture
def team(tmp_path):
    stores = make_team(tmp_path, 3)
    framework.set_synthesis(stores[0], "universalisation", BASE)
    exchange(stores, tmp_path / "p0")
    yield stores
    for store in stores:
        store.close()


def _text(store) -> str:
    return framework.node(store, "universalisation")["synthesis"]


def _open(store) -> list:
    return [c for c in conflicts.conflicts(store) if c.kind == "synthesis"]


def test_edits_of_different_paragraphs_both_land_on_every_replica(team, tmp_path):
    a, b, c = team
    framework.set_synthesis(a, "universalisation", BASE.replace("comes first", "comes first (Anne)"))
    framework.set_synthesis(b, "universalisation", BASE.replace("need help", "need help (Bruno)"))
    exchange(team, tmp_path / "p1")
    assert differing(team) == {}
    both = "Universalisation comes first (Anne).\n\nStockpiles go next.\n\nVictims need help (Bruno)."
    offered = {store.name: [f.theirs["_merged"] for f in _open(store)] for store in team}
    assert offered == {store.name: [both] for store in team}  # the same clean merge everywhere
    conflicts.settle(b, _open(b)[0].id, "merge")
    exchange(team, tmp_path / "p2")
    assert [_text(store) for store in team] == [both] * 3
    assert differing(team) == {} and [_open(store) for store in team] == [[], [], []]


def test_overlapping_edits_keep_both_texts_and_show_a_conflict_everywhere(team, tmp_path):
    a, b, c = team
    framework.set_synthesis(a, "universalisation", BASE.replace("go next", "go second"))
    framework.set_synthesis(b, "universalisation", BASE.replace("go next", "wait"))
    exchange(team, tmp_path / "p1")
    assert differing(team) == {}
    assert _text(a) == BASE.replace("go next", "wait")  # the later one, until someone settles
    for store in team:
        [conflict] = _open(store)
        assert conflict.theirs["_merged"] == BASE.replace(
            "Stockpiles go next.", f"{MARK_EARLIER}\nStockpiles go second.\n{MARK_LATER}\n"
            f"Stockpiles wait.\n{MARK_END}")
    conflicts.settle(c, _open(c)[0].id, "merge")
    exchange(team, tmp_path / "p2")
    assert differing(team) == {}
    assert "Stockpiles go second." in _text(a) and "Stockpiles wait." in _text(a)
    assert [_open(store) for store in team] == [[], [], []]
