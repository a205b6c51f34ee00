"""Resubmissions: a close newer text from the same contributor is proposed as superseding."""

import pytest
from builders import add_text_contribution

from lapdesk.analysis import resubmission
from lapdesk.analysis.positions import views
from lapdesk.core.errors import UsageError
from lapdesk.store import contributions, excerpts
from lapdesk.store.changes import undo

FIRST = [
    "The Permanent Mission of Austria presents its compliments to the Presidency.",
    "Austria favours specific indicators per action, each with a baseline drawn from the "
    "Article 7 reports of 2020, so that progress can be measured at every meeting.",
    "Stockpiles should be destroyed as soon as possible and no later than the deadline.",
    "Victim assistance should be integrated into national disability and health frameworks.",
]
REVISED = FIRST[:2] + [
    "Stockpiles should be destroyed as soon as possible, and in any case before the deadline.",
    FIRST[3],
    "Austria also supports a dedicated chapter on gender and diversity.",
]
OTHER = [
    "The Permanent Mission of Austria presents its compliments to the Presidency.",
    "On universalisation, Austria encourages outreach to signatories in Asia.",
]


def test_similarity_is_high_for_a_revision_and_low_for_another_text():
    assert resubmission.similarity(" ".join(FIRST), " ".join(FIRST)) == 1.0
    assert resubmission.similarity(" ".join(FIRST), " ".join(REVISED)) >= 0.6
    assert resubmission.similarity(" ".join(FIRST), " ".join(OTHER)) < 0.3


def test_a_close_newer_text_from_the_same_contributor_is_proposed(store):
    old = add_text_contribution(store, FIRST, contributors=["Austria"], received="2020-06-01")
    other = add_text_contribution(store, OTHER, contributors=["Austria"], received="2020-06-02")
    stranger = add_text_contribution(store, FIRST, contributors=["Belgium"], received="2020-06-02")
    new = add_text_contribution(store, REVISED, contributors=["Austria"], received="2020-06-05")
    found = resubmission.candidates(store, new)
    assert [c["contribution_id"] for c in found] == [old]
    assert found[0]["similarity"] >= 0.6
    assert resubmission.candidates(store, old) == []  # only earlier texts are superseded
    assert resubmission.candidates(store, stranger) == []  # another contributor
    assert resubmission.proposals(store) == [
        {"old_id": old, "new_id": new, "similarity": found[0]["similarity"]}]
    assert other not in [c["contribution_id"] for c in found]


def test_mark_superseded_is_recorded_and_leaves_the_old_text_out_of_positions(store):
    old = add_text_contribution(store, FIRST, contributors=["Austria"], received="2020-06-01")
    new = add_text_contribution(store, REVISED, contributors=["Austria"], received="2020-06-05")
    para = contributions.paragraphs_of(store, old)[1]
    excerpts.map_span(store, old, ["structure.q4"], start=para["start"], end=para["end"],
                      stance="supports", topic="One indicator per action")
    assert len(views(store)) == 1
    change = resubmission.mark_superseded(store, old, new)
    assert contributions.contribution(store, old).superseded_by == new
    assert views(store) == []
    assert resubmission.proposals(store) == []  # already decided
    assert contributions.contribution(store, old).id == old  # kept in the store
    undo(store, change)
    assert contributions.contribution(store, old).superseded_by is None


def test_mark_superseded_refuses_nonsense(store):
    old = add_text_contribution(store, FIRST, contributors=["Austria"])
    new = add_text_contribution(store, REVISED, contributors=["Austria"])
    with pytest.raises(UsageError):
        resubmission.mark_superseded(store, old, old)
    resubmission.mark_superseded(store, old, new)
    with pytest.raises(UsageError):
        resubmission.mark_superseded(store, new, old)
