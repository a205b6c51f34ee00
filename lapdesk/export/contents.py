"""The contents list, correct in the file as written: no field for Word to update.

A TOC field shows "Contents …" until Word updates it, and Word asks to on opening.  Instead
the list is plain text: chapters with their Roman numerals, then the annexes grouped under
"Annexes", each with its page after a dotted leader.  The pages come from a layout pass: the
finished document is laid out by LibreOffice (when it is installed) into a PDF whose outline
says on which page each chapter and annex starts.  The list is laid out with two-digit
placeholders at the right tab, so writing the pages in changes no line of the paper.
Without LibreOffice the list has no page numbers.
"""

from __future__ import annotations

import io
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from lapdesk.core import office
from lapdesk.core.errors import LapdeskError
from lapdesk.export.boilerplate import words
from lapdesk.export.writer import PaperWriter

# Columns (twips) from the body's indent: number; title, dotted leader and page.  Must match
# CONTENTS_COLUMNS in build_scripts/make_template.py (the title's tab stop).
COLUMNS = (680, 9071 - 1134 - 680)
PLACEHOLDER = "00"
INDENT = 1134 - 57  # the cells' text starts at the body's indent
LAYOUT_TIMEOUT = 180.0
ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
         (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def roman(n: int) -> str:
    out = ""
    for value, letters in ROMAN:
        while n >= value:
            out += letters
            n -= value
    return out


@dataclass
class Entry:
    group: str          # "chapter" or "annex"
    number: str         # "II." ("" for a lone annex)
    title: str
    page: int | None = None


@dataclass
class Contents:
    """Collects the entries as the paper is written, then fills the list in place."""

    writer: PaperWriter
    lang: str
    entries: list[Entry] = field(default_factory=list)
    anchor: object = None
    table: object = None

    def reserve(self) -> None:
        """Keep the list's place (after the title block) until its entries are known."""
        self.writer.paragraph("WP Contents Heading", words(self.lang)["contents"])
        self.anchor = self.writer.paragraph("WP Body Text")

    def chapter(self, title: str) -> None:
        chapters = sum(1 for e in self.entries if e.group == "chapter")
        self.entries.append(Entry("chapter", f"{roman(chapters + 1)}.", title))

    def annex(self, number: str, title: str) -> None:
        self.entries.append(Entry("annex", number, title))

    def write(self, *, with_pages: bool) -> None:
        """Put the table where :meth:`reserve` kept its place (pages "00" until :meth:`fill`
        knows them)."""
        w = words(self.lang)
        number_style = "WP Contents Number"
        rows = [[(number_style, ""), ("WP Contents Page", w["page"] if with_pages else "")]]
        annexes = [e for e in self.entries if e.group == "annex"]
        for entry in self.entries:
            if entry is (annexes[0] if annexes else None):
                label = w["annexes"] if len(annexes) > 1 else w["annex_alone"]
                rows.append([(number_style, ""), ("WP Contents Group", label)])
            title = entry.title + (f"\t{PLACEHOLDER}" if with_pages else "")
            rows.append([(number_style, entry.number), ("WP Contents Entry", title)])
        self.table = self.writer.grid(rows, COLUMNS, indent=INDENT)
        self.anchor.addprevious(self.table)
        self.anchor.getparent().remove(self.anchor)

    def fill(self, pages: list[int]) -> None:
        """Write the page of each entry after its leader."""
        from docx.oxml.ns import qn

        cells = [row.findall(qn("w:tc"))[1] for row in self.table.findall(qn("w:tr"))[1:]]
        entry_cells = [cell for cell in cells if cell.find(
            f"{qn('w:p')}/{qn('w:pPr')}/{qn('w:pStyle')}").get(qn("w:val")) == "WPContentsEntry"]
        for cell, page, entry in zip(entry_cells, pages, self.entries, strict=True):
            entry.page = page
            cell.findall(f".//{qn('w:t')}")[-1].text = str(page)


def starting_pages(docx: bytes, expected: int) -> list[int]:
    """The page each top-level heading (chapters, annexes) starts on, laid out by
    LibreOffice; raises :class:`LapdeskError` when it cannot tell."""
    import pypdfium2

    with tempfile.TemporaryDirectory(prefix="lapdesk-layout-") as folder:
        source = Path(folder) / "paper.docx"
        source.write_bytes(docx)
        pdf_path = office.convert(source, "pdf", out_dir=Path(folder), timeout=LAYOUT_TIMEOUT)
        pdf = pypdfium2.PdfDocument(io.BytesIO(pdf_path.read_bytes()))
        try:
            pages = []
            for item in pdf.get_toc():
                destination = item.get_dest()
                if item.level == 0 and destination is not None:
                    pages.append(destination.get_index() + 1)
        finally:
            pdf.close()
    if len(pages) != expected:
        raise LapdeskError(f"the layout has {len(pages)} top-level headings, not {expected}")
    return pages
