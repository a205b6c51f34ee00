"""The name index: folding that keeps positions, the longest name first, acronyms in capitals."""

import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from lapdesk.ingest import name_index
from lapdesk.ingest.name_index import DetectionIndex, normalise

ENTRIES = [
    {"id": 1, "name": "Guinea", "iso3": "GIN", "aliases": ["Guinée"]},
    {"id": 2, "name": "Guinea-Bissau", "iso3": "GNB", "aliases": ["Guinée-Bissau"]},
    {"id": 3, "name": "Papua New Guinea", "iso3": "PNG", "aliases": []},
    {"id": 4, "name": "European Union", "iso3": None, "aliases": ["EU", "UE"]},
    {"id": 5, "name": "Côte d'Ivoire", "iso3": "CIV", "aliases": ["Ivory Coast"]},
    {"id": 6, "name": "Congo", "iso3": "COG", "aliases": []},
    {"id": 7, "name": "Democratic Republic of the Congo", "iso3": "COD", "aliases": []},
    {"id": 8, "name": "Georgia", "iso3": "GEO", "aliases": ["Géorgie"]},
    {"id": 9, "name": "Géorgie", "iso3": None, "aliases": []},  # clashes with 8's alias
]


INDEX = DetectionIndex(ENTRIES)


@pytest.fixture
def index():
    return INDEX


def names(index, text):
    return [(text[s:e], i) for s, e, i in index.matches(text, normalise(text))]


def test_longest_name_and_earliest_start_win(index):
    text = ("Guinea-Bissau, Guinea Bissau, Guinée-Bissau, Guinea, Papua New Guinea, "
            "the Democratic Republic of the Congo and the Congo")
    assert names(index, text) == [
        ("Guinea-Bissau", 2), ("Guinea Bissau", 2), ("Guinée-Bissau", 2), ("Guinea", 1),
        ("Papua New Guinea", 3), ("Democratic Republic of the Congo", 7), ("Congo", 6)]


def test_names_are_whole_words_accent_and_case_aside(index):
    assert names(index, "GUINEE, guinea-pigs, Guineas, Côte d’Ivoire") == [
        ("GUINEE", 1), ("guinea", 1), ("Côte d’Ivoire", 5)]


def test_acronyms_only_in_capitals(index):
    assert names(index, "nous avons eu; the EU and l'UE") == [("EU", 4), ("UE", 4)]


def test_an_alias_shared_by_two_entries_is_dropped(index):
    assert names(index, "Géorgie and Georgia") == [("Georgia", 8)]


def test_match_at_reads_one_name_at_a_position(index):
    text = "by Guinea-Bissau and"
    assert index.match_at(text, normalise(text), 3) == (3, 16, 2)
    assert index.match_at(text, normalise(text), 0) is None


def test_codes_for_file_names_and_domains(index):
    assert index.file_code("GNB") == 2 and index.file_code("GW") == 2
    assert index.file_code("gnb") is None and index.file_code("ES") is None
    assert index.domain_code("ci") == 5 and index.domain_code("org") is None


@given(st.text(max_size=200))
def test_normalise_keeps_the_length(text):
    assert len(normalise(text)) == len(text)


PIECES = ["Guinea", "Guinée", "-Bissau", " Bissau", "EU", "eu", "Congo", "Democratic Republic of "
          "the ", " ", "-", "ß", "ﬁ", "\u0301", ",", "’", "x"]


@example("ßDemocratic Republic of the Guinea\u0301")  # one char grows, one vanishes: same length
@given(st.lists(st.sampled_from(PIECES), max_size=12).map("".join))
def test_every_match_quotes_the_original_at_its_position(text):
    for start, end, contributor_id in INDEX.matches(text, normalise(text)):
        quoted = " ".join(normalise(text[start:end]).replace("-", " ").split())
        assert INDEX.ids_by_name[quoted] == contributor_id


@settings(max_examples=200, deadline=None)
@given(st.from_regex(re.compile(name_index._BODIES.pattern.removeprefix(r"(?<!\w)")
                                .removesuffix(r"(?!\w)")), fullmatch=True))
def test_every_authority_word_holds_one_of_the_hints_looked_for_first(body):
    """The quick look for hints must never skip a paragraph the pattern would read."""
    assert any(hint in body for hint in name_index._BODY_HINTS)
