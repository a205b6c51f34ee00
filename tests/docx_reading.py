"""Reading an exported .docx back for the export tests: paragraphs with their styles, every
XML part's text, footnotes, numbering."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from docx import Document
from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def body_paragraphs(path: Path) -> list[tuple[str, str]]:
    """(style name, text) of every body paragraph, in order."""
    return [(p.style.name, p.text) for p in Document(str(path)).paragraphs]


def parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def xml_texts(path: Path) -> dict[str, str]:
    """Each XML part's visible text (w:t joined per paragraph) plus its raw markup."""
    result = {}
    for name, data in parts(path).items():
        if not (name.endswith(".xml") or name.endswith(".rels")):
            continue
        root = etree.fromstring(data)
        paragraphs = ["".join(t.text or "" for t in p.iter(f"{W}t")) for p in root.iter(f"{W}p")]
        result[name] = "\n".join(paragraphs) + "\n" + data.decode("utf-8")
    return result


def footnotes(path: Path) -> dict[int, str]:
    root = etree.fromstring(parts(path)["word/footnotes.xml"])
    return {int(f.get(f"{W}id")): "".join(t.text or "" for t in f.iter(f"{W}t")).strip()
            for f in root.iter(f"{W}footnote") if int(f.get(f"{W}id")) > 0}


def document_xml_without_dates(path: Path, *dates: str) -> str:
    text = parts(path)["word/document.xml"].decode("utf-8")
    for value in dates:
        text = text.replace(value, "DATE")
    return re.sub(r"\s+", " ", text)
