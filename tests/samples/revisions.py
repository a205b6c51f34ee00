"""Word files answered with tracked changes and comments, as delegations send them back.

:func:`tracked_docx_bytes` writes the markup by hand with python-docx and lxml (Word's own
shapes: ``w:ins``/``w:del`` with authors and dates, ``w:moveFrom``/``w:moveTo`` between
named range markers, paragraph marks inserted or deleted, a change inside a hyperlink and in
a table cell, comments with a reply in ``commentsExtended.xml``);
:func:`libreoffice_bytes` has LibreOffice save it again as .docx or .odt, as a delegation
working in LibreOffice would.  The accepted text of every paragraph is known (:data:`ACCEPTED`).
"""

from __future__ import annotations

import io

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
W15 = "http://schemas.microsoft.com/office/word/2012/wordml"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS = f'xmlns:w="{W}" xmlns:w14="{W14}" xmlns:r="{R}"'
AUSTRIA = ('w:author="Austria" w:date="2020-06-01T10:00:00Z"')
MEXICO = ('w:author="Mexico" w:date="2020-06-02T11:30:00Z"')

# The text with every change accepted, paragraph by paragraph (the table's two cells last
# but one, as Word's reading order has them).
ACCEPTED = (
    "States Parties shall clear all contaminated areas by 2030.",
    "Other text. Moved sentence.",
    "Victim assistance must be integrated into national frameworks.",
    "Cooperation remains essential.",
    "See the Convention's website for details.",
    "Action",
    "Clear contaminated land",
    "Reporting is due annually.",
)
COMMENT = "Austria would prefer 'by 2026' here."
REPLY = "Mexico cannot support an earlier date."
POINT_COMMENT = "Why is this sentence moved?"


def _run(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def _deleted(text: str) -> str:
    return f'<w:r><w:delText xml:space="preserve">{text}</w:delText></w:r>'


def tracked_docx_bytes() -> bytes:
    """A Word document carrying every kind of tracked change and comments with a reply."""
    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml import parse_xml

    document = docx.Document()
    body = document.element.body
    paragraphs = [
        # An insertion and a deletion in one sentence, the passage commented on (with a reply).
        f'<w:p {NS}><w:commentRangeStart w:id="0"/>{_run("States Parties ")}'
        f'<w:del w:id="10" {MEXICO}>{_deleted("should ")}</w:del>'
        f'<w:ins w:id="11" {AUSTRIA}>{_run("shall ")}</w:ins>'
        f'{_run("clear all contaminated areas by 2030.")}<w:commentRangeEnd w:id="0"/>'
        '<w:r><w:commentReference w:id="0"/></w:r><w:r><w:commentReference w:id="1"/></w:r>'
        '</w:p>',
        # A move: read once, where it was moved to (and a comment on a point).
        f'<w:p {NS}><w:moveFromRangeStart w:id="20" w:name="move1" {MEXICO}/>'
        f'<w:moveFrom w:id="21" {MEXICO}>{_run("Moved sentence. ")}</w:moveFrom>'
        f'<w:moveFromRangeEnd w:id="20"/>{_run("Other text.")}'
        f'<w:moveToRangeStart w:id="22" w:name="move1" {MEXICO}/>'
        f'<w:moveTo w:id="23" {MEXICO}>{_run(" Moved sentence.")}</w:moveTo>'
        '<w:moveToRangeEnd w:id="22"/>'
        '<w:r><w:commentReference w:id="2"/></w:r></w:p>',
        # A whole paragraph inserted.
        f'<w:p {NS}><w:pPr><w:rPr><w:ins w:id="30" {AUSTRIA}/></w:rPr></w:pPr>'
        f'<w:ins w:id="31" {AUSTRIA}>'
        f'{_run("Victim assistance must be integrated into national frameworks.")}</w:ins></w:p>',
        # A whole paragraph deleted: no text left, its deletion kept.
        f'<w:p {NS}><w:pPr><w:rPr><w:del w:id="40" {MEXICO}/></w:rPr></w:pPr>'
        f'<w:del w:id="41" {MEXICO}>{_deleted("Stockpiles may be kept for training.")}</w:del>'
        '</w:p>',
        _plain("Cooperation remains essential."),
        # A change inside a hyperlink.
        f'<w:p {NS}>{_run("See the ")}<w:hyperlink r:id="rIdLink">'
        f'<w:ins w:id="50" {AUSTRIA}>{_run("Convention&apos;s ")}</w:ins>{_run("website")}'
        f'</w:hyperlink>{_run(" for details.")}</w:p>',
    ]
    section = body.find(f"{{{W}}}sectPr")
    for xml in paragraphs:
        section.addprevious(parse_xml(xml))
    document.part.relate_to("https://www.clusterconvention.org/", RT.HYPERLINK,
                            is_external=True)
    link = next(body.iter(f"{{{W}}}hyperlink"))
    link.set(f"{{{R}}}id", next(rid for rid, rel in document.part.rels.items()
                                  if rel.reltype == RT.HYPERLINK))
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).paragraphs[0].add_run("Action")
    cell = table.cell(0, 1)._tc
    cell.remove(cell.find(f"{{{W}}}p"))
    cell.append(parse_xml(f'<w:p {NS}>{_run("Clear ")}<w:del w:id="60" {MEXICO}>'
                          f'{_deleted("all ")}</w:del>{_run("contaminated land")}</w:p>'))
    section.addprevious(parse_xml(_plain("Reporting is due annually.")))
    _add_comments(document)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _plain(text: str) -> str:
    return f'<w:p {NS}>{_run(text)}</w:p>'


def _add_comments(document) -> None:
    """comments.xml with a comment, its reply and a comment on a point; the reply's parent
    in commentsExtended.xml, as Word writes it."""
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    def comment(number: int, author: str, text: str, para_id: str) -> str:
        return (f'<w:comment w:id="{number}" w:author="{author}" w:date="2020-06-0{number + 1}'
                f'T09:00:00Z" w:initials="{author[:2]}"><w:p w14:paraId="{para_id}">'
                f'{_run(text)}</w:p></w:comment>')

    comments = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:comments {NS}>'
                + comment(0, "Austria", COMMENT.replace("'", "&apos;"), "0A0A0A0A")
                + comment(1, "Mexico", REPLY, "0B0B0B0B")
                + comment(2, "Chile", POINT_COMMENT, "0C0C0C0C") + "</w:comments>")
    extended = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                f'<w15:commentsEx xmlns:w15="{W15}">'
                '<w15:commentEx w15:paraId="0A0A0A0A" w15:done="0"/>'
                '<w15:commentEx w15:paraId="0B0B0B0B" w15:paraIdParent="0A0A0A0A" w15:done="0"/>'
                '<w15:commentEx w15:paraId="0C0C0C0C" w15:done="1"/></w15:commentsEx>')
    package = document.part.package
    for name, content_type, data, reltype in (
        ("/word/comments.xml",
         "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml",
         comments, "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
                   "comments"),
        ("/word/commentsExtended.xml",
         "application/vnd.openxmlformats-officedocument.wordprocessingml.commentsExtended+xml",
         extended, "http://schemas.microsoft.com/office/2011/relationships/commentsExtended"),
    ):
        part = Part(PackURI(name), content_type, data.encode(), package)
        document.part.relate_to(part, reltype)


def libreoffice_bytes(data: bytes, target: str) -> bytes | None:
    """``data`` (a .docx) saved again by LibreOffice as ``target`` ("docx" or "odt"), with
    its tracked changes and comments; None without LibreOffice."""
    import shutil
    import subprocess
    import tempfile
    from pathlib import Path

    soffice = shutil.which("soffice")
    if soffice is None:
        return None
    filters = {"docx": "docx:MS Word 2007 XML", "odt": "odt"}
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        (work / "in").mkdir()
        (work / "in" / "tracked.docx").write_bytes(data)
        subprocess.run([soffice, f"-env:UserInstallation={(work / 'profile').as_uri()}",
                        "--headless", "--convert-to", filters[target], "--outdir",
                        str(work / "out"), str(work / "in" / "tracked.docx")],
                       capture_output=True, timeout=120, check=False)
        result = work / "out" / f"tracked.{target}"
        return result.read_bytes() if result.exists() else None
