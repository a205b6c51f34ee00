"""Suggested mappings: headings and courtesy recognised, suggestions kept, accepted, rejected."""

import pytest
from builders import add_text_contribution

from lapdesk.analysis import suggest as s
from lapdesk.analysis.courtesy import FORMAL, POLITE, courtesy
from lapdesk.analysis.headings import looks_like_heading, strip_heading
from lapdesk.analysis.lexicon import find_terms, make_term, tokens
from lapdesk.core.errors import NotFoundError, UsageError
from lapdesk.store import excerpts
from lapdesk.store.changes import redo, undo

STRUCTURED = [
    "The Permanent Mission of Austria presents its compliments to the Presidency.",
    "b. On stockpile destruction",
    "States should destroy what remains as soon as possible.",
    "Destruction des stocks",
    "Les États devraient détruire ce qui reste.",
    "B) Destrucción de existencias",
    "Los Estados deberían destruir lo que queda.",
    "Victim Assistance:",
    "Survivors need long-term support.",
    "Transparency: the rate of reporting is too low.",
    "The Mission avails itself of this opportunity to renew the assurances of its highest "
    "consideration.",
]


@pytest.fixture
def structured(store):
    return add_text_contribution(store, STRUCTURED, contributors=["Austria"])


def _by_paragraph(rows):
    result = {}
    for row in rows:
        result.setdefault(row.paragraph, []).append(row.node)
    return result


def test_headings_in_three_languages_place_the_paragraphs_under_them(store, structured):
    rows = s.suggest(store, structured)
    assert _by_paragraph(rows) == {
        2: ["stockpile_destruction"], 4: ["stockpile_destruction"],
        6: ["stockpile_destruction"], 8: ["victim_assistance"], 9: ["transparency"],
    }
    by_index = {row.paragraph: row for row in rows}
    assert by_index[4].reason == "heading \u2018Destruction des stocks\u2019"
    assert by_index[9].reason.startswith("heading \u2018Transparency\u2019")
    row = by_index[2]
    assert set(row.to_json()) >= {"contribution_id", "file_id", "start", "end", "paragraph", "node",
                        "node_title", "confidence", "reason"}
    assert 0 < row.confidence <= 1
    para = store.query("SELECT start, \"end\", text FROM paragraphs WHERE idx = 2")[0]
    assert (row.start, row.end) == (para["start"], para["end"])


def test_prose_is_placed_by_its_terms_with_a_readable_reason(store):
    contribution = add_text_contribution(store, [
        "Dear Ambassador,",
        "We thank the Presidency for the concept note.",
        "Affected States should be able to request an extension of their Article 4 deadline "
        "only with a detailed plan for the clearance of the remaining contaminated land.",
        "Donors should make multi-year funding commitments to affected States.",
    ])
    rows = s.suggest(store, contribution)
    placed = _by_paragraph(rows)
    assert set(placed) == {2, 3}
    assert {n.split(".")[0] for n in placed[2]} == {"clearance_rre"}
    assert "clearance_rre.q3" in placed[2]  # extension requests
    assert placed[3] == ["cooperation_assistance"]
    reason = next(r.reason for r in rows if r.paragraph == 2)
    assert reason.startswith("terms: ") and "Article 4" in reason and "extension" in reason


def test_courtesy_formulas_in_three_languages():
    assert courtesy("La Mission permanente présente ses compliments à la Présidence").strength \
        == FORMAL
    assert courtesy("saluda atentamente a la Presidencia y tiene el honor de").strength == FORMAL
    assert courtesy("renew the assurances of its highest consideration.").strength == FORMAL
    assert courtesy("Austria has no further comments on this section.").strength == FORMAL
    assert courtesy("México agradece a la Presidencia la nota conceptual.").strength == POLITE
    assert courtesy("Stockpiles should be destroyed by the deadline.") is None


def test_heading_shapes():
    assert strip_heading("b. On stockpile destruction") == "stockpile destruction"
    assert strip_heading("B) Destrucción de existencias") == "Destrucción de existencias"
    assert strip_heading("II. Structure of the Lausanne Action Plan:") == \
        "Structure of the Lausanne Action Plan"
    assert looks_like_heading("Victim Assistance:")
    assert looks_like_heading("A long sentence.", heading_level=2)
    assert not looks_like_heading("States should destroy what remains as soon as possible.")


def test_terms_match_word_starts_ignoring_case_and_accents():
    hits = find_terms(tokens("Les VICTIMES et les víctimas; an agency."),
                      [make_term("victim"), make_term("age")])
    assert [h.term.label for h in hits] == ["victim", "victim"]


def test_accept_makes_excerpts_in_one_undoable_change(store, structured):
    rows = s.suggest(store, structured)
    change = s.accept(store, [rows[0].id, rows[1].id])
    made = excerpts.excerpts_of(store, structured)
    assert [(e.start, e.nodes, e.origin) for e in made] == [
        (rows[0].start, ("stockpile_destruction",), "suggestion"),
        (rows[1].start, ("stockpile_destruction",), "suggestion"),
    ]
    assert change.result == [e.id for e in made]
    assert len(s.suggestions(store, structured)) == len(rows) - 2
    undo(store, change)
    assert excerpts.excerpts_of(store, structured) == []
    assert len(s.suggestions(store, structured)) == len(rows)
    redo(store, change)
    assert len(excerpts.excerpts_of(store, structured)) == 2


def test_rejected_suggestions_are_not_made_again(store, structured):
    rows = s.suggest(store, structured)
    s.reject(store, [rows[0].id])
    again = s.suggest(store, structured)
    assert len(again) == len(rows) - 1
    assert rows[0].start not in {r.start for r in again}
    assert s.suggestions(store, structured, state="rejected")[0].id == rows[0].id


def test_accepted_suggestions_are_not_suggested_again(store, structured):
    rows = s.suggest(store, structured)
    s.accept(store, [rows[0].id])
    assert rows[0].start not in {r.start for r in s.suggest(store, structured)}
    with pytest.raises(UsageError):
        s.reject(store, [rows[0].id])


def test_accept_above_a_confidence(store, structured):
    rows = s.suggest(store, structured)
    threshold = sorted({r.confidence for r in rows})[-1]
    change = s.accept_above(store, structured, threshold)
    assert len(change.result) == sum(1 for r in rows if r.confidence >= threshold)
    assert all(r.confidence < threshold for r in s.suggestions(store, structured))
    with pytest.raises(UsageError):
        s.accept_above(store, None, 1.5)


def test_unknown_suggestion_is_a_plain_error(store, structured):
    with pytest.raises(NotFoundError, match="no suggestion number 999"):
        s.accept(store, [999])


def test_manual_mappings_are_not_suggested_again(store, structured):
    rows = s.suggest(store, structured)
    excerpts.map_span(store, structured, ["stockpile_destruction"], start=rows[0].start,
                      end=rows[0].end)
    assert rows[0].start not in {r.start for r in s.suggest(store, structured)}


def test_a_question_sub_heading_places_paragraphs_in_that_question(store):
    contribution = add_text_contribution(store, [
        "Victim Assistance", "Survivors need rehabilitation.", "Indicators",
        "The number of survivors reached by services.",
    ])
    rows = s.suggest(store, contribution)
    assert [(r.paragraph, r.node) for r in rows] == [
        (1, "victim_assistance"), (3, "victim_assistance.q4")]
    assert rows[1].reason == "heading \u2018Victim Assistance \u203a Indicators\u2019"


def test_the_lexicon_is_data_the_team_can_edit(store, tmp_path):
    from lapdesk.analysis.lexicon import load_lexicon
    from lapdesk.analysis.suggester import Suggester
    from lapdesk.core.errors import LapdeskError
    from lapdesk.store import framework

    path = tmp_path / "lexicon.toml"
    path.write_text('[sections.transparency]\nstrong = ["dashboard"]\n', encoding="utf-8")
    suggester = Suggester(framework.nodes(store), load_lexicon(path))
    found = suggester.run([{"text": "A public dashboard would show every State's progress."}])
    assert [(x.node, x.reason) for x in found] == [("transparency", "terms: dashboard")]
    path.write_text('[sections.transparency]\nstrong = "dashboard"\n', encoding="utf-8")
    with pytest.raises(LapdeskError, match="must be a list"):
        load_lexicon(path)
    path.write_text("[sections.transparency\n", encoding="utf-8")
    with pytest.raises(LapdeskError, match="cannot be read"):
        load_lexicon(path)


def test_suggestions_carry_a_stance_hint_never_applied(store):
    contribution = add_text_contribution(store, [
        "La Suisse soutient un indicateur par action, avec une valeur de référence.",
        "Les stocks ont été détruits en 2019.",
    ], language="fr")
    rows = {r.paragraph: r for r in s.suggest(store, contribution)}
    assert rows[0].stance_hint == {"stance": "supports", "confidence": 0.8,
                                      "cue": "soutient"}
    assert rows[1].stance_hint is None
    change = s.accept(store, [rows[0].id])
    assert excerpts.excerpt(store, change.result[0]).annotations == ()


def test_list_items_stay_in_their_section_and_sibling_headings_end_it(store):
    contribution = add_text_contribution(store, [
        "b. Stockpile destruction",
        "1. Destroy all stockpiles by the Article 3 deadline",
        "\u2022 Report on munitions retained for training",
        "States should also share their experience with others",
        "c. Clearance and risk reduction education",
        "Land release should follow the international standards.",
    ])
    placed = _by_paragraph(s.suggest(store, contribution))
    assert {k: {n.split(".")[0] for n in v} for k, v in placed.items()} == {
        1: {"stockpile_destruction"}, 2: {"stockpile_destruction"},
        3: {"stockpile_destruction"}, 5: {"clearance_rre"},
    }


def test_thanks_need_more_than_one_term_and_stance_verbs_are_not_topics(store):
    contribution = add_text_contribution(store, [
        "As a signatory State, Indonesia appreciates the opportunity to contribute.",
        "Ghana supports the idea that stockpiles be destroyed before the Article 3 deadline.",
    ])
    placed = _by_paragraph(s.suggest(store, contribution))
    assert 0 not in placed
    assert {n.split(".")[0] for n in placed[1]} == {"stockpile_destruction"}


def test_suggest_all_leaves_superseded_contributions_out(store, structured):
    from lapdesk.store import contributions

    newer = add_text_contribution(store, STRUCTURED, contributors=["Austria"])
    contributions.update_contribution(store, structured, superseded_by=newer)
    rows = s.suggest_all(store)
    assert {r.contribution_id for r in rows} == {newer}
