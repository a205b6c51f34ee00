"""Amendments as recorded changes: targets, operations, proposers, decisions and the text
that results; undoable and audited like every edit."""

from __future__ import annotations

import pytest
from builders import add_text_contribution
from rounds_helpers import on_zero_draft

from lapdesk.core.errors import UsageError
from lapdesk.rounds.amendment_writes import decide, record_amendment
from lapdesk.rounds.amendments import amendment, amendments_of_node
from lapdesk.rounds.revision import fate
from lapdesk.store import framework
from lapdesk.store.changes import redo, undo
from lapdesk.store.contributions import delete_contribution


@pytest.fixture
def draft_store(store):
    on_zero_draft(store)
    return store


def _joint(store) -> int:
    return add_text_contribution(
        store, ["Action 1: replace 'should' with 'shall'."], name="joint.txt",
        contributors=["Ireland", "New Zealand", "Chile"])


def test_an_amendment_is_recorded_on_an_excerpt_with_its_proposers(draft_store):
    store = draft_store
    cid = _joint(store)
    change = record_amendment(store, node_key="action_1", op="replace", old="should",
                              new="shall", contribution_id=cid, start=0, end=40,
                              justification="Firmer commitment.")
    a = amendment(store, change.result)
    assert (a.node, a.label, a.op, a.span_start, a.span_end) == ("action_1", "Action 1",
                                                                 "replace", 15, 21)
    assert [p.name for p in a.proposers] == ["Ireland", "New Zealand", "Chile"]
    excerpt = store.query_one("SELECT * FROM excerpts WHERE id = ?", (a.excerpt_id,))
    assert excerpt["text"] == "Action 1: replace 'should' with 'shall'."
    mapped = store.query_one("SELECT n.key FROM mappings m JOIN framework_nodes n"
                             " ON n.id = m.node_id WHERE m.excerpt_id = ?", (a.excerpt_id,))
    assert mapped["key"] == "action_1"
    audit = store.query("SELECT action FROM audit ORDER BY id DESC LIMIT 1")[0]["action"]
    assert audit == "Record an amendment to Action 1"
    undo(store, change)
    assert store.query_one("SELECT count(*) AS n FROM amendments")["n"] == 0
    assert store.query_one("SELECT count(*) AS n FROM excerpts")["n"] == 0
    redo(store, change)
    assert amendment(store, change.result).proposers[2].name == "Chile"


def test_retained_amendments_apply_together_where_they_do_not_overlap(draft_store):
    store = draft_store
    one = record_amendment(store, node_key="action_1", op="replace", old="should",
                           new="shall").result
    two = record_amendment(store, node_key="action_1", op="replace",
                           old="as soon as possible", new="by 2026").result
    three = record_amendment(store, node_key="action_1", op="insert", new="all",
                             span=(29, 29)).result  # before "adherence"
    for a in (one, two, three):
        decide(store, a, "retained")
    assert amendment(store, three).result_text == \
        "States Parties shall promote all adherence to the Convention by 2026."
    overlapping = record_amendment(store, node_key="action_1", op="delete_text",
                                   old="should promote").result
    with pytest.raises(UsageError, match="change the same words: give the text"):
        decide(store, overlapping, "retained")
    assert amendment(store, overlapping).decision == "undecided"  # nothing was written
    decide(store, overlapping, "retained", text="States Parties shall adhere by 2026.")
    later = record_amendment(store, node_key="action_1", op="replace", old="2026",
                             new="2025").result
    decide(store, later, "retained")  # applies on the written text, where "2026" is once
    assert amendment(store, later).result_text == "States Parties shall adhere by 2025."


def test_decisions_that_need_the_resulting_text(draft_store, cli, store_path):
    store = draft_store
    a = record_amendment(store, node_key="pp2", op="delete_text",
                         old=" in a timely manner").result
    with pytest.raises(UsageError, match="needs the text"):
        decide(store, a, "retained_as_amended")
    with pytest.raises(UsageError, match="not a decision"):
        decide(store, a, "approved")
    change = decide(store, a, "not_retained")
    assert fate(framework.node(store, "pp2")["text"],
                amendments_of_node(store, framework.node(store, "pp2")["id"])).changed is False
    undo(store, change)
    assert amendment(store, a).decision == "undecided"


def test_deleting_a_contribution_takes_its_amendments_and_undo_brings_them_back(draft_store):
    store = draft_store
    cid = _joint(store)
    record_amendment(store, node_key="action_1", op="replace", old="should", new="shall",
                     contribution_id=cid, start=0, end=40)
    change = delete_contribution(store, cid)
    assert store.query_one("SELECT count(*) AS n FROM amendments")["n"] == 0
    undo(store, change)
    restored = store.query("SELECT * FROM amendment_contributors")
    assert len(restored) == 3


def test_the_cli_lists_decides_and_shows(tmp_path, cli):
    from samples.drafts import zero_draft_bytes

    draft = tmp_path / "zero.docx"
    draft.write_bytes(zero_draft_bytes())
    reply = tmp_path / "Ghana.txt"
    reply.write_text("Action 1: replace 'should' with 'shall'.\nDelete Action 5.\n",
                     encoding="utf-8")
    s = tmp_path / "s.lapdesk"
    assert cli("--store", s, "round", "new", "--draft", draft).code == 0
    assert cli("--store", s, "import", reply).code == 0
    suggested = cli("--store", s, "amendments", "--suggested", "--json").json()
    assert [(a["node"], a["op"], a["status"]) for a in suggested] == [
        ("action_1", "replace", "suggested"), ("action_5", "delete_node", "suggested")]
    assert suggested[0]["source"]["kind"] == "instruction"
    assert suggested[0]["proposers"][0]["name"] == "Ghana"
    assert cli("--store", s, "amendments", "--json").json() == []
    accepted = cli("--store", s, "amendments", "--accept", suggested[0]["id"], "--json").json()
    assert [a["status"] for a in accepted] == ["recorded"]
    decided = cli("--store", s, "decide", suggested[0]["id"], "--decision", "retained",
                  "--json").json()
    assert decided["result_text"] == ("States Parties shall promote adherence to the "
                                      "Convention as soon as possible.")
    shown = cli("--store", s, "show", decided["source"]["contribution_id"], "--json").json()
    assert [a["id"] for a in shown["amendments"]] == [decided["id"]]
    assert [a["op"] for a in shown["suggested_amendments"]] == ["delete_node"]
    assert shown["excerpts"][0]["nodes"] == ["action_1"]
    wrong = cli("--store", s, "decide", suggested[1]["id"], "--decision", "retained")
    assert wrong.code == 2 and "accept it first" in wrong.err
    assert cli("--store", s, "amendments", "--node", "action_5", "--accept-all",
               "--json").json()[0]["op"] == "delete_node"
    assert cli("--store", s, "decide", "99", "--decision", "merged", "--text", "x").code == 1


def test_supporters_beside_the_proposers(draft_store):
    from lapdesk.export.round_sources import gather_round
    from lapdesk.rounds.amendment_writes import set_supporters
    from lapdesk.store import registry

    store = draft_store
    cid = _joint(store)
    a = record_amendment(store, node_key="action_1", op="replace", old="should", new="shall",
                         contribution_id=cid, start=0, end=40).result
    ghana, ireland = registry.find(store, "Ghana")["id"], registry.find(store, "Ireland")["id"]
    change = set_supporters(store, a, [ghana, ireland])  # Ireland proposes it already
    assert [p.name for p in amendment(store, a).supporters] == ["Ghana"]
    assert gather_round(store).proposers(amendment(store, a)) == \
        "Ireland, New Zealand, Chile; supported by Ghana"
    undo(store, change)
    assert amendment(store, a).supporters == ()
