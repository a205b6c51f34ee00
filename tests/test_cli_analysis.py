"""``lapdesk suggest``, ``positions`` and ``coverage``: their JSON fields are a contract."""

from builders import add_text_contribution

from lapdesk.store import contributions, excerpts
from lapdesk.store.connection import open_store

NOTE = [
    "The Permanent Mission of Austria presents its compliments to the Presidency.",
    "b. On stockpile destruction",
    "States should destroy what remains as soon as possible.",
    "Victim Assistance:",
    "Survivors need long-term support.",
]


def _store_with_note(store_path):
    with open_store(store_path) as store:
        return add_text_contribution(store, NOTE, contributors=["Austria"])


def test_suggest_json_fields_and_accept(cli, store_path):
    cid = _store_with_note(store_path)
    result = cli("--store", store_path, "suggest", cid, "--json")
    assert result.code == 0, result.err
    rows = result.json()
    assert [(r["paragraph"], r["node"]) for r in rows] == [
        (2, "stockpile_destruction"), (4, "victim_assistance")]
    for field in ("contribution_id", "file_id", "start", "end", "paragraph", "node",
                  "confidence", "reason", "node_title"):
        assert field in rows[0]
    assert rows[0]["reason"] == "heading \u2018b. On stockpile destruction\u2019"
    accepted = cli("--store", store_path, "suggest", cid, "--accept", "--min-confidence",
                   "0.5", "--json")
    assert accepted.code == 0, accepted.err
    assert {r["state"] for r in accepted.json()} == {"accepted"}
    with open_store(store_path) as store:
        made = excerpts.excerpts_of(store, cid)
    assert [(e.nodes, e.origin) for e in made] == [
        (("stockpile_destruction",), "suggestion"), (("victim_assistance",), "suggestion")]
    text = cli("--store", store_path, "suggest", "--all")
    assert text.code == 0 and text.out.strip() == "No suggestion."


def test_suggest_usage_errors(cli, store_path):
    cid = _store_with_note(store_path)
    assert cli("--store", store_path, "suggest").code == 2
    assert cli("--store", store_path, "suggest", cid, "--all").code == 2
    assert cli("--store", store_path, "suggest", cid, "--accept").code == 2
    bad = cli("--store", store_path, "suggest", cid, "--accept", "--min-confidence", "2")
    assert bad.code == 2 and bad.err.count("\n") == 1
    missing = cli("--store", store_path, "suggest", "999")
    assert missing.code == 1 and "no contribution number 999" in missing.err


def test_positions_json(cli, store_path):
    cid = _store_with_note(store_path)
    with open_store(store_path) as store:
        para = contributions.paragraphs_of(store, cid)[2]
        excerpts.map_span(store, cid, ["stockpile_destruction.q1"], start=para["start"],
                          end=para["end"], stance="supports", topic="Destroy without delay")
    result = cli("--store", store_path, "positions", "--json")
    assert result.code == 0, result.err
    data = result.json()
    topic = data["topics"][0]
    assert topic["topic"] == "Destroy without delay"
    assert topic["support"] == 1 and topic["opposition"] == 0
    assert [p["name"] for p in topic["stances"]["supports"]] == ["Austria"]
    assert data["cells"][0]["stances"] == ["supports"]
    scoped = cli("--store", store_path, "positions", "--node", "stockpile_destruction", "--json")
    assert len(scoped.json()["topics"]) == 1
    assert cli("--store", store_path, "positions", "--node", "universalisation",
               "--json").json()["topics"] == []
    assert "support 1" in cli("--store", store_path, "positions").out


def test_coverage_json(cli, store_path):
    cid = _store_with_note(store_path)
    with open_store(store_path) as store:
        para = contributions.paragraphs_of(store, cid)[4]
        excerpts.map_span(store, cid, ["victim_assistance"], start=para["start"],
                          end=para["end"])
    result = cli("--store", store_path, "coverage", "--json")
    assert result.code == 0, result.err
    data = result.json()
    node = next(n for n in data["nodes"] if n["key"] == "victim_assistance")
    assert node["contributions"] == 1 and node["contributors"][0]["name"] == "Austria"
    austria = next(e for e in data["entries"] if e["name"] == "Austria")
    assert austria["received"] is True and austria["on_time"] is True
    assert "Austria" not in [p["name"] for p in data["not_heard_from"]["WEOG"]]
    assert data["totals"]["received_from"] == 1
    assert "Not yet heard from" in cli("--store", store_path, "coverage").out


def test_resubmissions_list_and_mark(cli, store_path):
    text = ["Austria favours specific indicators per action with a baseline from 2020.",
            "Stockpiles should be destroyed as soon as possible after entry into force."]
    with open_store(store_path) as store:
        old = add_text_contribution(store, text, contributors=["Austria"], received="2020-06-01")
        new = add_text_contribution(store, [*text, "Austria also supports regional outreach."],
                                    contributors=["Austria"], received="2020-06-05")
    listed = cli("--store", store_path, "resubmissions", "--json")
    assert listed.code == 0, listed.err
    assert [(r["old_id"], r["new_id"]) for r in listed.json()] == [(old, new)]
    assert f"--mark {old} {new}" in cli("--store", store_path, "resubmissions").out
    marked = cli("--store", store_path, "resubmissions", "--mark", old, new, "--json")
    assert marked.code == 0 and marked.json()["superseded"] is True
    with open_store(store_path) as store:
        assert contributions.contribution(store, old).superseded_by == new
    assert cli("--store", store_path, "resubmissions", "--json").json() == []
    cleared = cli("--store", store_path, "resubmissions", "--unmark", old, "--json")
    assert cleared.code == 0 and cleared.json()["superseded"] is False
    assert cli("--store", store_path, "resubmissions", "--mark", old, old).code == 2
