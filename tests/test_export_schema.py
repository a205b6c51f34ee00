"""Every part of the exported .docx is valid ISO/IEC 29500 transitional (the schemas are in
tests/fixtures/ooxml, see its SOURCES.md): English, French, anonymised, with a contents list
and with comments, and the template itself."""

from __future__ import annotations

import zipfile

import pytest
from ooxml_schemas import validation_errors
from paper_store import build

from lapdesk.export.options import ExportOptions
from lapdesk.export.template import template_path
from lapdesk.export.working_paper import export_working_paper


def test_the_template_is_valid():
    assert validation_errors(template_path()) == []


@pytest.mark.parametrize("options", [
    ExportOptions(date="2020-06-20"),
    ExportOptions(date="2020-06-20", lang="fr", toc=True),
    ExportOptions(date="2020-06-20", anonymise=True, withheld_quotes="omit"),
    ExportOptions(date="2020-06-20", comments=True, non_paper=True),
], ids=["english", "french-contents", "anonymised", "comments-non-paper"])
def test_every_part_of_the_paper_is_valid(store, tmp_path, options):
    build(store)
    out = tmp_path / "paper.docx"
    export_working_paper(store, out, options=options)
    with zipfile.ZipFile(out) as archive:
        names = set(archive.namelist())
    assert {"word/document.xml", "word/styles.xml", "word/settings.xml",
            "word/footnotes.xml", "docProps/core.xml", "[Content_Types].xml"} <= names
    if options.comments:
        assert "word/comments.xml" in names
    assert validation_errors(out) == []


def test_the_validator_sees_what_the_issue_reported(tmp_path):
    """A settings part with ``<w:zoom w:val="bestFit"/>`` (no ``w:percent``) fails, and so
    does a part in a namespace no schema describes: the check can fail."""
    broken = tmp_path / "broken.docx"
    with zipfile.ZipFile(template_path()) as source, zipfile.ZipFile(broken, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/settings.xml":
                data = data.replace(b'<w:zoom w:percent="100"/>', b'<w:zoom w:val="bestFit"/>')
            target.writestr(item, data)
    errors = validation_errors(broken)
    assert len(errors) == 1 and "percent" in errors[0]
