"""A replica restored from a backup never sends its changes again under sequence numbers it
had already used: colleagues, who take a number they have applied as a duplicate, would drop
what it does next.  Restoring makes it a new replica of the team (as a colleague's copy
becomes one); what it had sent since the backup comes back from its old packs."""

from __future__ import annotations

from team_helpers import differing, exchange, make_team

from lapdesk.store import backup, contributions, excerpts, framework
from lapdesk.store.connection import open_store
from lapdesk.store.integrity import check
from lapdesk.store.restore import restore
from lapdesk.team import conflicts, receive, send
from lapdesk.team.status import status


def _title(store, contribution):
    return store.query_one("SELECT title FROM contributions WHERE id = ?",
                           (contribution,))["title"]


def test_a_restored_replica_s_new_changes_reach_colleagues_and_nothing_is_lost(tmp_path):
    a, b = make_team(tmp_path, 2)
    packs, path = tmp_path / "packs", a.path
    contribution = a.query_one("SELECT id FROM contributions")["id"]
    excerpts.map_span(a, contribution, ["universalisation"], start=0, end=9)
    receive.receive(b, [send.send(a, packs).path])
    # Made before the backup and sent only after it.
    contributions.update_contribution(a, contribution, notes="noted before the backup")
    kept = backup.take_backup(a.conn, path, reason="manual", force=True)
    framework.set_synthesis(a, "universalisation", "Written after the backup.")
    receive.receive(b, [send.send(a, packs).path])
    old_id = a.capture.replica_id
    a.close()

    restore(path, kept)
    a = open_store(path, author="Anne Bell")
    try:
        assert a.capture.replica_id != old_id  # a new replica of the same team
        assert status(a).team_id == status(b).team_id
        contributions.update_contribution(a, contribution, title="Titled after the restore")
        got = receive.receive(b, [send.send(a, packs).path])
        assert [o.state for o in got.outcomes] == ["applied"]
        assert _title(b, contribution) == "Titled after the restore"
        assert b.query_one("SELECT notes FROM contributions")["notes"] == \
            "noted before the backup"
        # Bruno goes on; his changes build on what Anne had sent after the backup, which her
        # restored store no longer has: they wait until her old packs are received (here,
        # from the folder the packs went to), which bring it back.
        excerpts.map_span(b, contribution, ["stockpile_destruction"], start=10, end=19)
        mine = {s.path for s in [send.send(b, packs)]}
        waiting = receive.receive(a, sorted(mine))
        assert [o.state for o in waiting.outcomes] == ["waiting"]
        receive.receive(a, sorted(p for p in packs.iterdir() if p not in mine))
        assert framework.node(a, "universalisation")["synthesis"] == "Written after the backup."
        assert a.query_one("SELECT count(*) AS n FROM excerpts")["n"] == 2
        exchange([a, b], packs)
        assert differing([a, b]) == {}
        for store in (a, b):
            assert check(store)["ok"] and not conflicts.conflicts(store)
    finally:
        a.close()
        b.close()


def test_changes_the_backup_held_unsent_are_sent_by_the_restored_replica(tmp_path):
    a, b = make_team(tmp_path, 2)
    packs, path = tmp_path / "packs", a.path
    contribution = a.query_one("SELECT id FROM contributions")["id"]
    receive.receive(b, [send.send(a, packs).path])
    excerpts.map_span(a, contribution, ["universalisation"], start=0, end=9)  # never sent
    kept = backup.take_backup(a.conn, path, reason="manual", force=True)
    a.close()
    restore(path, kept)
    a = open_store(path, author="Anne Bell")
    try:
        assert status(a).unsent == 1
        receive.receive(b, [send.send(a, packs).path])
        assert b.query_one("SELECT count(*) AS n FROM excerpts")["n"] == 1
        assert differing([a, b]) == {}
        # Restored again from the same backup: yet another new replica, nothing sent twice
        # under one number.
        second = a.capture.replica_id
        a.close()
        restore(path, kept)
        a = open_store(path, author="Anne Bell")
        assert a.capture.replica_id not in (second, None)
        excerpts.map_span(a, contribution, ["stockpile_destruction"], start=10, end=19)
        receive.receive(b, [send.send(a, packs).path])
        assert b.query_one("SELECT count(*) AS n FROM excerpts")["n"] == 2
        exchange([a, b], packs)
        assert differing([a, b]) == {} and not conflicts.conflicts(b)
    finally:
        a.close()
        b.close()
