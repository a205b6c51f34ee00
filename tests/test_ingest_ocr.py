"""OCR of generated scans: letters typeset in English, French and Spanish, drawn by pdfium,
skewed, speckled, turned, and saved as image-only PDFs, PNG and JPEG; read back by the real
engine with the models LAPDesk ships."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import samples
from samples import scans

from lapdesk.core.text import fold
from lapdesk.ingest.extracted import Extracted, OcrPage
from lapdesk.ingest.formats import extract
from lapdesk.ingest.ocr import fanout, models
from lapdesk.ingest.pipeline import import_paths

pytestmark = pytest.mark.skipif(models.tessdata_dir() is None,
                                reason="the OCR models are not installed (make system-deps)")

MAX_CER = 0.05  # measured 1.4-3.3% on these scans (see bench/bench_ocr.py)


def text_of(result: Extracted) -> str:
    return "\n".join(p.text for p in result.paragraphs)


def folded(text: str) -> str:
    """The letters of ``text``, case, accents, punctuation and spaces aside (speckles are
    read as marks, and a speckle between two words can hide their space)."""
    return "".join(re.findall(r"\w+", fold(text)))


@pytest.fixture(scope="module")
def pages():
    """One scanned page of each letter, skewed 2 degrees and speckled."""
    return {language: scans.scan_images(scans.letter_pdf_bytes(language))[0]
            for language in scans.LETTERS}


@pytest.mark.parametrize("kind", ["pdf", "png", "jpeg"])
@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_a_scanned_letter_is_read_in_its_language(pages, language, kind):
    image = pages[language]
    data = {"pdf": lambda: scans.image_only_pdf_bytes([image]),
            "png": lambda: scans.picture_bytes(image, "PNG"),
            "jpeg": lambda: scans.picture_bytes(image, "JPEG")}[kind]()
    result = extract(data, f"letter.{kind}")
    assert result.status == "ok", result.message
    assert result.ocr and 60 <= result.ocr_confidence <= 100
    assert result.language == language
    read = folded(text_of(result))
    head, body = scans.LETTERS[language]
    for sentence in (head, body[1]):  # the letterhead and the substance, accents folded
        assert folded(sentence) in read
    assert scans.character_error_rate(scans.letter_text(language), text_of(result)) < MAX_CER
    assert result.ocr_pages[0].skew == pytest.approx(-2.0, abs=0.3)  # straightened first
    assert result.message.startswith("Read by OCR (mean confidence")


@pytest.mark.parametrize("turn", [90, 180, 270])
def test_a_page_scanned_sideways_or_upside_down_is_turned_upright(turn):
    image = scans.scan_images(scans.letter_pdf_bytes("fr"), turn=turn)[0]
    result = extract(scans.picture_bytes(image), "sideways.png")
    assert result.status == "ok"
    assert result.ocr_pages[0].turned == (360 - turn) % 360
    assert scans.character_error_rate(scans.letter_text("fr"), text_of(result)) < MAX_CER


def test_a_picture_without_text_is_empty_and_says_so():
    result = extract(scans.logo_png_bytes(), "logo.png")
    assert result.status == "empty"
    assert "OCR found no text" in result.message
    assert result.paragraphs == [] and not result.ocr


def test_a_blurred_photograph_is_too_unsure_to_trust():
    from PIL import ImageFilter

    image = scans.scan_images(scans.letter_pdf_bytes("en"), dpi=100, noise=0)[0]
    result = extract(scans.picture_bytes(image.filter(ImageFilter.GaussianBlur(2.5)), "JPEG"),
                     "blurred.jpg")
    assert result.status == "needs_ocr"
    assert "too low to trust" in result.message and "confidence of" in result.message
    assert result.paragraphs == []


def test_a_mixed_pdf_keeps_its_text_pages_as_they_are():
    typed = extract(samples.pdf_bytes(), "typed.pdf")
    mixed = extract(scans.mixed_pdf_bytes(), "mixed.pdf")
    assert mixed.status == "ok" and mixed.pages == 4
    text_layer = [p for p in mixed.paragraphs if p.page <= 3]
    assert [(p.text, p.page, p.part) for p in text_layer] == \
        [(p.text, p.page, p.part) for p in typed.paragraphs]
    scanned = [p for p in mixed.paragraphs if p.page == 4]
    assert folded(scans.LETTERS["en"][0]) in folded(" ".join(p.text for p in scanned))
    assert [page.page for page in mixed.ocr_pages] == [4]
    assert mixed.message.startswith("1 page of 4 was scanned and read by OCR")


def test_a_damaged_page_is_named_and_the_others_are_kept():
    result = extract(samples.pdf_damaged_page_bytes(), "damaged.pdf")
    assert result.status == "ok"
    assert {p.page for p in result.paragraphs} == {1, 3}
    assert result.message == "Page 2 is damaged and could not be read."


def test_a_missing_language_model_keeps_the_scan_unread_and_says_which(tmp_path, monkeypatch):
    folder = tmp_path / "tessdata"
    folder.mkdir()
    for code in ("eng", "osd"):
        shutil.copy(models.tessdata_dir() / f"{code}.traineddata", folder)
    monkeypatch.setenv("LAPDESK_TESSDATA", str(folder))
    result = extract(scans.scan_pdf_bytes("fr"), "lettre.pdf")
    assert result.status == "needs_ocr"
    assert "French model" in result.message and result.paragraphs == []
    english = extract(scans.scan_pdf_bytes("en"), "letter.pdf")
    assert english.status == "ok"  # the English model is there


def test_without_any_model_a_scan_needs_ocr_and_says_the_models_are_missing(tmp_path,
                                                                            monkeypatch):
    monkeypatch.setenv("LAPDESK_TESSDATA", str(tmp_path))
    result = extract(scans.scan_pdf_bytes("en"), "letter.pdf")
    assert result.status == "needs_ocr"
    assert "OCR language models are missing" in result.message


def test_without_the_engine_a_scan_needs_ocr_and_says_so(tmp_path):
    """A real second process in which tesserocr cannot be imported (a copy without it)."""
    path = tmp_path / "letter.png"
    path.write_bytes(scans.picture_bytes(scans.scan_images(scans.letter_pdf_bytes("en"))[0]))
    script = ("import sys; sys.modules['tesserocr'] = None\n"
              "from lapdesk.ingest.formats import extract\n"
              f"r = extract(open({str(path)!r}, 'rb').read(), 'letter.png')\n"
              "print(r.status); print(r.message)")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         timeout=120, cwd=Path(__file__).resolve().parents[1])
    status, message = out.stdout.splitlines()[:2]
    assert status == "needs_ocr"
    assert "OCR engine is not installed" in message


def test_a_multi_page_scan_is_imported_with_its_contributor_language_and_confidence(
        store, tmp_path):
    images = scans.scan_images(scans.letter_pdf_bytes("es", pages=3))
    path = tmp_path / "nota.pdf"
    path.write_bytes(scans.image_only_pdf_bytes(images))
    labels = []
    result, = import_paths(store, [path], progress=lambda done, total, name: labels.append(name))
    assert result.status == "ok", result.message
    assert result.ocr is True and result.ocr_confidence > 60
    assert result.language == "es"
    assert [p.name for p in result.contributors] == ["Mexico"]  # from the letterhead
    dated = store.query_one("SELECT dated, received, received_source FROM contributions"
                            " WHERE id = ?", (result.contribution_id,))
    assert dated == {"dated": scans.DATES["es"], "received": scans.DATES["es"],
                     "received_source": "letter"}  # from the scanned dateline
    assert "reason" in result.to_json()["contributors"][0]
    assert labels[-1] == "nota.pdf" and "nota.pdf: 3 of 3 pages read by OCR" in labels
    pages = store.query("SELECT page, confidence, problem FROM ocr_pages ORDER BY page")
    assert [p["page"] for p in pages] == [1, 2, 3] and all(not p["problem"] for p in pages)
    paragraphs = store.query("SELECT page FROM paragraphs WHERE file_id = ? ORDER BY idx",
                             (result.file_id,))
    assert [p["page"] for p in paragraphs] == sorted(p["page"] for p in paragraphs)


def test_the_chunks_of_a_scan_come_back_in_page_order_and_lost_ones_say_why():
    first = Extracted("needs_ocr", "no text", pages=6, ocr_pending=[0, 1, 2, 3, 4, 5])
    chunks = fanout.plan(first, workers=2)
    assert chunks == [(0, 1, 2), (3, 4, 5)]
    merge = fanout.Merge(first, len(chunks))
    from lapdesk.core.text import Paragraph

    merge.add(Extracted("unreadable", "Reading this file took too long (120 s)."), chunks[1])
    merge.add(Extracted("ok", paragraphs=[Paragraph(f"page {n}", page=n) for n in (1, 2, 3)],
                        ocr_pages=[OcrPage(n, 90.0, 6) for n in (1, 2, 3)]), chunks[0])
    assert merge.complete
    result = merge.result()
    assert result.status == "ok"
    assert [p.text for p in result.paragraphs] == ["page 1", "page 2", "page 3"]
    assert result.message == ("3 pages of 6 were scanned and read by OCR (mean confidence "
                              "90%). Pages 4, 5 and 6 of this scan were not read: took too "
                              "long to read.")


def test_specks_at_a_paragraph_s_edges_are_not_text():
    from lapdesk.ingest.ocr.engine import join_lines, tidy

    assert tidy("-Geneva, 3 June 2020") == "Geneva, 3 June 2020"
    assert tidy("coopérer davantage. |") == "coopérer davantage."
    assert tidy("- a list item") == "- a list item" and tidy("1. First") == "1. First"
    assert join_lines(["the universal-", "ization of its norms"]) == \
        "the universalization of its norms"


def test_once_a_scan_tells_its_language_its_next_pages_are_read_in_it_and_an_annex_in_another_language_still_reads_right():
    from lapdesk.ingest.ocr import engine

    french = scans.scan_images(scans.letter_pdf_bytes("fr", pages=2))
    spanish = scans.scan_images(scans.letter_pdf_bytes("es"))  # an annex in Spanish
    result = extract(scans.image_only_pdf_bytes([*french, *spanish]), "note.pdf")
    assert result.status == "ok", result.message
    assert "fra" in engine.engine().single  # page 2 was read with the French model alone
    for page, language in ((1, "fr"), (2, "fr"), (3, "es")):
        read = "\n".join(p.text for p in result.paragraphs if p.page == page)
        assert scans.character_error_rate(scans.letter_text(language), read) < MAX_CER, page
    alone = extract(scans.image_only_pdf_bytes(spanish), "annex.pdf")  # read with all three
    assert [p.text for p in result.paragraphs if p.page == 3] == [p.text for p in alone.paragraphs]
    assert min(page.confidence for page in result.ocr_pages) > 75
