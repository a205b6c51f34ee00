"""Scanned letters: real text pages typeset by fpdf2, drawn by pdfium, then turned a few
degrees, speckled with noise and saved as a scanner or a telephone would (an image-only PDF,
PNG, JPEG, TIFF).  The letters are known, so tests compare what OCR read with what was typed.
"""

from __future__ import annotations

import io
import random

# (letterhead, body paragraphs) of a short note verbale in each language, with its dateline.
DATES = {"en": "2020-06-03", "fr": "2020-06-08", "es": "2020-06-05"}
LETTERS = {
    "en": ("Permanent Mission of Austria to the United Nations Office at Geneva", (
        "The Permanent Mission of Austria presents its compliments to the Presidency of the "
        "Second Review Conference of the Convention on Cluster Munitions and has the honour "
        "to transmit its views on the concept note of the Lausanne Action Plan.",
        "Austria welcomes the focus on the universalization of the Convention and on the "
        "clearance of contaminated land, and supports measurable and time-bound actions.",
        "The Permanent Mission avails itself of this opportunity to renew to the Presidency "
        "the assurances of its highest consideration.",
        "Geneva, 3 June 2020")),
    "fr": ("Mission permanente de la France auprès de la Conférence du désarmement", (
        "La Mission permanente de la France présente ses compliments à la Présidence de la "
        "deuxième Conférence d'examen de la Convention sur les armes à sous-munitions et a "
        "l'honneur de lui transmettre ses observations sur la note conceptuelle.",
        "La France soutient l'universalisation de la Convention et propose d'élargir "
        "l'assistance aux victimes à l'ensemble des zones contaminées ; les États doivent "
        "coopérer davantage.",
        "La Mission permanente saisit cette occasion pour renouveler à la Présidence les "
        "assurances de sa très haute considération.",
        "Genève, le 8 juin 2020")),
    "es": ("Misión Permanente de México ante la Oficina de las Naciones Unidas en Ginebra", (
        "La Misión Permanente de México saluda atentamente a la Presidencia de la Segunda "
        "Conferencia de Examen de la Convención sobre Municiones en Racimo y tiene el honor de "
        "transmitirle sus comentarios sobre la nota conceptual.",
        "México apoya la universalización de la Convención y señala que la destrucción de "
        "existencias debe concluir según el calendario acordado, con especial atención a la "
        "asistencia a las víctimas.",
        "La Misión Permanente aprovecha la ocasión para reiterar a la Presidencia las "
        "seguridades de su más alta y distinguida consideración.",
        "Ginebra, 5 de junio de 2020")),
}


def letter_text(language: str) -> str:
    head, body = LETTERS[language]
    return "\n".join((head, *body))


def letter_pdf_bytes(language: str, *, pages: int = 1) -> bytes:
    """The letter typeset as a real text PDF (what the ministry printed and signed)."""
    from fpdf import FPDF

    head, body = LETTERS[language]
    pdf = FPDF(format="A4")
    pdf.set_margins(22, 20, 22)
    for _ in range(pages):
        pdf.add_page()
        pdf.set_font("helvetica", style="B", size=13)
        pdf.multi_cell(0, 7, head)
        pdf.ln(8)
        pdf.set_font("helvetica", size=12)
        for paragraph in body:
            pdf.multi_cell(0, 6.5, paragraph)
            pdf.ln(4)
    return bytes(pdf.output())


def scan_images(pdf: bytes, *, dpi: int = 200, angle: float = 2.0, noise: float = 0.004,
                turn: int = 0, seed: int = 7) -> list:
    """Each page of ``pdf`` as a scanner leaves it: drawn at ``dpi`` in grey, skewed by
    ``angle`` degrees, speckled (``noise``: share of pixels flipped), and turned by
    ``turn`` degrees counter-clockwise (a page fed sideways or upside down)."""
    import pypdfium2 as pdfium
    from PIL import Image

    document = pdfium.PdfDocument(pdf)
    rng = random.Random(seed)
    images = []
    for page in document:
        image = page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
        image = image.rotate(angle, resample=Image.BICUBIC, expand=True, fillcolor=255)
        pixels = image.load()
        width, height = image.size
        for _ in range(int(width * height * noise)):
            x, y = rng.randrange(width), rng.randrange(height)
            pixels[x, y] = 0 if pixels[x, y] > 128 else 255
        if turn:
            image = image.rotate(turn, expand=True)
        image.info["dpi"] = (dpi, dpi)
        images.append(image)
    document.close()
    return images


def image_only_pdf_bytes(images, *, dpi: int = 200) -> bytes:
    """Scanned pages wrapped as a PDF without a text layer (what a copier emails)."""
    from fpdf import FPDF

    pdf = FPDF(unit="pt")
    for image in images:
        width, height = image.width * 72 / dpi, image.height * 72 / dpi
        pdf.add_page(format=(width, height))
        buffer = io.BytesIO()
        image.save(buffer, format="PNG")
        pdf.image(buffer, x=0, y=0, w=width, h=height)
    return bytes(pdf.output())


def picture_bytes(image, kind: str = "PNG", *, dpi: int = 200) -> bytes:
    """One scanned page saved as a picture file (PNG, JPEG at a telephone's quality, TIFF)."""
    buffer = io.BytesIO()
    options = {"quality": 80} if kind == "JPEG" else {}
    image.save(buffer, format=kind, dpi=(dpi, dpi), **options)
    return buffer.getvalue()


def scan_pdf_bytes(language: str = "en", **options) -> bytes:
    """A one-page scanned letter in ``language`` as an image-only PDF."""
    return image_only_pdf_bytes(scan_images(letter_pdf_bytes(language), **options))


def logo_png_bytes() -> bytes:
    """A picture with no text in it: a coat of arms as a ministry's letterhead logo."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (420, 300), "white")
    draw = ImageDraw.Draw(image)
    draw.ellipse((60, 30, 360, 270), fill=(20, 40, 120))
    draw.polygon([(210, 60), (300, 240), (120, 240)], fill=(220, 180, 40))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def mixed_pdf_bytes() -> bytes:
    """A text PDF (:func:`samples.pdf_bytes`, three pages) followed by a scanned letter page,
    as a delegation sends a typed contribution with its signed cover note."""
    import pypdfium2 as pdfium

    from .pdf import pdf_bytes

    merged = pdfium.PdfDocument.new()
    for data in (pdf_bytes(), scan_pdf_bytes("en")):
        merged.import_pages(pdfium.PdfDocument(data))
    out = io.BytesIO()
    merged.save(out)
    return out.getvalue()


def character_error_rate(expected: str, read: str) -> float:
    """Levenshtein distance over the expected length, after folding case, accents and
    spaces (what matters is whether the words came through)."""
    from lapdesk.core.text import fold

    a, b = " ".join(fold(expected).split()), " ".join(fold(read).split())
    previous = list(range(len(b) + 1))
    for i, char in enumerate(a, start=1):
        current = [i]
        for j, other in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1,
                               previous[j - 1] + (char != other)))
        previous = current
    return previous[-1] / max(len(a), 1)


def scan_png_bytes() -> bytes:
    """A photographed letter (French), as PNG."""
    return picture_bytes(scan_images(letter_pdf_bytes("fr"))[0], "PNG")


def scan_jpeg_bytes() -> bytes:
    """A photographed letter (Spanish), as a telephone's JPEG."""
    return picture_bytes(scan_images(letter_pdf_bytes("es"))[0], "JPEG")


def scan_tiff_bytes() -> bytes:
    """A two-page scanned letter (English) as a multi-page TIFF, a frame per page."""
    pages = scan_images(letter_pdf_bytes("en", pages=2))
    buffer = io.BytesIO()
    pages[0].save(buffer, format="TIFF", save_all=True, append_images=pages[1:],
                  compression="tiff_deflate", dpi=(200, 200))
    return buffer.getvalue()
