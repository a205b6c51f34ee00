"""Word documents: a .docx with every feature a contribution uses, hostile variants, a real .doc."""

from __future__ import annotations

import io
from pathlib import Path

from lxml import etree

from .archives import declare_size, replace_members
from .texts import FRENCH

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

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
    return replace_members(docx_bytes(footnote=False), {"word/document.xml": bomb})


def docx_zip_bomb_bytes(*, declared: int = 2 * 1024**3) -> bytes:
    """A Word document carrying a member of zeros that declares ``declared`` bytes."""
    import zipfile

    out = io.BytesIO(docx_bytes(footnote=False))
    with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/media/zeros.bin", b"\0" * (1024 * 1024))
    return declare_size(out.getvalue(), "word/media/zeros.bin", declared)


def doc_bytes(docx: bytes | None = None) -> bytes | None:
    """A genuine Word 97-2003 .doc, converted by LibreOffice from ``docx`` (by default
    :func:`docx_bytes`), or None when LibreOffice is not installed."""
    import shutil
    import subprocess
    import tempfile

    soffice = shutil.which("soffice")
    if soffice is None:
        return None
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        (work / "contribution.docx").write_bytes(docx or docx_bytes())
        subprocess.run([soffice, f"-env:UserInstallation={(work / 'profile').as_uri()}",
                        "--headless", "--convert-to", "doc:MS Word 97", "--outdir", str(work),
                        str(work / "contribution.docx")],
                       capture_output=True, timeout=120, check=False)
        result = work / "contribution.doc"
        return result.read_bytes() if result.exists() else None


_DOCX_MAIN = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_DOCM_MAIN = b"application/vnd.ms-word.document.macroEnabled.main+xml"
_DOTX_MAIN = b"application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"


def docm_bytes(*, template: bool = False) -> bytes:
    """:func:`docx_bytes` declared as Word declares a macro-enabled document (.docm), or with
    ``template=True`` a template (.dotx): only the main part's content type differs (this
    sample carries no macros)."""
    import zipfile

    data = docx_bytes()
    types = zipfile.ZipFile(io.BytesIO(data)).read("[Content_Types].xml")
    changed = types.replace(_DOCX_MAIN, _DOTX_MAIN if template else _DOCM_MAIN)
    return replace_members(data, {"[Content_Types].xml": changed})


# An outline as a French ministry's template writes it: a custom heading style known only by its
# outline level, and a two-level list numbered "1." then "a)".
OUTLINE = (("Observations générales", None), ("Universalisation", 0), ("Ratifications", 1),
           ("Adhésions", 1), ("Destruction des stocks", 0), ("Calendrier", 1))
OUTLINE_TEXT = ("Observations générales", "1. Universalisation", "a) Ratifications",
                "b) Adhésions", "2. Destruction des stocks", "a) Calendrier")


def docx_outline_bytes() -> bytes:
    """A .docx with a custom heading style ("Titre Mission", outline level 1, no "Heading"
    name) and a list numbered "1." / "a)" defined in its own numbering.xml entries."""
    import docx
    from docx.enum.style import WD_STYLE_TYPE
    from docx.oxml import parse_xml

    document = docx.Document()
    style = document.styles.add_style("Titre Mission", WD_STYLE_TYPE.PARAGRAPH)
    style.element.get_or_add_pPr().append(parse_xml(f'<w:outlineLvl xmlns:w="{W}" w:val="0"/>'))
    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(
        f'<w:abstractNum xmlns:w="{W}" w:abstractNumId="90">'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
        '<w:lvlText w:val="%1."/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/>'
        '<w:lvlText w:val="%2)"/></w:lvl></w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num xmlns:w="{W}" w:numId="90">'
                               '<w:abstractNumId w:val="90"/></w:num>'))
    for text, level in OUTLINE:
        paragraph = document.add_paragraph(text)
        if level is None:
            paragraph.style = style
            continue
        paragraph.paragraph_format.element.get_or_add_pPr().append(parse_xml(
            f'<w:numPr xmlns:w="{W}"><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>'))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


DOCX_PASSWORD = "geneva"


def docx_encrypted_bytes() -> bytes:
    """:func:`docx_bytes` protected by a password as Word protects it (ECMA-376 agile
    encryption in an OLE2 container), made with msoffcrypto-tool."""
    from msoffcrypto.format.ooxml import OOXMLFile

    out = io.BytesIO()
    OOXMLFile(io.BytesIO(docx_bytes())).encrypt(DOCX_PASSWORD, out)
    return out.getvalue()
