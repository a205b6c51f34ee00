"""Full-text search: accents and case folded, phrases, prefixes, AND/OR, reading order in pages;
no user input is an FTS5 syntax error."""

import shutil
from pathlib import Path

import pytest
from builders import add_text_contribution

from lapdesk.core.revisions import Anchor, Comment
from lapdesk.core.text import Paragraph
from lapdesk.store import intake
from lapdesk.store.changes import redo, undo
from lapdesk.store.connection import open_store
from lapdesk.store.contributions import delete_contribution
from lapdesk.store.integrity import check
from lapdesk.store.marks import add_marks
from lapdesk.store.search import _PAGE_SQL, Place, SearchCounts, count_hits, search, search_page

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


# --- phrases, prefixes, AND / OR on a real store; reading order and pages --------------------

@pytest.fixture
def treaty(store):
    ids = {
        "france": add_text_contribution(store, [
            "Les États parties ont décidé de la destruction des stocks.",
            "L'action 12 bis concerne l'assistance aux victimes."],
            contributors=["France"], language="fr"),
        "senegal": add_text_contribution(store, ["Les États non parties sont invités à adhérer."],
                                         contributors=["Senegal"], language="fr"),
        "mexico": add_text_contribution(store, ["La destrucción de las existencias avanza.",
                                                "Los Estados Partes cooperan."],
                                        contributors=["Mexico"], language="es"),
        "austria": add_text_contribution(store, ["Stockpile destruction has been completed.",
                                                 "Clearance of contaminated land continues.",
                                                 "Risk-reduction education reaches schools."],
                                         contributors=["Austria"]),
    }
    return store, ids


def found(store, query):
    return [(h["contribution_id"], h["paragraph"]) for h in search(store, query)]


def test_a_quoted_phrase_finds_the_phrase_and_not_its_words_apart(treaty):
    store, ids = treaty
    assert found(store, '"États parties"') == [(ids["france"], 0)]
    assert found(store, "« etats parties »") == [(ids["france"], 0)]
    assert found(store, "États parties") == [(ids["france"], 0), (ids["senegal"], 0)]
    assert found(store, '"parties États"') == []


def test_a_prefix_finds_every_word_it_starts(treaty):
    store, ids = treaty
    assert found(store, "destruct") == []  # a word is a whole word
    assert found(store, "destruct*") == [(ids["france"], 0), (ids["austria"], 0)]
    assert found(store, "destruc*") == [(ids["france"], 0), (ids["mexico"], 0),
                                        (ids["austria"], 0)]
    assert found(store, '"États part*"') == [(ids["france"], 0)]
    assert found(store, "Estad* Part*") == [(ids["mexico"], 1)]


def test_and_or_in_capitals_and_as_words_in_lower_case(treaty):
    store, ids = treaty
    assert found(store, "stockpile OR existencias") == [(ids["mexico"], 0), (ids["austria"], 0)]
    assert found(store, "destruction AND stocks") == [(ids["france"], 0)]
    assert found(store, "destruction stocks") == found(store, "destruction AND stocks")
    assert found(store, "clearance OR education land") == [(ids["austria"], 1)]
    assert found(store, "stockpile or existencias") == []  # "or" is a word here
    assert found(store, "OR") == []  # the word "or", in no paragraph
    assert found(store, "risk - education") == [(ids["austria"], 2)]  # a lone sign is nothing
    assert found(store, "risk-reduction") == [(ids["austria"], 2)]
    assert found(store, "l'action 12 bis") == [(ids["france"], 1)]
    assert found(store, '"12 bis"') == [(ids["france"], 1)]


def test_hits_come_in_reading_order_a_page_at_a_time(store):
    """Contribution by contribution, paragraph by paragraph, even for paragraphs stored later
    (a file read again, whose paragraphs get new ids)."""
    ids = [add_text_contribution(store, [f"Clearance {n}.{i} advances." for i in range(7)])
           for n in range(5)]
    later = add_text_contribution(store, ["Clearance of the annex."])
    with store.transaction():  # move the last contribution's paragraph to the front of it
        store.execute("UPDATE paragraphs SET idx = -1 WHERE contribution_id = ?", (later,))
        store.execute("UPDATE paragraphs SET contribution_id = ? WHERE contribution_id = ?",
                      (ids[2], later))
    expected = sorted(found(store, "clearance"))
    assert expected[:1] == [(ids[0], 0)] and (ids[2], -1) in expected
    pages, after = [], None
    while True:
        page = search_page(store, "clearance", after=after, limit=4)
        pages.append([(h.contribution_id, h.paragraph) for h in page.hits])
        if page.next is None:
            break
        after = page.next
    assert [place for page in pages for place in page] == expected
    assert [len(page) for page in pages] == [4] * 9  # no empty last page to ask for
    assert count_hits(store, "clearance") == SearchCounts(36, 5)
    assert search(store, "clearance", limit=10) == search(store, "clearance")[:10]


def test_a_comment_comes_after_the_paragraph_its_passage_starts_in(store):
    paragraphs = [Paragraph("Our views on clearance."), Paragraph("Deadlines matter."),
                  Paragraph("Clearance again.", anchors=[Anchor("c1", "start", 0),
                                                         Anchor("c1", "end", 9)])]
    with store.transaction():
        contribution = intake.create_contribution(store, received="2020-06-01")
        digest, _known = intake.store_blob(store, b"views")
        file_id = intake.add_file(store, contribution, name="views.docx", sha256=digest,
                                  size=5, media_type="text/plain", status="ok",
                                  paragraphs=paragraphs)
        add_marks(store, file_id, paragraphs,
                  comments=[Comment("c1", author="Chile", text="Clearance by when?")])
    hits = [(h.kind, h.paragraph) for h in search_page(store, "clearance").hits]
    assert hits == [("paragraph", 0), ("paragraph", 2), ("comment", 2)]
    first, second = (search_page(store, "clearance", limit=1),
                     search_page(store, "clearance", after=Place(contribution, 0), limit=1))
    assert [h.kind for h in first.hits] == ["paragraph"] and first.next == Place(contribution, 0)
    assert [h.kind for h in second.hits] == ["paragraph", "comment"] and second.next is None
    assert count_hits(store, "clearance") == SearchCounts(3, 1)


def test_the_page_walks_the_paragraphs_index_not_every_match(store):
    """The plan that makes a page cost the same on 20 or 20,000 pages: the paragraphs in
    (contribution_id, idx) order on their unique index, the matches a list to look in."""
    plan = " ".join(row["detail"] for row in store.query(
        "EXPLAIN QUERY PLAN " + _PAGE_SQL, ('"x"', -1, -1, 50)))
    assert "USING INDEX sqlite_autoindex_paragraphs_1" in plan or \
        "USING COVERING INDEX sqlite_autoindex_paragraphs_1" in plan
    assert "TEMP B-TREE FOR ORDER BY" not in plan
