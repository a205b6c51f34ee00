"""The working paper read back from the .docx: structure, attribution, footnotes, numbering."""

from __future__ import annotations

import re

import pytest
from docx import Document
from docx_reading import body_paragraphs, footnotes, parts, xml_texts
from lxml import etree
from paper_store import build

from lapdesk.core.errors import UsageError
from lapdesk.export.options import ExportOptions
from lapdesk.export.working_paper import export_working_paper
from lapdesk.store import framework

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture
def paper(store, tmp_path):
    ids = build(store)
    out = tmp_path / "wp.docx"
    report = export_working_paper(store, out, options=ExportOptions(date="2020-06-20"))
    return store, ids, out, report


def test_header_block_and_chapters_in_framework_order(paper):
    store, _, out, report = paper
    paragraphs = body_paragraphs(out)
    styles = [s for s, _ in paragraphs]
    texts = [t for _, t in paragraphs]
    assert paragraphs[0] == ("WP Symbol", "CCM/CONF/2020/PM.1/WP.1")
    assert ("WP Document Info", "20 June 2020") in paragraphs
    assert ("WP Document Info", "Original: English") in paragraphs
    assert ("WP Conference",
            "Second Review Conference of the Convention on Cluster Munitions") in paragraphs
    assert ("WP Meeting", "First Preparatory Meeting") in paragraphs
    assert ("WP Agenda Item", "Geneva, 29 June 2020") in paragraphs
    assert ("WP Submitted By",
            "Submitted by the President of the Second Review Conference") in paragraphs
    chapters = [t for s, t in paragraphs if s == "WP Heading 1"]
    assert chapters == ["Introduction"] + [s["title"] for s in framework.sections(store)]
    assert report.sections == [s["key"] for s in framework.sections(store)]
    # No empty heading anywhere, and no "Supported by" without names.
    for style, text in paragraphs:
        if "Heading" in style or "Title" in style:
            assert text.strip(), style
    assert not any(t.rstrip().endswith(("by:", "by", "by .")) for t in texts)
    assert styles.count("WP Annex Title") == 4


def test_introduction_counts_and_presidency_text(paper):
    _, _, out, _ = paper
    texts = [t for _, t in body_paragraphs(out)]
    intro = next(t for t in texts if t.startswith("The Presidency received"))
    # Superseded draft left out: six contributions from six States Parties (Ireland and New
    # Zealand jointly) and the ICRC, between the earliest and latest dates received.
    assert intro == ("The Presidency received six written contributions from six States "
                     "Parties and one international organisation between 2 June 2020 and "
                     "8 June 2020 (see Annex I).")
    assert "The Presidency thanks all delegations for their constructive contributions." in texts


def test_views_name_contributors_in_the_conference_order(paper):
    _, _, out, _ = paper
    texts = [t for _, t in body_paragraphs(out)]
    workshops = next(t for t in texts if t.startswith("Regional workshops."))
    # States Parties alphabetically; Zambia (no permission to publish) is not named.
    assert workshops == ("Regional workshops. Supported by Austria, France, Mexico and one "
                         "other State Party.")
    indicators = next(t for t in texts if t.startswith("Indicators for each action.")
                      and "Supported" in t)
    assert indicators == ("Indicators for each action. Supported by Austria and Mexico. "
                          "Proposed or amended by Ireland and New Zealand.")
    victim = next(t for t in texts if t.startswith("Victim assistance as a distinct"))
    assert victim.endswith("Supported by the International Committee of the Red Cross.")
    assert "No contribution addressed this section." in texts
    assert not any("Outdated draft idea" in t for t in texts)  # superseded contribution


def test_every_excerpt_appears_under_each_node_it_maps_to(paper):
    store, ids, out, report = paper
    paragraphs = body_paragraphs(out)
    annex = paragraphs[[t for _, t in paragraphs].index("Annex II"):]
    titles = {n["title"]: n["key"] for n in framework.nodes(store)}
    placed: dict[str, list[str]] = {}
    current = None
    for style, text in annex:
        if style in ("WP Annex Heading", "WP Heading 3"):
            current = titles[text]
        elif style == "WP Quote":
            placed.setdefault(current, []).append(text.strip("\u201c\u201d"))
    rows = store.query(
        "SELECT e.text, n.key FROM excerpts e JOIN mappings m ON m.excerpt_id = e.id"
        " JOIN framework_nodes n ON n.id = m.node_id JOIN contributions c"
        " ON c.id = e.contribution_id WHERE c.superseded_by IS NULL")
    assert len(rows) == 14
    for row in rows:
        # Zambia gave no permission to publish: its names are taken out of its quotes.
        expected = re.sub(r"Republic of Zambia|Zambia", "[a delegation]", row["text"])
        assert expected in placed[row["key"]], (row["key"], row["text"])
    assert sum(len(v) for v in placed.values()) == len(rows)
    assert report.excerpts == 12
    # Section-level excerpts come before the section's questions.
    universalisation = [t for s, t in annex if s in ("WP Annex Heading", "WP Heading 3")]
    start = universalisation.index("Universalisation")
    assert universalisation[start + 1].startswith("How can we accelerate")
    section_quote = annex.index(("WP Quote", "\u201cLa universalización debe seguir siendo una "
                                 "prioridad, con talleres regionales.\u201d"))
    question_heading = [t for _, t in annex].index(universalisation[start + 1])
    assert section_quote < question_heading


def test_each_quote_is_attributed_and_sourced_in_a_footnote(paper):
    store, ids, out, _ = paper
    document = Document(str(out))
    notes = footnotes(out)
    paragraphs = document.paragraphs
    quotes = [i for i, p in enumerate(paragraphs) if p.style.name == "WP Quote"]
    assert len(quotes) == 14 and len(notes) == 14
    for index in quotes:
        assert paragraphs[index - 1].style.name == "WP Attribution"
        assert paragraphs[index - 1].text.strip()
        refs = paragraphs[index]._p.findall(f".//{W}footnoteReference")
        assert len(refs) == 1
        assert notes[int(refs[0].get(f"{W}id"))].startswith("Contribution ")
    austria = [i for i in quotes if paragraphs[i - 1].text == "Austria"]
    note = notes[int(paragraphs[austria[0]]._p.find(f".//{W}footnoteReference").get(f"{W}id"))]
    assert note == "Contribution 1, Austria_LAP_en.txt, page 1."
    # The footnote reference uses the template's styles.
    assert b'w:pStyle w:val="WPFootnoteText"' in parts(out)["word/footnotes.xml"]


def test_numbered_paragraphs_use_word_numbering(paper):
    _, _, out, _ = paper
    document = Document(str(out))
    style = document.styles["WP Numbered Paragraph"]
    num_pr = style.element.pPr.find(f"{W}numPr")
    num_id = num_pr.find(f"{W}numId").get(f"{W}val")
    numbering = etree.fromstring(parts(out)["word/numbering.xml"])
    num = next(n for n in numbering.iter(f"{W}num") if n.get(f"{W}numId") == num_id)
    abstract_id = num.find(f"{W}abstractNumId").get(f"{W}val")
    abstract = next(a for a in numbering.iter(f"{W}abstractNum")
                    if a.get(f"{W}abstractNumId") == abstract_id)
    level = abstract.find(f"{W}lvl")
    assert level.find(f"{W}numFmt").get(f"{W}val") == "decimal"
    assert level.find(f"{W}lvlText").get(f"{W}val") == "%1."
    numbered = [p for p in document.paragraphs if p.style.name == "WP Numbered Paragraph"]
    assert len(numbered) > 10
    # No number typed by hand: Word counts them.
    assert not any(p.text[:3].strip().rstrip(".").isdigit() for p in numbered)
    # Chapter headings are numbered I., II., ... by Word too.
    h1 = document.styles["WP Heading 1"].element.pPr.find(f"{W}numPr")
    h1_num = next(n for n in numbering.iter(f"{W}num")
                  if n.get(f"{W}numId") == h1.find(f"{W}numId").get(f"{W}val"))
    h1_abstract = next(a for a in numbering.iter(f"{W}abstractNum") if a.get(
        f"{W}abstractNumId") == h1_num.find(f"{W}abstractNumId").get(f"{W}val"))
    assert h1_abstract.find(f"{W}lvl/{W}numFmt").get(f"{W}val") == "upperRoman"
    # Lettered Markdown lists restart at (a) in their own list instance.
    lettered = [p for p in document.paragraphs if p.style.name == "WP Lettered"]
    assert [p.text for p in lettered] == ["first lettered item", "second lettered item"]
    own = lettered[0]._p.pPr.find(f"{W}numPr/{W}numId").get(f"{W}val")
    restart = next(n for n in numbering.iter(f"{W}num") if n.get(f"{W}numId") == own)
    assert restart.find(f"{W}lvlOverride/{W}startOverride").get(f"{W}val") == "1"


def test_markdown_synthesis_becomes_runs_and_list_styles(paper):
    _, _, out, _ = paper
    document = Document(str(out))
    para = next(p for p in document.paragraphs if p.text.startswith("Contributions agreed"))
    bold = [r.text for r in para.runs if r.bold]
    assert bold == ["universalisation"]
    bullets = [p for p in document.paragraphs if p.style.name == "WP Bullet"]
    assert [p.text for p in bullets] == ["regional workshops;", "bilateral outreach."]
    assert [r.text for r in bullets[1].runs if r.italic] == ["bilateral"]


def test_footer_carries_the_symbol_and_page_numbers(paper):
    _, _, out, _ = paper
    texts = xml_texts(out)
    footers = {n: t for n, t in texts.items() if n.startswith("word/footer")}
    assert footers
    assert all("CCM/CONF/2020/PM.1/WP.1" in t for t in footers.values())
    assert all("PAGE" in t for t in footers.values())
    assert not any("{symbol}" in t for t in texts.values())


def test_annex_1_lists_contributions_in_attribution_order(paper):
    _, _, out, _ = paper
    table = Document(str(out)).tables[0]
    rows = [[c.text for c in r.cells] for r in table.rows]
    assert rows[0] == ["No.", "Contributor", "Kind", "Received", "Language"]
    assert [r[1] for r in rows[1:]] == [
        "Austria", "France", "Ireland and New Zealand", "Mexico", "One State Party",
        "International Committee of the Red Cross"]
    assert rows[1][2:] == ["State Party", "5 June 2020", "English"]
    assert rows[4][4] == "Spanish"
    assert table.style.name == "WP Table"


def test_sections_option_and_unknown_section(store, tmp_path):
    build(store)
    out = tmp_path / "two.docx"
    report = export_working_paper(store, out, options=ExportOptions(
        sections=("victim_assistance", "universalisation"), date="2020-06-20"))
    assert report.sections == ["universalisation", "victim_assistance"]
    chapters = [t for s, t in body_paragraphs(out) if s == "WP Heading 1"]
    assert chapters == ["Introduction", "Universalisation", "Victim assistance"]
    with pytest.raises(UsageError, match="no section 'nonsense'"):
        export_working_paper(store, tmp_path / "x.docx",
                             options=ExportOptions(sections=("nonsense",)))
    assert not (tmp_path / "x.docx").exists()


def test_paragraph_properties_are_in_schema_order(paper):
    """Word rejects some misordered files that LibreOffice opens: check CT_PPr's order."""
    import importlib.util

    from conftest import ROOT

    spec = importlib.util.spec_from_file_location(
        "make_template", ROOT / "build_scripts" / "make_template.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    rank = {f"{W}{name}": i for i, name in enumerate(module.PPR_ORDER)}
    _, _, out, _ = paper
    for name in ("word/document.xml", "word/styles.xml", "word/footnotes.xml",
                 "word/numbering.xml", "word/footer1.xml"):
        for ppr in etree.fromstring(parts(out)[name]).iter(f"{W}pPr"):
            order = [rank[child.tag] for child in ppr]
            assert order == sorted(order), (name, [child.tag for child in ppr])
