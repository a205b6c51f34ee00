"""PDFs made with fpdf2: a multi-page contribution with running header and footer, an
encrypted one, and a scan with no text layer."""

from __future__ import annotations

import io

PDF_HEADER = "Permanent Mission of the Republic - Views on the LAP"
PDF_TITLE = "Contribution on the Lausanne Action Plan"
PDF_PASSWORD = "geneva"
# The body of each page as typeset, line by line (paragraphs separated by None).  Page 1 breaks
# "universalization" with a hyphen; the last paragraph of page 2 runs on to page 3.
PDF_BODY = (
    ("The Republic thanks the Presidency for the concept note and for the inclusive",
     "consultations held in Geneva during the intersessional period.", None,
     "We consider that the Convention will only reach its goals through the universal-",
     "ization of its norms and through the full implementation of its obligations by",
     "every State Party, including the timely destruction of stockpiles."),
    ("Clearance of contaminated areas must remain a priority of the action plan, with",
     "clear, measurable and time-bound actions.", None,
     "Victim assistance should be integrated into broader national frameworks on",
     "disability, health, education and employment, so that survivors and their"),
    ("families can enjoy their rights on an equal basis with others.", None,
     "The Republic stands ready to contribute to the consultations ahead of the",
     "Second Review Conference."),
)
# What a reader would call the paragraphs of the body, in order.
PDF_PROSE = (
    "The Republic thanks the Presidency for the concept note and for the inclusive "
    "consultations held in Geneva during the intersessional period.",
    "We consider that the Convention will only reach its goals through the universalization "
    "of its norms and through the full implementation of its obligations by every State "
    "Party, including the timely destruction of stockpiles.",
    "Clearance of contaminated areas must remain a priority of the action plan, with clear, "
    "measurable and time-bound actions.",
    "Victim assistance should be integrated into broader national frameworks on disability, "
    "health, education and employment, so that survivors and their families can enjoy their "
    "rights on an equal basis with others.",
    "The Republic stands ready to contribute to the consultations ahead of the Second Review "
    "Conference.",
)


def pdf_bytes(*, password: str | None = None, repeat: int = 1) -> bytes:
    """A PDF of ``3 * repeat`` pages: a running header, "Page n of N" footers, a title on
    page 1 and the :data:`PDF_BODY` typeset line by line (``repeat`` makes long documents)."""
    from fpdf import FPDF

    class Contribution(FPDF):
        def header(self):
            self.set_font("helvetica", size=9)
            self.cell(0, 8, PDF_HEADER, align="C", new_x="LMARGIN", new_y="NEXT")
            self.ln(6)

        def footer(self):
            self.set_y(-15)
            self.set_font("helvetica", size=9)
            self.cell(0, 8, f"Page {self.page_no()} of {{nb}}", align="C")

    pdf = Contribution(format="A4")
    if password:
        pdf.set_encryption(owner_password="owner-" + password, user_password=password)
    for _ in range(repeat):
        for number, body in enumerate(PDF_BODY, start=1):
            pdf.add_page()
            if number == 1:
                pdf.set_font("helvetica", style="B", size=16)
                pdf.cell(0, 10, PDF_TITLE, new_x="LMARGIN", new_y="NEXT")
                pdf.ln(4)
            pdf.set_font("helvetica", size=11)
            for line in body:
                if line is None:
                    pdf.ln(5)
                else:
                    pdf.cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def pdf_image_only_bytes() -> bytes:
    """A scanned PDF: one page that is a picture of a letter, with no text layer (see
    :mod:`samples.scans`, which makes it)."""
    from .scans import scan_pdf_bytes

    return scan_pdf_bytes("en")


def word_pdf_filler(count: int = 18) -> list[str]:
    """Distinct long paragraphs, enough to run :func:`pdf_from_word_bytes` over three pages."""
    from .texts import FRENCH, SPANISH

    return [f"Paragraph {index + 1} recalls that {FRENCH} {SPANISH}" for index in range(count)]


def pdf_from_word_bytes() -> bytes | None:
    """The Word sample (heading styles, a real footnote, header, footer) followed by
    :func:`word_pdf_filler`, printed to PDF by LibreOffice as a delegation would; None
    without LibreOffice."""
    import shutil
    import subprocess
    import tempfile
    from pathlib import Path

    import docx

    from .word import docx_bytes

    soffice = shutil.which("soffice")
    if soffice is None:
        return None
    document = docx.Document(io.BytesIO(docx_bytes()))
    for paragraph in word_pdf_filler():
        document.add_paragraph(paragraph)
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        document.save(work / "contribution.docx")
        subprocess.run([soffice, f"-env:UserInstallation={(work / 'profile').as_uri()}",
                        "--headless", "--convert-to", "pdf", "--outdir", str(work),
                        str(work / "contribution.docx")],
                       capture_output=True, timeout=120, check=False)
        result = work / "contribution.pdf"
        return result.read_bytes() if result.exists() else None


def pdf_damaged_page_bytes() -> bytes:
    """:func:`pdf_bytes` with its second page object broken (its dictionary opened with "[["),
    as a damaged download leaves one page unreadable and the others intact."""
    import re

    data = pdf_bytes()
    pages = [m.start() for m in re.finditer(rb"\n\d+ 0 obj\n<<\n/Contents", data)]
    second = pages[1]
    return data[:second] + data[second:].replace(b"<<\n/Contents", b"[[\n/Contents", 1)


# A two-column page: a title across both columns, then paragraphs read down the left column
# and on down the right one; the second paragraph runs on from the foot of the left column.
COLUMN_TITLE = "Views of the Republic on the Lausanne Action Plan"
COLUMN_PARAGRAPHS = (
    "The Convention on Cluster Munitions has achieved much since its entry into force, and "
    "the States Parties have destroyed most of the stockpiles they declared.",
    "Clearance of contaminated land remains the largest task ahead of the Second Review "
    "Conference, and the Republic supports measurable and time-bound actions to complete "
    "it before the deadlines set by Article 4 of the Convention.",
    "Victim assistance must be integrated into national frameworks on disability, health, "
    "education and employment, so that survivors enjoy their rights.",
    "International cooperation and assistance remain essential for the affected States to "
    "meet their obligations within their deadlines.",
)


def pdf_two_columns_bytes(*, row_by_row: bool = True, pages: int = 1) -> bytes:
    """A two-column contribution typeset by fpdf2.  With ``row_by_row`` the page is written
    as some layout programs do, the left column's line then the right one's at the same
    height (pdfium then reads line across line); else column after column."""
    import textwrap

    from fpdf import FPDF

    pdf = FPDF(format="A4")
    lines = []
    for paragraph in COLUMN_PARAGRAPHS:
        lines.extend(textwrap.wrap(paragraph, 44))
        lines.append("")
    middle = len(lines) // 2 + 2  # the second paragraph breaks over the two columns
    left, right = lines[:middle], lines[middle:]
    while right and not right[0]:
        right.pop(0)
    for _ in range(pages):
        pdf.add_page()
        pdf.set_font("helvetica", style="B", size=14)
        pdf.text(20, 22, COLUMN_TITLE)
        pdf.set_font("helvetica", size=10)
        rows = [(20, i, text) for i, text in enumerate(left)]
        rows += [(110, i, text) for i, text in enumerate(right)]
        rows.sort(key=(lambda r: (r[1], r[0])) if row_by_row else (lambda r: (r[0], r[1])))
        for x, i, text in rows:
            if text:
                pdf.text(x, 36 + i * 5, text)
    return bytes(pdf.output())
