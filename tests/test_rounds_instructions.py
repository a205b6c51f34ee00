"""Prose instructions: precision and recall on the labelled set (written before the parser)
and the held-out set (written after it), printed; and the forms the issue names."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from lapdesk.rounds.instructions import parse, parse_paragraph
from lapdesk.rounds.references import Target, find_references, node_reference, resolve

SETS = Path(__file__).parent / "fixtures" / "instructions"


def _score(name: str) -> tuple[float, float, list[str]]:
    cases = tomllib.loads((SETS / name).read_text(encoding="utf-8"))["case"]
    proposed = expected = correct = 0
    misses = []
    for case in cases:
        found = parse(case["text"])
        want = None if case["op"] == "none" else (
            case["target"], case["op"], case.get("old", ""), case.get("new", ""),
            case.get("position", ""))
        got = None if found is None else (str(found.target), found.op, found.old, found.new,
                                          found.position)
        proposed += got is not None
        expected += want is not None
        if want is not None and got == want:
            correct += 1
        elif want != got:
            misses.append(f"{case['text']!r}: {got}")
    return correct / proposed, correct / expected, misses


@pytest.mark.parametrize(("name", "floor"), [("labelled.toml", 0.95), ("holdout.toml", 0.8),
                                           ("holdout2.toml", 0.8)])
def test_precision_and_recall(name, floor):
    precision, recall, misses = _score(name)
    print(f"\n{name}: precision {precision:.2f}, recall {recall:.2f}")
    for miss in misses:
        print("  missed", miss)
    assert precision >= floor and recall >= floor


def test_the_sets_are_big_enough_and_in_three_languages():
    cases = tomllib.loads((SETS / "labelled.toml").read_text(encoding="utf-8"))["case"]
    assert len(cases) >= 60
    assert {c["lang"] for c in cases} == {"en", "fr", "es"}


@pytest.mark.parametrize(("text", "expected"), [
    ("Action 12", "action 12"), ("action 12 (b)", "action 12 (b)"), ("para. 5 (b)", "para 5 (b)"),
    ("paragraph 12 bis", "para 12 bis"), ("OP3", "op 3"), ("PP2", "pp 2"),
    ("l'action 12", "action 12"), ("au paragraphe 5", "para 5"), ("la acción 12", "action 12"),
    ("en el párrafo 5", "para 5"), ("actions 3 to 5", "action 3-5"),
])
def test_references_the_issue_names(text, expected):
    [found] = find_references(text)
    assert str(found) == expected


def test_a_range_and_a_fallback_resolve_to_nodes():
    targets = [Target(f"a{n}", node_reference(f"Action {n}", str(n))) for n in range(1, 7)]
    targets.append(Target("p3", node_reference("3", "3")))
    assert resolve(find_references("actions 3 to 5")[0], targets) == ["a3", "a4", "a5"]
    # "operative paragraph 3" of a draft whose paragraphs are just numbered
    assert resolve(find_references("OP3")[0], targets) == ["p3"]
    assert resolve(find_references("PP9")[0], targets) == []


def test_a_paragraph_with_two_instructions():
    found = parse_paragraph("Action 1: replace 'should' with 'shall'. Action 2: delete "
                            "'where appropriate'.")
    assert [(str(i.target), i.op) for i in found] == [("action 1", "replace"),
                                                      ("action 2", "delete_text")]
    assert found[1].start == len("Action 1: replace 'should' with 'shall'. ")
