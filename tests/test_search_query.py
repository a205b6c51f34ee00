"""The search field's little language: phrases, prefixes, AND/OR in capitals, all else words.

Each case is what a user of the Presidency's team might type, in English, French or Spanish,
and the FTS5 expression it must become.  The last tests run arbitrary text against a real
store: no input raises.
"""

from __future__ import annotations

import pytest
from builders import add_text_contribution
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lapdesk.store.search import count_hits, search, search_page
from lapdesk.store.search_query import Query, Term, parse

CASES = [
    # plain words, accents and case left to the index's tokenizer
    ("universalisation", '"universalisation"'),
    ("Universalización de la Convención", '"Universalización" AND "de" AND "la" AND "Convención"'),
    ("  victim   assistance ", '"victim" AND "assistance"'),
    ("États parties", '"États" AND "parties"'),
    # phrases in every quotation mark of the three languages
    ('"États parties"', '"États parties"'),
    ("« États parties »", '"États parties"'),
    ("«États parties»", '"États parties"'),
    ("“States Parties”", '"States Parties"'),
    ("„Vertragsstaaten“", '"Vertragsstaaten"'),
    ('« asistencia a las víctimas » cooperación', '"asistencia a las víctimas" AND "cooperación"'),
    ('"States Parties" "risk education"', '"States Parties" AND "risk education"'),
    ('say"hi there"', '"say" AND "hi there"'),
    # a quotation left open runs to the end (still being typed); empty ones vanish
    ('"États part', '"États part"'),
    ('destruction "stockpile', '"destruction" AND "stockpile"'),
    ('""', ""),
    ('" "', ""),
    ('« »', ""),
    ('"', ""),
    ('»', ""),
    ("Chile »", '"Chile"'),
    # apostrophes stay inside their word: the index cut l'action into a phrase of its parts
    ("l'action", "\"l'action\""),
    ("l’universalisation", '"l’universalisation"'),
    ("« l'action »", "\"l'action\""),
    ("States' obligations", "\"States'\" AND \"obligations\""),
    # prefixes
    ("destruct*", '"destruct" *'),
    ("destruc* existenc*", '"destruc" * AND "existenc" *'),
    ("destruct**", '"destruct" *'),
    ('"États part*"', '"États part" *'),
    ('"États part"*', '"États part" *'),
    ("l'act*", "\"l'act\" *"),
    ("*", ""),
    ("* *", ""),
    ("**", ""),
    ("*destruction", '"*destruction"'),
    # AND / OR in capitals only, between two terms
    ("mines AND clearance", '"mines" AND "clearance"'),
    ("mines OR clearance", '("mines" OR "clearance")'),
    ("victim assistance OR disability", '"victim" AND ("assistance" OR "disability")'),
    ("a OR b OR c", '("a" OR "b" OR "c")'),
    ("a OR b c OR d", '("a" OR "b") AND ("c" OR "d")'),
    ('"States Parties" OR signatories', '("States Parties" OR "signatories")'),
    ("destruct* OR stockpil*", '("destruct" * OR "stockpil" *)'),
    ("or", '"or"'),
    ("and", '"and"'),
    ("or et argent", '"or" AND "et" AND "argent"'),
    ("mines and clearance", '"mines" AND "and" AND "clearance"'),
    ("mines or clearance", '"mines" AND "or" AND "clearance"'),
    ("Or And", '"Or" AND "And"'),
    ("AND", '"AND"'),
    ("OR", '"OR"'),
    ("AND OR", '"AND" AND "OR"'),
    ("OR mines", '"OR" AND "mines"'),
    ("mines OR", '"mines" AND "OR"'),
    ("mines AND", '"mines" AND "AND"'),
    ("mines AND OR clearance", '"mines" AND ("AND" OR "clearance")'),
    ("mines OR * clearance", '("mines" OR "clearance")'),  # a lone star is nothing
    ('"AND"', '"AND"'),
    ("NOT mines", '"NOT" AND "mines"'),
    ("ANDORRA", '"ANDORRA"'),
    # hyphens, slashes, signs: words of their parts, signs alone left out
    ("risk-reduction", '"risk-reduction"'),
    ("risk - education", '"risk" AND "education"'),
    ("-mines", '"-mines"'),
    ("ratification/accession", '"ratification/accession"'),
    ("CCM/CONF/2020", '"CCM/CONF/2020"'),
    ("NEAR(a b)", '"NEAR(a" AND "b)"'),
    ("col:umn ^x", '"col:umn" AND "^x"'),
    ("( )", ""),
    ("¶ § – —", ""),
    # numbers
    ("12 bis", '"12" AND "bis"'),
    ('"12 bis"', '"12 bis"'),
    ("article 4(1)(a)", '"article" AND "4(1)(a)"'),
    ("2020", '"2020"'),
    ("²", '"²"'),
    # a quotation mark inside a phrase is doubled for FTS5
    ('« dit "non" »', '"dit" AND "non"'),
    ("", ""),
    ("   ", ""),
    # control characters separate words (FTS5 would stop reading at a NUL)
    ("mines\x00clearance", '"mines" AND "clearance"'),
    ('"mines\x00 clearance"', '"mines  clearance"'),
]


@pytest.mark.parametrize(("text", "fts"), CASES)
def test_what_each_query_means(text, fts):
    assert parse(text).fts() == fts


def test_the_query_is_a_typed_record():
    query = parse('"États parties" OR destruct* mines')
    assert query == Query(((Term("États parties", phrase=True), Term("destruct", prefix=True)),
                           (Term("mines"),)))
    assert not query.empty and parse("* «»").empty


def test_a_quote_inside_a_term_cannot_end_the_fts5_string():
    assert Term('say "hi', phrase=True).fts() == '"say ""hi"'


def test_a_lone_surrogate_separates_words_and_reaches_no_index(store):
    """Text pasted from a broken document can hold half a UTF-16 pair, which no UTF-8 holds
    (found by the property test below)."""
    add_text_contribution(store, ["Victim assistance in every State."])
    assert parse("victim\ud800assistance").fts() == '"victim" AND "assistance"'
    assert len(search_page(store, "victim\ud800assistance").hits) == 1


@pytest.fixture
def treaty(store):
    ids = {
        "fr": add_text_contribution(store, ["Les États parties ont décidé de la destruction.",
                                            "L'action 12 bis concerne l'assistance."],
                                    contributors=["France"], language="fr"),
        "fr2": add_text_contribution(store, ["Les États non parties sont invités."],
                                     contributors=["Senegal"], language="fr"),
        "es": add_text_contribution(store, ["La destrucción de las existencias avanza."],
                                    contributors=["Mexico"], language="es"),
        "en": add_text_contribution(store, ["Stockpile destruction and clearance of mines.",
                                            "Risk-reduction education OR awareness."],
                                    contributors=["Austria"]),
    }
    return store, ids


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.sampled_from(list('"«»“”„*()-:^+\'’ ANDORandor éÉñ12\t')) | st.characters(),
               max_size=40))
def test_no_input_raises_on_a_real_store(treaty, text):
    store, _ids = treaty
    query = parse(text)
    page = search_page(store, text)
    counts = count_hits(store, text)
    assert counts.passages >= len([h for h in page.hits])
    assert query.empty == (query.fts() == "")
    search(store, text, limit=3)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60))
def test_parsing_any_text_never_raises(text):
    fts = parse(text).fts()
    assert fts.count('"') % 2 == 0
