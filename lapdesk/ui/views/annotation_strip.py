"""The bottom strip: the selected excerpt, where it is mapped, and the position it records.

It follows the reader's and the section view's selection.  An excerpt may record several
positions (one passage that supports one thing and proposes another): the Position box picks
the one being edited, or a new one, and Remove deletes it.  Each field is saved when the user
leaves it (one undoable change), as an edit of that position or, for a new one, as its
creation.
"""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QGridLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QToolButton,
    QWidget,
)

from lapdesk.analysis.stance import stance_hint
from lapdesk.core.errors import NotFoundError
from lapdesk.core.records import Annotation, Excerpt, Suggestion
from lapdesk.store import excerpts
from lapdesk.store.excerpts import STANCES
from lapdesk.ui.catalogue import Catalogue
from lapdesk.ui.service.live import LiveQuery
from lapdesk.ui.service.store_service import StoreService

REFRESH_ON = {"excerpts", "mappings", "annotations", "topics"}


def excerpt_data(store, excerpt_id: int) -> Excerpt | None:
    """The excerpt with its nodes and positions (``None`` once it is gone)."""
    try:
        return excerpts.excerpt(store, excerpt_id)
    except NotFoundError:
        return None


class AnnotationStrip(QWidget):
    """Shows one excerpt (or says how to make one) and edits its position."""

    excerpt_gone = Signal()

    loaded = Signal(object)  # the excerpt id shown (None for none)

    def __init__(self, service: StoreService, catalogue: Catalogue, parent=None):
        super().__init__(parent)
        self._service = service
        self._catalogue = catalogue
        self.excerpt_id: int | None = None
        self._row: Excerpt | None = None  # the excerpt as loaded
        self._where = ""
        self._annotation: Annotation | None = None
        self._annotations: tuple[Annotation, ...] = ()
        self._position = 0  # which of the excerpt's positions is edited (len = a new one)
        self._loading = False

        self.summary_label = QLabel(self)
        self.summary_label.setTextFormat(Qt.TextFormat.PlainText)
        self.summary_label.setAccessibleName("Selected excerpt")
        # A long passage must not widen the window: the label shows what fits.
        self.summary_label.setSizePolicy(QSizePolicy.Policy.Ignored,
                                         QSizePolicy.Policy.Preferred)
        self.stance = QComboBox(self)
        self.stance.addItems(STANCES)
        self.stance.setAccessibleName("Stance")
        self.topic = QComboBox(self)
        self.topic.setEditable(True)
        self.topic.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.topic.setAccessibleName("Topic")
        self.topic.lineEdit().setPlaceholderText("topic or proposal (pick or type a new one)")
        self._topics = QStringListModel(self)
        self.topic.setModel(self._topics)
        topic_completer = QCompleter(self._topics, self.topic)
        topic_completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        topic_completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.topic.setCompleter(topic_completer)
        self.summary = QLineEdit(self)
        self.summary.setPlaceholderText("one-line summary of the position")
        self.summary.setAccessibleName("Summary")
        self.note = QLineEdit(self)
        self.note.setPlaceholderText("note for the team")
        self.note.setAccessibleName("Note")
        self.tags = QLineEdit(self)
        self.tags.setPlaceholderText("tags, comma-separated")
        self.tags.setAccessibleName("Tags")
        # The text fields, by the annotation field each edits.
        self._lines = {"topic": self.topic.lineEdit(), "summary": self.summary,
                       "note": self.note, "tags": self.tags}
        self.reviewed = QCheckBox("Reviewed", self)
        self.reviewed.setAccessibleName("Reviewed")
        self.author = QLabel(self)
        self.author.setAccessibleName("Author")
        # The wording's stance, offered and never applied unless the user clicks it.
        self.hint = QToolButton(self)
        self.hint.setAccessibleName("Stance suggested by the wording")
        self.hint.setAutoRaise(True)
        self.hint.clicked.connect(self._use_hint)
        self._hint: dict | None = None
        self.position = QComboBox(self)
        self.position.setAccessibleName("Position")
        self.position.setToolTip("The position of this excerpt being edited, or a new one")
        self.position.activated.connect(self._pick_position)
        self.remove_position = QToolButton(self)
        self.remove_position.setText("Remove position")
        self.remove_position.setAccessibleName("Remove position")
        self.remove_position.setAutoRaise(True)
        self.remove_position.clicked.connect(self._remove_position)

        self._buttons = QWidget(self)
        self._buttons_layout = QGridLayout(self._buttons)
        self._buttons_layout.setContentsMargins(0, 0, 0, 0)
        grid = QGridLayout(self)
        grid.setContentsMargins(4, 2, 4, 2)
        grid.addWidget(self.summary_label, 0, 0, 1, 6)
        grid.addWidget(self._buttons, 0, 6, 1, 3)
        for column, (caption, widget) in enumerate((("Stance", self.stance),
                                                    ("Topic", self.topic))):
            label = QLabel(caption, self)
            label.setBuddy(widget)
            grid.addWidget(label, 1, column * 2)
            grid.addWidget(widget, 1, column * 2 + 1)
        summary_caption = QLabel("Summary", self)
        summary_caption.setBuddy(self.summary)
        grid.addWidget(summary_caption, 1, 4)
        grid.addWidget(self.summary, 1, 5, 1, 2)
        grid.addWidget(self.reviewed, 1, 7)
        grid.addWidget(self.author, 1, 8)
        position_caption = QLabel("Position", self)
        position_caption.setBuddy(self.position)
        grid.addWidget(position_caption, 3, 0)
        grid.addWidget(self.position, 3, 1, 1, 3)
        grid.addWidget(self.remove_position, 3, 4)
        grid.addWidget(self.hint, 3, 5, 1, 4)
        note_caption = QLabel("Note", self)
        note_caption.setBuddy(self.note)
        grid.addWidget(note_caption, 2, 0)
        grid.addWidget(self.note, 2, 1, 1, 3)
        tags_caption = QLabel("Tags", self)
        tags_caption.setBuddy(self.tags)
        grid.addWidget(tags_caption, 2, 4)
        grid.addWidget(self.tags, 2, 5, 1, 4)
        grid.setColumnStretch(3, 1)
        grid.setColumnStretch(5, 2)
        for first, second in ((self.stance, self.topic), (self.topic, self.summary),
                              (self.summary, self.reviewed), (self.reviewed, self.note),
                              (self.note, self.tags), (self.tags, self.position)):
            self.setTabOrder(first, second)

        self.stance.activated.connect(lambda _: self._save("stance", self.stance.currentText()))
        self.topic.lineEdit().editingFinished.connect(
            lambda: self._save("topic", self.topic.currentText().strip() or None))
        self.topic.activated.connect(
            lambda _: self._save("topic", self.topic.currentText().strip() or None))
        self.summary.editingFinished.connect(lambda: self._save("summary", self.summary.text()))
        self.note.editingFinished.connect(lambda: self._save("note", self.note.text()))
        self.tags.editingFinished.connect(lambda: self._save("tags", self.tags.text()))
        self.reviewed.toggled.connect(self._reviewed_toggled)
        self.query = LiveQuery(service, excerpt_data, tables=REFRESH_ON, start=False,
                               parent=self)
        self.query.clear()
        self.query.updated.connect(self._arrived)
        self.topics_query = LiveQuery(service, excerpts.topics, tables={"topics"}, parent=self)
        self.topics_query.updated.connect(self._fill_topics)
        catalogue.framework_changed.connect(lambda: self._load(keep_typing=True))
        self.show_excerpt(None)

    def add_action_buttons(self, actions) -> None:
        """Buttons for the window's excerpt actions (set to selection, map, delete...)."""
        for column, action in enumerate(actions):
            button = QToolButton(self._buttons)
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            self._buttons_layout.addWidget(button, 0, column)

    def _fill_topics(self, topics: list[dict]) -> None:
        current = self.topic.currentText()
        self._topics.setStringList([t["title"] for t in topics])
        self.topic.setCurrentText(current)

    def show_excerpt(self, excerpt_id: int | None, *, where: str = "") -> None:
        """Follow another excerpt (or none); what was typed for the previous one and not yet
        saved is saved to it first, so it can never land on the next one or be lost."""
        if excerpt_id != self.excerpt_id:
            self.commit_pending()
            self._position = 0
            self._row = None  # nothing is saved until this excerpt's position is shown
        self.excerpt_id = excerpt_id
        self._where = where or (self._where if excerpt_id else "")
        self._load()
        if excerpt_id is None:
            self.query.clear()
        else:
            self.query.retarget(excerpt_id)

    def _arrived(self, row: Excerpt | None) -> None:
        if self.query.args != (self.excerpt_id,):
            return
        switching = self._row is None
        self._row = row
        if row is None:
            self.excerpt_id = None
            self.excerpt_gone.emit()
        self._load(keep_typing=not switching)
        self.loaded.emit(self.excerpt_id)

    def show_suggestion(self, row: Suggestion, *, text: str = "", where: str = "") -> None:
        """Say what the analysis suggests for a passage (``text``) and how to decide on it."""
        self.show_excerpt(None)
        text = " ".join(text.split())
        quoted = f"   “{text[:80]}”" if text else ""
        self.summary_label.setText(
            f"Suggestion {where} → {row.node_title} ({round(100 * row.confidence)} %, "
            f"{row.reason or 'analysis'}): Enter accepts, Delete rejects.{quoted}")

    def _load(self, *, keep_typing: bool = False) -> None:
        self._loading = True
        try:
            row = self._row if self.excerpt_id is not None else None
            editors = (self.stance, self.topic, self.summary, self.note, self.tags, self.reviewed,
                       self.position)
            for widget in editors:
                widget.setEnabled(row is not None)
            self._annotations = row.annotations if row is not None else ()
            self._position = min(self._position, len(self._annotations))
            self._annotation = (self._annotations[self._position]
                                if self._position < len(self._annotations) else None)
            self._fill_positions()
            self._show_hint(row)
            if row is None:
                self.author.setText("")
                self.summary_label.setText(
                    "Select a passage and map it: right-click › Map to, drag it onto the "
                    "framework, or press Ctrl+1 … Ctrl+9 (Ctrl+M to choose by typing).")
                for line in (self.summary, self.note, self.tags):
                    line.clear()
                self.topic.setCurrentText("")
                self.stance.setCurrentText("neutral")
                self.reviewed.setChecked(False)
                return
            tree = self._catalogue.framework
            titles = [tree.label(key) for key in row.nodes if tree.has(key)]
            text = " ".join(row.text.split())
            quoted = text if len(text) <= 90 else text[:87] + "…"
            where = f"{self._where} " if self._where else ""
            self.summary_label.setText(
                f"Excerpt {where}→ {'; '.join(titles) or 'not mapped'}   “{quoted}”")
            note = self._annotation
            # Who recorded the position; for a new one, who is about to (this user).
            self.author.setText(f"by {(note and note.author) or self._service.author}")
            self.stance.setCurrentText(note.stance if note else "neutral")
            # A store change while the user types leaves the typing alone (it is saved when
            # the field is left, or before another excerpt is shown).
            for field, line in self._lines.items():
                if not (keep_typing and line.isModified()):
                    line.setText(_value(note, field) or "")
            self.reviewed.setChecked(row.reviewed)
        finally:
            self._loading = False

    def _save(self, field: str, value) -> None:
        if self._loading or self._row is None or not self.isVisible():
            return  # (a window being closed also ends the editing)
        if field in self._lines:
            self._lines[field].setModified(False)  # what it holds is being saved now
        if self._annotation is None:
            if field == "stance" and value == "neutral" or not value:
                return  # nothing to record yet
            self._position = len(self._annotations)  # the new one, once it is there
            self._service.apply(excerpts.annotate, self.excerpt_id, **{field: value})
        elif (_value(self._annotation, field) or None) != (value or None):
            self._service.apply(excerpts.update_annotation, self._annotation.id,
                                **{field: value})

    def commit_pending(self) -> None:
        """Save the text fields that hold something other than the position as loaded, all
        in one change (saving them one by one would reload the strip after the first)."""
        if self._loading or self._row is None or not self.isVisible():
            return
        pending = {field: typed for field, typed in self._typed().items()
                   if (_value(self._annotation, field) or None) != (typed or None)}
        if not pending:
            return
        for field in pending:
            self._lines[field].setModified(False)
        if self._annotation is None:
            self._position = len(self._annotations)  # the new one, once it is there
            self._service.apply(excerpts.annotate, self.excerpt_id, **pending)
        else:
            self._service.apply(excerpts.update_annotation, self._annotation.id, **pending)

    def _typed(self) -> dict[str, str | None]:
        return {field: line.text().strip() or None if field == "topic" else line.text()
                for field, line in self._lines.items()}

    def _fill_positions(self) -> None:
        """"1. supports — regional outreach", ..., "New position"; the edited one shown."""
        self.position.clear()
        for number, note in enumerate(self._annotations, start=1):
            topic = f" — {note.topic}" if note.topic else ""
            self.position.addItem(f"{number}. {note.stance}{topic}")
        self.position.addItem("New position" if self._annotations else "First position")
        self.position.setCurrentIndex(self._position)
        self.remove_position.setEnabled(self._annotation is not None)

    def _pick_position(self, index: int) -> None:
        if index != self._position:
            self._position = index
            self._load()

    def _remove_position(self) -> None:
        if self._annotation is not None:
            self._service.apply(excerpts.delete_annotation, self._annotation.id)

    def _show_hint(self, row: Excerpt | None) -> None:
        """Offer the stance the wording suggests when the excerpt has no stance yet."""
        recorded = row and any(note.stance != "neutral" for note in row.annotations)
        self._hint = None if row is None or recorded else stance_hint(row.text)
        if self._hint:
            self.hint.setText(f"Wording suggests: {self._hint['stance']} (“{self._hint['cue']}”)"
                              " — use it")
            self.hint.setToolTip("Only a suggestion from the wording; click to record it.")
        self.hint.setVisible(self._hint is not None)

    def _use_hint(self) -> None:
        if self._hint:
            self._save("stance", self._hint["stance"])

    def _reviewed_toggled(self, on: bool) -> None:
        if not self._loading and self._row is not None:
            self._service.apply(excerpts.set_reviewed, self.excerpt_id, on)


def _value(note: Annotation | None, field: str) -> str | None:
    """A field of the position being edited (nothing, for a position not recorded yet)."""
    return getattr(note, field) if note is not None else None
