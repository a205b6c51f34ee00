"""Build the demo's sample contributions in ``resources/demo/`` from ``demo_texts.py``.

Run ``python build_scripts/make_demo.py``; the outputs are committed, and running it again
produces byte-identical files (fixed timestamps in the Word and PDF files and in the emails),
so a change to a text shows up as a reviewable diff of one file.
"""

from __future__ import annotations

import io
import sys
import zipfile
from datetime import UTC, datetime
from email.message import EmailMessage
from pathlib import Path

import docx
from fpdf import FPDF

sys.path.insert(0, str(Path(__file__).resolve().parent))
from demo_texts import SAMPLES  # noqa: E402

OUT = Path(__file__).resolve().parents[1] / "resources" / "demo"
FIXED = datetime(2020, 6, 1, 9, 0, 0, tzinfo=UTC)
PRESIDENCY = "Presidency of the Second Review Conference (SAMPLE) <presidency@example.org>"


def is_heading(paragraph: str) -> bool:
    return paragraph.startswith("# ")


def plain(paragraph: str) -> str:
    return paragraph[2:] if is_heading(paragraph) else paragraph


def write_txt(sample: dict, path: Path) -> None:
    path.write_text("\n\n".join(plain(p) for p in sample["paragraphs"]) + "\n", encoding="utf-8")


def write_docx(sample: dict, path: Path) -> None:
    document = docx.Document()
    for paragraph in sample["paragraphs"]:
        if is_heading(paragraph):
            document.add_heading(plain(paragraph), level=1)
        else:
            document.add_paragraph(paragraph)
    properties = document.core_properties
    properties.author = "LAPDesk demo (SAMPLE)"
    properties.title = "SAMPLE — fictional contribution"
    properties.created = properties.modified = FIXED.replace(tzinfo=None)
    properties.last_modified_by = "LAPDesk demo"
    buffer = io.BytesIO()
    document.save(buffer)
    path.write_bytes(_fixed_zip_times(buffer.getvalue()))


def _fixed_zip_times(data: bytes) -> bytes:
    """Rewrite a zip with fixed member times, so the .docx is byte-identical on every run."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2020, 6, 1, 9, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()


def _latin1(text: str) -> str:
    """The PDF's core font covers Latin-1: replace the few typographic signs outside it."""
    return text.replace("—", "-").replace("’", "'").replace("“", '"').replace("”", '"')


def write_pdf(sample: dict, path: Path) -> None:
    pdf = FPDF(format="A4")
    pdf.set_creation_date(FIXED)
    pdf.set_title("SAMPLE - fictional contribution")
    pdf.set_author("LAPDesk demo (SAMPLE)")
    pdf.set_margins(25, 25, 25)
    pdf.add_page()
    for paragraph in sample["paragraphs"]:
        if is_heading(paragraph):
            pdf.set_font("Helvetica", "B", 13)
        else:
            pdf.set_font("Helvetica", "", 11)
        pdf.multi_cell(0, 6, _latin1(plain(paragraph)))
        pdf.ln(3)
    path.write_bytes(bytes(pdf.output()))


def write_eml(sample: dict, path: Path) -> None:
    message = EmailMessage()
    message["From"] = sample["email"]["from"]
    message["To"] = PRESIDENCY
    message["Subject"] = sample["email"]["subject"]
    message["Date"] = sample["email"]["date"]
    message["Message-ID"] = f"<{path.stem}@demo.lapdesk.invalid>"
    message.set_content("\n\n".join(plain(p) for p in sample["paragraphs"]) + "\n")
    path.write_bytes(bytes(message))


WRITERS = {".txt": write_txt, ".docx": write_docx, ".pdf": write_pdf, ".eml": write_eml}


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    for sample in SAMPLES:
        path = OUT / sample["file"]
        WRITERS[path.suffix](sample, path)
        print(f"wrote {path.relative_to(OUT.parents[1])}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
