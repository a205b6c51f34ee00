"""The CLI face of team work, as real processes: start, copy, send, receive, status,
conflicts; and `annotate` and `synthesis`, so every kind of shared edit can be scripted."""

from __future__ import annotations

import json

import pytest
from builders import add_text_contribution
from conftest import run_lapdesk

from lapdesk.store import excerpts
from lapdesk.store.connection import open_store


def lapdesk(*args, author="Anne Bell", **env):
    result = run_lapdesk(*args, env={"LAPDESK_AUTHOR": author, **env})
    return result


def _json(result):
    assert result.code == 0, result.err
    return json.loads(result.out)


@pytest.fixture
def pair(tmp_path):
    """A team store with one contribution and an excerpt, and a colleague's copy."""
    a = tmp_path / "LAP-2020.lapdesk"
    with open_store(a, author="Anne Bell") as store:
        contribution = add_text_contribution(store, ["Austria welcomes the concept note.",
                                                     "Universalisation first."])
        excerpt = excerpts.map_span(store, contribution, ["universalisation"], start=0, end=20,
                                    stance="supports", summary="welcome").result
    started = _json(lapdesk("--store", a, "--json", "team", "start"))
    assert (started["name"], started["initials"]) == ("Anne Bell", "AB")
    b = tmp_path / "bruno.lapdesk"
    copied = _json(lapdesk("--store", a, "team", "copy", "--for", "Bruno Costa", "--out", b,
                           "--json"))
    assert copied == {"file": str(b), "for": "Bruno Costa", "initials": "BC"}
    return a, b, excerpt


def test_a_colleague_s_edits_travel_by_pack_and_merge(pair, tmp_path):
    a, b, excerpt = pair
    edited = _json(lapdesk("--store", b, "annotate", str(excerpt), "--summary", "Bruno's",
                           "--json", author="Bruno Costa"))
    assert edited["annotation"]["summary"] == "Bruno's" and edited["position"] == 1
    _json(lapdesk("--store", b, "synthesis", "universalisation", "--text", "Most agree.",
                  "--json", author="Bruno Costa"))
    sent = _json(lapdesk("--store", b, "--json", "team", "send", "--out", tmp_path / "out",
                         author="Bruno Costa"))
    assert sent["file"].endswith("bruno · BC · #1.lapdesk-changes") and sent["changes"] >= 2
    received = _json(lapdesk("--store", a, "--json", "team", "receive", sent["file"]))
    assert received["packs"][0]["state"] == "applied"
    assert received["packs"][0]["summary"].startswith("From BC:")
    shown = _json(lapdesk("--store", a, "--json", "synthesis", "universalisation"))
    assert shown["synthesis"] == "Most agree." and shown["changed"] is False
    again = _json(lapdesk("--store", a, "--json", "team", "receive", sent["file"]))
    assert again["packs"][0]["state"] == "duplicate"
    state = _json(lapdesk("--store", a, "--json", "team", "status"))
    assert [m["initials"] for m in state["members"]] == ["BC"]
    assert state["line"].startswith("Team: changes from BC received")
    assert _json(lapdesk("--store", a, "--json", "team", "conflicts")) == []


def test_a_conflict_is_listed_and_settled_from_the_command_line(pair, tmp_path):
    a, b, excerpt = pair
    out = tmp_path / "out"
    _json(lapdesk("--store", b, "annotate", str(excerpt), "--summary", "B", "--json",
                  author="Bruno Costa"))
    _json(lapdesk("--store", a, "annotate", str(excerpt), "--summary", "A", "--json"))
    from_b = _json(lapdesk("--store", b, "--json", "team", "send", "--out", out,
                           author="Bruno Costa"))["file"]
    _json(lapdesk("--store", a, "--json", "team", "receive", from_b))
    listed = _json(lapdesk("--store", a, "--json", "team", "conflicts"))
    assert [(c["kind"], c["choices"]) for c in listed] == [("position", ["keep", "other"])]
    assert {listed[0]["mine"]["summary"], listed[0]["theirs"]["summary"]} == {"A", "B"}
    settled = _json(lapdesk("--store", a, "--json", "team", "conflicts", "--settle",
                            str(listed[0]["id"]), "--choice", "keep"))
    assert settled == {"settled": listed[0]["id"], "choice": "keep"}
    assert _json(lapdesk("--store", a, "--json", "team", "conflicts")) == []


def test_packs_of_another_team_are_refused_with_exit_1(pair, tmp_path):
    a, _b, _excerpt = pair
    other = tmp_path / "other.lapdesk"
    _json(lapdesk("--store", other, "--json", "team", "start"))
    _json(lapdesk("--store", other, "synthesis", "universalisation", "--text", "x", "--json"))
    pack = _json(lapdesk("--store", other, "--json", "team", "send", "--out", tmp_path / "o"))
    result = lapdesk("--store", a, "team", "receive", pack["file"])
    assert result.code == 1 and "another team" in result.out


def test_an_encrypted_pack_needs_the_team_passphrase(pair, tmp_path):
    a, b, excerpt = pair
    secret = tmp_path / "passphrase.txt"
    secret.write_text("correct horse battery staple\n")
    lapdesk("--store", b, "annotate", str(excerpt), "--note", "confidential", author="BC")
    pack = _json(lapdesk("--store", b, "--json", "team", "send", "--out", tmp_path / "o",
                         "--passphrase-file", secret, author="BC"))["file"]
    refused = lapdesk("--store", a, "team", "receive", pack)
    assert refused.code == 1 and "passphrase" in refused.out
    accepted = _json(lapdesk("--store", a, "--json", "team", "receive", pack,
                             LAPDESK_TEAM_PASSPHRASE="correct horse battery staple"))
    assert accepted["packs"][0]["state"] == "applied"


def test_annotate_adds_a_position_with_new_and_refuses_a_missing_one(pair):
    a, _b, excerpt = pair
    added = _json(lapdesk("--store", a, "--json", "annotate", str(excerpt), "--new",
                          "--stance", "concern", "--topic", "Funding"))
    assert added["position"] == 2 and added["annotation"]["stance"] == "concern"
    missing = lapdesk("--store", a, "annotate", str(excerpt), "--position", "5",
                      "--summary", "x")
    assert missing.code == 1 and "no position 5" in missing.err
    nothing = lapdesk("--store", a, "annotate", str(excerpt))
    assert nothing.code == 2


def test_synthesis_reads_a_file_and_status_says_a_lone_store_works_alone(tmp_path):
    store = tmp_path / "alone.lapdesk"
    text = tmp_path / "synthesis.md"
    text.write_text("**Universalisation** remains the first priority.", encoding="utf-8")
    set_ = _json(lapdesk("--store", store, "--json", "synthesis", "universalisation",
                         "--file", text))
    assert set_["changed"] and set_["synthesis"].startswith("**Universalisation**")
    assert _json(lapdesk("--store", store, "--json", "team", "status"))["team"] is False
    send = lapdesk("--store", store, "team", "send", "--out", tmp_path)
    assert send.code == 2 and "not a team store" in send.err


def test_an_import_travels_with_its_original_and_is_searchable_where_received(pair, tmp_path):
    a, b, _excerpt = pair
    letter = tmp_path / "inbox" / "Norway_LAP.txt"
    letter.parent.mkdir()
    letter.write_text("Norway supports stronger victim assistance commitments.\n\n"
                      "Gender and diversity should be mainstreamed.\n", encoding="utf-8")
    imported = _json(lapdesk("--store", a, "--json", "import", letter))
    pack = _json(lapdesk("--store", a, "--json", "team", "send", "--out", tmp_path / "o"))
    received = _json(lapdesk("--store", b, "--json", "team", "receive", pack["file"],
                             author="Bruno Costa"))
    assert received["packs"][0]["counts"]["contributions"] == 1
    hits = _json(lapdesk("--store", b, "--json", "search", "mainstreamed"))
    assert [h["contribution_id"] for h in hits] == [imported[0]["contribution_id"]]
    with open_store(b) as store:
        original = store.query_one("SELECT data FROM blobs b JOIN files f ON f.sha256 = b.sha256"
                                   " WHERE f.name = 'Norway_LAP.txt'")["data"]
    assert original == letter.read_bytes()
    assert _json(lapdesk("--store", b, "--json", "check"))["ok"]
