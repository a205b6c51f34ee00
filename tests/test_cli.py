"""The CLI's conventions: options anywhere, one JSON document, exit codes, one-line errors."""

import sqlite3

import pytest
from builders import add_text_contribution
from conftest import run_lapdesk

from lapdesk.cli.main import COMMAND_MODULES, build_parser
from lapdesk.store.connection import open_store

SECTIONS = {"structure", "cross_cutting", "universalisation", "stockpile_destruction",
            "clearance_rre", "victim_assistance", "cooperation_assistance", "transparency",
            "national_implementation"}


def test_framework_json_lists_sections_and_questions(cli, store_path):
    result = cli("--store", store_path, "framework", "--json")
    assert result.code == 0
    roots = result.json()
    assert {r["key"] for r in roots} == SECTIONS
    questions = [c["key"] for r in roots for c in r["children"]]
    assert len(questions) == 39 and "universalisation.q3" in questions
    assert set(roots[0]) >= {"key", "title", "kind", "children"}


@pytest.mark.parametrize("order", ["before", "after", "mixed"])
def test_store_and_json_work_before_or_after_the_command(cli, store_path, order):
    args = {"before": ["--store", store_path, "--json", "contributors"],
            "after": ["contributors", "--store", store_path, "--json"],
            "mixed": ["--json", "contributors", "--store", store_path]}[order]
    result = cli(*args)
    assert result.code == 0
    rows = result.json()
    states = [r for r in rows if r["kind"] == "state" and r["status"] in
              ("state_party", "signatory")]
    assert len(states) == 123
    assert any(r["kind"] != "state" for r in rows)
    assert set(rows[0]) >= {"id", "name", "kind", "status", "iso3", "group", "aliases"}


def test_store_from_environment(cli, store_path, monkeypatch):
    monkeypatch.setenv("LAPDESK_STORE", str(store_path))
    assert cli("check").code == 0
    assert store_path.exists()


def test_check_passes_then_fails_naming_the_altered_file(cli, store_path):
    with open_store(store_path) as store:
        add_text_contribution(store, ["Excellency"], name="Austria_LAP_comments.docx",
                              data=b"original bytes")
    result = cli("--store", store_path, "check", "--json")
    assert result.code == 0 and result.json() == {"ok": True, "problems": []}
    conn = sqlite3.connect(store_path)
    conn.execute("UPDATE blobs SET data = ?", (b"altered bytes!",))
    conn.commit()
    conn.close()
    result = cli("--store", store_path, "check", "--json")
    assert result.code == 1
    assert result.json()["ok"] is False
    assert "Austria_LAP_comments.docx" in result.json()["problems"][0]
    text = cli("--store", store_path, "check")
    assert text.code == 1 and "Austria_LAP_comments.docx" in text.out


def test_map_and_unmap_round_trip(cli, store_path):
    with open_store(store_path) as store:
        cid = add_text_contribution(store, ["Austria supports regional workshops."])
    result = cli("--store", store_path, "map", cid, "universalisation.q3", "--start", 0,
                 "--end", 36, "--stance", "supports", "--topic", "Regional workshops",
                 "--summary", "Favours regional workshops", "--json")
    assert result.code == 0, result.err
    excerpt_id = result.json()["excerpt_id"]
    with open_store(store_path) as store:
        row = store.query_one("SELECT text FROM excerpts WHERE id = ?", (excerpt_id,))
        assert row["text"] == "Austria supports regional workshops."
    result = cli("--store", store_path, "unmap", excerpt_id, "--json")
    assert result.code == 0 and result.json()["excerpt_id"] == excerpt_id
    with open_store(store_path) as store:
        assert store.query_one("SELECT count(*) AS n FROM excerpts")["n"] == 0
        assert store.query_one("SELECT count(*) AS n FROM mappings")["n"] == 0


@pytest.mark.parametrize("args,fragment", [
    (["map", "999", "universalisation", "--start", "0", "--end", "3"], "no contribution"),
    (["unmap", "42"], "no excerpt number 42"),
])
def test_user_mistakes_are_one_sentence_exit_1(cli, store_path, args, fragment):
    result = cli("--store", store_path, *args)
    assert result.code == 1
    assert fragment in result.err
    assert "Traceback" not in result.err and len(result.err.strip().splitlines()) == 1


def test_usage_errors_exit_2(cli, store_path):
    assert cli("--store", store_path, "map", "1").code == 2
    assert cli("--store", store_path, "map", "x", "y", "--start", "0", "--end", "1").code == 2
    assert cli("--store", store_path, "nonsense").code == 2
    bad_span = cli("--store", store_path, "map", "1", "universalisation", "--start", "5",
                   "--end", "2")
    assert bad_span.code in (1, 2)


def test_not_a_store_and_newer_schema_are_plain_errors(tmp_path, cli, store_path):
    letter = tmp_path / "letter.docx"
    letter.write_bytes(b"PK\x03\x04 not a store")
    result = cli("--store", letter, "framework")
    assert result.code == 1 and "not a LAPDesk store" in result.err
    assert "Traceback" not in result.err
    cli("--store", store_path, "check")
    conn = sqlite3.connect(store_path)
    conn.execute("PRAGMA user_version = 99")
    conn.commit()
    conn.close()
    result = cli("--store", store_path, "framework")
    assert result.code == 1 and "newer version of LAPDesk" in result.err


def test_unopenable_path_exits_1(cli, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = cli("--store", blocker / "sub" / "s.lapdesk", "framework")
    assert result.code == 1 and "Traceback" not in result.err


def test_every_command_has_help_and_is_documented(capsys):
    docs = (__import__("pathlib").Path(__file__).parents[1] / "docs" / "cli.md").read_text(encoding="utf-8")
    parser = build_parser()
    for name in COMMAND_MODULES:
        with pytest.raises(SystemExit) as exit_:
            parser.parse_args([name, "--help"])
        assert exit_.value.code == 0
        assert f"lapdesk {name}" in docs, f"docs/cli.md does not document `lapdesk {name}`"


def test_the_real_command_runs_as_a_process(store_path):
    result = run_lapdesk("--store", store_path, "framework", "--json")
    assert result.code == 0
    assert {r["key"] for r in result.json()} == SECTIONS
    version = run_lapdesk("--version")
    assert version.code == 0 and "LAPDesk" in version.out
