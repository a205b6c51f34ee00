"""Team work: replicas exchange packs and end with the same content, each rule per kind."""

from __future__ import annotations

import pytest
from team_helpers import differing, exchange, make_team

from lapdesk.store import contributions, excerpts, framework, registry
from lapdesk.store.changes import ChangedSinceError, undo
from lapdesk.store.ids import LIMIT, LOWEST
from lapdesk.store.integrity import check
from lapdesk.team import conflicts, receive, send


@pytest.fixture
def team(tmp_path):
    stores = make_team(tmp_path, 3)
    yield stores
    for store in stores:
        store.close()


def _contribution(store) -> int:
    return store.query_one("SELECT id FROM contributions")["id"]


def _mapped(store) -> int:
    change = excerpts.map_span(store, _contribution(store), ["universalisation"], start=0,
                               end=20, stance="supports", summary="first")
    return change.result


def test_new_rows_of_a_replica_get_random_ids_below_2_53(team, tmp_path):
    a, b, _c = team
    ids = {_mapped(a), _mapped(b)}
    assert len(ids) == 2 and all(LOWEST <= i < LIMIT for i in ids)
    exchange(team, tmp_path / "packs")
    assert differing(team) == {}
    assert a.query_one("SELECT count(*) AS n FROM excerpts")["n"] == 2


def test_each_replica_ends_with_the_same_content_and_sound(team, tmp_path):
    a, b, c = team
    excerpt = _mapped(a)
    exchange(team, tmp_path / "p1")
    excerpts.map_excerpt(b, excerpt, "stockpile_destruction")
    framework.set_synthesis(c, "universalisation", "Most States see universalisation first.")
    registry.add_contributor(c, key="zzz", name="Zedland", kind="state", status="signatory")
    contributions.update_contribution(a, _contribution(a), title="Austria's note")
    exchange(team, tmp_path / "p2")
    assert differing(team) == {}
    for store in team:
        assert check(store)["ok"], check(store)
        assert not conflicts.conflicts(store)


def test_two_edits_of_one_position_keep_the_latest_and_both_versions(team, tmp_path):
    a, b, _c = team
    _mapped(a)
    exchange(team, tmp_path / "p1")
    annotation = a.query_one("SELECT id FROM annotations")["id"]
    excerpts.update_annotation(a, annotation, summary="Anne's reading")
    excerpts.update_annotation(b, annotation, summary="Bruno's reading")
    exchange(team, tmp_path / "p2")
    assert differing(team) == {}
    assert a.query_one("SELECT summary FROM annotations")["summary"] == "Bruno's reading"
    found = conflicts.conflicts(a)
    assert [(f.kind, f.mine["summary"], f.theirs["summary"]) for f in found] == [
        ("position", "Anne's reading", "Bruno's reading")]
    conflicts.settle(a, found[0].id, "other")
    assert a.query_one("SELECT summary FROM annotations")["summary"] == "Anne's reading"
    exchange(team, tmp_path / "p3")
    assert differing(team) == {}


def test_two_edits_of_a_synthesis_keep_the_latest_and_offer_the_merge_of_both(team, tmp_path):
    a, b, _c = team
    framework.set_synthesis(a, "universalisation", "One.\nTwo.\nThree.\nFour.\nFive.")
    exchange(team, tmp_path / "p1")
    framework.set_synthesis(a, "universalisation", "ONE.\nTwo.\nThree (Anne).\nFour.\nFive.")
    framework.set_synthesis(b, "universalisation", "One.\nTwo.\nThree (Bruno).\nFour.\nFIVE.")
    exchange(team, tmp_path / "p2")
    assert differing(team) == {}
    assert framework.node(a, "universalisation")["synthesis"].endswith("(Bruno).\nFour.\nFIVE.")
    found = [f for f in conflicts.conflicts(a) if f.kind == "synthesis"]
    assert len(found) == 1
    conflicts.settle(a, found[0].id, "merge")
    text = framework.node(a, "universalisation")["synthesis"]
    assert text.startswith("ONE.\nTwo.\n") and text.endswith("Four.\nFIVE.")
    assert "Three (Anne)." in text and "Three (Bruno)." in text
    exchange(team, tmp_path / "p3")
    assert differing(team) == {}


def test_withholding_permission_to_publish_wins_until_someone_confirms(team, tmp_path):
    a, b, _c = team
    contribution = _contribution(a)
    contributions.set_publication(a, [contribution], None)  # nobody has decided yet
    exchange(team, tmp_path / "p0")
    contributions.set_publication(a, [contribution], False)
    contributions.update_contribution(b, contribution, permission_to_publish=1)
    exchange(team, tmp_path / "p1")
    assert differing(team) == {}
    row = b.query_one("SELECT permission_to_publish AS p FROM contributions")
    assert row["p"] == 0
    found = [f for f in conflicts.conflicts(b) if f.kind == "publication"]
    assert found
    conflicts.settle(b, found[0].id, "publish")
    exchange(team, tmp_path / "p2")
    assert a.query_one("SELECT permission_to_publish AS p FROM contributions")["p"] == 1


def test_a_deletion_never_takes_a_colleague_s_new_position_without_a_trace(team, tmp_path):
    a, b, _c = team
    excerpt = _mapped(a)
    exchange(team, tmp_path / "p1")
    excerpts.annotate(b, excerpt, stance="concern", summary="Bruno's concern")
    excerpts.delete_excerpt(a, excerpt)
    exchange(team, tmp_path / "p2")
    assert differing(team) == {}
    for store in (a, b):
        assert store.query_one("SELECT count(*) AS n FROM excerpts")["n"] == 0
        kept = [f for f in conflicts.conflicts(store) if f.kind == "orphan"]
        assert kept and kept[0].mine["summary"] == "Bruno's concern"
        assert check(store)["ok"]


def test_a_removed_mapping_and_a_later_re_mapping_agree(team, tmp_path):
    a, b, _c = team
    excerpt = _mapped(a)
    exchange(team, tmp_path / "p1")
    excerpts.map_excerpt(a, excerpt, "stockpile_destruction")
    excerpts.unmap(a, excerpt, "stockpile_destruction")
    excerpts.map_excerpt(b, excerpt, "stockpile_destruction")
    exchange(team, tmp_path / "p2")
    assert differing(team) == {}


def test_undo_sends_a_compensating_change_and_never_undoes_a_colleague_s(team, tmp_path):
    a, b, _c = team
    _mapped(a)
    exchange(team, tmp_path / "p1")
    annotation = a.query_one("SELECT id FROM annotations")["id"]
    mine = excerpts.update_annotation(a, annotation, summary="Anne")
    undo(a, mine)
    exchange(team, tmp_path / "p2")
    assert b.query_one("SELECT summary FROM annotations")["summary"] == "first"
    mine = excerpts.update_annotation(a, annotation, summary="Anne again")
    exchange(team, tmp_path / "p3")
    excerpts.update_annotation(b, annotation, summary="Bruno after Anne")
    exchange(team, tmp_path / "p4")
    with pytest.raises(ChangedSinceError):
        undo(a, mine)
    assert a.query_one("SELECT summary FROM annotations")["summary"] == "Bruno after Anne"


def test_the_audit_trail_names_each_change_s_author_and_replica(team, tmp_path):
    a, b, _c = team
    _mapped(b)
    exchange(team, tmp_path / "p1")
    row = a.query_one("SELECT author, replica FROM audit WHERE action LIKE 'Map excerpt%'")
    assert (row["author"], row["replica"]) == ("Bruno Costa", b.capture.replica_id)


def test_the_same_contributor_added_on_two_replicas_is_one_row(team, tmp_path):
    a, b, _c = team
    registry.add_contributor(a, key="zzz", name="Zedland", kind="state", status="signatory")
    registry.add_contributor(b, key="zzz", name="Zedland", kind="state", status="signatory")
    exchange(team, tmp_path / "p1")
    assert differing(team) == {}
    assert a.query_one("SELECT count(*) AS n FROM contributors WHERE key = 'zzz'")["n"] == 1


def test_the_same_original_logged_on_two_replicas_becomes_one_contribution(team, tmp_path):
    from builders import add_text_contribution

    a, b, _c = team
    text = ["Note verbale of Mexico on the Lausanne Action Plan.", "Clearance first."]
    mine = add_text_contribution(a, text, name="mexico.txt")
    theirs = add_text_contribution(b, text, name="mexico.txt")
    excerpts.map_span(b, theirs, ["universalisation"], start=0, end=12, summary="Bruno's")
    exchange(team, tmp_path / "p1")
    found = [f for f in conflicts.conflicts(a) if f.kind == "logged-twice"]
    # The one logged first is kept (the same second: the lower id), on both replicas alike.
    logged = {r["id"]: r["created_at"] for r in a.query(
        "SELECT id, created_at FROM contributions WHERE id IN (?, ?)", (mine, theirs))}
    keep, remove = sorted((mine, theirs), key=lambda i: (logged[i], i))
    assert [(f.mine["id"], f.theirs["id"]) for f in found] == [(keep, remove)]
    assert [(f.mine["id"], f.theirs["id"]) for f in conflicts.conflicts(b)
            if f.kind == "logged-twice"] == [(keep, remove)]
    conflicts.settle(a, found[0].id, "merge")
    exchange(team, tmp_path / "p2")
    assert differing(team) == {}
    for store in team:
        assert [r["id"] for r in store.query(
            "SELECT id FROM contributions WHERE id IN (?, ?)", (mine, theirs))] == [keep]
        moved = store.query_one("SELECT e.contribution_id FROM excerpts e JOIN annotations a"
                                " ON a.excerpt_id = e.id WHERE a.summary = ?", ("Bruno's",))
        assert moved["contribution_id"] == keep


def test_undoing_a_deletion_whose_excerpt_a_colleague_deleted_is_refused(team, tmp_path):
    a, b, _c = team
    excerpt = _mapped(a)
    exchange(team, tmp_path / "p1")
    annotation = a.query_one("SELECT id FROM annotations")["id"]
    removed = excerpts.delete_annotation(a, annotation)
    excerpts.delete_excerpt(b, excerpt)
    exchange(team, tmp_path / "p2")
    with pytest.raises(ChangedSinceError, match="deleted since"):
        undo(a, removed)
    assert a.query_one("SELECT count(*) AS n FROM annotations")["n"] == 0
    assert check(a)["ok"]


def test_a_later_deletion_wins_over_an_earlier_deletion_undone(team, tmp_path):
    """B deletes an excerpt and takes it back (undo); C, later, deletes it: it stays deleted
    everywhere — C's own tombstone is not dated back by B's earlier deletion arriving as a
    no-op (found by the property test)."""
    a, b, c = team
    excerpt = _mapped(a)
    exchange(team, tmp_path / "p1")
    undo(b, excerpts.delete_excerpt(b, excerpt))
    excerpts.delete_excerpt(c, excerpt)
    exchange(team, tmp_path / "p2")
    assert differing(team) == {}
    assert all(not s.query("SELECT 1 AS x FROM excerpts WHERE id = ?", (excerpt,)) for s in team)


@pytest.mark.parametrize("order", ["deletion, undo, edit", "edit, deletion, undo",
                                   "deletion, edit, undo", "edit received before the undo"])
def test_an_edit_made_while_a_colleague_deleted_the_position_stands_once_undone(
        team, tmp_path, order):
    """A deletes a position, C edits it meanwhile, A takes the deletion back: C's edit ends
    on the returned position on every replica, whatever order the packs come in (the
    property test found C's edit on top on some replicas, set aside on the others)."""
    a, b, c = team
    _mapped(a)
    exchange(team, tmp_path / "p1")
    annotation = a.query_one("SELECT id FROM annotations")["id"]
    removed = excerpts.delete_annotation(a, annotation)
    deletion = send.send(a, tmp_path / "p2").path
    excerpts.update_annotation(c, annotation, summary="Chloé's edit")
    edit = send.send(c, tmp_path / "p2").path
    if order == "edit received before the undo":
        receive.receive(a, [edit])
    undo(a, removed)
    restore = send.send(a, tmp_path / "p2").path
    arrivals = {"deletion, undo, edit": [[deletion, restore], [edit]],
                "edit, deletion, undo": [[edit], [deletion, restore]],
                "deletion, edit, undo": [[deletion], [edit], [restore]],
                "edit received before the undo": [[deletion], [restore], [edit]]}[order]
    for paths in arrivals:
        receive.receive(b, paths)
    receive.receive(c, [deletion, restore])
    if order != "edit received before the undo":
        receive.receive(a, [edit])
    exchange(team, tmp_path / "p3")
    assert differing(team) == {}
    for store in team:
        assert store.query_one("SELECT summary FROM annotations WHERE id = ?",
                               (annotation,))["summary"] == "Chloé's edit"
        assert not [f for f in conflicts.conflicts(store)
                    if f.kind in ("deleted", "edited-deleted")]
        assert check(store)["ok"]
