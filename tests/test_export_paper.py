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


def table_rows(out, first_cell: str) -> list[list[str]]:
    """The rows of the body table whose first cell reads ``first_cell``."""
    for table in Document(str(out)).tables:
        rows = [[c.text for c in r.cells] for r in table.rows]
        if rows and rows[0][0] == first_cell:
            return rows
    raise AssertionError(f"no table starting with {first_cell!r}")


def test_masthead_and_chapters_in_framework_order(paper):
    store, _, out, report = paper
    paragraphs = body_paragraphs(out)
    styles = [s for s, _ in paragraphs]
    texts = [t for _, t in paragraphs]
    # The body's name level with the symbol, on one line above the rule.
    assert table_rows(out, "Second Review Conference of the Convention on Cluster Munitions") \
        == [["Second Review Conference of the Convention on Cluster Munitions",
             "CCM/CONF/2020/PM.1/WP.1"]]
    assert paragraphs[:2] == [("WP Document Info", "20 June 2020"),
                              ("WP Document Info", "Original: English")]
    assert ("WP Meeting", "First Preparatory Meeting") in paragraphs
    assert ("WP Agenda Item", "Geneva, 29 June 2020") in paragraphs
    assert ("WP Submitted By",
            "Submitted by the President of the Second Review Conference") in paragraphs
    chapters = [t for s, t in paragraphs if s == "WP Heading 1"]
    # Sections nobody addressed are left out: no sentence is written for them.
    addressed = ["structure", "cross_cutting", "universalisation", "victim_assistance",
                 "transparency"]
    assert chapters == ["Introduction"] + [s["title"] for s in framework.sections(store)
                                           if s["key"] in addressed]
    assert report.sections == [s["key"] for s in framework.sections(store)]
    assert not any("No contribution addressed" in t for t in texts)
    for style, text in paragraphs:
        if "Heading" in style or "Title" in style:
            assert text.strip(), style
    assert styles.count("WP Annex Title") == 2 and styles.count("WP Annex Subtitle") == 2


def test_introduction_counts_and_presidency_text(paper):
    _, _, out, _ = paper
    texts = [t for _, t in body_paragraphs(out)]
    intro = next(t for t in texts if t.startswith("The Presidency received"))
    # Superseded draft left out; Zambia (no permission) is the only anonymous contributor,
    # so it is "one other delegation", never "one other State Party"; the range is written
    # as UN documents write it.
    assert intro == ("The Presidency received six written contributions from five States "
                     "Parties, one international organization and one other delegation "
                     "between 2 and 8 June 2020 (see annex I).")
    assert "The Presidency thanks all delegations for their constructive contributions." in texts


def test_views_are_sentences_in_the_conference_order(paper):
    _, _, out, _ = paper
    texts = [t for _, t in body_paragraphs(out)]
    workshops = next(t for t in texts if t.startswith("Regional workshops."))
    assert workshops == ("Regional workshops. Austria, France, Mexico and one other delegation "
                         "supported the proposal.")
    indicators = [t for t in texts if t.startswith("Indicators for each action.")]
    assert ("Indicators for each action. Ireland and New Zealand made this proposal. Austria "
            "and Mexico supported it.") in indicators
    victim = next(t for t in texts if t.startswith("Victim assistance as a distinct"))
    assert victim.endswith("The International Committee of the Red Cross supported the "
                           "proposal.")
    reporting = next(t for t in texts if t.startswith("New reporting mechanisms."))
    assert reporting == ("New reporting mechanisms. France and one other delegation opposed "
                         "the proposal.")
    assert "The contribution of Ireland and New Zealand addressed this section (see annex II)." \
        in texts
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
        elif style in ("WP Quote", "WP Paraphrase"):
            placed.setdefault(current, []).append(
                re.sub(r" \[Original: \w+\]$", "", text).strip("\u201c\u201d\u00ab\u00bb\u00a0"))
    rows = store.query(
        "SELECT e.text, n.key, e.contribution_id FROM excerpts e JOIN mappings m"
        " ON m.excerpt_id = e.id JOIN framework_nodes n ON n.id = m.node_id JOIN contributions"
        " c ON c.id = e.contribution_id WHERE c.superseded_by IS NULL")
    assert len(rows) == 14
    for row in rows:
        if row["contribution_id"] == ids["secret"]:
            continue  # no permission: given by its summary, see below
        assert row["text"] in placed[row["key"]], (row["key"], row["text"])
    # Zambia's passage with a summary is paraphrased; the one without is left out.
    assert "Summary: Supports regional workshops in Africa" in placed["universalisation.q3"]
    assert sum(len(v) for v in placed.values()) == 13
    assert report.excerpts == 11
    # Section-level excerpts come before the section's questions.
    universalisation = [t for s, t in annex if s in ("WP Annex Heading", "WP Heading 3")]
    start = universalisation.index("Universalisation")
    assert universalisation[start + 1].startswith("How can we accelerate")
    section_quote = [t for _, t in annex].index(
        "\u201cLa universalización debe seguir siendo una prioridad, con talleres "
        "regionales.\u201d [Original: Spanish]")
    question_heading = [t for _, t in annex].index(universalisation[start + 1])
    assert section_quote < question_heading


def test_each_quote_is_attributed_and_sourced_in_a_footnote_without_file_names(paper):
    store, ids, out, _ = paper
    document = Document(str(out))
    notes = footnotes(out)
    paragraphs = document.paragraphs
    blocks = [i for i, p in enumerate(paragraphs) if p.style.name == "WP Attribution"]
    assert len(blocks) == 12 and len(notes) == 12
    for index in blocks:
        assert paragraphs[index].text.strip()
        body = index + 1
        while body + 1 < len(paragraphs) and \
                paragraphs[body + 1].style.name in ("WP Quote", "WP Paraphrase"):
            body += 1
        refs = paragraphs[body]._p.findall(f".//{W}footnoteReference")
        assert len(refs) == 1
    texts = list(notes.values())
    assert "Contribution 1 from Austria, received on 5 June 2020." in texts
    assert "Contribution 3: statement from Ireland and New Zealand, received on 7 June 2020." \
        in texts
    # The same source again refers back; the withheld contribution has its number only.
    assert any(re.fullmatch(r"See footnote \d+\.", t) for t in texts)
    assert "Contribution 6." in texts
    names = [r["name"] for r in store.query("SELECT name FROM files")]
    assert not any(name in "\n".join(texts) for name in names)
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


def test_running_header_from_page_two_and_a_first_page_of_its_own(paper):
    _, _, out, _ = paper
    document = Document(str(out))
    section = document.sections[0]
    assert section.different_first_page_header_footer
    assert "CCM/CONF/2020/PM.1/WP.1" in section.header.paragraphs[0].text
    assert not "".join(p.text for p in section.first_page_header.paragraphs).strip()
    assert not "".join(p.text for p in section.first_page_footer.paragraphs).strip()
    footer = section.footer._element.xml
    assert "PAGE" in footer
    texts = xml_texts(out)
    assert not any("{symbol}" in t for t in texts.values())


def test_annex_1_lists_publishable_contributions_and_counts_the_others(paper):
    _, _, out, _ = paper
    rows = table_rows(out, "No.")
    assert rows[0] == ["No.", "Contributor", "Category", "Received", "Language"]
    assert [r[1] for r in rows[1:]] == [
        "Austria", "France", "Ireland and New Zealand", "Mexico",
        "International Committee of the Red Cross"]
    assert [r[0] for r in rows[1:]] == ["1", "2", "3", "4", "5"]  # Zambia is number 6
    assert rows[1][2:] == ["State Party", "5 June 2020", "English"]
    assert rows[4][4] == "Spanish"
    assert table_rows(out, "Category") == [["Category", "Contributions"], ["Delegations", "1"]]


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
