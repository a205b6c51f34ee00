"""Positions: the views per topic for the working paper and the topics x contributors matrix."""

import pytest
from builders import add_text_contribution

from lapdesk.analysis import positions
from lapdesk.store import contributions, excerpts

INDICATORS = "One indicator per action, with a baseline"
GENDER = "A dedicated cross-cutting chapter on gender and diversity"


def _map_whole(store, contribution_id, node, *, stance, topic, index=0):
    para = contributions.paragraphs_of(store, contribution_id)[index]
    return excerpts.map_span(store, contribution_id, [node], start=para["start"],
                             end=para["end"], stance=stance, topic=topic).result


@pytest.fixture
def positions_store(store):
    """Six contributions with stances on two topics, one joint, one superseded."""
    made = {}
    for who in ("Switzerland", "Mexico", "Austria", "Senegal", "Nigeria",
                "Cluster Munition Coalition", "International Committee of the Red Cross"):
        made[who] = add_text_contribution(
            store, [f"{who} gives its view on indicators.", f"{who} on gender."],
            contributors=[who], name=f"{who}.txt")
    joint = add_text_contribution(store, ["Chile and Spain jointly support indicators."],
                                  contributors=["Chile", "Spain"], name="joint.txt")
    old = add_text_contribution(store, ["France, first version: opposes indicators."],
                                contributors=["France"], name="france-v1.txt")
    new = add_text_contribution(store, ["France, second version: supports indicators."],
                                contributors=["France"], name="france-v2.txt")
    contributions.update_contribution(store, old, superseded_by=new)

    _map_whole(store, made["Switzerland"], "structure.q4", stance="supports", topic=INDICATORS)
    _map_whole(store, made["Mexico"], "structure.q4", stance="supports", topic=INDICATORS)
    _map_whole(store, made["Austria"], "structure.q5", stance="opposes", topic=INDICATORS)
    _map_whole(store, made["Senegal"], "structure.q4", stance="concern", topic=INDICATORS)
    _map_whole(store, made["Nigeria"], "structure.q4", stance="supports", topic=INDICATORS)
    _map_whole(store, made["Cluster Munition Coalition"], "structure.q4", stance="proposes",
               topic=INDICATORS)
    _map_whole(store, joint, "structure.q4", stance="supports", topic=INDICATORS)
    _map_whole(store, old, "structure.q4", stance="opposes", topic=INDICATORS)
    _map_whole(store, new, "structure.q4", stance="supports", topic=INDICATORS)
    _map_whole(store, made["Switzerland"], "cross_cutting.q2", stance="supports", topic=GENDER,
               index=1)
    _map_whole(store, made["International Committee of the Red Cross"], "cross_cutting.q2",
               stance="supports", topic=GENDER, index=1)
    _map_whole(store, made["Mexico"], "cross_cutting.q2", stance="opposes", topic=GENDER,
               index=1)
    # An annotation without a topic is not a position on any topic.
    _map_whole(store, made["Austria"], "cross_cutting.q2", stance="supports", topic=None,
               index=1)
    return store


def _names(people):
    return [p["name"] for p in people]


def test_views_group_contributors_by_stance_in_attribution_order(positions_store):
    result = positions.views(positions_store)
    assert [v["topic"] for v in result] == [INDICATORS, GENDER]  # framework order
    indicators = result[0]
    assert indicators["node"] == "structure.q4"
    assert list(indicators["stances"]) == ["supports", "opposes", "proposes", "concern"]
    # States Parties by name, then the signatory; the superseded French text is left out.
    assert _names(indicators["stances"]["supports"]) == [
        "Chile", "France", "Mexico", "Spain", "Switzerland", "Nigeria"]
    assert _names(indicators["stances"]["opposes"]) == ["Austria"]
    assert _names(indicators["stances"]["proposes"]) == ["Cluster Munition Coalition"]
    assert indicators["counts"] == {"supports": 6, "opposes": 1, "proposes": 1, "concern": 1}
    assert len(indicators["excerpt_ids"]) == 8
    person = indicators["stances"]["opposes"][0]
    assert set(person) == {"id", "name", "kind", "status", "group"}
    assert person["group"] == "WEOG"
    gender = result[1]
    assert _names(gender["stances"]["supports"]) == [
        "Switzerland", "International Committee of the Red Cross"]


def test_views_filter_by_node_superseded_and_review(positions_store):
    under_q5 = positions.views(positions_store, node_key="structure.q5")
    assert [v["topic"] for v in under_q5] == [INDICATORS]
    assert list(under_q5[0]["stances"]) == ["opposes"]
    assert positions.views(positions_store, node_key="structure") == []
    whole_section = positions.views(positions_store, node_key="structure", descendants=True)
    assert whole_section[0]["counts"]["supports"] == 6

    with_old = positions.views(positions_store, include_superseded=True)[0]
    assert "France" in _names(with_old["stances"]["opposes"])

    assert positions.views(positions_store, reviewed_only=True) == []
    first = positions.views(positions_store)[0]["excerpt_ids"][0]
    excerpts.set_reviewed(positions_store, first)
    reviewed = positions.views(positions_store, reviewed_only=True)
    assert reviewed[0]["excerpt_ids"] == [first]
    assert _names(reviewed[0]["stances"]["supports"]) == ["Switzerland"]


def test_matrix_counts_contributors_not_excerpts(positions_store):
    store = positions_store
    swiss = store.query("SELECT contribution_id AS id FROM excerpts ORDER BY id LIMIT 1")[0]["id"]
    # A second supportive passage from Switzerland does not count twice.
    _map_whole(store, swiss, "structure.q5", stance="supports", topic=INDICATORS, index=1)
    result = positions.matrix(store)
    indicators, gender = result["topics"]
    assert indicators["support"] == 7  # six supports + the coalition's proposal
    assert indicators["opposition"] == 1
    assert indicators["concern"] == 1
    assert indicators["support_by_group"] == {
        "African": 1, "GRULAC": 2, "WEOG": 3, "none": 1}
    assert indicators["opposition_by_group"] == {"WEOG": 1}
    assert indicators["support_by_kind"] == {"civil_society": 1, "state": 6}
    assert gender["support"] == 2 and gender["opposition"] == 1
    assert gender["support_by_kind"] == {"international_organisation": 1, "state": 1}
    names = _names(result["contributors"])
    assert names[0] == "Austria" and names[-1] == "Cluster Munition Coalition"
    assert "France" in names
    by_cell = {(c["topic_id"], c["contributor_id"]): c["stances"] for c in result["cells"]}
    mexico = next(p["id"] for p in result["contributors"] if p["name"] == "Mexico")
    assert by_cell[(indicators["topic_id"], mexico)] == ["supports"]
    assert by_cell[(gender["topic_id"], mexico)] == ["opposes"]


def test_empty_store_has_no_positions(store):
    assert positions.views(store) == []
    assert positions.matrix(store) == {"topics": [], "contributors": [], "cells": []}
