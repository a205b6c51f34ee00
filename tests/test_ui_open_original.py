"""Open original says so when nothing on the computer can open the file, and offers to save it.

The offscreen platform, like a Windows laptop without Word for a .docx, has no program for the
file: ``QDesktopServices.openUrl`` answers false, which used to be ignored.
"""

from __future__ import annotations

from builders import add_text_contribution
from desk_helpers import open_desk, settle
from PySide6.QtWidgets import QFileDialog, QMessageBox


def test_nothing_to_open_it_with_is_said_and_save_as_is_offered(store, qtbot, tmp_path,
                                                                 monkeypatch):
    cid = add_text_contribution(store, ["Ghana calls for more regional workshops."],
                                contributors=["Ghana"], name="Ghana.odd")
    window = open_desk(qtbot, store)
    window.open_contribution(cid)
    settle(window)
    window.header.open_original()
    settle(window)
    box = window.header.cannot_open_box
    assert box is not None and box.isVisible()
    assert "No program on this computer opens “Ghana.odd”" in box.text()
    [save] = [b for b in box.buttons() if b.text() == "Save original as…"]
    target = tmp_path / "kept.odd"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    save.click()
    settle(window)
    assert target.read_text() == "Ghana calls for more regional workshops."
    assert box.buttonRole(save) == QMessageBox.ButtonRole.AcceptRole
