"""The framework: the concept note's tree, editable in a store, seeded from data files."""

import pytest

from lapdesk.core.errors import LapdeskError, UsageError
from lapdesk.store import framework
from lapdesk.store.changes import undo
from lapdesk.store.connection import open_store

SECTIONS = ["structure", "cross_cutting", "universalisation", "stockpile_destruction",
            "clearance_rre", "victim_assistance", "cooperation_assistance", "transparency",
            "national_implementation"]


def test_the_concept_note_tree(store):
    assert [s["key"] for s in framework.sections(store)] == SECTIONS
    questions = [n for n in framework.nodes(store) if n["kind"] == "question"]
    thematic = [q for q in questions if q["key"].split(".")[0] in SECTIONS[2:]]
    assert len(thematic) == 29
    assert [q["key"] for q in questions if q["key"].startswith("cross_cutting")] == [
        "cross_cutting.q1", "cross_cutting.q2", "cross_cutting.q3"]
    assert framework.node(store, "universalisation")["title_es"] == "Universalización"
    assert framework.question_counts(store)["universalisation"] == 5


def test_add_rename_reorder_remove_and_undo(store):
    add = framework.add_node(store, parent_key="cross_cutting", key="cross_cutting.gender",
                             title="Gender and diversity", position=0)
    keys = [n["key"] for n in framework.nodes(store) if n["key"].startswith("cross_cutting.")]
    assert keys[0] == "cross_cutting.gender"
    framework.update_node(store, "cross_cutting.gender", title="Gender and diversity (GD)")
    assert framework.node(store, "cross_cutting.gender")["title"] == "Gender and diversity (GD)"
    move = framework.move_node(store, "victim_assistance", 0)
    assert framework.sections(store)[0]["key"] == "victim_assistance"
    undo(store, move)
    assert [s["key"] for s in framework.sections(store)] == SECTIONS
    remove = framework.remove_node(store, "transparency")
    assert "transparency.q1" not in {n["key"] for n in framework.nodes(store)}
    undo(store, remove)
    assert framework.node(store, "transparency.q3")["parent_id"] == framework.node(
        store, "transparency")["id"]
    undo(store, add)
    assert [n["key"] for n in framework.nodes(store) if n["key"].startswith(
        "cross_cutting.")] == ["cross_cutting.q1", "cross_cutting.q2", "cross_cutting.q3"]


def test_bad_keys_are_refused(store):
    with pytest.raises(UsageError):
        framework.add_node(store, parent_key=None, key="Bad Key", title="x")
    with pytest.raises(UsageError):
        framework.add_node(store, parent_key=None, key="transparency", title="x")


def test_a_store_can_start_from_another_framework_file(tmp_path):
    other = tmp_path / "zero-draft.toml"
    other.write_text('[framework]\nid = "zero"\n[[nodes]]\nkey = "actions"\nkind = "part"\n'
                     'title = "Actions"\n  [[nodes.children]]\n  key = "actions.a1"\n'
                     '  kind = "section"\n  title = "Action 1"\n')
    with open_store(tmp_path / "z.lapdesk", framework=other) as store:
        assert [n["key"] for n in framework.nodes(store)] == ["actions", "actions.a1"]


def test_a_broken_framework_file_is_explained(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("[[nodes]]\nkey = 'x'\n")
    with pytest.raises(LapdeskError, match="needs a kind and a title"):
        framework.load_framework_file(bad)
