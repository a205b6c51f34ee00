"""The installed PySide6 keeps None's reference count: some releases (6.12.0) drop one on every
void call, which on Python 3.11 aborts a long desk session with "deallocating None"."""

import sys

import pytest
from PySide6.QtGui import QTextBlockFormat, QTextCursor, QTextDocument


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12")
def test_void_qt_calls_do_not_drop_references_to_none(qapp):
    cursor = QTextCursor(QTextDocument())
    before = sys.getrefcount(None)
    for _ in range(1000):
        cursor.insertBlock(QTextBlockFormat())
    assert sys.getrefcount(None) > before - 500
