"""The paper as LibreOffice lays it out (PDF, then its text): French typography character by
character, no file name anywhere, no reference to a part that is not there, and a contents
list whose entries and pages match the rendered pages."""

from __future__ import annotations

import re

import pytest
from docx import Document
from docx_reading import parts
from paper_store import build

from lapdesk.core import office
from lapdesk.export.options import ExportOptions
from lapdesk.export.working_paper import export_working_paper
from lapdesk.store import settings

pytestmark = pytest.mark.slow
NBSP, NNBSP = "\u00a0", "\u202f"


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """English and French papers with contents, and an anonymised one, laid out as PDF."""
    if office.find_soffice() is None:
        pytest.skip("LibreOffice (soffice) is not installed: the rendering tests did not run")
    import pypdfium2

    from lapdesk.store.connection import open_store

    folder = tmp_path_factory.mktemp("rendered")
    papers = {}
    with open_store(folder / "store.lapdesk") as store:
        build(store)
        settings.update(store, {"meeting_date": "2020-11-25", "meeting_end_date": "2020-11-27",
                                "introduction_fr": "La Présidence remercie les délégations : "
                                                   "merci ! Pourquoi ? Parce que ; « ainsi »."})
        for name, options in {
            "en": ExportOptions(date="2020-06-20", toc=True),
            "fr": ExportOptions(date="2020-06-20", toc=True, lang="fr"),
            "anonymised": ExportOptions(date="2020-06-20", anonymise=True, annex_1=False),
        }.items():
            out = folder / f"{name}.docx"
            report = export_working_paper(store, out, options=options)
            pdf = office.convert(out, "pdf", out_dir=folder, timeout=180)
            document = pypdfium2.PdfDocument(str(pdf))
            pages = [document[i].get_textpage().get_text_range() for i in range(len(document))]
            document.close()
            papers[name] = (out, report, [p.replace("\r\n", "\n") for p in pages])
        files = [r["name"] for r in store.query("SELECT name FROM files")]
    return papers, files


def test_french_typography_character_by_character(rendered):
    papers, _ = rendered
    out, _, pages = papers["fr"]
    text = "\n".join(pages)
    one_line = re.sub(r"[ \t]*\n[ \t]*", " ", text).replace(NBSP, " ")
    assert "merci\u202f! Pourquoi\u202f? Parce que\u202f; « ainsi »" in one_line
    for match in re.finditer(r"[;!?]", text):
        assert text[match.start() - 1] == NNBSP, text[max(0, match.start() - 30):match.end()]
    for match in re.finditer(r":(?=\s)", text):
        assert text[match.start() - 1] in (" ", NBSP), text[max(0, match.start() - 30):match.end()]
    # The document itself holds the no-break space (the PDF's text gives it as a space).
    xml = parts(out)["word/document.xml"].decode() + parts(out)["word/footnotes.xml"].decode()
    words = "".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml))
    for match in re.finditer(r":(?=\s)", words):
        assert words[match.start() - 1] == NBSP, words[max(0, match.start() - 30):match.end()]
    for match in re.finditer("«", words):
        assert words[match.end()] == NBSP
    for match in re.finditer("»", words):
        assert words[match.start() - 1] == NBSP
    assert "(a)" not in text and "a)\tfirst lettered item" in text.replace("a) ", "a)\t")
    assert "Original : anglais" in text and "Genève, 25\u201327 novembre 2020" in text
    assert "Présenté par le Président de la deuxième Conférence d'examen" in text


def test_no_file_name_anywhere(rendered):
    papers, files = rendered
    assert files
    for out, _, pages in papers.values():
        text = "\n".join(pages)
        xml = "".join(data.decode("utf-8", "replace") for name, data in parts(out).items()
                      if name.endswith((".xml", ".rels")))
        for name in files:
            assert name not in text and name not in xml, name
        assert not re.search(r"\.(txt|docx|pdf|eml|msg)\b", text)


def test_no_reference_to_a_part_that_is_not_there(rendered):
    papers, _ = rendered
    for name, (out, _, pages) in papers.items():
        text = "\n".join(pages)
        for number in re.findall(r"\(see annex (I+)\)", text):
            assert re.search(rf"^Annex {number}$", text, re.M), (name, number)
        if "(see the annex)" in text:
            assert re.search(r"^Annex$", text, re.M)
        notes = len(re.findall(r"<w:footnote w:id=\"[1-9]", parts(out)["word/footnotes.xml"]
                               .decode()))
        for number in re.findall(r"See footnote (\d+)\.", text):
            assert int(number) < notes + 1
        # No chapter is divided into a lone "A.".
        document = Document(str(out))
        letters_per_chapter, lettered = [], 0
        for p in document.paragraphs:
            if p.style.name == "WP Heading 1":
                letters_per_chapter.append(lettered)
                lettered = 0
            elif p.style.name == "WP Heading 2" and p._p.pPr.numPr is None:
                lettered += 1
        letters_per_chapter.append(lettered)
        assert 1 not in letters_per_chapter, name
    # The anonymised paper has only Annex II, headed "Annex", and says "the annex".
    text = "\n".join(papers["anonymised"][2])
    assert re.search(r"^Annex$", text, re.M) and "annex II" not in text
    assert "(see the annex)" in text


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace(NBSP, " ").replace(NNBSP, " "))


@pytest.mark.parametrize("name", ["en", "fr"])
def test_the_contents_list_matches_the_rendered_pages(rendered, name):
    papers, _ = rendered
    out, report, pages = papers[name]
    assert report.contents_pages, report.warnings
    table = next(t for t in Document(str(out)).tables if t.rows[0].cells[1].text == "Page")
    entries = [tuple(r.cells[1].text.split("\t")) for r in table.rows[1:]
               if "\t" in r.cells[1].text]
    assert len(entries) == len(report.contents_pages)
    # The list itself is on page 1; look for each heading after the list's last entry.
    squashed = [_squash(p) for p in pages]
    joined = " ".join(squashed)
    offsets, at = [], 0
    for page in squashed:
        offsets.append(at)
        at += len(page) + 1
    position = joined.find(_squash(entries[-1][0])) + len(_squash(entries[-1][0]))
    for title, page in entries:
        found = joined.find(_squash(title), position)
        assert found > 0, title
        printed = max(i for i, start in enumerate(offsets) if start <= found) + 1
        assert printed == int(page), (title, printed, page)
        position = found + len(title)
    # Page numbers are the footer's: page 2 prints "2", and the symbol runs from page 2.
    assert "CCM/CONF/2020/PM.1/WP.1" in pages[1].split("\n")[0]
    assert pages[0].count("CCM/CONF/2020/PM.1/WP.1") == 1  # the masthead only, no header
