"""Full-text search: accents and case folded, and no user input is read as FTS5 syntax."""

import shutil
from pathlib import Path

import pytest
from builders import add_text_contribution

from lapdesk.store.changes import redo, undo
from lapdesk.store.connection import open_store
from lapdesk.store.contributions import delete_contribution
from lapdesk.store.integrity import check
from lapdesk.store.search import search

STORES = Path(__file__).parent / "fixtures" / "stores"


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


def test_a_deleted_contribution_leaves_search_and_comes_back_with_undo(corpus):
    store, a, _, _ = corpus
    change = delete_contribution(store, a)
    assert search(store, "priorité") == []
    undo(store, change)
    assert [h["contribution_id"] for h in search(store, "priorité")] == [a]
    redo(store, change)
    assert search(store, "priorité") == []
    assert check(store)["ok"]


def test_paragraphs_added_after_an_upgrade_are_found(tmp_path):
    """A version-2 store (insert trigger) upgraded to explicit indexing: old and new text."""
    copy = tmp_path / "v2.lapdesk"
    shutil.copy(STORES / "v2-basic.lapdesk", copy)
    with open_store(copy) as store:
        new = add_text_contribution(store, ["Clearance remains a shared priority."],
                                    contributors=["Chile"])
        assert search(store, "universalisation")
        assert [h["contribution_id"] for h in search(store, "clearance")] == [new]
        assert check(store)["ok"]
