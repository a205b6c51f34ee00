"""Amendments found, not typed: from replies that are the draft with tracked changes (made
with python-docx/lxml, and saved again by LibreOffice), from prose instructions in English,
French and Spanish, and from Word comments."""

from __future__ import annotations

import pytest
from rounds_helpers import on_zero_draft
from samples.drafts import tracked_reply_bytes

from lapdesk.ingest.pipeline import import_paths
from lapdesk.rounds.suggest_amendments import suggest
from lapdesk.store import contributions

# Line indexes of tests/samples/drafts.ZERO_DRAFT.
PP2, ACTION_1, ACTION_3, ACTION_4, ACTION_5 = 2, 5, 11, 12, 13


def _reply() -> bytes:
    return tracked_reply_bytes(
        {ACTION_1: [("should", "shall"), (" as soon as possible", "")],
         PP2: [(" in a timely manner", "")],
         ACTION_3: [("|victims", " and their families")]},
        author="Austria", inserted_after={ACTION_4: "Action 4 bis. Report annually."},
        deleted={ACTION_5})


def _import(store, tmp_path, name: str, data: bytes, who: list[str]) -> int:
    path = tmp_path / name
    path.write_bytes(data)
    cid = import_paths(store, [path], workers=1)[0].contribution_id
    contributions.set_contributors_by_names(store, cid, who)
    return cid


EXPECTED = [
    ("pp2", "delete_text", " in a timely manner", ""),
    ("action_1", "replace", "should", "shall"),
    ("action_1", "delete_text", " as soon as possible", ""),
    ("action_3", "insert", "", "and their families"),
    ("action_4", "new_node_after", "", "Report annually."),
    ("action_5", "delete_node", "Involve relevant stakeholders in national coordination.", ""),
]


def _check_tracked(found, draft_texts):
    assert sorted((a.node, a.op, a.old, a.new) for a in found) == sorted(EXPECTED)
    assert {a.source.kind for a in found} == {"tracked_change"}
    assert all([p.name for p in a.proposers] == ["Austria"] for a in found)
    for a in found:  # each span sits where its words are in the draft's text
        if a.op in ("replace", "delete_text"):
            assert draft_texts[a.node][a.span_start:a.span_end] == a.old
    insert = next(a for a in found if a.op == "insert")
    assert draft_texts["action_3"][:insert.span_start].endswith("victims")


def _texts(store):
    from lapdesk.store import framework

    return {n["key"]: n["text"] for n in framework.nodes(store)}


def test_a_tracked_changes_reply_yields_one_amendment_per_change(store, tmp_path):
    on_zero_draft(store)
    cid = _import(store, tmp_path, "Austria.docx", _reply(), ["Austria"])
    _check_tracked(suggest(store, cid), _texts(store))


def test_the_same_reply_saved_by_libreoffice(store, tmp_path):
    from samples.revisions import libreoffice_bytes

    data = libreoffice_bytes(_reply(), "docx")
    if data is None:
        pytest.skip("LibreOffice is not installed")
    on_zero_draft(store)
    cid = _import(store, tmp_path, "Austria_lo.docx", data, ["Austria"])
    _check_tracked(suggest(store, cid), _texts(store))


def test_a_joint_reply_proposes_with_every_contributor(store, tmp_path):
    on_zero_draft(store)
    cid = _import(store, tmp_path, "joint.docx", tracked_reply_bytes(
        {ACTION_1: [("should", "shall")]}, author="Ireland"), ["Ireland", "New Zealand", "Chile"])
    [a] = suggest(store, cid)
    assert [p.name for p in a.proposers] == ["Ireland", "New Zealand", "Chile"]


def test_renumbered_by_an_inserted_paragraph_still_finds_its_node(store, tmp_path):
    """Word's numbers shift when a delegation inserts a paragraph: the text decides."""
    on_zero_draft(store)
    from samples.drafts import ZERO_DRAFT, Line

    lines = list(ZERO_DRAFT)
    lines[ACTION_4] = Line("Normal", "Action 3. Collect data on victims disaggregated by sex "
                                     "and age.")  # the reply's own (wrong) number
    cid = _import(store, tmp_path, "r.docx", tracked_reply_bytes(
        {ACTION_4: [("sex and age", "sex, age and disability")]}, author="Chile", lines=lines),
        ["Chile"])
    [a] = suggest(store, cid)
    assert (a.node, a.op, a.old, a.new) == ("action_4", "replace", "sex and age",
                                            "sex, age and disability")


PROSE = {
    "en": ("Mexico.txt", "Action 1: replace 'should' with 'shall'.\nJustification: a firmer "
                         "commitment.\nIn Action 3, insert after 'victims' the words 'and "
                         "survivors'.\nDelete PP3.\nWe have concerns about Action 4.\n"),
    "fr": ("Senegal.txt", "Action 1 : remplacer « devrait » par « doit ».\nÀ l'action 3, "
                          "insérer après « victimes » les mots « et survivants ».\nSupprimer "
                          "l'alinéa 3 du préambule.\nNous avons des réserves sur l'action 4.\n"),
    "es": ("Colombia.txt", "Acción 1: sustituir «debería» por «deberá».\nEn la acción 3, "
                           "insertar después de «víctimas» las palabras «y sobrevivientes».\n"
                           "Suprimir el párrafo preambular 3.\nTenemos dudas sobre la acción 4.\n"),
}


@pytest.mark.parametrize("lang", sorted(PROSE))
def test_prose_instructions_in_three_languages(store, tmp_path, lang):
    on_zero_draft(store)
    name, text = PROSE[lang]
    who = {"en": "Mexico", "fr": "Senegal", "es": "Colombia"}[lang]
    cid = _import(store, tmp_path, name, text.encode("utf-8"), [who])
    found = suggest(store, cid)
    assert [(a.node, a.op) for a in found] == [
        ("action_1", "replace"), ("action_3", "insert"), ("pp3", "delete_node"),
        ("action_4", "comment")]
    assert {a.source.kind for a in found} == {"instruction"}
    assert all(p.name == who for a in found for p in a.proposers)
    if lang == "en":
        assert found[0].justification == "a firmer commitment."
        assert found[1].span_start == len("Ensure that victims")
        assert found[0].confidence == 0.9
    else:  # the French and Spanish words are not in the English draft: placed by a person
        assert found[0].span_start is None and "not in its text" in found[0].reason


def test_a_word_comment_on_a_passage_is_about_its_node(store, tmp_path):
    from docx import Document

    on_zero_draft(store)
    import io

    from samples.drafts import zero_draft_bytes

    document = Document(io.BytesIO(zero_draft_bytes()))
    target = next(p for p in document.paragraphs if p.text.startswith("Action 4."))
    document.add_comment(target.runs, text="Replace 'sex and age' with 'sex, age and "
                                           "disability'.", author="Chile", initials="CL")
    other = next(p for p in document.paragraphs if p.text.startswith("Action 5."))
    document.add_comment(other.runs, text="Too vague.", author="Chile", initials="CL")
    buffer = io.BytesIO()
    document.save(buffer)
    cid = _import(store, tmp_path, "commented.docx", buffer.getvalue(), ["Chile"])
    found = suggest(store, cid)
    assert [(a.node, a.op, a.source.kind) for a in found] == [
        ("action_4", "replace", "comment"), ("action_5", "comment", "comment")]
    assert found[1].justification == "Too vague."


def test_suggesting_again_keeps_decided_suggestions_away(store, tmp_path):
    from lapdesk.rounds.amendment_writes import accept, dismiss

    on_zero_draft(store)
    cid = _import(store, tmp_path, "Austria.docx", _reply(), ["Austria"])
    first = suggest(store, cid)
    accept(store, [first[0].id])
    dismiss(store, [first[1].id])
    again = suggest(store, cid)
    assert len(again) == len(first) - 2
    assert first[0].id not in {a.id for a in again}


def test_general_comments_on_a_section(store, tmp_path):
    """"On section II ..." in prose, and a Word comment on a heading, are about the section."""
    import io

    from docx import Document
    from samples.drafts import zero_draft_bytes

    on_zero_draft(store)
    cid = _import(store, tmp_path, "Ghana.txt", b"On section II, Ghana would welcome more "
                  b"ambition.\n", ["Ghana"])
    [a] = suggest(store, cid)
    assert (a.node, a.op, a.justification) == ("victim_assistance_2", "comment",
                                               "On section II, Ghana would welcome more "
                                               "ambition.")
    document = Document(io.BytesIO(zero_draft_bytes()))
    heading = next(p for p in document.paragraphs if p.text == "III. Implementation")
    document.add_comment(heading.runs, text="This section needs indicators.", author="Chile")
    buffer = io.BytesIO()
    document.save(buffer)
    cid = _import(store, tmp_path, "Chile.docx", buffer.getvalue(), ["Chile"])
    assert [(a.node, a.op) for a in suggest(store, cid)] == [("implementation", "comment")]
