"""Real sample files, built in memory, for every format LAPDesk reads (and some it must refuse).

Each ``*_bytes()`` function returns the bytes of one genuine file made with the same kind of
tool that makes them in the wild (python-docx, fpdf2, odfpy, the stdlib ``email`` and
``zipfile``).  The texts are known, so tests can check what comes out against what went in.
Other test areas reuse this module; :func:`write_all` writes one file of each kind to a folder.
"""

from __future__ import annotations

import io
from pathlib import Path

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

FRENCH = ("La France salue le Plan d'action de Lausanne et propose d'élargir l'assistance "
          "aux victimes à l'ensemble des zones contaminées ; les États doivent coopérer.")
SPANISH = ("España apoya la universalización de la Convención y señala que la destrucción "
           "de existencias debe concluir según el calendario acordado.")

DOCX_HEADING = "Views of the Republic on the Concept Note"
DOCX_SUBHEADING = "Victim assistance"
DOCX_BODY = ("The Republic welcomes the draft Lausanne Action Plan and its focus on "
             "clearance of contaminated land by 2030.")
DOCX_ITEMS = ("Universalization of the Convention", "Stockpile destruction",
              "Clearance and risk reduction")
DOCX_TABLE = (("Action", "Position"), ("Action 12", "Supported with amendments"))
DOCX_HEADER = "Permanent Mission of the Republic"
DOCX_FOOTER = "Geneva, 14 August 2020"
DOCX_FOOTNOTE = "See the Dubrovnik Action Plan, action 3.2."


# --- text ---------------------------------------------------------------------------------------

def text_utf8_bytes() -> bytes:
    return f"Contribution of Spain\n\n{SPANISH}\n".encode()


def text_utf16_bytes(*, bom: bool = True) -> bytes:
    text = f"Contribution de la France\r\n\r\n{FRENCH}\r\n"
    return text.encode("utf-16") if bom else text.encode("utf-16-le")


def text_cp1252_bytes() -> bytes:
    return (f"Contribución de España\r\n\r\n{SPANISH}\r\n\r\n{FRENCH}\r\n\r\n"
            "Coût estimé : 25 € par mètre carré — « prioritaire ».\r\n").encode("cp1252")


# --- Word ---------------------------------------------------------------------------------------

def docx_bytes(*, footnote: bool = True) -> bytes:
    """A Word document with the features a contribution uses: heading levels, a numbered list,
    a table, a running header and footer, and (unless ``footnote=False``) a real footnote."""
    import docx

    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = DOCX_HEADER
    document.sections[0].footer.paragraphs[0].text = DOCX_FOOTER
    document.add_heading(DOCX_HEADING, level=1)
    body = document.add_paragraph(DOCX_BODY)
    for item in DOCX_ITEMS:
        document.add_paragraph(item, style="List Number")
    document.add_heading(DOCX_SUBHEADING, level=2)
    table = document.add_table(rows=len(DOCX_TABLE), cols=2)
    for row, values in zip(table.rows, DOCX_TABLE, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    document.add_paragraph(FRENCH)
    if footnote:
        _add_footnote(document, body, DOCX_FOOTNOTE)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _add_footnote(document, paragraph, text: str) -> None:
    """Add a genuine footnotes part (python-docx has no footnote API) and a reference to it."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from docx.oxml.ns import qn

    footnotes = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:footnotes xmlns:w="{W}">
  <w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>
  <w:footnote w:type="continuationSeparator" w:id="0">
    <w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>
  <w:footnote w:id="1"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr>
    <w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> {text}</w:t></w:r></w:p>
  </w:footnote>
</w:footnotes>""".encode()
    part = Part(PackURI("/word/footnotes.xml"),
                "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
                footnotes, document.part.package)
    document.part.relate_to(part, RT.FOOTNOTES)
    run = paragraph.add_run()
    reference = etree.SubElement(run._r, qn("w:footnoteReference"))
    reference.set(qn("w:id"), "1")


def docx_entity_bomb_bytes() -> bytes:
    """A .docx whose document.xml is a 'billion laughs' entity expansion."""

    laughs = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">' for i in range(1, 10)]
    bomb = (f'<?xml version="1.0"?>\n<!DOCTYPE w:document [{"".join(laughs)}]>\n'
            f'<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p>'
            "</w:body></w:document>").encode()
    return _replace_members(docx_bytes(footnote=False), {"word/document.xml": bomb})


def _replace_members(container: bytes, replacements: dict[str, bytes]) -> bytes:
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(container)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, replacements.get(info.filename,
                                                            source.read(info.filename)))
    return out.getvalue()


def truncated(data: bytes, *, keep: float = 0.6) -> bytes:
    """The first part of a file, as a broken download or a cut attachment leaves it."""
    return data[: int(len(data) * keep)]


# --- PDF ----------------------------------------------------------------------------------------

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
    """A 'scanned' PDF: one page that is a picture of text, with no text layer."""
    from fpdf import FPDF
    from PIL import Image, ImageDraw

    image = Image.new("L", (600, 300), color=255)
    draw = ImageDraw.Draw(image)
    for row in range(8):
        draw.text((20, 20 + row * 30), "Scanned letter of the Permanent Mission", fill=0)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.image(io.BytesIO(buffer.getvalue()), x=10, y=10, w=190)
    return bytes(pdf.output())


# --- OpenDocument, RTF, HTML ------------------------------------------------------------------

ODT_HEADING = "Contribution of the Kingdom on the Lausanne Action Plan"
ODT_BODY = "The Kingdom supports a strong focus on clearance and risk education."
ODT_ITEMS = ("Risk education", "Survey and clearance")
ODT_TABLE = (("Action", "Comment"), ("Action 20", "Timeline too short"))
ODT_FOOTNOTE = "As stated at the Ninth Meeting of States Parties."
ODT_HEADER = "Kingdom - Permanent Mission in Geneva"
ODT_FOOTER = "Unofficial translation"


def odt_bytes() -> bytes:
    """An OpenDocument text made with odfpy: heading, paragraph with a footnote, list, table,
    page header and footer."""
    from odf.opendocument import OpenDocumentText
    from odf.style import Footer, Header, MasterPage, PageLayout
    from odf.table import Table, TableColumn, TableRow
    from odf.table import TableCell as Cell
    from odf.text import H, List, ListItem, Note, NoteBody, NoteCitation, P

    document = OpenDocumentText()
    layout = PageLayout(name="Layout")
    document.automaticstyles.addElement(layout)
    master = MasterPage(name="Standard", pagelayoutname=layout)
    header, footer = Header(), Footer()
    header.addElement(P(text=ODT_HEADER))
    footer.addElement(P(text=ODT_FOOTER))
    master.addElement(header)
    master.addElement(footer)
    document.masterstyles.addElement(master)
    document.text.addElement(H(outlinelevel=1, text=ODT_HEADING))
    paragraph = P(text=ODT_BODY)
    note = Note(id="ftn1", noteclass="footnote")
    note.addElement(NoteCitation(text="1"))
    note_body = NoteBody()
    note_body.addElement(P(text=ODT_FOOTNOTE))
    note.addElement(note_body)
    paragraph.addElement(note)
    document.text.addElement(paragraph)
    items = List()
    for item in ODT_ITEMS:
        entry = ListItem()
        entry.addElement(P(text=item))
        items.addElement(entry)
    document.text.addElement(items)
    table = Table(name="Positions")
    table.addElement(TableColumn(numbercolumnsrepeated=2))
    for values in ODT_TABLE:
        row = TableRow()
        for value in values:
            cell = Cell()
            cell.addElement(P(text=value))
            row.addElement(cell)
        table.addElement(row)
    document.text.addElement(table)
    document.text.addElement(P(text=FRENCH))
    out = io.BytesIO()
    document.write(out)
    return out.getvalue()


RTF_PARAGRAPHS = ("Contribution de la France",
                  "La France salue le Plan d'action ; les États doivent coopérer.",
                  "Coût estimé : 25 € par mètre carré.")


def rtf_bytes() -> bytes:
    """An RTF file as WordPad writes it: Windows-1252 code page, accents as \\'xx escapes."""
    def escape(text: str) -> str:
        return "".join(c if ord(c) < 128 else f"\\'{c.encode('cp1252')[0]:02x}" for c in text)

    body = "\\par\n".join(escape(p) for p in RTF_PARAGRAPHS)
    return ("{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0\\fswiss Arial;}}"
            "{\\colortbl ;\\red0\\green0\\blue0;}\n"
            "\\viewkind4\\uc1\\pard\\f0\\fs22 " + body + "\\par\n}").encode("ascii")


HTML_TITLE = "Views of Chile"
HTML_REMOTE_IMAGE = "http://tracker.invalid/pixel.gif"


def html_bytes() -> bytes:
    """An HTML page with a script, a style, a remote image, a list and a table."""
    return f"""<!DOCTYPE html>
<html lang="es"><head><meta charset="utf-8"><title>{HTML_TITLE}</title>
<style>p {{ color: red }}</style>
<script>fetch("http://tracker.invalid/beacon"); document.write("injected");</script>
<link rel="stylesheet" href="http://tracker.invalid/style.css"></head>
<body><h1>Contribución de Chile</h1>
<p>Chile <b>acoge</b> el plan.<img src="{HTML_REMOTE_IMAGE}" alt="logo"></p>
<h2>Prioridades</h2>
<ol><li>Universalización</li><li>Asistencia a las <i>víctimas</i></li></ol>
<table><tr><td>Acción 5</td><td>De acuerdo</td></tr></table>
<p>{SPANISH}</p><!-- a comment --></body></html>""".encode()


# --- email and archives -----------------------------------------------------------------------

EML_SENDER = "mission.france@diplomatie.invalid"
EML_SENDER_NAME = "Mission permanente de la France"
EML_SUBJECT = "Contribution de la France – Plan d'action de Lausanne"
EML_DATE = "2020-08-14T10:15:00+02:00"
EML_TO = ("presidency@ccm.invalid", "isu@ccm.invalid")
EML_BODY = ("Madame la Présidente,", "Veuillez trouver ci-joint la contribution de la France.",
            "Avec nos salutations distinguées.")
NESTED_SUBJECT = "Fwd: Views of the Republic"
NESTED_BODY = "The Republic's views are in the attached document."


def nested_email():
    from email.message import EmailMessage

    inner = EmailMessage()
    inner["From"] = "Republic Mission <mission@republic.invalid>"
    inner["To"] = EML_SENDER
    inner["Subject"] = NESTED_SUBJECT
    inner["Date"] = "Thu, 13 Aug 2020 16:00:00 +0000"
    inner.set_content(NESTED_BODY)
    return inner


def eml_bytes() -> bytes:
    """An email with an HTML-only body, a .docx, a .pdf (under a hostile name) and a forwarded
    email attached as message/rfc822."""
    from email.message import EmailMessage
    from email.utils import formataddr

    message = EmailMessage()
    message["From"] = formataddr((EML_SENDER_NAME, EML_SENDER))
    message["To"] = ", ".join(EML_TO)
    message["Subject"] = EML_SUBJECT
    message["Date"] = "Fri, 14 Aug 2020 10:15:00 +0200"
    message["Message-ID"] = "<contribution-fr@diplomatie.invalid>"
    paragraphs = "".join(f"<p>{p}</p>" for p in EML_BODY)
    message.set_content(f"<html><body>{paragraphs}<img src=\"http://tracker.invalid/t.gif\">"
                        "</body></html>", subtype="html")
    message.add_attachment(docx_bytes(), maintype="application",
                           subtype="vnd.openxmlformats-officedocument.wordprocessingml.document",
                           filename="Contribution France.docx")
    message.add_attachment(pdf_bytes(), maintype="application", subtype="pdf",
                           filename="../../annexe.pdf")
    message.add_attachment(nested_email())
    return message.as_bytes()


def zip_bytes() -> bytes:
    """A .zip of a Word document, a PDF and a text file in a subfolder (plus its directory)."""
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("contributions/", b"")
        archive.writestr("contributions/republic.docx", docx_bytes())
        archive.writestr("contributions/republic.pdf", pdf_bytes())
        archive.writestr("notes/spain.txt", text_utf8_bytes())
    return out.getvalue()


def zip_bomb_bytes(*, declared: int = 2 * 1024**3) -> bytes:
    """A zip bomb: a member of zeros that really deflates about 1000:1 (1 MB to 1 KB), its
    headers then patched to declare ``declared`` bytes as hostile archives do, so that no test
    ever has to hold gigabytes."""
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("zeros.txt", b"\0" * (1024 * 1024))
    return declare_size(out.getvalue(), "zeros.txt", declared)


def docx_zip_bomb_bytes(*, declared: int = 2 * 1024**3) -> bytes:
    """A Word document carrying a member of zeros that declares ``declared`` bytes."""
    import zipfile

    out = io.BytesIO(docx_bytes(footnote=False))
    with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/media/zeros.bin", b"\0" * (1024 * 1024))
    return declare_size(out.getvalue(), "word/media/zeros.bin", declared)


def declare_size(container: bytes, member: str, declared: int) -> bytes:
    """Patch the uncompressed size a ZIP member declares, in its local and central headers."""
    import struct

    data = bytearray(container)
    name = member.encode()
    for signature, size_offset, name_offset in ((b"PK\x03\x04", 22, 30),
                                                (b"PK\x01\x02", 24, 46)):
        position = data.find(signature)
        while position != -1:
            length = struct.unpack_from("<H", data, position + name_offset - (
                4 if signature == b"PK\x03\x04" else 18))[0]
            start = position + name_offset
            if bytes(data[start:start + length]) == name:
                struct.pack_into("<I", data, position + size_offset, declared)
            position = data.find(signature, position + 4)
    return bytes(data)


def msg_bytes(*, html: bool = False) -> bytes:
    """An Outlook .msg (see :mod:`msg_builder`) from the same sender as :func:`eml_bytes`, with
    a plain (or, with ``html=True``, an HTML-only) body, a .docx and an attached Outlook
    message."""
    import datetime as dt

    import msg_builder as mb

    inner = mb.MsgMessage(NESTED_SUBJECT, "Republic Mission", "mission@republic.invalid",
                          [(EML_SENDER_NAME, EML_SENDER)],
                          dt.datetime(2020, 8, 13, 16, 0, tzinfo=dt.UTC), body=NESTED_BODY)
    body = "\r\n\r\n".join(EML_BODY) + "\r\n"
    html_body = "<html><body>" + "".join(f"<p>{p}</p>" for p in EML_BODY) + "</body></html>"
    message = mb.MsgMessage(
        EML_SUBJECT, EML_SENDER_NAME, EML_SENDER, [("Presidency", EML_TO[0]), ("ISU", EML_TO[1])],
        dt.datetime.fromisoformat(EML_DATE), body="" if html else body,
        html=html_body if html else "",
        attachments=[
            mb.MsgAttachment("Contribution France.docx", docx_bytes(),
                             "application/vnd.openxmlformats-officedocument."
                             "wordprocessingml.document"),
            mb.MsgAttachment(NESTED_SUBJECT, embedded=inner)])
    return mb.msg_bytes(message)


# --- legacy Word ------------------------------------------------------------------------------

def doc_bytes() -> bytes | None:
    """A genuine Word 97-2003 .doc, converted from :func:`docx_bytes` by LibreOffice, or None
    when LibreOffice is not installed."""
    import shutil
    import subprocess
    import tempfile

    soffice = shutil.which("soffice")
    if soffice is None:
        return None
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        (work / "contribution.docx").write_bytes(docx_bytes(footnote=False))
        subprocess.run([soffice, f"-env:UserInstallation={(work / 'profile').as_uri()}",
                        "--headless", "--convert-to", "doc:MS Word 97", "--outdir", str(work),
                        str(work / "contribution.docx")],
                       capture_output=True, timeout=120, check=False)
        result = work / "contribution.doc"
        return result.read_bytes() if result.exists() else None


# --- the folder of one of each ----------------------------------------------------------------

def write_all(folder: Path) -> dict[str, Path]:
    """Write one file of each sample kind into ``folder``; returns {kind: path}."""
    folder.mkdir(parents=True, exist_ok=True)
    files = {
        "docx": ("contribution.docx", docx_bytes()),
        "txt_utf8": ("spain.txt", text_utf8_bytes()),
        "txt_utf16": ("france-utf16.txt", text_utf16_bytes()),
        "txt_cp1252": ("spain-cp1252.txt", text_cp1252_bytes()),
        "pdf": ("contribution.pdf", pdf_bytes()),
        "pdf_encrypted": ("locked.pdf", pdf_bytes(password=PDF_PASSWORD)),
        "pdf_scanned": ("scan.pdf", pdf_image_only_bytes()),
        "docx_named_pdf": ("really-word.pdf", docx_bytes()),
        "docx_entity_bomb": ("laughs.docx", docx_entity_bomb_bytes()),
        "docx_truncated": ("cut.docx", truncated(docx_bytes())),
        "pdf_truncated": ("cut.pdf", truncated(pdf_bytes(), keep=0.5)),
        "odt": ("contribution.odt", odt_bytes()),
        "rtf": ("contribution.rtf", rtf_bytes()),
        "html": ("contribution.html", html_bytes()),
        "eml": ("contribution.eml", eml_bytes()),
        "msg": ("contribution.msg", msg_bytes()),
        "zip": ("contributions.zip", zip_bytes()),
        "zip_bomb": ("bomb.zip", zip_bomb_bytes()),
        "docx_zip_bomb": ("bomb.docx", docx_zip_bomb_bytes()),
        "empty": ("empty.docx", b""),
    }
    paths = {}
    for kind, (name, data) in files.items():
        path = folder / name
        path.write_bytes(data)
        paths[kind] = path
    return paths
