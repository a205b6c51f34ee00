"""PDF text extraction speed: bare pypdfium2 against LAPDesk's PDF extractor (pages/s).

Bare pypdfium2 only pulls each page's raw text; the extractor also measures every line's
position, rejoins paragraphs, undoes hyphenation and marks running headers and footers.  Both
read the same generated PDFs: the sparse sample contribution repeated, a dense one of full
pages of prose, and two-column pages written row by row (for which it also prints the share
of pages read column by column, against pdfium's own line-across-line text).  Run: ``.venv/bin/python bench/bench_extract.py``.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

import samples  # noqa: E402

from lapdesk.ingest.formats import extract  # noqa: E402

ROUNDS = 3


def dense_pdf(pages: int) -> bytes:
    from fpdf import FPDF

    class Dense(FPDF):
        def header(self):
            self.cell(0, 6, samples.PDF_HEADER, align="C", new_x="LMARGIN", new_y="NEXT")

        def footer(self):
            self.set_y(-15)
            self.cell(0, 6, f"- {self.page_no()} -", align="C")

    pdf = Dense(format="A4")
    pdf.set_font("helvetica", size=10)
    for number in range(pages):
        pdf.add_page()
        for paragraph in range(5):
            shift = (number + paragraph) % len(samples.PDF_PROSE)
            prose = samples.PDF_PROSE[shift:] + samples.PDF_PROSE[:shift]
            pdf.multi_cell(0, 5, f"Paragraph {paragraph + 1} of page {number + 1}: "
                           + " ".join(prose), new_x="LMARGIN", new_y="NEXT")
            pdf.ln(3)
    return bytes(pdf.output())


def bare_pypdfium2(data: bytes) -> int:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(data)
    for index in range(len(document)):
        page = document[index]
        text_page = page.get_textpage()
        text_page.get_text_range()
        text_page.close()
        page.close()
    count = len(document)
    document.close()
    return count


def lapdesk_extractor(data: bytes) -> int:
    result = extract(data, "bench.pdf")
    assert result.status == "ok", result.message
    return result.pages


def best_rate(read, data: bytes) -> float:
    best = 0.0
    for _ in range(ROUNDS):
        start = time.perf_counter()
        pages = read(data)
        best = max(best, pages / (time.perf_counter() - start))
    return best


def columns_intact(data: bytes) -> tuple[float, float]:
    """The share of a two-column page's paragraphs read whole and in order: by LAPDesk, and
    in pdfium's own text (which runs line across line when the page is written row by row)."""
    import pypdfium2 as pdfium

    def normal(text: str) -> str:
        return " ".join(text.split())

    wanted = [samples.COLUMN_TITLE, *samples.COLUMN_PARAGRAPHS]
    pages = len(pdfium.PdfDocument(data))
    ours = [p.text for p in extract(data, "columns.pdf").paragraphs]
    found = sum(ours[i:i + len(wanted)] == wanted for i in range(0, len(ours), len(wanted)))
    document = pdfium.PdfDocument(data)
    raw_hits = 0
    for page in document:
        text = normal(page.get_textpage().get_text_range())
        raw_hits += sum(normal(paragraph) in text for paragraph in samples.COLUMN_PARAGRAPHS)
    document.close()
    return found / pages, raw_hits / (pages * len(samples.COLUMN_PARAGRAPHS))


def main() -> None:
    columns = samples.pdf_two_columns_bytes(row_by_row=True, pages=50)
    documents = {
        "sample contribution x34 (102 sparse pages)": samples.pdf_bytes(repeat=34),
        "dense prose (100 full pages)": dense_pdf(100),
        "two columns written row by row (50 pages)": columns,
    }
    extract(samples.pdf_bytes(), "warm-up.pdf")
    for label, data in documents.items():
        bare = best_rate(bare_pypdfium2, data)
        ours = best_rate(lapdesk_extractor, data)
        print(f"{label}: bare pypdfium2 {bare:,.0f} pages/s, LAPDesk extractor {ours:,.0f} "
              f"pages/s ({ours / bare:.0%} of bare)")
    ours, raw = columns_intact(columns)
    print(f"two-column pages: {ours:.0%} read column by column with every paragraph whole; "
          f"pdfium's own text has {raw:.0%} of the paragraphs whole (line across line)")


if __name__ == "__main__":
    main()
