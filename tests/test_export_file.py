"""Writing the file: atomic, never over an existing file unless asked, deterministic, options."""

from __future__ import annotations

import os

import pytest
from docx import Document
from docx_reading import body_paragraphs, document_xml_without_dates, parts, xml_texts
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


def test_annexes_can_be_left_out_and_the_remaining_one_is_just_annex(store, tmp_path):
    build(store)
    out = tmp_path / "short.docx"
    export_working_paper(store, out, options=ExportOptions(annex_1=False, annex_2=False))
    paragraphs = body_paragraphs(out)
    texts = [t for _, t in paragraphs]
    assert not any(t.startswith("Annex") for t in texts)
    assert not any(s == "WP Quote" for s, _ in paragraphs)
    assert not any("annex" in t for t in texts)  # no reference to an omitted part
    one = tmp_path / "one.docx"
    export_working_paper(store, one, options=ExportOptions(annex_1=False))
    texts = [t for _, t in body_paragraphs(one)]
    assert "Annex" in texts and "Annex II" not in texts and "Annex I" not in texts
    assert not any("annex I" in t for t in texts)
    assert any(t.endswith("addressed this section (see the annex).") for t in texts)
    notes = xml_texts(one)["word/footnotes.xml"]
    assert "Contribution 1" not in notes and "From Austria" not in notes
    assert "Contribution from Austria, received on 5 June 2020." in notes


def test_contents_list_is_plain_text_with_no_field_to_update(store, tmp_path):
    build(store)
    out = tmp_path / "toc.docx"
    report = export_working_paper(store, out, options=ExportOptions(toc=True,
                                                                    date="2020-06-20"))
    document = parts(out)["word/document.xml"].decode()
    assert "TOC" not in document and "fldChar" not in document
    assert b"w:updateFields" not in parts(out)["word/settings.xml"]
    texts = [t for _, t in body_paragraphs(out)]
    assert texts.count("Contents") == 1
    contents = next(t for t in Document(str(out)).tables
                    if any(r.cells[1].text.startswith("Introduction") for r in t.rows))
    rows = [[c.text for c in r.cells] for r in contents.rows]
    entries = [r[1].split("\t")[0] for r in rows[1:]]
    assert entries[:2] == ["Introduction", "Structure of the Lausanne Action Plan"]
    assert entries[-3:] == ["Annexes", "Contributions received",
                            "Compilation of the views received, question by question"]
    assert [r[0] for r in rows[1:3]] == ["I.", "II."]
    if report.contents_pages is not None:  # LibreOffice laid it out: pages written in
        assert [int(r[1].split("\t")[1]) for r in rows[1:] if "\t" in r[1]] == \
            report.contents_pages
        assert rows[0][1] == "Page"
    plain = tmp_path / "plain.docx"
    export_working_paper(store, plain)
    assert "Contents" not in [t for _, t in body_paragraphs(plain)]


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
    assert "Regional workshops. Austria supported the proposal." in texts


def test_french_paper(store, tmp_path):
    build(store)
    out = tmp_path / "fr.docx"
    report = export_working_paper(store, out, options=ExportOptions(lang="fr",
                                                                    date="2020-06-01"))
    paragraphs = body_paragraphs(out)
    texts = [t for _, t in paragraphs]
    assert ("WP Document Info", "1er juin 2020") in paragraphs
    assert "Original\u00a0: anglais" in texts
    assert "Présenté par le Président de la deuxième Conférence d'examen" in texts
    assert "Première réunion préparatoire" in texts and "Genève, 29 juin 2020" in texts
    assert ("Vers le Plan d'action de Lausanne\u00a0: vues reçues sur la note conceptuelle"
            in texts)
    first_line = Document(str(out)).tables[0].rows[0].cells[0].text
    assert first_line == ("Deuxième Conférence d'examen de la Convention sur les armes à "
                          "sous-munitions")
    assert "Annexe I" in texts and "Annexe II" in texts
    chapters = [t for s, t in paragraphs if s == "WP Heading 1"]
    assert chapters[:2] == ["Introduction", "Structure du Plan d'action de Lausanne"]
    assert any(t.startswith("La Présidence a reçu six contributions écrites de cinq États "
                            "parties, d'une organisation internationale et d'une autre "
                            "délégation entre le 2 et le 8 juin 2020") for t in texts)
    # Topics are the team's own words and stay as written; the sentences are French, their
    # verbs agreeing with their subjects.
    assert ("Regional workshops. L'Autriche, la France, le Mexique et une autre délégation "
            "étaient favorables à la proposition." in texts)
    assert ("Les contributions de l'Autriche, de l'Irlande, du Mexique et de la "
            "Nouvelle-Zélande portaient sur cette section (voir l'annexe II)." in texts)
    # A quote keeps its language, with French marks for French and its original noted.
    assert ("\u00ab\u00a0La France est favorable à des ateliers régionaux de "
            "sensibilisation.\u00a0\u00bb" in texts)
    assert ("\u201cLa universalización debe seguir siendo una prioridad, con talleres "
            "regionales.\u201d [Original\u00a0: espagnol]" in texts)
    # The introduction setting has no French: the paper says so.
    assert any("English text of its introduction" in w for w in report.warnings)


def test_options_override_symbol_and_meeting(store, tmp_path):
    build(store)
    out = tmp_path / "rev.docx"
    export_working_paper(store, out, options=ExportOptions(
        symbol="CCM/CONF/2020/PM.1/WP.1/Rev.1", meeting="Second Preparatory Meeting",
        date="4 September 2020"))
    paragraphs = body_paragraphs(out)
    assert Document(str(out)).tables[0].rows[0].cells[1].text == "CCM/CONF/2020/PM.1/WP.1/Rev.1"
    assert ("WP Meeting", "Second Preparatory Meeting") in paragraphs
    assert ("WP Document Info", "4 September 2020") in paragraphs
    header = parts(out)["word/header2.xml"].decode() + parts(out)["word/header1.xml"].decode()
    assert "CCM/CONF/2020/PM.1/WP.1/Rev.1" in header


def test_empty_store_exports_a_sound_paper(store, tmp_path):
    out = tmp_path / "empty.docx"
    report = export_working_paper(store, out)
    texts = [t for _, t in body_paragraphs(out)]
    assert "No written contribution had been received when this paper was prepared." in texts
    assert not any("No contribution addressed" in t for t in texts)
    assert [t for s, t in body_paragraphs(out) if s == "WP Heading 1"] == ["Introduction"]
    assert report.contributions == 0 and report.excerpts == 0
    assert "No excerpt is mapped to the sections exported." in report.warnings
