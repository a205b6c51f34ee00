"""Real sample files, built in memory, for every format LAPDesk reads (and some it must refuse).

Each ``*_bytes()`` function returns the bytes of one genuine file made with the same kind of
tool that makes them in the wild (python-docx, fpdf2, odfpy, LibreOffice, the stdlib ``email``
and ``zipfile``, an [MS-OXMSG] writer for Outlook messages).  The texts are known, so tests can
check what comes out against what went in.  Other test areas reuse this package through
``import samples``; :func:`write_all` writes one file of each format (and, on request, the
difficult ones) to a folder.
"""

from __future__ import annotations

from pathlib import Path

from .archives import declare_size, replace_members, zip_bomb_bytes, zip_bytes
from .documents import (
    HTML_REMOTE_IMAGE,
    HTML_TITLE,
    ODT_BODY,
    ODT_FOOTER,
    ODT_FOOTNOTE,
    ODT_HEADER,
    ODT_HEADING,
    ODT_ITEMS,
    ODT_TABLE,
    RTF_PARAGRAPHS,
    html_bytes,
    odt_bytes,
    odt_from_word_bytes,
    rtf_bytes,
    rtf_from_word_bytes,
)
from .mail import (
    EML_BODY,
    EML_DATE,
    EML_SENDER,
    EML_SENDER_NAME,
    EML_SUBJECT,
    EML_TO,
    NESTED_BODY,
    NESTED_SUBJECT,
    email_message,
    email_with_inline_logo,
    eml_bytes,
    msg_bytes,
    nested_email,
)
from .pdf import (
    COLUMN_PARAGRAPHS,
    COLUMN_TITLE,
    PDF_BODY,
    PDF_HEADER,
    PDF_PASSWORD,
    PDF_PROSE,
    PDF_TITLE,
    pdf_bytes,
    pdf_damaged_page_bytes,
    pdf_from_word_bytes,
    pdf_image_only_bytes,
    pdf_two_columns_bytes,
    word_pdf_filler,
)
from .revisions import tracked_docx_bytes
from .scans import (
    logo_png_bytes,
    mixed_pdf_bytes,
    scan_jpeg_bytes,
    scan_pdf_bytes,
    scan_png_bytes,
    scan_tiff_bytes,
)
from .texts import (
    FRENCH,
    SPANISH,
    text_cp1252_bytes,
    text_utf8_bytes,
    text_utf16_bytes,
    truncated,
)
from .word import (
    DOCX_BODY,
    DOCX_FOOTER,
    DOCX_FOOTNOTE,
    DOCX_HEADER,
    DOCX_HEADING,
    DOCX_ITEMS,
    DOCX_PASSWORD,
    DOCX_SUBHEADING,
    DOCX_TABLE,
    OUTLINE_TEXT,
    W,
    doc_bytes,
    docm_bytes,
    docx_bytes,
    docx_encrypted_bytes,
    docx_entity_bomb_bytes,
    docx_outline_bytes,
    docx_zip_bomb_bytes,
)

__all__ = [
    "COLUMN_PARAGRAPHS", "COLUMN_TITLE", "pdf_two_columns_bytes", "tracked_docx_bytes",
    "logo_png_bytes", "mixed_pdf_bytes", "scan_jpeg_bytes", "scan_pdf_bytes",
    "scan_png_bytes", "scan_tiff_bytes",
    "DOCX_BODY", "DOCX_FOOTER", "DOCX_FOOTNOTE", "DOCX_HEADER", "DOCX_HEADING", "DOCX_ITEMS",
    "DOCX_PASSWORD", "DOCX_SUBHEADING", "DOCX_TABLE", "EML_BODY", "EML_DATE", "EML_SENDER",
    "EML_SENDER_NAME", "EML_SUBJECT", "EML_TO", "FRENCH", "HTML_REMOTE_IMAGE", "HTML_TITLE",
    "NESTED_BODY", "NESTED_SUBJECT", "ODT_BODY", "ODT_FOOTER", "ODT_FOOTNOTE", "ODT_HEADER",
    "ODT_HEADING", "ODT_ITEMS", "ODT_TABLE", "OUTLINE_TEXT", "PDF_BODY", "PDF_HEADER",
    "PDF_PASSWORD", "PDF_PROSE", "PDF_TITLE", "RTF_PARAGRAPHS", "SPANISH", "W", "declare_size",
    "doc_bytes", "docm_bytes", "docx_bytes", "email_message", "email_with_inline_logo", "docx_encrypted_bytes", "docx_entity_bomb_bytes",
    "docx_outline_bytes", "docx_zip_bomb_bytes", "eml_bytes", "html_bytes", "msg_bytes",
    "nested_email", "odt_bytes", "odt_from_word_bytes", "pdf_bytes", "pdf_damaged_page_bytes",
    "pdf_from_word_bytes", "pdf_image_only_bytes", "replace_members", "rtf_bytes",
    "rtf_from_word_bytes", "text_cp1252_bytes", "text_utf16_bytes", "text_utf8_bytes",
    "truncated", "word_pdf_filler", "write_all", "zip_bomb_bytes", "zip_bytes",
]

# The name this helper had when the samples were one module (other test areas use it).
_replace_members = replace_members


def write_all(folder: Path, *, legacy_doc: bool = True, difficult: bool = False
              ) -> dict[str, Path]:
    """Write one genuine file of each format into ``folder``; returns {kind: path}.

    :param legacy_doc: include a Word 97-2003 .doc (made by LibreOffice, about 4 s; left out
        when LibreOffice is not installed).
    :param difficult: also write the files that must not give text: encrypted, scanned,
        damaged, hostile (zip bombs, entity expansion), empty, or misnamed.
    """
    files = {
        "docx": ("contribution.docx", docx_bytes),
        "pdf": ("contribution.pdf", pdf_bytes),
        "odt": ("contribution.odt", odt_bytes),
        "rtf": ("contribution.rtf", rtf_bytes),
        "html": ("contribution.html", html_bytes),
        "txt_utf8": ("spain.txt", text_utf8_bytes),
        "txt_utf16": ("france-utf16.txt", text_utf16_bytes),
        "txt_cp1252": ("spain-cp1252.txt", text_cp1252_bytes),
        "eml": ("contribution.eml", eml_bytes),
        "msg": ("contribution.msg", msg_bytes),
        "zip": ("contributions.zip", zip_bytes),
    }
    if difficult:
        files.update({
            "txt_utf16_no_bom": ("france-utf16-nobom.txt", lambda: text_utf16_bytes(bom=False)),
            "docm": ("contribution.docm", docm_bytes),
            "docx_outline": ("outline.docx", docx_outline_bytes),
            "docx_named_pdf": ("really-word.pdf", docx_bytes),
            "docx_encrypted": ("locked.docx", docx_encrypted_bytes),
            "pdf_encrypted": ("locked.pdf", lambda: pdf_bytes(password=PDF_PASSWORD)),
            "pdf_scanned": ("scan.pdf", pdf_image_only_bytes),
            "docx_entity_bomb": ("laughs.docx", docx_entity_bomb_bytes),
            "docx_truncated": ("cut.docx", lambda: truncated(docx_bytes())),
            "pdf_truncated": ("cut.pdf", lambda: truncated(pdf_bytes(), keep=0.5)),
            "zip_bomb": ("bomb.zip", zip_bomb_bytes),
            "docx_zip_bomb": ("bomb.docx", docx_zip_bomb_bytes),
            "empty": ("empty.docx", lambda: b""),
        })
    if legacy_doc:
        files["doc"] = ("contribution.doc", doc_bytes)
    folder.mkdir(parents=True, exist_ok=True)
    paths = {}
    for kind, (name, make) in files.items():
        data = make()
        if data is None:  # a sample whose tool (LibreOffice) is not installed
            continue
        path = folder / name
        path.write_bytes(data)
        paths[kind] = path
    return paths
