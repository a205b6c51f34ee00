"""Open original: warn for names that could run code; copies go to a private fresh folder."""

import os
import stat

import pytest

from lapdesk.core.open_policy import extension_of, is_executable_name, private_copy


@pytest.mark.parametrize("name", [
    "setup.exe", "RUN.BAT", "x.cmd", "y.com", "screensaver.scr", "mail.js", "macro.vbs",
    "script.ps1", "install.msi", "shortcut.lnk", "app.hta", "tool.jar", "views.docm",
    "budget.xlsm", "deck.pptm", "trailing.exe.", "spaces.exe  ", r"C:\Users\x\evil.Exe",
    "invoice\u202efdp.exe", "disk.iso",
])
def test_names_that_could_run_code_need_a_warning(name):
    assert is_executable_name(name)


@pytest.mark.parametrize("name", [
    "views.docx", "letter.pdf", "note.txt", "table.xlsx", "scan.png", "mail.eml", "msg.msg",
    "archive.zip", "exe", "report.exe.pdf", "", "no-extension",
])
def test_documents_open_without_a_warning(name):
    assert not is_executable_name(name)


def test_extension_of_is_the_last_one_in_lower_case():
    assert extension_of("a.tar.GZ") == "gz"
    assert extension_of("../../dir.exe/file") == ""


def test_a_private_copy_holds_the_bytes_in_a_fresh_private_folder():
    first = private_copy(b"%PDF-1.7 contribution", "views.pdf")
    second = private_copy(b"another", "views.pdf")
    try:
        assert first.read_bytes() == b"%PDF-1.7 contribution"
        assert first.name == "views.pdf" and second.name == "views.pdf"
        assert first.parent != second.parent
        if os.name == "posix":
            assert stat.S_IMODE(first.parent.stat().st_mode) == 0o700
            assert stat.S_IMODE(first.stat().st_mode) == 0o600
    finally:
        for path in (first, second):
            path.unlink()
            path.parent.rmdir()


def test_a_hostile_name_cannot_escape_the_private_folder():
    copy = private_copy(b"x", "../../etc/passwd")
    try:
        assert copy.parent.name.startswith("lapdesk-original-")
        assert copy.name == "passwd"
    finally:
        copy.unlink()
        copy.parent.rmdir()
