"""A round starts from a draft: its headings become sections, its numbered paragraphs and
actions nodes with their number, label and text, under keys that survive renumbering."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from samples.drafts import (
    OSLO_DRAFT,
    ZERO_DRAFT,
    ZERO_DRAFT_NODES,
    Line,
    draft_bytes,
    oslo_draft_bytes,
    zero_draft_bytes,
)
from samples.revisions import libreoffice_bytes

from lapdesk.core.errors import LapdeskError
from lapdesk.rounds.draft_reader import read_draft
from lapdesk.rounds.round_start import start_round
from lapdesk.rounds.round_store import current_round, round_nodes, rounds
from lapdesk.store import excerpts, framework
from lapdesk.store.changes import undo
from lapdesk.store.connection import open_store

FIXTURES = Path(__file__).parent / "fixtures"


def _flat(tree: list[dict]) -> list[tuple]:
    out = []
    for node in tree:
        out.append((node["key"], node["kind"], node["number"], node["label"], node["text"]))
        out.extend(_flat(node["children"]))
    return out


def test_round_new_reads_the_draft_into_a_new_store(cli, tmp_path):
    draft = tmp_path / "zero.docx"
    draft.write_bytes(zero_draft_bytes())
    store = tmp_path / "round.lapdesk"
    result = cli("--store", store, "round", "new", "--draft", draft, "--json")
    assert result.code == 0, result.err
    made = result.json()
    assert made["created"] is True
    assert made["round"]["symbol"] == "CCM/CONF/2021/WP.1"
    assert made["round"]["title"] == "Draft Lausanne Action Plan"
    assert (made["sections"], made["nodes"]) == (4, 13)
    shown = cli("--store", store, "framework", "--json").json()
    assert _flat(shown) == list(ZERO_DRAFT_NODES)  # the draft alone: no concept note
    assert cli("--store", store, "round", "list", "--json").json()[0]["current"] is True


def test_a_draft_saved_by_libreoffice_reads_the_same():
    data = libreoffice_bytes(zero_draft_bytes(), "docx")
    if data is None:
        pytest.skip("LibreOffice is not installed")
    mine = read_draft(zero_draft_bytes(), "zero.docx")
    theirs = read_draft(data, "zero.docx")
    assert [(n.kind, n.number, n.label, n.text) for n in theirs.nodes] == \
        [(n.kind, n.number, n.label, n.text) for n in mine.nodes]
    assert theirs.symbol == "CCM/CONF/2021/WP.1"


def test_a_file_that_is_not_a_draft_is_one_sentence(cli, tmp_path):
    notes = tmp_path / "notes.docx"
    notes.write_bytes(draft_bytes([Line("Normal", "Some remarks without any number.")]))
    result = cli("--store", tmp_path / "s.lapdesk", "round", "new", "--draft", notes)
    assert result.code == 1
    assert "no numbered paragraph" in result.err and "Traceback" not in result.err
    with pytest.raises(LapdeskError):
        read_draft(b"not a zip", "x.docx")


def test_the_consultation_stays_readable_as_round_one(store):
    """A store of the concept-note consultation starts its draft round in place."""
    from builders import add_text_contribution

    cid = add_text_contribution(store, ["Universalisation first."], contributors=["Austria"])
    excerpts.map_span(store, cid, ["universalisation"], start=0, end=22)
    change = start_round(store, read_draft(zero_draft_bytes(), "zero.docx"),
                         source_name="zero.docx")
    assert [r.kind for r in rounds(store)] == ["consultation", "draft"]
    assert current_round(store).id == change.result
    keys = [n["key"] for n in framework.nodes(store)]
    assert "action_1" in keys and "structure" not in keys
    # The concept note's universalisation keeps its key; the draft's section gets its own.
    assert "universalisation_2" in keys
    first = round_nodes(store, rounds(store)[0].id)
    assert first[0]["key"] == "structure" and len(first) == 48
    assert excerpts.excerpts_of(store, cid)[0].nodes == ("universalisation",)
    undo(store, change)
    assert current_round(store) is None
    assert framework.sections(store)[0]["key"] == "structure"


def test_a_later_draft_keeps_the_keys_of_renumbered_nodes(store):
    start_round(store, read_draft(zero_draft_bytes(), "zero.docx"), source_name="zero.docx")
    first = current_round(store)
    # Rev.1 inserts a new Action 2 and renumbers the rest; Action 4's text is revised.
    rev1 = list(ZERO_DRAFT)
    rev1.insert(6, Line("Normal", "Action 2. States Parties will appoint a focal point."))
    renumbered = []
    for line in rev1:
        for old, new in (("Action 5.", "Action 6."), ("Action 4.", "Action 5."),
                         ("Action 3.", "Action 4."), ("Action 2. States Parties will enc",
                                                      "Action 3. States Parties will enc")):
            if line.text.startswith(old):
                line = Line(line.style, new + line.text[len(old):])
        renumbered.append(line)
    renumbered[13] = Line("Normal", "Action 5. Collect and publish data on victims "
                                    "disaggregated by sex and age.")
    data = draft_bytes(renumbered, symbol="CCM/CONF/2021/WP.1/Rev.1")
    start_round(store, read_draft(data, "rev1.docx"), source_name="rev1.docx")
    now = {n["key"]: n for n in framework.nodes(store)}
    assert now["action_2"]["label"] == "Action 3"        # renumbered, same node
    assert now["action_4"]["label"] == "Action 5"
    assert now["action_4"]["text"].startswith("Collect and publish")
    assert now["action_2_2"]["text"] == "States Parties will appoint a focal point."
    assert current_round(store).revision == 1
    before = {n["key"]: n for n in round_nodes(store, first.id)}
    assert before["action_2"]["label"] == "Action 2"     # the zero draft as it was issued
    assert before["action_4"]["text"].startswith("Collect data")


def test_a_store_from_another_framework_file(tmp_path, cli):
    """Nothing is the LAP's: a store seeded from an Oslo-shaped draft framework, and a round
    on an Oslo-shaped draft."""
    path = tmp_path / "oslo.lapdesk"
    with open_store(path, framework=FIXTURES / "frameworks" / "oslo-shaped-draft.toml") as s:
        nodes = framework.nodes(s)
        assert [n["key"] for n in nodes] == ["universal_adherence", "action_1", "action_2",
                                             "stockpile_destruction", "action_3"]
        assert framework.node(s, "action_3")["text"] == \
            "Destroy all stockpiled mines within four years."
    draft = tmp_path / "oslo.docx"
    draft.write_bytes(oslo_draft_bytes())
    result = cli("--store", tmp_path / "other.lapdesk", "round", "new", "--draft", draft,
                 "--json")
    assert result.code == 0, result.err
    tree = cli("--store", tmp_path / "other.lapdesk", "framework", "--json").json()
    assert [(n["key"], n["label"]) for n in tree[0]["children"]] == [
        ("action_1_1", "Action 1.1"), ("action_1_2", "Action 1.2")]
    assert len(OSLO_DRAFT) == 5


def test_fixture_stores_gain_no_round(tmp_path):
    copy = tmp_path / "v7.lapdesk"
    shutil.copy(FIXTURES / "stores" / "v7-basic.lapdesk", copy)
    with open_store(copy) as s:
        assert current_round(s) is None and framework.sections(s)[0]["key"] == "structure"


def test_undoing_a_round_start_with_replies_logged_in_it_is_refused_and_loses_nothing(store):
    from builders import add_text_contribution

    from lapdesk.store.changes import ChangedSinceError, redo

    change = start_round(store, read_draft(zero_draft_bytes(), "zero.docx"),
                         source_name="zero.docx")
    reply = add_text_contribution(store, ["Action 1: replace 'should' with 'shall'."],
                                  name="Ghana.txt", contributors=["Ghana"])
    before = {t: store.query(f"SELECT * FROM {t}") for t in
              ("rounds", "framework_nodes", "contributions", "settings")}
    with pytest.raises(ChangedSinceError,
                       match="cannot be undone: replies are logged in this round.*Ghana.txt"):
        undo(store, change)
    assert {t: store.query(f"SELECT * FROM {t}") for t in before} == before
    assert current_round(store).id == change.result
    from lapdesk.store import contributions

    contributions.delete_contribution(store, reply)
    undo(store, change)  # with the reply gone, the start can be undone — and redone
    assert current_round(store) is None
    redo(store, change)
    assert current_round(store).id == change.result
