"""LibreOffice lookup and conversion (skipped, visibly, where LibreOffice is not installed)."""

import pytest

from lapdesk.core import office


def test_override_and_absence(monkeypatch, tmp_path):
    monkeypatch.setenv("LAPDESK_SOFFICE", str(tmp_path / "nowhere"))
    assert office.find_soffice() is None
    with pytest.raises(office.ConversionError, match="not installed"):
        office.convert(tmp_path / "a.txt", "pdf", out_dir=tmp_path)


@pytest.mark.skipif(office.find_soffice() is None, reason="LibreOffice is not installed")
def test_converts_a_text_file_to_pdf(tmp_path):
    source = tmp_path / "note.txt"
    source.write_text("Note verbale", encoding="utf-8")
    pdf = office.convert(source, "pdf", out_dir=tmp_path)
    assert pdf.read_bytes().startswith(b"%PDF")


@pytest.mark.skipif(office.find_soffice() is None, reason="LibreOffice is not installed")
def test_a_file_it_cannot_read_is_an_error_not_a_silent_success(tmp_path):
    source = tmp_path / "broken.docx"
    source.write_bytes(b"PK\x03\x04 truncated")
    with pytest.raises(office.ConversionError):
        office.convert(source, "pdf", out_dir=tmp_path, timeout=60)


@pytest.mark.skipif(office.find_soffice() is None, reason="LibreOffice is not installed")
def test_a_conversion_past_its_time_limit_is_stopped(tmp_path):
    source = tmp_path / "note.txt"
    source.write_text("Note verbale", encoding="utf-8")
    with pytest.raises(office.ConversionTimeout):
        office.convert(source, "pdf", out_dir=tmp_path, timeout=0.05)
    assert not (tmp_path / "note.pdf").exists()


def test_convert_bytes_leaves_nothing_behind_when_libreoffice_is_missing(monkeypatch, tmp_path):
    monkeypatch.setenv("LAPDESK_SOFFICE", str(tmp_path / "nowhere"))
    with pytest.raises(office.ConversionError, match="not installed"):
        office.convert_bytes(b"x", suffix=".doc", target="pdf")
