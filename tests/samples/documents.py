"""OpenDocument text (odfpy), RTF as WordPad writes it, and an HTML page with remote content."""

from __future__ import annotations

import io

from .texts import FRENCH, SPANISH

ODT_HEADING = "Contribution of the Kingdom on the Lausanne Action Plan"
ODT_BODY = "The Kingdom supports a strong focus on clearance and risk education."
# A numbered list ("1." then "a)" one level down) and a dashed list, as LibreOffice styles them.
ODT_LIST = (("Risk education", ("In schools", "In communities")), ("Survey and clearance", ()))
ODT_DASHED = ("Funding",)
ODT_ITEMS = ("1. Risk education", "a) In schools", "b) In communities",
             "2. Survey and clearance", "– Funding")
ODT_TABLE = (("Action", "Comment"), ("Action 20", "Timeline too short"))
ODT_FOOTNOTE = "As stated at the Ninth Meeting of States Parties."
ODT_HEADER = "Kingdom - Permanent Mission in Geneva"
ODT_FOOTER = "Unofficial translation"


def odt_bytes() -> bytes:
    """An OpenDocument text made with odfpy: heading, paragraph with a footnote, a two-level
    numbered list and a dashed list, a table, page header and footer."""
    from odf.opendocument import OpenDocumentText
    from odf.style import Footer, Header, MasterPage, PageLayout
    from odf.table import Table, TableColumn, TableRow
    from odf.table import TableCell as Cell
    from odf.text import (
        H,
        List,
        ListItem,
        ListLevelStyleBullet,
        ListLevelStyleNumber,
        ListStyle,
        Note,
        NoteBody,
        NoteCitation,
        P,
    )

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
    numbered = ListStyle(name="L1")
    numbered.addElement(ListLevelStyleNumber(level=1, numformat="1", numsuffix="."))
    numbered.addElement(ListLevelStyleNumber(level=2, numformat="a", numsuffix=")"))
    dashed = ListStyle(name="L2")
    dashed.addElement(ListLevelStyleBullet(level=1, bulletchar="–"))
    document.automaticstyles.addElement(numbered)
    document.automaticstyles.addElement(dashed)
    items = List(stylename=numbered)
    for item, subitems in ODT_LIST:
        entry = ListItem()
        entry.addElement(P(text=item))
        if subitems:
            inner = List()
            for subitem in subitems:
                inner_entry = ListItem()
                inner_entry.addElement(P(text=subitem))
                inner.addElement(inner_entry)
            entry.addElement(inner)
        items.addElement(entry)
    document.text.addElement(items)
    bullets = List(stylename=dashed)
    for item in ODT_DASHED:
        entry = ListItem()
        entry.addElement(P(text=item))
        bullets.addElement(entry)
    document.text.addElement(bullets)
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


def odt_from_word_bytes(docx: bytes) -> bytes | None:
    """The Word document ``docx`` saved as OpenDocument by LibreOffice, as a delegation using
    LibreOffice would send it; None without LibreOffice."""
    return _saved_by_libreoffice(docx, "odt")


def rtf_from_word_bytes(docx: bytes) -> bytes | None:
    """The Word document ``docx`` saved as RTF by LibreOffice; None without LibreOffice."""
    return _saved_by_libreoffice(docx, "rtf")


def _saved_by_libreoffice(docx: bytes, target: str) -> bytes | None:
    from lapdesk.core import office

    try:
        return office.convert_bytes(docx, suffix=".docx", target=target)
    except office.ConversionError:
        return None
