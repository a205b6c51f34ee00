"""The reading commands: contributions, show and search, in JSON and as text."""

from builders import add_text_contribution
from conftest import run_lapdesk

from lapdesk.core.text import Paragraph
from lapdesk.store import contributions as c
from lapdesk.store import excerpts, intake, registry
from lapdesk.store.connection import open_store

AUSTRIA = ["Permanent Mission of Austria",
           "Austria supports the universalisation of the Convention.",
           "Austria calls for more transparency reports."]
FRANCE = ["Mission permanente de la France",
          "La France soutient l'universalisation de la Convention, sa priorité absolue."]


def build(store_path):
    """Three contributions: Austria (mapped), France (reviewed), and an unknown scan."""
    with open_store(store_path) as store:
        austria = add_text_contribution(store, AUSTRIA, name="Austria_LAP.docx",
                                        contributors=["Austria"], received="2020-06-01")
        france = add_text_contribution(store, FRANCE, name="France_LAP.docx", language="fr",
                                       contributors=["France"], received="2020-06-02")
        with store.transaction():
            scan = intake.create_contribution(store, received="2020-06-03", title="scan.pdf",
                                         permission_to_publish=False)
            digest, _ = intake.store_blob(store, b"%PDF-1.4 image only")
            intake.add_file(store, scan, name="scan.pdf", sha256=digest, size=19,
                       media_type="application/pdf", status="needs_ocr", message="no text")
        text = c.text_of(store, austria)
        start = text.index("Austria supports")
        excerpt = excerpts.map_span(store, austria, ["universalisation"], start=start,
                                    end=start + len(AUSTRIA[1]), stance="supports").result
        text = c.text_of(store, france)
        start = text.index("La France")
        done = excerpts.map_span(store, france, ["universalisation"], start=start,
                                 end=start + 20).result
        excerpts.set_reviewed(store, done)
    return austria, france, scan, excerpt


def test_contributions_json_lists_every_field_and_what_needs_attention(cli, store_path):
    austria, france, scan, _ = build(store_path)
    result = cli("--store", store_path, "contributions", "--json")
    assert result.code == 0
    rows = {r["id"]: r for r in result.json()}
    assert list(rows) == [austria, france, scan]
    for row in rows.values():
        assert set(row) >= {"id", "received", "channel", "status", "language", "contributors",
                            "files", "excerpts", "needs_attention"}
    assert [rows[i]["status"] for i in (austria, france, scan)] == ["mapped", "reviewed", "new"]
    assert rows[austria]["contributors"][0]["name"] == "Austria"
    assert set(rows[austria]["contributors"][0]) >= {"id", "name", "kind", "status",
                                                     "confidence", "reason"}
    assert rows[austria]["excerpts"] == 1 and rows[france]["language"] == "fr"
    assert rows[austria]["needs_attention"] == [] and rows[france]["needs_attention"] == []
    assert rows[scan]["needs_attention"] == [
        "contributor unknown", "file scan.pdf is a scan without text (needs OCR)",
        "language unknown"]


def test_contributions_text_flags_attention_and_counts(cli, store_path):
    build(store_path)
    result = cli("--store", store_path, "contributions")
    assert result.code == 0
    lines = result.out.splitlines()
    assert "Austria" in lines[0] and "mapped" in lines[0] and "1 excerpt]" in lines[0]
    assert any("(contributor unknown)" in line for line in lines)
    assert "        ! file scan.pdf is a scan without text (needs OCR)" in lines
    assert lines[-1] == "3 contributions, 1 needs attention."


def test_contributions_of_an_empty_store(cli, store_path):
    assert cli("--store", store_path, "contributions", "--json").json() == []
    assert cli("--store", store_path, "contributions").out.strip() == (
        "No contribution has been logged yet.")


def test_show_json_paragraph_offsets_match_the_text(cli, store_path):
    austria, *_ , excerpt = build(store_path)
    result = cli("--store", store_path, "show", austria, "--json")
    assert result.code == 0
    shown = result.json()
    assert shown["id"] == austria and shown["status"] == "mapped"
    assert [p["name"] for p in shown["contributors"]] == ["Austria"]
    assert [f["name"] for f in shown["files"]] == ["Austria_LAP.docx"]
    paragraphs = shown["paragraphs"]
    assert [set(p) for p in paragraphs] == [{"file_id", "index", "start", "end", "page",
                                             "heading_level", "part", "text"}] * 3
    with open_store(store_path) as store:
        text = c.text_of(store, austria)
    for p in paragraphs:
        assert text[p["start"]:p["end"]] == p["text"]
    assert [p["index"] for p in paragraphs] == [0, 1, 2]
    (mapped,) = shown["excerpts"]
    assert mapped["id"] == excerpt and mapped["nodes"] == ["universalisation"]
    assert mapped["text"] == AUSTRIA[1] == text[mapped["start"]:mapped["end"]]
    assert mapped["annotations"][0]["stance"] == "supports"


def test_show_text_has_paragraph_numbers_pages_and_headings(cli, store_path):
    with open_store(store_path) as store, store.transaction():
        cid = intake.create_contribution(store, language="en", title="Chile.pdf")
        digest, _ = intake.store_blob(store, b"pdf bytes")
        intake.add_file(store, cid, name="Chile.pdf", sha256=digest, size=9,
                   media_type="application/pdf", status="ok", pages=2, paragraphs=[
                       Paragraph("Comments of Chile", page=1, heading_level=1),
                       Paragraph("Chile supports the plan.", page=1),
                       Paragraph("Victim assistance", page=2, heading_level=2),
                       Paragraph("See the footnote.", page=2, part="footnote")])
        intake.set_contributors(store, cid, [{"contributor_id": registry.find(store, "Chile")["id"],
                                         "confidence": 0.5, "reason": "file name: 'Chile.pdf'"}])
    out = cli("--store", store_path, "show", cid).out
    assert "Contribution 1: Chile.pdf" in out
    assert "Contributors: Chile (0.50, file name: 'Chile.pdf')" in out
    assert "Needs attention: contributor Chile to confirm" in out
    assert "=== Chile.pdf ===" in out
    lines = out.splitlines()
    assert lines.index("--- page 1 ---") < lines.index("¶1    # Comments of Chile")
    assert lines.index("¶2    Chile supports the plan.") < lines.index("--- page 2 ---")
    assert "¶3    ## Victim assistance" in lines
    assert "¶4    [footnote] See the footnote." in lines


def test_show_an_unknown_contribution_is_an_error(cli, store_path):
    build(store_path)
    result = cli("--store", store_path, "show", "99")
    assert result.code == 1
    assert result.err.strip() == "lapdesk: There is no contribution number 99."


def test_search_hits_are_accent_and_case_insensitive_with_offsets(cli, store_path):
    austria, france, *_ = build(store_path)
    result = cli("--store", store_path, "search", "UNIVERSALISATION", "--json")
    assert result.code == 0
    hits = result.json()
    assert {h["contribution_id"] for h in hits} == {austria, france}
    with open_store(store_path) as store:
        for hit in hits:
            assert set(hit) >= {"contribution_id", "file_id", "paragraph", "start", "end",
                                "snippet"}
            text = c.text_of(store, hit["contribution_id"])
            assert "universalisation" in text[hit["start"]:hit["end"]].lower()
            assert "«" in hit["snippet"] and "»" in hit["snippet"]
    plain = cli("--store", store_path, "search", "PRIORITE absolue", "--json").json()
    assert [h["contribution_id"] for h in plain] == [france]
    accented = cli("--store", store_path, "search", "priorité", "--json").json()
    assert [(h["contribution_id"], h["start"]) for h in accented] == [
        (h["contribution_id"], h["start"]) for h in plain]


def test_search_text_names_contributors_and_limit_applies(cli, store_path):
    build(store_path)
    out = cli("--store", store_path, "search", "universalisation").out.splitlines()
    assert any("Austria ¶2" in line and "«universalisation»" in line for line in out)
    assert any("France ¶2" in line for line in out)
    assert out[-1] == "2 hits."
    limited = cli("--store", store_path, "search", "universalisation", "--limit", "1", "--json")
    assert len(limited.json()) == 1


def test_search_with_query_syntax_characters_and_no_hit(cli, store_path):
    build(store_path)
    for query in ("ratification/accession", 'he said "no', "NEAR(a b)", "l'universalisation"):
        result = cli("--store", store_path, "search", query, "--json")
        assert result.code == 0, query
    assert cli("--store", store_path, "search", "zanzibar").out.strip() == "No paragraph matches."


def test_search_usage_errors(cli, store_path):
    assert cli("--store", store_path, "search", "  ").code == 2
    result = cli("--store", store_path, "search", "plan", "--limit", "0")
    assert result.code == 2 and "--limit" in result.err


def test_reading_commands_as_a_real_process(store_path):
    austria, *_ = build(store_path)
    result = run_lapdesk("show", austria, "--store", store_path, "--json")
    assert result.code == 0 and result.json()["id"] == austria


def test_show_text_names_a_few_other_candidates(cli, store_path):
    with open_store(store_path) as store:
        cid = add_text_contribution(store, ["Comments."])
        ids = [registry.find(store, n)["id"] for n in ("Austria", "Chile", "Peru", "Ghana", "Fiji")]
        with store.transaction():
            intake.set_contributors(store, cid, [
                {"contributor_id": i, "confidence": 0.9 - n / 10, "reason": "mention",
                 "chosen": n == 0} for n, i in enumerate(ids)])
    out = cli("--store", store_path, "show", cid).out
    assert "Contributors: Austria (0.90, mention)" in out
    assert ("Other candidates: Chile (0.80, mention); Peru (0.70, mention); Ghana (0.60, mention)"
            " and 1 more") in out
