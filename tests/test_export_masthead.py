"""The masthead on the CCM/UNOG pattern, its date and symbol, and the paper's French."""

from __future__ import annotations

from docx import Document
from docx_reading import body_paragraphs, parts
from paper_store import build

from lapdesk.export.masthead import decide
from lapdesk.export.options import ExportOptions
from lapdesk.export.paper_date import dated_after_meeting
from lapdesk.export.working_paper import export_working_paper
from lapdesk.store import settings


def top_line(out) -> list[str]:
    return [c.text for c in Document(str(out)).tables[0].rows[0].cells]


def test_the_seeded_symbol_counts_as_assigned_and_drafts_say_they_have_none(store, tmp_path):
    seeded = tmp_path / "seeded.docx"
    export_working_paper(store, seeded, options=ExportOptions(date="2020-06-20"))
    assert top_line(seeded)[1] == "CCM/CONF/2020/PM.1/WP.1"
    draft = tmp_path / "draft.docx"
    export_working_paper(store, draft, options=ExportOptions(date="2020-06-20",
                                                             unassigned_symbol=True))
    assert top_line(draft)[1] == "[symbol to be assigned]"
    assert "[symbol to be assigned]" in parts(draft)["word/header2.xml"].decode() + \
        parts(draft)["word/header1.xml"].decode()
    settings.update(store, {"symbol": ""})
    empty = tmp_path / "empty.docx"
    export_working_paper(store, empty, options=ExportOptions(date="2020-06-20"))
    assert top_line(empty)[1] == "[symbol to be assigned]"


def test_a_non_paper_has_no_symbol_and_no_original(store, tmp_path):
    out = tmp_path / "non-paper.docx"
    export_working_paper(store, out, options=ExportOptions(date="2020-06-20", non_paper=True))
    texts = [t for _, t in body_paragraphs(out)]
    assert top_line(out)[1] == "Non-paper"
    assert not any(t.startswith("Original") for t in texts)
    assert "CCM/CONF" not in "".join(parts(out)[n].decode() for n in parts(out)
                                     if n.endswith(".xml"))


def test_meeting_dates_agenda_item_and_distribution(store, tmp_path):
    settings.update(store, {"meeting": "Review Conference, Part 1", "place": "Geneva",
                            "meeting_date": "2020-11-25", "meeting_end_date": "2020-11-27",
                            "agenda_item": "10", "agenda_title": "Lausanne Action Plan",
                            "agenda_title_fr": "Plan d'action de Lausanne",
                            "distribution": "General", "paper_date": "2020-11-02"})
    out = tmp_path / "wp.docx"
    report = export_working_paper(store, out)
    paragraphs = body_paragraphs(out)
    assert paragraphs[:3] == [("WP Document Info", "Distr.: General"),
                              ("WP Document Info", "2 November 2020"),
                              ("WP Document Info", "Original: English")]
    assert ("WP Agenda Item", "Geneva, 25\u201327 November 2020") in paragraphs
    assert ("WP Agenda Item", "Item 10 of the provisional agenda") in paragraphs
    assert ("WP Meeting", "Lausanne Action Plan") in paragraphs
    assert not [w for w in report.warnings if "after its meeting" in w]  # paper_date is used
    french = tmp_path / "fr.docx"
    export_working_paper(store, french, options=ExportOptions(lang="fr"))
    paragraphs = body_paragraphs(french)
    assert paragraphs[0] == ("WP Document Info", "Distr.\u00a0: générale")
    assert ("WP Agenda Item", "Genève, 25\u201327 novembre 2020") in paragraphs
    assert ("WP Agenda Item", "Point 10 de l'ordre du jour provisoire") in paragraphs
    assert ("WP Meeting", "Plan d'action de Lausanne") in paragraphs


def test_a_date_after_the_meeting_is_a_sentence_naming_the_meeting():
    values = {"meeting_date": "2020-06-29"}
    sentence = dated_after_meeting(values, "2026-12-04", "First Preparatory Meeting")
    assert sentence == ("The paper is dated 4 December 2026, after its meeting (First "
                        "Preparatory Meeting, 29 June 2020); give the paper's date with --date "
                        "or in Settings.")
    assert dated_after_meeting(values, "2020-06-29", "M") is None
    assert dated_after_meeting({"meeting_date": "2020-11-25", "meeting_end_date": "2020-11-27"},
                               "2020-11-26", "M") is None
    head = decide({"meeting_date": "2020-06-29", "symbol": "S"}, symbol=None, unassigned=False,
                  when=None, meeting=None, non_paper=False, lang="en")
    assert head.symbol == "S" and head.warnings  # today is after 2020


def test_a_french_paper_is_tagged_french_and_letters_a_parenthesis(store, tmp_path):
    build(store)
    out = tmp_path / "fr.docx"
    export_working_paper(store, out, options=ExportOptions(lang="fr", date="2020-06-20"))
    styles = parts(out)["word/styles.xml"].decode()
    assert '<w:lang w:val="fr-FR"' in styles and "en-US" not in styles
    assert 'w:themeFontLang w:val="fr-FR"' in parts(out)["word/settings.xml"].decode()
    assert '<w:lvlText w:val="%1)"/>' in parts(out)["word/numbering.xml"].decode()
    document = parts(out)["word/document.xml"].decode()
    assert '<w:lang w:val="es-ES"/>' in document and '<w:lang w:val="en-GB"/>' in document
    assert 'dc:language>fr-FR<' in parts(out)["docProps/core.xml"].decode()
    english = tmp_path / "en.docx"
    export_working_paper(store, english, options=ExportOptions(date="2020-06-20"))
    assert '<w:lvlText w:val="(%1)"/>' in parts(english)["word/numbering.xml"].decode()
    assert '<w:lang w:val="fr-FR"/>' in parts(english)["word/document.xml"].decode()
