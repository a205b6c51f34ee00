"""Packs: immutable files with team, schema, replica and range; idempotent; gaps reported and
filled; other teams and newer schemas refused; a passphrase that encrypts them."""

from __future__ import annotations

import json
import os
import stat
import struct

import pytest
from team_helpers import differing, make_team

from lapdesk.store import excerpts, framework, migrations
from lapdesk.team import pack as packs
from lapdesk.team import receive, replica, send


@pytest.fixture
def team(tmp_path):
    stores = make_team(tmp_path, 3)
    yield stores
    for store in stores:
        store.close()


def _edit(store, text: str) -> None:
    framework.set_synthesis(store, "universalisation", text)


def test_a_pack_is_named_for_the_store_the_initials_and_its_number(team, tmp_path):
    a, _b, _c = team
    _edit(a, "one")
    sent = send.send(a, tmp_path / "out", initials="AB")
    assert sent.path.name == "r0 · AB · #1.lapdesk-changes"
    if os.name == "posix":  # Windows keeps a pack private by the folder's ACL, not a mode
        assert stat.S_IMODE(sent.path.stat().st_mode) == 0o600
    header = packs.read_header(sent.path.read_bytes())[0]
    last = replica.replica_of(a).next_seq - 1  # the copies made for colleagues, and the edit
    assert {k: header[k] for k in ("schema", "first_seq", "last_seq", "number")} == {
        "schema": migrations.SCHEMA_VERSION, "first_seq": 1, "last_seq": last, "number": 1}
    assert header["team_id"] == replica.replica_of(a).team_id
    assert send.send(a, tmp_path / "out") is None  # nothing new: no pack


def test_receiving_a_pack_twice_does_nothing(team, tmp_path):
    a, b, _c = team
    _edit(a, "one")
    sent = send.send(a, tmp_path / "out")
    first = receive.receive(b, [sent.path])
    again = receive.receive(b, [sent.path])
    assert [o.state for o in first.outcomes] == ["applied"]
    assert [o.state for o in again.outcomes] == ["duplicate"]
    assert "received already" in again.lines()[0]


def test_a_gap_is_reported_and_later_packs_wait_then_apply_without_loss(team, tmp_path):
    a, b, c = team
    paths = []
    for text in ("one", "two", "three"):
        _edit(a, text)
        paths.append(send.send(a, tmp_path / "out").path)
    report = receive.receive(b, [paths[2], paths[1]])
    assert [o.state for o in report.outcomes] == ["waiting", "waiting"]
    assert report.gaps[0].startswith("#1 of AB is missing")
    assert framework.node(b, "universalisation")["synthesis"] == ""
    report = receive.receive(b, [paths[0]])
    assert {o.state for o in report.outcomes} == {"applied"} and not report.gaps
    assert framework.node(b, "universalisation")["synthesis"] == "three"
    receive.receive(c, paths)
    assert differing([a, b, c]) == {}


def test_a_pack_waits_for_the_colleague_s_changes_it_builds_on(team, tmp_path):
    a, b, c = team
    change = excerpts.map_span(a, a.query_one("SELECT id FROM contributions")["id"],
                               ["universalisation"], start=0, end=10, summary="A")
    from_a = send.send(a, tmp_path / "out").path
    receive.receive(b, [from_a])
    excerpts.annotate(b, change.result, stance="concern", summary="B on A's excerpt")
    from_b = send.send(b, tmp_path / "out").path
    report = receive.receive(c, [from_b])
    assert report.outcomes[0].state == "waiting" and "waits for changes" in report.gaps[0]
    receive.receive(c, [from_a])
    assert c.query_one("SELECT count(*) AS n FROM annotations")["n"] == 2
    receive.receive(a, [from_b])
    assert differing([a, b, c]) == {}


def test_a_pack_of_another_team_is_refused(team, tmp_path):
    from team_helpers import make_team as other_team

    a, _b, _c = team
    others = other_team(tmp_path / "other", 2)
    _edit(others[1], "theirs")
    foreign = send.send(others[1], tmp_path / "out2").path
    report = receive.receive(a, [foreign])
    assert report.outcomes[0].state == "refused"
    assert "another team" in report.lines()[0]
    for store in others:
        store.close()


def test_a_pack_of_a_newer_schema_is_refused(team, tmp_path):
    a, b, _c = team
    _edit(a, "one")
    path = send.send(a, tmp_path / "out").path
    header, clear, body = packs.read_header(path.read_bytes())
    header["schema"] = migrations.SCHEMA_VERSION + 1
    newer = json.dumps(header).encode()
    path.write_bytes(packs.MAGIC + struct.pack(">I", len(newer)) + newer + body)
    report = receive.receive(b, [path])
    assert report.outcomes[0].state == "refused" and "newer version" in report.lines()[0]


def test_a_damaged_or_truncated_pack_is_refused_whole(team, tmp_path):
    a, b, _c = team
    _edit(a, "one")
    path = send.send(a, tmp_path / "out").path
    path.write_bytes(path.read_bytes()[:-10])
    report = receive.receive(b, [path])
    assert report.outcomes[0].state == "refused" and "damaged" in report.lines()[0]
    not_a_pack = tmp_path / "note.txt"
    not_a_pack.write_text("hello")
    assert receive.receive(b, [not_a_pack]).outcomes[0].state == "refused"


def test_a_passphrase_encrypts_the_pack_and_is_needed_to_receive_it(team, tmp_path):
    a, b, _c = team
    _edit(a, "Confidential: Austria's position on clearance deadlines")
    path = send.send(a, tmp_path / "out", passphrase="correct horse").path
    assert b"Confidential" not in path.read_bytes()
    assert "passphrase" in receive.receive(b, [path]).lines()[0]
    assert "does not open" in receive.receive(b, [path], passphrase="wrong").lines()[0]
    report = receive.receive(b, [path], passphrase="correct horse")
    assert report.outcomes[0].state == "applied"
    assert framework.node(b, "universalisation")["synthesis"].startswith("Confidential")


def test_a_header_altered_under_a_passphrase_is_refused(team, tmp_path):
    a, b, _c = team
    _edit(a, "one")
    path = send.send(a, tmp_path / "out", passphrase="pw").path
    data = path.read_bytes().replace(b'"number": 1', b'"number": 7')
    path.write_bytes(data)
    assert receive.receive(b, [path], passphrase="pw").outcomes[0].state == "refused"


def test_a_pack_can_be_sent_again_from_a_sequence_number(team, tmp_path):
    a, b, _c = team
    _edit(a, "one")
    send.send(a, tmp_path / "lost")
    _edit(a, "two")
    send.send(a, tmp_path / "out")
    again = send.send(a, tmp_path / "out", from_seq=1)
    assert (again.first_seq, again.last_seq) == (1, replica.replica_of(a).next_seq - 1)
    assert receive.receive(b, [again.path]).outcomes[0].state == "applied"
    assert framework.node(b, "universalisation")["synthesis"] == "two"


def test_a_pack_of_an_older_schema_is_upgraded_as_it_is_applied(team, tmp_path):
    """A changeset made where a table had fewer columns (here: the audit trail before it
    named replicas) takes the columns added since at their defaults."""
    from lapdesk.store import sqlite

    a, b, _c = team
    older = tmp_path / "older.lapdesk"
    older.touch()
    conn = sqlite.connect(older)
    for version in range(1, migrations.SCHEMA_VERSION):
        for statement in migrations._split_sql(migrations.MIGRATIONS[version - 1]):
            conn.execute(statement)
    session = sqlite.Session(conn, "main")
    session.attach("audit")
    conn.execute("INSERT INTO audit (id, at, author, action) VALUES (4294967296, "
                 "'2026-12-01T10:00:00+01:00', 'Bruno Costa', 'Written by an older LAPDesk')")
    changeset = session.changeset()
    session.close()
    conn.close()
    replica_b = replica.replica_of(b)
    old = packs.Pack(team_id=replica_b.team_id, schema=migrations.SCHEMA_VERSION - 1,
                     replica_id="0ldreplica00", name="Bruno Costa", initials="BC", number=1,
                     first_seq=1, last_seq=1, created_at="2026-12-01T10:00:00+01:00",
                     entries=[packs.Entry(1, "2026-12-01T09:00:00.000000Z 0ldreplica00",
                                          "Bruno Costa", "changes", changeset)])
    path = tmp_path / "old.lapdesk-changes"
    path.write_bytes(packs.encode(old))
    assert receive.receive(a, [path]).outcomes[0].state == "applied"
    row = a.query_one("SELECT author, replica FROM audit WHERE id = 4294967296")
    assert row == {"author": "Bruno Costa", "replica": ""}


def test_a_team_folder_carries_everyone_s_packs(team, tmp_path):
    from lapdesk.team import folder

    share = tmp_path / "share"
    a, b, c = team
    _edit(a, "from Anne")
    first = folder.exchange(a, share)
    assert first.sent is not None and first.report.outcomes == []
    excerpts.map_span(b, b.query_one("SELECT id FROM contributions")["id"],
                      ["universalisation"], start=0, end=9)
    second = folder.exchange(b, share)
    assert [o.state for o in second.report.outcomes] == ["applied"]
    (share / "notes.txt").write_text("not a pack")
    third = folder.exchange(c, share)
    assert sorted(o.origin for o in third.report.outcomes) == ["AB", "BC"]
    assert folder.exchange(c, share).report.outcomes == []  # nothing new: nothing read again
    folder.exchange(a, share)
    assert differing([a, b, c]) == {}
