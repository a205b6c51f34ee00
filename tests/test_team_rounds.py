"""Team work on a drafting round: the round, its suggested and recorded amendments and the
Presidency's decisions travel between replicas like everything else, and every replica ends
with the same round, the same compilation and the same Rev.1."""

from __future__ import annotations

import random
import zipfile

import pytest
from lxml import etree
from samples.drafts import tracked_reply_bytes, zero_draft_bytes
from team_helpers import differing, exchange, make_team

from lapdesk.core.errors import UsageError
from lapdesk.export.compilation import export_compilation
from lapdesk.export.options import ExportOptions
from lapdesk.export.revision_paper import export_revision
from lapdesk.ingest.pipeline import import_paths
from lapdesk.rounds import amendment_writes
from lapdesk.rounds.amendments import amendments_of_round
from lapdesk.rounds.round_start import start_round_from_file
from lapdesk.rounds.round_store import current_round, rounds
from lapdesk.rounds.suggest_amendments import suggest, suggest_new
from lapdesk.store import contributions
from lapdesk.store.changes import undo
from lapdesk.store.integrity import check
from lapdesk.team import conflicts, purge, receive, send
from lapdesk.team import pack as packs

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
OPTIONS = ExportOptions(date="2021-03-01")
# Line indexes of tests/samples/drafts.ZERO_DRAFT.
PP2, ACTION_1, ACTION_3 = 2, 5, 11


@pytest.fixture
def team(tmp_path):
    stores = make_team(tmp_path, 3, contributions=0)
    yield stores
    for store in stores:
        store.close()


def _draft(tmp_path):
    path = tmp_path / "zero.docx"
    path.write_bytes(zero_draft_bytes())
    return path


def _import(store, tmp_path, name: str, data: bytes, who: list[str]) -> int:
    path = tmp_path / store.path.stem / name
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(data)
    cid = import_paths(store, [path], workers=1)[0].contribution_id
    contributions.set_contributors_by_names(store, cid, who)
    suggest_new(store, {cid})
    return cid


def _tracked_reply() -> bytes:
    return tracked_reply_bytes({ACTION_1: [("should", "shall")],
                                PP2: [(" in a timely manner", "")],
                                ACTION_3: [("|victims", " and their families")]},
                               author="Austria")


def shuffled_exchange(stores, folder, seed: int) -> None:
    """Everyone sends; each replica receives the others' packs one by one in a random order,
    again until nobody has anything new to send."""
    chance = random.Random(seed)
    for _round in range(5):
        sent = [s.path for s in (send.send(store, folder) for store in stores) if s]
        if not sent:
            return
        for store in stores:
            mine = store.capture.replica_id
            theirs = [p for p in sent
                      if packs.read_header(p.read_bytes())[0]["replica_id"] != mine]
            chance.shuffle(theirs)
            for path in theirs:
                receive.receive(store, [path])
    raise AssertionError("the replicas still had changes to send after 5 rounds")


def _text(path) -> list[str]:
    with zipfile.ZipFile(path) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    return ["".join(t.text or "" for t in p.iter(f"{W}t")) for p in root.iter(f"{W}p")]


def _documents(store, folder) -> tuple[list[str], list[str]]:
    folder.mkdir(exist_ok=True)
    export_revision(store, folder / "rev1.docx", tracked=False, options=OPTIONS)
    export_compilation(store, folder / "compilation.docx", options=OPTIONS)
    return _text(folder / "rev1.docx"), _text(folder / "compilation.docx")


def _suggested(store, cid):
    return sorted(a.id for a in amendments_of_round(store, status="suggested")
                  if a.source.contribution_id == cid)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_round_worked_on_by_three_replicas_ends_the_same_everywhere(team, tmp_path, seed):
    a, b, c = team
    start_round_from_file(a, _draft(tmp_path))
    shuffled_exchange(team, tmp_path / "p0", seed)
    assert [r.id for r in rounds(b)] == [r.id for r in rounds(a)]
    assert current_round(c).id == current_round(a).id

    austria = _import(b, tmp_path, "Austria.docx", _tracked_reply(), ["Austria"])
    ghana = _import(c, tmp_path, "Ghana.txt",
                    b"Action 1: replace 'should' with 'shall'.\nDelete Action 5.\n", ["Ghana"])
    shuffled_exchange(team, tmp_path / "p1", seed)
    # The suggestions travel with the reply they were found in; re-suggesting here finds
    # the very same ones (one id each, wherever they were found).
    assert _suggested(a, austria) == _suggested(b, austria)
    assert len(_suggested(a, austria)) == 3
    assert sorted(x.id for x in suggest(a, ghana)) == _suggested(c, ghana)

    # A and B accept Austria's suggestions at the same time; C accepts Ghana's.
    amendment_writes.accept(a, _suggested(a, austria))
    amendment_writes.accept(b, _suggested(b, austria))
    amendment_writes.accept(c, _suggested(c, ghana))
    shuffled_exchange(team, tmp_path / "p2", seed)
    recorded = amendments_of_round(a)
    assert len(recorded) == 5  # 3 of Austria's, 2 of Ghana's: none twice
    assert a.query_one("SELECT count(*) AS n FROM excerpts")["n"] == 5

    by_node = {(x.node, x.source.contribution_id): x.id for x in recorded}
    amendment_writes.decide(a, by_node[("action_1", austria)], "retained")
    amendment_writes.decide(b, by_node[("pp2", austria)], "retained")
    amendment_writes.decide(c, by_node[("action_5", ghana)], "not_retained")
    amendment_writes.decide(c, by_node[("action_3", austria)], "retained_as_amended",
                            text="Ensure that victims and their families have access to care.")
    shuffled_exchange(team, tmp_path / "p3", seed)

    assert differing(team) == {}
    documents = [_documents(store, tmp_path / f"out{i}") for i, store in enumerate(team)]
    assert documents[0] == documents[1] == documents[2]
    rev1 = "\n".join(documents[0][0])
    assert "States Parties shall promote adherence" in rev1
    assert "suffering caused by cluster munitions." in rev1
    assert "victims and their families have access to care" in rev1
    for store in team:
        assert check(store)["ok"], check(store)
        assert not conflicts.conflicts(store)


def test_two_decisions_on_one_amendment_keep_the_latest_and_show_both(team, tmp_path):
    a, b, c = team
    start_round_from_file(a, _draft(tmp_path))
    exchange(team, tmp_path / "p0")
    ghana = _import(a, tmp_path, "Ghana.txt", b"Action 1: replace 'should' with 'shall'.\n",
                    ["Ghana"])
    amendment_writes.accept(a, _suggested(a, ghana))
    exchange(team, tmp_path / "p1")
    (amendment,) = amendments_of_round(b)
    amendment_writes.decide(b, amendment.id, "retained")
    amendment_writes.decide(c, amendment.id, "not_retained")  # later
    exchange(team, tmp_path / "p2")
    assert differing(team) == {}
    for store in team:
        assert amendments_of_round(store)[0].decision == "not_retained"
        found = [f for f in conflicts.conflicts(store) if f.kind == "decision"]
        assert len(found) == 1, conflicts.conflicts(store)
        assert {found[0].mine["decision"], found[0].theirs["decision"]} == {
            "retained", "not_retained"}
    from lapdesk.ui.team_conflicts import _version

    shown = next(f for f in conflicts.conflicts(a) if f.kind == "decision")
    assert {"Decision: retained", "Decision: not_retained"} <= {
        line for side in (shown.mine, shown.theirs) for line in _version(side, shown).split("\n")}
    # Settling with the other version is an ordinary change every replica receives.
    found = next(f for f in conflicts.conflicts(a) if f.kind == "decision")
    conflicts.settle(a, found.id, "other")
    exchange(team, tmp_path / "p3")
    for store in team:
        assert amendments_of_round(store)[0].decision == "retained"
        assert amendments_of_round(store)[0].result_text.startswith("States Parties shall")
    assert differing(team) == {}


def test_accepting_wins_over_a_dismissal_made_at_the_same_time(team, tmp_path):
    a, b, _c = team
    start_round_from_file(a, _draft(tmp_path))
    ghana = _import(a, tmp_path, "Ghana.txt", b"Delete Action 5.\n", ["Ghana"])
    exchange(team, tmp_path / "p0")
    (suggested,) = _suggested(b, ghana)
    amendment_writes.accept(a, [suggested])
    amendment_writes.dismiss(b, [suggested])  # later, not knowing
    exchange(team, tmp_path / "p1")
    assert differing(team) == {}
    for store in team:
        assert [x.id for x in amendments_of_round(store)] == [suggested]


@pytest.mark.parametrize("first, later", [(1, 2), (2, 1)])
def test_an_undone_acceptance_and_a_later_one_elsewhere_agree(team, tmp_path, first, later):
    """The same amendment accepted on two replicas, undone on one, accepted again later on
    the other: the excerpt made last stands on every replica, whoever made which (the
    rows differ only in who made them and when)."""
    a = team[0]
    start_round_from_file(a, _draft(tmp_path))
    ghana = _import(a, tmp_path, "Ghana.txt", b"Action 1: replace 'should' with 'shall'.\n",
                    ["Ghana"])
    exchange(team, tmp_path / "p0")
    (suggested,) = _suggested(a, ghana)
    undo(team[first], amendment_writes.accept(team[first], [suggested]))
    amendment_writes.accept(team[later], [suggested])
    exchange(team, tmp_path / "p1")
    assert differing(team) == {}
    for store in team:
        assert [x.status for x in amendments_of_round(store)] == ["recorded"]
        assert check(store)["ok"], check(store)


def test_a_round_started_on_two_replicas_from_one_draft_is_one_round(team, tmp_path):
    a, b, _c = team
    draft = _draft(tmp_path)
    start_round_from_file(a, draft)
    start_round_from_file(b, draft)
    exchange(team, tmp_path / "p0")
    assert differing(team) == {}
    assert {r.id for r in rounds(a)} == {r.id for r in rounds(b)}
    for store in team:
        assert [r.kind for r in rounds(store)] == ["consultation", "draft"]
        assert current_round(store).title == "Draft Lausanne Action Plan"


def test_a_round_taken_back_and_started_again_elsewhere_agrees(team, tmp_path):
    """C starts the round and takes it back; B, not knowing, starts it later: B's round
    stands everywhere, with B's name on it."""
    a, b, c = team
    draft = _draft(tmp_path)
    undo(c, start_round_from_file(c, draft))
    start_round_from_file(b, draft)
    exchange(team, tmp_path / "p0")
    assert differing(team) == {}
    for store in team:
        assert store.query_one("SELECT created_by FROM rounds WHERE kind = 'draft'") == {
            "created_by": b.author}


def test_a_purged_reply_takes_its_amendments_from_every_replica(team, tmp_path):
    a, b, c = team
    start_round_from_file(a, _draft(tmp_path))
    secret = _import(a, tmp_path, "Ghana.txt",
                     b"Action 1: replace 'should' with 'shall secretly'.\n", ["Ghana"])
    exchange(team, tmp_path / "p0")
    amendment_writes.accept(b, _suggested(b, secret))  # not sent yet
    purge.purge_contribution(a, secret)
    purged = send.send(a, tmp_path / "p1").path
    assert b"secretly" not in purged.read_bytes()
    for store in (b, c):
        receive.receive(store, [purged])
    exchange(team, tmp_path / "p2")
    assert differing(team) == {}
    for store in team:
        assert not store.query("SELECT id FROM amendments")
        assert not store.query("SELECT 1 AS x FROM amendment_contributors")
        outbox = b"".join(r["payload"] for r in store.query("SELECT payload FROM team_outbox"))
        assert b"secretly" not in outbox
        assert "secretly" not in repr(store.query("SELECT * FROM team_conflicts"))
        assert check(store)["ok"], check(store)


def test_overlapping_amendments_retained_on_two_replicas_ask_for_the_text(team, tmp_path):
    """Each replica refuses to retain overlapping amendments without the text that results;
    two replicas retaining one each at the same time cannot be refused: the export says
    what to do, and deciding one of them again settles it everywhere."""
    a, b, _c = team
    start_round_from_file(a, _draft(tmp_path))
    exchange(team, tmp_path / "p0")
    ghana = _import(a, tmp_path, "Ghana.txt", b"Action 1: replace 'should' with 'shall'.\n",
                    ["Ghana"])
    mexico = _import(b, tmp_path, "Mexico.txt", b"Action 1: replace 'should' with 'must'.\n",
                     ["Mexico"])
    exchange(team, tmp_path / "p1")
    amendment_writes.accept(a, _suggested(a, ghana) + _suggested(a, mexico))
    exchange(team, tmp_path / "p2")
    first, second = (next(x.id for x in amendments_of_round(a) if x.source.contribution_id == c)
                     for c in (ghana, mexico))
    amendment_writes.decide(a, first, "retained")
    amendment_writes.decide(b, second, "retained")
    exchange(team, tmp_path / "p3")
    with pytest.raises(UsageError, match="on Action 1, amendments .* change the same words"):
        export_revision(a, tmp_path / "rev1.docx", tracked=False, options=OPTIONS)
    amendment_writes.decide(b, first, "not_retained")
    exchange(team, tmp_path / "p4")
    for i, store in enumerate(team):
        assert "States Parties must promote" in "\n".join(
            _documents(store, tmp_path / f"out{i}")[0])


def test_a_reply_logged_in_a_round_a_colleague_took_back_stays(team, tmp_path):
    """A starts the round and takes it back (undo) while B, who had it, logs a reply in it:
    the reply stays on every replica, in no round, whole and searchable."""
    a, b, _c = team
    started = start_round_from_file(a, _draft(tmp_path))
    exchange(team, tmp_path / "p0")
    reply = _import(b, tmp_path, "Ghana.txt", b"Action 1: replace 'should' with 'shall'.\n",
                    ["Ghana"])
    undo(a, started)
    exchange(team, tmp_path / "p1")
    assert differing(team) == {}
    for store in team:
        assert current_round(store) is None
        assert store.query_one("SELECT round_id FROM contributions WHERE id = ?",
                               (reply,)) == {"round_id": None}
        assert check(store)["ok"], check(store)


def test_an_amendment_whose_excerpt_a_colleague_deleted_keeps_its_decision(team, tmp_path):
    from lapdesk.store import excerpts

    a, b, _c = team
    start_round_from_file(a, _draft(tmp_path))
    ghana = _import(a, tmp_path, "Ghana.txt", b"Action 1: replace 'should' with 'shall'.\n",
                    ["Ghana"])
    (suggested,) = _suggested(a, ghana)
    source = amendments_of_round(a, status="suggested")[0].source
    excerpt = excerpts.map_span(a, ghana, ["action_1"], start=source.start,
                                end=source.end).result
    exchange(team, tmp_path / "p0")
    deleted = excerpts.delete_excerpt(b, excerpt)
    amendment_writes.accept(a, [suggested])  # on the excerpt B is deleting
    amendment_writes.decide(a, suggested, "retained")
    exchange(team, tmp_path / "p1")
    assert differing(team) == {}
    for store in team:
        (kept,) = amendments_of_round(store)
        assert (kept.decision, kept.excerpt_id) == ("retained", None)
        assert check(store)["ok"], check(store)
    assert any(f.kind == "cleared" for f in conflicts.conflicts(a))
    undo(b, deleted)  # the excerpt comes back, and the amendment is on it again everywhere
    exchange(team, tmp_path / "p2")
    assert differing(team) == {}
    for store in team:
        assert amendments_of_round(store)[0].excerpt_id == excerpt
        assert not [f for f in conflicts.conflicts(store) if f.kind == "cleared"]
        assert check(store)["ok"], check(store)


@pytest.mark.parametrize("logged_by", [0, 1])
def test_undoing_a_round_start_with_replies_in_it_is_refused_saying_why(team, tmp_path,
                                                                        logged_by):
    """A starts the round; a reply is logged in it (by A, or by B and received): A's undo of
    the start is refused with the reason — not "deleted by a colleague" — and changes
    nothing; once the reply is deleted, the undo goes through everywhere."""
    from lapdesk.store.changes import ChangedSinceError

    a, b, _c = team
    started = start_round_from_file(a, _draft(tmp_path))
    exchange(team, tmp_path / "p0")
    reply = _import(team[logged_by], tmp_path, "Ghana.txt",
                    b"Action 1: replace 'should' with 'shall'.\n", ["Ghana"])
    exchange(team, tmp_path / "p1")
    outbox = a.query_one("SELECT count(*) AS n FROM team_outbox")["n"]
    with pytest.raises(ChangedSinceError,
                       match="cannot be undone: replies are logged in this round.*Ghana.txt"):
        undo(a, started)
    assert a.query_one("SELECT count(*) AS n FROM team_outbox")["n"] == outbox
    assert current_round(a).id == started.result
    contributions.delete_contribution(team[logged_by], reply)
    exchange(team, tmp_path / "p2")
    undo(a, started)
    exchange(team, tmp_path / "p3")
    assert differing(team) == {}
    for store in team:
        assert current_round(store) is None
        assert check(store)["ok"], check(store)
