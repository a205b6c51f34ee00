"""`lapdesk demo`: the SAMPLE contributions imported, mapped and annotated, in a sound store."""

from __future__ import annotations

import email
import zipfile
from pathlib import Path

from conftest import run_lapdesk

from lapdesk.core.paths import resource
from lapdesk.demo import find_quote, load_plan


def test_find_quote_tolerates_line_breaks_in_extracted_text():
    text = "Croatia supports an action\nencouraging States   to share lessons."
    start, end = find_quote(text, "an action encouraging States to share")
    assert text[start:end] == "an action\nencouraging States   to share"
    assert find_quote(text, "nowhere to be found") is None


def test_every_sample_is_marked_as_a_sample():
    folder = resource("demo")
    plan = load_plan(folder)
    assert len(plan) >= 10
    for entry in plan:
        path = folder / entry["file"]
        data = path.read_bytes()
        if path.suffix == ".docx":
            text = zipfile.ZipFile(path).read("word/document.xml").decode()
        elif path.suffix == ".eml":
            message = email.message_from_bytes(data)
            text = message["Subject"] + message.get_payload(decode=True).decode()
        elif path.suffix == ".pdf":
            from pdfminer.high_level import extract_text

            text = extract_text(str(path))
        else:
            text = data.decode("utf-8")
        assert any(word in text for word in ("SAMPLE", "EXEMPLE", "EJEMPLO")), path.name


def test_demo_store_passes_check_with_contributions_and_excerpts(tmp_path: Path):
    store = tmp_path / "demo.lapdesk"
    built = run_lapdesk("demo", "--store", store, "--json")
    assert built.code == 0, built.err
    result = built.json()
    assert result["contributions"] >= 10 and result["excerpts"] >= 20
    assert result["unmatched"] == []
    assert {f["status"] for f in result["files"]} == {"ok"}
    checked = run_lapdesk("check", "--store", store, "--json")
    assert checked.code == 0 and checked.json()["ok"]
    listed = run_lapdesk("contributions", "--store", store, "--json").json()
    joint = next(c for c in listed if "Joint" in (c["title"] or "") or len(c["contributors"]) == 3)
    assert sorted(p["name"] for p in joint["contributors"]) == ["Chile", "Ireland", "New Zealand"]
    languages = {c["language"] for c in listed}
    assert languages == {"en", "fr", "es"}
    again = run_lapdesk("demo", "--store", store)
    assert again.code == 2 and "already has contributions" in again.err


def test_demo_never_goes_into_the_default_store(tmp_path: Path):
    refused = run_lapdesk("demo", env={"LAPDESK_STORE": "", "XDG_DATA_HOME": str(tmp_path)})
    assert refused.code == 2 and "--store" in refused.err


def test_demo_excerpts_quote_the_text_they_map(store):
    from lapdesk.demo import build_demo
    from lapdesk.store.contributions import text_of

    build_demo(store)
    for row in store.query("SELECT contribution_id, start, \"end\", text FROM excerpts"):
        assert text_of(store, row["contribution_id"])[row["start"]:row["end"]] == row["text"]
    stances = {r["stance"] for r in store.query("SELECT DISTINCT stance FROM annotations")}
    assert {"supports", "opposes", "proposes", "concern"} <= stances
