"""Writing the file: atomic, never over an existing file unless asked, deterministic, options."""

from __future__ import annotations

import os

import pytest
from docx_reading import body_paragraphs, document_xml_without_dates, parts
from paper_store import build

from lapdesk.core.progress import Cancelled, CancelToken
from lapdesk.export.atomic import OutputExistsError, OutputLockedError
from lapdesk.export.options import ExportOptions
from lapdesk.export.working_paper import export_working_paper
from lapdesk.store import excerpts


def test_re_export_gives_the_same_document_apart_from_dates(store, tmp_path):
    build(store)
    first, second = tmp_path / "a.docx", tmp_path / "b.docx"
    export_working_paper(store, first, options=ExportOptions(date="2020-06-20"))
    export_working_paper(store, second, options=ExportOptions(date="2020-06-21"))
    assert document_xml_without_dates(first, "20 June 2020") == \
        document_xml_without_dates(second, "21 June 2020")
    for name in ("word/footnotes.xml", "word/numbering.xml", "word/styles.xml"):
        assert parts(first)[name] == parts(second)[name]


def test_existing_file_is_refused_then_replaced_with_overwrite(store, tmp_path):
    build(store)
    out = tmp_path / "papers" / "wp.docx"
    out.parent.mkdir()
    out.write_bytes(b"someone's edited draft")
    with pytest.raises(OutputExistsError, match="already exists; use --overwrite"):
        export_working_paper(store, out)
    assert out.read_bytes() == b"someone's edited draft"
    export_working_paper(store, out, options=ExportOptions(overwrite=True))
    assert out.read_bytes()[:2] == b"PK"
    assert [p.name for p in out.parent.iterdir()] == ["wp.docx"]  # no temporary file left


def test_file_held_by_word_is_a_clear_message(store, tmp_path, monkeypatch):
    """On Windows, replacing a file Word has open fails with PermissionError."""
    out = tmp_path / "papers" / "wp.docx"
    out.parent.mkdir()
    out.write_bytes(b"open in Word")

    def locked(src, dst):
        raise PermissionError(13, "The process cannot access the file")

    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(OutputLockedError, match=r"wp.docx is open in another program \(Word\?\)"):
        export_working_paper(store, out, options=ExportOptions(overwrite=True))
    assert out.read_bytes() == b"open in Word"
    assert [p.name for p in out.parent.iterdir()] == ["wp.docx"]


def test_cancel_writes_nothing(store, tmp_path):
    build(store)
    token = CancelToken()
    seen = []

    def progress(done, total, label):
        seen.append(label)
        if done == 2:
            token.cancel()

    papers = tmp_path / "papers"
    papers.mkdir()
    with pytest.raises(Cancelled):
        export_working_paper(store, papers / "wp.docx", progress=progress, cancel=token)
    assert list(papers.iterdir()) == []
    assert seen[0] == "Reading the store"


def test_annexes_can_be_left_out_and_toc_added(store, tmp_path):
    build(store)
    out = tmp_path / "short.docx"
    export_working_paper(store, out, options=ExportOptions(annex_1=False, annex_2=False,
                                                           toc=True))
    paragraphs = body_paragraphs(out)
    texts = [t for _, t in paragraphs]
    assert "Annex I" not in texts and "Annex II" not in texts
    assert not any(s == "WP Quote" for s, _ in paragraphs)
    assert not any("see Annex II" in t for t in texts)
    assert "Contents" in texts
    document = parts(out)["word/document.xml"].decode()
    assert 'TOC \\o "1-2"' in document
    assert b"w:updateFields" in parts(out)["word/settings.xml"]
    plain = tmp_path / "plain.docx"
    export_working_paper(store, plain)
    assert "TOC \\o" not in parts(plain)["word/document.xml"].decode()


def test_reviewed_only(store, tmp_path):
    ids = build(store)
    austria = store.query("SELECT id FROM excerpts WHERE contribution_id = ? ORDER BY start",
                          (ids["austria"],))
    excerpts.set_reviewed(store, austria[0]["id"])
    out = tmp_path / "reviewed.docx"
    report = export_working_paper(store, out, options=ExportOptions(reviewed_only=True))
    quotes = [t for s, t in body_paragraphs(out) if s == "WP Quote"]
    assert quotes == ["\u201cAustria supports regional workshops to accelerate "
                      "ratification.\u201d"]
    assert report.excerpts == 1
    texts = [t for _, t in body_paragraphs(out)]
    assert "Regional workshops. Supported by Austria." in texts


def test_french_boilerplate(store, tmp_path):
    build(store)
    out = tmp_path / "fr.docx"
    export_working_paper(store, out, options=ExportOptions(lang="fr", date="2020-06-01"))
    paragraphs = body_paragraphs(out)
    texts = [t for _, t in paragraphs]
    assert ("WP Document Info", "1er juin 2020") in paragraphs
    assert "Original : anglais" in texts
    assert "Soumis par le Président de la deuxième Conférence d'examen" in texts
    assert "Annexe I" in texts and "Annexe II" in texts
    chapters = [t for s, t in paragraphs if s == "WP Heading 1"]
    assert chapters[:3] == ["Introduction", "Structure du Plan d'action de Lausanne",
                            chapters[2]]
    assert any(t.startswith("La Présidence a reçu six contributions écrites") for t in texts)
    # Topics are the team's own words and stay as written; the stance sentences are French.
    # Contributors go by their French names, with their articles in running text.
    assert ("Regional workshops. Appuyé par l'Autriche, la France, le Mexique et un autre État "
            "partie." in texts)
    assert ("Des contributions de l'Autriche, de l'Irlande, du Mexique et de la Nouvelle-Zélande "
            "portaient sur cette section (voir l'annexe II)." in texts)
    # Quotes keep their language.
    assert "\u201cLa France est favorable à des ateliers régionaux de sensibilisation.\u201d" \
        in texts


def test_options_override_symbol_and_meeting(store, tmp_path):
    build(store)
    out = tmp_path / "rev.docx"
    export_working_paper(store, out, options=ExportOptions(
        symbol="CCM/CONF/2020/PM.1/WP.1/Rev.1", meeting="Second Preparatory Meeting",
        date="4 September 2020"))
    paragraphs = body_paragraphs(out)
    assert paragraphs[0] == ("WP Symbol", "CCM/CONF/2020/PM.1/WP.1/Rev.1")
    assert ("WP Meeting", "Second Preparatory Meeting") in paragraphs
    assert ("WP Document Info", "4 September 2020") in paragraphs
    footer = parts(out)["word/footer1.xml"].decode()
    assert "CCM/CONF/2020/PM.1/WP.1/Rev.1" in footer


def test_empty_store_exports_a_sound_paper(store, tmp_path):
    out = tmp_path / "empty.docx"
    report = export_working_paper(store, out)
    texts = [t for _, t in body_paragraphs(out)]
    assert "No written contribution had been received when this paper was prepared." in texts
    assert texts.count("No contribution addressed this section.") == 2 * 9
    assert report.contributions == 0 and report.excerpts == 0
    assert "No excerpt is mapped to the sections exported." in report.warnings
