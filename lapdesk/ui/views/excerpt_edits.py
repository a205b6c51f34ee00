"""Editing a listed excerpt's position where it is listed: its stance from a menu of stances,
its topic and summary in a one-line editor over the listing.

The section view lists excerpts as rich text; each position's stance chip, topic and summary
is a link whose click opens one of these in place.  Each edit is one undoable change on the
writer lane; a position not yet recorded is created by the first edit.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint, QStringListModel, Qt
from PySide6.QtWidgets import QCompleter, QLineEdit, QMenu, QWidget
from shiboken6 import isValid

from lapdesk.core.records import Annotation
from lapdesk.store import excerpts
from lapdesk.store.excerpts import STANCES
from lapdesk.ui.service.store_service import StoreService

FIELDS = ("stance", "topic", "summary")
PLACEHOLDERS = {"topic": "topic or proposal (pick or type a new one)",
                "summary": "one-line summary of the position"}


def link(field: str, excerpt_id: int, annotation_id: int | None) -> str:
    """The link a listing puts on a position's field (``edit:summary:12:3``)."""
    return f"edit:{field}:{excerpt_id}:{annotation_id or 0}"


def parse_link(text: str) -> tuple[str, int, int | None] | None:
    """(field, excerpt id, annotation id or None) of a :func:`link`, else ``None``."""
    parts = text.split(":")
    if len(parts) != 4 or parts[0] != "edit" or parts[1] not in FIELDS:
        return None
    return parts[1], int(parts[2]), int(parts[3]) or None


class LineEditor(QLineEdit):
    """A one-line editor shown over the listing: Enter saves, Escape or a click away cancels."""

    def __init__(self, parent: QWidget, text: str, on_done: Callable[[str], None]):
        super().__init__(text, parent)
        self._on_done = on_done
        self._done = False
        self.returnPressed.connect(self._finish)

    def _finish(self) -> None:
        if not self._done:
            self._done = True
            self._on_done(self.text().strip())
        self.hide()
        self.deleteLater()

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if event.key() == Qt.Key.Key_Escape:
            self._done = True
            self.hide()
            self.deleteLater()
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().focusOutEvent(event)
        if self.completer() is not None and self.completer().popup().isVisible():
            return  # choosing a completion, not leaving
        self._finish()  # leaving the field keeps what was typed, as the strip does


class ExcerptEdits:
    """Opens the stance menu or the line editor for a link clicked in ``listing``.

    :attr:`editor` is the line editor open now, :attr:`menu` the stance menu (for tests).
    """

    def __init__(self, listing: QWidget, service: StoreService):
        self._listing = listing
        self._service = service
        self.editor: LineEditor | None = None
        self.menu: QMenu | None = None
        self._topics = QStringListModel(listing)

    def open(self, field: str, excerpt_id: int, annotation: Annotation | None,
             where: QPoint) -> None:
        """Edit ``field`` of ``annotation`` (``None``: the excerpt has no position yet)."""
        if field == "stance":
            self._stance_menu(excerpt_id, annotation, where)
            return
        if self.editor is not None and isValid(self.editor):
            self.editor.close()
        current = (getattr(annotation, field) if annotation else "") or ""
        editor = LineEditor(self._listing.viewport(), current,
                            lambda text: self._save(excerpt_id, annotation, field, text, current))
        editor.setPlaceholderText(PLACEHOLDERS[field])
        editor.setAccessibleName(f"Edit the {field}")
        if field == "topic":
            completer = QCompleter(self._topics, editor)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            editor.setCompleter(completer)
            self._service.read(excerpts.topics, then=lambda rows: self._topics.setStringList(
                [row["title"] for row in rows]))
        # The whole width of the listing, just below the field's link.
        editor.setGeometry(4, max(0, where.y() + 1), max(200, self._listing.viewport().width() - 8),
                           editor.sizeHint().height())
        editor.show()
        editor.setFocus(Qt.FocusReason.MouseFocusReason)
        editor.selectAll()
        self.editor = editor

    def _stance_menu(self, excerpt_id: int, annotation: Annotation | None,
                     where: QPoint) -> None:
        menu = QMenu(self._listing)
        for stance in STANCES:
            action = menu.addAction(stance)
            action.setCheckable(True)
            action.setChecked(annotation is not None and annotation.stance == stance)
            action.triggered.connect(lambda _on=False, s=stance: self._save(
                excerpt_id, annotation, "stance", s, annotation.stance if annotation else None))
        self.menu = menu
        menu.popup(self._listing.viewport().mapToGlobal(where))

    def _save(self, excerpt_id: int, annotation: Annotation | None, field: str, value: str,
              before) -> None:
        if value == (before or ""):
            return
        if annotation is None:
            fields = {field: value} if field != "topic" else {"topic": value or None}
            self._service.apply(excerpts.annotate, excerpt_id, **fields)
        else:
            self._service.apply(excerpts.update_annotation, annotation.id,
                                **{field: value or (None if field == "topic" else "")})
