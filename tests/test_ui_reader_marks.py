"""The reader shows what reading found: tracked changes (insertions underlined, deletions
struck through where they stood, in a muted colour), comments beside their passage, and the
pages read by OCR with their confidence — while selections still map to the text itself."""

from __future__ import annotations

import pytest
from desk_helpers import open_desk, settle
from PySide6.QtGui import QTextCharFormat, QTextCursor
from samples import revisions as rv

from lapdesk.core.records import StoredFile
from lapdesk.ingest.pipeline import import_paths
from lapdesk.store import contributions as c
from lapdesk.store import excerpts
from lapdesk.store.marks import comments_of
from lapdesk.ui.views.reader_document import build
from lapdesk.ui.views.reader_marks import Reading


@pytest.fixture
def tracked(store, tmp_path):
    path = tmp_path / "tracked.docx"
    path.write_bytes(rv.tracked_docx_bytes())
    result, = import_paths(store, [path])
    return result.contribution_id


@pytest.fixture
def window(store, qtbot, tracked):
    desk = open_desk(qtbot, store)
    desk.open_contribution(tracked)
    settle(desk)
    return desk


def format_at(window, needle: str) -> QTextCharFormat:
    found = window.reader.document().find(needle)
    assert not found.isNull(), needle
    cursor = QTextCursor(window.reader.document())
    cursor.setPosition(found.selectionStart() + 1)
    return cursor.charFormat()


def test_deleted_text_is_struck_through_and_inserted_text_underlined(window):
    shown = window.reader.toPlainText()
    assert "States Parties should shall clear all" in shown
    deleted = format_at(window, "should")
    assert deleted.fontStrikeOut() and "Deleted by Mexico on 2020-06-02" in deleted.toolTip()
    inserted = format_at(window, "shall")
    assert inserted.underlineStyle() == QTextCharFormat.UnderlineStyle.SingleUnderline
    assert not inserted.fontStrikeOut() and inserted.toolTip() == \
        "Inserted by Austria on 2020-06-01"
    moved = format_at(window, "Moved sentence")
    assert moved.toolTip() == "Moved here by Mexico on 2020-06-02"
    assert shown.count("Moved sentence.") == 1
    assert format_at(window, "Stockpiles may be kept").fontStrikeOut()  # a paragraph deleted


def test_a_comment_sits_beside_its_passage_with_its_reply_in_the_tooltip(window):
    shown = window.reader.toPlainText()
    assert "✎ Austria: Austria would prefer 'by 2026' here. (+1)" in shown
    chip = format_at(window, "✎ Austria")
    assert rv.REPLY in chip.toolTip() and rv.COMMENT in chip.toolTip()
    assert format_at(window, "clear all contaminated").fontOverline()


def test_selections_still_map_to_the_text_itself(window, store, tracked):
    """The struck text is shown, not part of the contribution: selecting across it maps to
    the accepted text, and an excerpt made from it quotes the accepted text."""
    document = window.reader.document()
    start = document.find("States Parties").selectionStart()
    end = document.find("clear all").selectionEnd()
    cursor = QTextCursor(document)
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    window.reader.setTextCursor(cursor)
    span = window.reader.selected_span()
    text = c.text_of(store, tracked)
    assert text[span[0]:span[1]] == "States Parties shall clear all"
    excerpt = excerpts.map_span(store, tracked, ["clearance_rre"], start=span[0],
                                end=span[1]).result
    assert excerpts.excerpt(store, excerpt).text == "States Parties shall clear all"
    window.service.notify({"excerpts", "mappings"})
    settle(window)
    window.reader.select_span(*span)
    assert window.reader.selected_span() == span


def test_pages_read_by_ocr_are_marked_with_their_confidence(qapp):
    from PySide6.QtGui import QFont

    paragraphs = [{"file_id": 1, "index": 0, "start": 0, "end": 5, "page": 1,
                   "heading_level": None, "part": "body", "text": "Hello"},
                  {"file_id": 1, "index": 1, "start": 6, "end": 11, "page": 2,
                   "heading_level": None, "part": "body", "text": "World"}]
    reading = Reading(ocr_pages=[{"file_id": 1, "page": 1, "confidence": 91.4, "problem": ""},
                                 {"file_id": 1, "page": 2, "confidence": None,
                                  "problem": "no text"}])
    scan = StoredFile(file_id=1, name="scan.pdf", sha256="0" * 64, size=10,
                      media_type="application/pdf", status="ok", message="", pages=2, chars=40,
                      ocr=True, ocr_confidence=91.4)
    layout = build(paragraphs, [scan], [], {}, font=QFont(),
                   reading=reading)
    shown = layout.document.toPlainText()
    assert "— page 1 · read by OCR, confidence 91% —" in shown
    assert "— page 2 —" in shown


def test_the_comment_shapes_the_reader_uses(store, tracked):
    comments = comments_of(store, tracked)
    assert [len(comment["replies"]) for comment in comments] == [1, 0]
