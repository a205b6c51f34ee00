"""``lapdesk import`` as a real process: the JSON contract, the lines for people, exit codes."""

from __future__ import annotations

from conftest import run_lapdesk

FIELDS = {"path", "status", "message", "contribution_id", "file_id", "sha256", "media_type",
          "ocr", "ocr_confidence",
          "pages", "chars", "language", "contributors", "attachments"}


def test_import_prints_the_contract_and_exits_0(tmp_path):
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "austria.txt").write_text("Austria supports the Lausanne Action Plan and its "
                                        "focus on the victims of cluster munitions.")
    (folder / "empty.txt").write_bytes(b"")
    store = tmp_path / "s.lapdesk"
    result = run_lapdesk("--store", store, "import", folder, "--json")
    assert result.code == 0, result.err
    rows = result.json()
    assert [set(r) for r in rows] == [FIELDS, FIELDS]
    assert [r["status"] for r in rows] == ["ok", "empty"]
    assert rows[0]["contributors"][0]["name"] == "Austria"
    again = run_lapdesk("--store", store, "import", folder)
    assert again.code == 0
    lines = again.out.splitlines()
    assert lines[0].startswith("austria.txt: duplicate")
    assert lines[-1] == "2 of 2 files logged: 0 new contributions, 2 duplicates."


def test_import_exits_1_when_a_path_cannot_be_opened_and_imports_the_rest(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("A readable contribution.")
    result = run_lapdesk("--store", tmp_path / "s.lapdesk", "import", tmp_path / "nope.docx",
                         good, "--json")
    assert result.code == 1
    rows = result.json()
    assert [r["status"] for r in rows] == ["unreadable", "ok"]


def test_max_size_and_together_options(tmp_path, cli):
    (tmp_path / "a.txt").write_text("First part of a joint submission.")
    (tmp_path / "b.txt").write_text("Second part " * 200)
    store = tmp_path / "s.lapdesk"
    result = cli("--store", store, "import", tmp_path / "a.txt", tmp_path / "b.txt",
                 "--together", "--max-size", "0.001", "--json")
    assert result.code == 0, result.err
    rows = result.json()
    assert [r["status"] for r in rows] == ["ok", "too_large"]
    assert rows[0]["contribution_id"] == rows[1]["contribution_id"]
    assert cli("--store", store, "import", tmp_path, "--max-size", "-1").code == 2


def test_password_reaches_the_reader_of_an_encrypted_pdf(tmp_path, cli):
    import samples

    locked = tmp_path / "locked.pdf"
    locked.write_bytes(samples.pdf_bytes(password="lausanne"))
    without = cli("--store", tmp_path / "a.lapdesk", "import", locked, "--json")
    assert without.code == 0 and without.json()[0]["status"] == "encrypted"
    opened = cli("--store", tmp_path / "b.lapdesk", "import", locked, "--password", "lausanne",
                 "--json")
    assert opened.code == 0 and opened.json()[0]["status"] == "ok"
    assert opened.json()[0]["pages"] == 3
