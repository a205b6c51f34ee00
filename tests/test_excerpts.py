"""Excerpts, mappings and annotations: each an audited change that undoes and redoes."""

import pytest
from builders import add_text_contribution

from lapdesk.core.errors import NotFoundError, UsageError
from lapdesk.store import excerpts
from lapdesk.store.changes import redo, undo
from lapdesk.store.contributions import text_of

PARAS = ["The Permanent Mission of Austria presents its compliments.",
         "Austria supports one indicator per action, with a baseline."]


@pytest.fixture
def contribution(store):
    return add_text_contribution(store, PARAS, contributors=["Austria"])


def test_text_layout_offsets(store, contribution):
    text = text_of(store, contribution)
    assert text == PARAS[0] + "\n" + PARAS[1] + "\n\n"
    para = store.query("SELECT start, \"end\" FROM paragraphs ORDER BY idx")
    assert text[para[1]["start"]:para[1]["end"]] == PARAS[1]


def test_map_annotate_and_read_back(store, contribution):
    start = len(PARAS[0]) + 1
    change = excerpts.map_span(store, contribution, ["structure.q4", "structure.q5"],
                               start=start, end=start + len(PARAS[1]), stance="supports",
                               topic="One indicator per action", summary="indicators")
    shaped = excerpts.excerpt(store, change.result)
    assert shaped.text == PARAS[1]
    assert shaped.nodes == ("structure.q4", "structure.q5")
    assert shaped.annotations[0].stance == "supports"
    assert shaped.annotations[0].topic == "One indicator per action"
    assert shaped.annotations[0].author == "tester"
    assert excerpts.excerpts_under(store, "structure.q5")[0].id == change.result


def test_same_span_reuses_the_excerpt(store, contribution):
    first = excerpts.map_span(store, contribution, ["universalisation"], start=0, end=10).result
    second = excerpts.map_span(store, contribution, ["transparency"], start=0, end=10).result
    assert first == second
    assert excerpts.excerpt(store, first).nodes == ("universalisation", "transparency")


def test_undo_and_redo_restore_everything(store, contribution):
    change = excerpts.map_span(store, contribution, ["universalisation"], start=0, end=20,
                               stance="opposes", topic="Something")
    excerpt_id = change.result
    delete = excerpts.delete_excerpt(store, excerpt_id)
    assert store.query_one("SELECT count(*) AS n FROM annotations")["n"] == 0
    undo(store, delete)
    restored = excerpts.excerpt(store, excerpt_id)
    assert restored.nodes == ("universalisation",)
    assert restored.annotations[0].stance == "opposes"
    undo(store, change)
    with pytest.raises(NotFoundError):
        excerpts.excerpt(store, excerpt_id)
    assert store.query_one("SELECT count(*) AS n FROM topics")["n"] == 0
    redo(store, change)
    assert excerpts.excerpt(store, excerpt_id).annotations[0].topic == "Something"


def test_every_change_is_audited(store, contribution):
    before = store.query_one("SELECT count(*) AS n FROM audit")["n"]
    change = excerpts.map_span(store, contribution, ["universalisation"], start=0, end=20)
    excerpts.set_reviewed(store, change.result)
    excerpts.unmap(store, change.result, "universalisation")
    undo(store, change)
    rows = store.query("SELECT author, action FROM audit ORDER BY id")[before:]
    assert [r["action"] for r in rows] == [
        "Map excerpt to Universalisation", "Mark excerpt reviewed",
        "Unmap excerpt from Universalisation", "Undo: Map excerpt to Universalisation"]
    assert {r["author"] for r in rows} == {"tester"}


@pytest.mark.parametrize("start,end", [(-1, 5), (5, 5), (0, 10_000)])
def test_spans_outside_the_text_are_refused(store, contribution, start, end):
    with pytest.raises(UsageError):
        excerpts.map_span(store, contribution, ["universalisation"], start=start, end=end)


def test_unknown_node_and_stance_are_refused(store, contribution):
    with pytest.raises(NotFoundError):
        excerpts.map_span(store, contribution, ["nowhere"], start=0, end=5)
    with pytest.raises(UsageError):
        excerpts.map_span(store, contribution, ["universalisation"], start=0, end=5,
                          stance="adores")
    assert store.query_one("SELECT count(*) AS n FROM excerpts")["n"] == 0


def test_resize_and_update_annotation(store, contribution):
    excerpt_id = excerpts.map_span(store, contribution, ["universalisation"], start=0,
                                   end=20, stance="supports").result
    excerpts.resize_excerpt(store, excerpt_id, start=4, end=30)
    assert excerpts.excerpt(store, excerpt_id).text == PARAS[0][4:30]
    annotation = excerpts.excerpt(store, excerpt_id).annotations[0]
    change = excerpts.update_annotation(store, annotation.id, stance="concern",
                                        topic="Baselines")
    assert excerpts.excerpt(store, excerpt_id).annotations[0].stance == "concern"
    undo(store, change)
    assert excerpts.excerpt(store, excerpt_id).annotations[0].stance == "supports"
