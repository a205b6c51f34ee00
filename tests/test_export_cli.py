"""``lapdesk export`` on the command line, and the paper rendered by LibreOffice."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from conftest import run_lapdesk
from paper_store import build

from lapdesk.core import office
from lapdesk.store.connection import open_store


@pytest.fixture
def filled(store_path):
    with open_store(store_path) as store:
        build(store)
    return store_path


def test_export_prints_its_report_and_refuses_to_overwrite(cli, filled, tmp_path):
    out = tmp_path / "wp.docx"
    result = cli("--store", filled, "export", "--out", out, "--date", "2020-06-20", "--json")
    assert result.code == 0, result.err
    report = result.json()
    assert set(report) >= {"out", "pages_estimate", "sections", "excerpts", "contributions",
                           "anonymised"}
    assert report["out"] == str(out) and out.exists()
    assert report["contributions"] == 6 and report["excerpts"] == 11
    assert report["anonymised"] == 1 and len(report["sections"]) == 9
    again = cli("--store", filled, "export", "--out", out)
    assert again.code == 1
    assert "already exists; use --overwrite" in again.err
    assert len(again.err.strip().splitlines()) == 1
    replaced = cli("--store", filled, "export", "--out", out, "--overwrite", "--anonymise",
                   "--sections", "universalisation,transparency", "--no-annex-1", "--lang",
                   "fr", "--toc", "--reviewed-only", "--symbol", "X/1", "--meeting", "M",
                   "--withheld-quotes", "omit", "--date", "2020-06-20")
    assert replaced.code == 0, replaced.err
    assert replaced.out.startswith(f"Wrote {out}: 2 section(s)")
    drafts = cli("--store", filled, "export", "--out", tmp_path / "np.docx", "--non-paper",
                 "--comments", "--date", "2020-06-20", "--json")
    assert drafts.code == 0, drafts.err
    assert drafts.json()["comments"] > 0


def test_an_export_dated_after_its_meeting_warns_and_still_writes(cli, filled, tmp_path):
    out = tmp_path / "late.docx"
    result = cli("--store", filled, "export", "--out", out, "--json")  # dated today
    assert result.code == 0, result.err and out.exists()
    late = [w for w in result.json()["warnings"] if "after its meeting" in w]
    assert late and "First Preparatory Meeting, 29 June 2020" in late[0]
    on_time = cli("--store", filled, "export", "--out", tmp_path / "ok.docx", "--date",
                  "2020-06-20", "--json")
    assert not [w for w in on_time.json()["warnings"] if "after its meeting" in w]


def test_comments_with_anonymise_is_a_usage_error(cli, filled, tmp_path):
    both = cli("--store", filled, "export", "--out", tmp_path / "x.docx", "--anonymise",
               "--comments")
    assert both.code == 2 and "carries no comments" in both.err


def test_export_usage_errors(cli, filled, tmp_path):
    assert cli("--store", filled, "export").code == 2  # --out is required
    wrong = cli("--store", filled, "export", "--out", tmp_path / "wp.pdf")
    assert wrong.code == 2 and "not a .docx file" in wrong.err
    unknown = cli("--store", filled, "export", "--out", tmp_path / "a.docx", "--sections",
                  "nonsense")
    assert unknown.code == 2 and "no section 'nonsense'" in unknown.err
    assert cli("--store", filled, "export", "--out", tmp_path / "a.docx", "--lang",
               "es").code == 2


@pytest.mark.slow
def test_libreoffice_renders_the_paper(filled, tmp_path):
    if office.find_soffice() is None:
        pytest.skip("LibreOffice (soffice) is not installed: the rendering test did not run")
    if shutil.which("pdftotext") is None or shutil.which("pdfinfo") is None:
        pytest.skip("poppler-utils (pdftotext, pdfinfo) are not installed")
    out = tmp_path / "wp.docx"
    result = run_lapdesk("--store", filled, "export", "--out", out, "--date", "2020-06-20",
                         "--json")
    assert result.code == 0, result.err
    pdf = office.convert(out, "pdf", out_dir=tmp_path, timeout=180)  # raises if none written
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines()
                     if line.startswith("Pages:")))
    assert 3 <= pages <= 8
    assert abs(result.json()["pages_estimate"] - pages) <= 1
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True).stdout
    for expected in ("CCM/CONF/2020/PM.1/WP.1", "20 June 2020", "Original: English",
                     "Second Review Conference of the Convention",
                     "Submitted by the President of the Second Review Conference",
                     "I.", "Introduction", "II.", "Structure of the Lausanne Action Plan",
                     "Annex I", "Annex II", "Regional workshops.",
                     "Contribution 1 from Austria, received on 5 June 2020."):
        assert expected in text, expected
    # Word numbering rendered: paragraphs 1. and 2. exist, the paper starts at 1.
    assert "1." in text and "12." in text
    assert "Zambia" not in text
