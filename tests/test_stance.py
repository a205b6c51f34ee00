"""Stance hints from wording in English, French and Spanish (shown, never applied)."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lapdesk.analysis.stance import stance_hint


@pytest.mark.parametrize(("text", "stance", "cue"), [
    ("Switzerland supports one indicator per action.", "supports", "supports"),
    ("Austria welcomes the idea of a baseline.", "supports", "welcomes"),
    ("The CMC is not in favour of reducing the reporting frequency.", "opposes",
     "is not in favour"),
    ("Belgium does not support a separate chapter on gender.", "opposes", "does not support"),
    ("La France soutient un dialogue régulier avec les États non parties.", "supports",
     "soutient"),
    ("La France n'est pas favorable à la multiplication des indicateurs.", "opposes",
     "n'est pas favorable"),
    ("La France n’est pas favorable à un indicateur par action.", "opposes",
     "n’est pas favorable"),
    ("México apoya que cada acción cuente con un indicador.", "supports", "apoya"),
    ("El Perú se opone a que el plan contenga un número excesivo de indicadores.", "opposes",
     "se opone"),
    ("Chile no apoya esta propuesta.", "opposes", "no apoya"),
    ("Austria is concerned by the number of States Parties that have not declared stockpiles.",
     "concern", "is concerned"),
    ("Le Sénégal est préoccupé par la baisse des financements.", "concern", "préoccup"),
    ("México propone que el formulario se simplifique.", "proposes", "propone"),
    ("The ICRC recommends that risk education be integrated with clearance.", "proposes",
     "recommends"),
    ("Le Liban se demande si un indicateur par action est réaliste.", "question",
     "se demande si"),
])
def test_hints(text, stance, cue):
    hint = stance_hint(text)
    assert hint is not None
    assert (hint["stance"], hint["cue"]) == (stance, cue)
    assert 0 < hint["confidence"] <= 1


def test_opposition_outranks_support_in_the_same_passage():
    hint = stance_hint("Austria supports the goal but cannot accept a deadline of 2025.")
    assert hint["stance"] == "opposes"
    assert hint["cue"] == "cannot accept"


def test_no_hint_for_neutral_text_or_courtesy_formulas():
    assert stance_hint("Stockpiles were destroyed in 2015.") is None
    assert stance_hint("The Permanent Mission presents its compliments to the Presidency and "
                       "welcomes the concept note.") is None


def test_language_restricts_the_wording_looked_for():
    assert stance_hint("Chile apoya la propuesta.", "en") is None
    assert stance_hint("Chile apoya la propuesta.", "es")["stance"] == "supports"


def _words_of_cues() -> list[str]:
    """Words the cues are written with (and a few that are not), to build passages from."""
    import re

    from lapdesk.analysis import courtesy as c
    from lapdesk.analysis import stance as s

    patterns = [*c._FORMAL, *c._POLITE,
                *(p for _, _, by_language in s._CUES for ps in by_language.values() for p in ps)]
    words = {w for p in patterns for w in re.findall(r"[a-z']+", re.sub(r"\\[bs]", " ", p))}
    return sorted(words | {"Austria", "the", "indicators", "États", "acción", "n’est", "."})


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_words_of_cues()), max_size=14),
       st.sampled_from(["en", "fr", "es", None]))
def test_the_one_search_that_tells_passages_without_cues_changes_no_hint(words, language):
    """The prefilter (every cue in one search) against trying each cue in turn."""
    from lapdesk.analysis import courtesy as c
    from lapdesk.analysis import stance as s

    text = " ".join(words)
    folded = c.fold(" ".join(text.split())).replace("\u2019", "'")
    formal = next((p.search(folded) for p in c._FORMAL_RE if p.search(folded)), None)
    polite = next((p.search(folded) for p in c._POLITE_RE if p.search(folded)), None)
    expected = (c.Courtesy(c.FORMAL, formal.group().strip()) if formal else
                c.Courtesy(c.POLITE, polite.group().strip()) if polite else None)
    assert c.courtesy(text) == expected
    original = s._ANY_CUE
    try:
        hint = stance_hint(text, language)
        s._ANY_CUE = {lang: re.compile("") for lang in original}  # every language tried
        assert hint == stance_hint(text, language)
    finally:
        s._ANY_CUE = original
