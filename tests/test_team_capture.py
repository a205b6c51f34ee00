"""Change capture in a team's replica: an SQLite session on the write connection per
transaction (never a second SQLite library on the live store), local tables left out, each
change filed in the outbox with the transaction; copies become replicas; purges leave no
content anywhere."""

from __future__ import annotations

import json
import sys

import pytest
from builders import add_text_contribution
from team_helpers import differing, exchange, make_team

from lapdesk.store import excerpts, held, sqlite
from lapdesk.store.connection import open_store
from lapdesk.store.integrity import check
from lapdesk.team import pack as packs
from lapdesk.team import purge, receive, replica, send


@pytest.fixture
def team(tmp_path):
    stores = make_team(tmp_path, 2)
    yield stores
    for store in stores:
        store.close()


def _tables_of(changeset: bytes) -> set[str]:
    return {change.name for change in sqlite.Changeset.iter(changeset)}


def test_the_live_store_is_never_opened_by_two_sqlite_libraries(tmp_path, monkeypatch):
    opened = []
    real_hold = held.hold
    monkeypatch.setattr(held, "hold", lambda path, library: (opened.append(library),
                                                            real_hold(path, library))[1])
    a, b = make_team(tmp_path, 2)
    contribution = a.query_one("SELECT id FROM contributions")["id"]
    excerpts.map_span(a, contribution, ["universalisation"], start=0, end=20)
    receive.receive(b, [send.send(a, tmp_path / "out").path])
    purge.purge_contribution(b, contribution)
    receive.receive(a, [send.send(b, tmp_path / "out").path])
    for store in (a, b):
        assert held.library_holding(store.path) == "apsw"
        store.close()
    assert opened and set(opened) == {"apsw"}
    team_modules = [name for name in sys.modules if name.startswith("lapdesk.team")]
    assert team_modules and all("sqlite3" not in vars(sys.modules[m]) for m in team_modules)


def test_each_transaction_is_one_outbox_entry_of_shared_tables_only(team):
    a, _b = team
    before = a.query_one("SELECT max(seq) AS n FROM team_outbox")["n"]
    contribution = add_text_contribution(a, ["A new note on clearance."], name="new.txt")
    a.execute("INSERT INTO suggestions (contribution_id, start, \"end\", node_id, confidence)"
              " SELECT ?, 0, 5, id, 0.5 FROM framework_nodes LIMIT 1", (contribution,))
    rows = a.query("SELECT seq, payload FROM team_outbox WHERE seq > ?", (before,))
    assert len(rows) == 1
    tables = _tables_of(rows[0]["payload"])
    assert {"contributions", "files", "paragraphs", "blobs"} <= tables
    assert not {t for t in tables if t.endswith(("_fts", "_data", "_idx", "_docsize",
                                                 "_config")) or t.startswith("team_")}
    assert "suggestions" not in tables  # written outside a transaction: local anyway


def test_a_change_rolled_back_leaves_nothing_in_the_outbox(team):
    a, _b = team
    before = a.query_one("SELECT count(*) AS n FROM team_outbox")["n"]
    with pytest.raises(RuntimeError), a.transaction():
        a.execute("UPDATE settings SET value = 'x' WHERE key = 'deadline'")
        raise RuntimeError("stop")
    assert a.query_one("SELECT count(*) AS n FROM team_outbox")["n"] == before


def test_a_copy_becomes_a_replica_of_its_own_when_first_opened(team, tmp_path):
    a, b = team
    path = replica.make_copy(a, tmp_path / "copy.lapdesk", for_name="Chloé Dufour")
    with open_store(path) as copy:
        made = replica.replica_of(copy)
        assert made.name == "Chloé Dufour" and made.initials == "CD"
        assert made.replica_id not in (a.capture.replica_id, b.capture.replica_id)
        assert made.team_id == replica.replica_of(a).team_id
    with open_store(path) as again:  # the same replica ever after
        assert replica.replica_of(again).replica_id == made.replica_id


def test_a_purge_leaves_every_replica_and_keeps_no_content(team, tmp_path):
    a, b = team
    secret = add_text_contribution(a, ["CONFIDENTIAL: sent to the wrong address."],
                                   name="wrong.txt")
    excerpt = excerpts.map_span(a, secret, ["universalisation"], start=0, end=12).result
    exchange(team, tmp_path / "p1")
    excerpts.annotate(b, excerpt, stance="concern", summary="Bruno's note on it")
    purge.purge_contribution(a, secret)
    sent = send.send(a, tmp_path / "p2")
    assert b"CONFIDENTIAL" not in sent.path.read_bytes()
    payload = [json.loads(e.payload) for e in packs.decode(sent.path.read_bytes()).entries
               if e.kind == "purge"]
    assert payload and "CONFIDENTIAL" not in json.dumps(payload)
    receive.receive(b, [sent.path])
    exchange(team, tmp_path / "p3")
    assert differing(team) == {}
    for store in (a, b):
        assert store.query_one("SELECT count(*) AS n FROM contributions WHERE id = ?",
                               (secret,))["n"] == 0
        assert not store.query("SELECT 1 AS x FROM paragraphs_fts WHERE paragraphs_fts"
                               " MATCH 'confidential'")
        dumped = json.dumps(store.query("SELECT * FROM team_stamps")
                            + store.query("SELECT * FROM team_conflicts"))
        assert "CONFIDENTIAL" not in dumped and "Bruno's note" not in dumped
        outbox = b"".join(r["payload"] for r in store.query("SELECT payload FROM team_outbox"))
        assert b"CONFIDENTIAL" not in outbox
        assert check(store)["ok"]


@pytest.mark.parametrize("order", [0, 1, 2, 3])
def test_a_purge_takes_the_same_original_logged_by_a_colleague_too(tmp_path, order):
    """A and B log the same bytes (one original, one contribution once packs meet); A purges
    its contribution before or after they met: B's copy goes too, on every replica."""
    stores = make_team(tmp_path, 3)
    a, b, c = stores
    words = ["SECRET: the same note, logged twice.", "Its second paragraph."]
    data = "\n".join(words).encode("utf-8")
    mine = add_text_contribution(a, words, name="same.txt", data=data)
    theirs = add_text_contribution(b, words, name="same.txt", data=data)
    excerpts.map_span(b, theirs, ["universalisation"], start=0, end=6)
    early = []  # packs received early by one replica, reaching the others later
    if order == 1:  # A has B's copy already when it purges
        early.append((b, send.send(b, tmp_path / "p0").path))
        receive.receive(a, [early[-1][1]])
    elif order == 2:  # everyone has both copies
        exchange(stores, tmp_path / "p0")
    purge.purge_contribution(a, mine)
    if order == 3:  # the third replica hears of the purge first, then of B's copy
        early.append((a, send.send(a, tmp_path / "p1").path))
        receive.receive(c, [early[-1][1]])
    try:
        for store in stores:
            receive.receive(store, [path for origin, path in early if origin is not store])
        exchange(stores, tmp_path / "p2")
        assert differing(stores) == {}
        for store in stores:
            assert check(store)["ok"], check(store)
            assert not store.query("SELECT 1 AS x FROM contributions WHERE id IN (?, ?)",
                                   (mine, theirs))
            assert not store.query("SELECT 1 AS x FROM paragraphs WHERE text LIKE 'SECRET%'")
            assert not store.query("SELECT 1 AS x FROM blobs WHERE data = ?", (data,))
            assert not store.query("SELECT 1 AS x FROM paragraphs_fts WHERE paragraphs_fts"
                                   " MATCH 'secret'")
            kept = json.dumps(store.query("SELECT * FROM team_stamps")
                              + store.query("SELECT * FROM team_conflicts"))
            assert "SECRET" not in kept
    finally:
        for store in stores:
            store.close()
