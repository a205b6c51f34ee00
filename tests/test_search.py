"""Full-text search: accents and case folded, and no user input is read as FTS5 syntax."""

import pytest
from builders import add_text_contribution

from lapdesk.store.search import search


@pytest.fixture
def corpus(store):
    a = add_text_contribution(store, ["La universalisation reste une priorité.",
                                      "Rien d'autre."], contributors=["France"], language="fr")
    b = add_text_contribution(store, ["La Universalización de la Convención es clave."],
                              contributors=["Mexico"], language="es")
    c = add_text_contribution(store, ["Universalisation: ratification/accession of new States;"
                                      " risk-reduction education; CCM/CONF/2020 documents."],
                              contributors=["Austria"])
    return store, a, b, c


@pytest.mark.parametrize("query", ["universalisation", "Universalización", "universalizacion",
                                   "UNIVERSALISATION"])
def test_diacritics_and_case_do_not_matter(corpus, query):
    store, a, b, c = corpus
    found = {hit["contribution_id"] for hit in search(store, query)}
    if query.lower().startswith("universalis"):
        assert found == {a, c}
    else:
        assert found == {b}


def test_priorite_matches_priorite(corpus):
    store, a, _, _ = corpus
    assert [h["contribution_id"] for h in search(store, "PRIORITE")] == [a]


@pytest.mark.parametrize("query", ["ratification/accession", "risk-reduction",
                                   "l'universalisation", "CCM/CONF/2020", 'say "hi', "AND",
                                   "NEAR(", "*", "-", "col:umn", "^x"])
def test_awkward_queries_never_raise(corpus, query):
    store = corpus[0]
    search(store, query)


def test_hits_carry_offsets_and_snippet(corpus):
    store, _, _, c = corpus
    hits = search(store, "ratification/accession")
    assert hits and hits[0]["contribution_id"] == c
    hit = hits[0]
    assert hit["paragraph"] == 0 and hit["start"] == 0 and hit["end"] > 50
    assert "«ratification/accession»" in hit["snippet"]
