"""The reader's header: who wrote, when, in what language, by what channel, and its files.

Every field edits the store through the session (one undoable change per edit).  Originals
are opened from a private copy, never from the store, and executable types need a yes first.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDate, QStringListModel, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from lapdesk.core.errors import NotFoundError
from lapdesk.core.open_policy import is_executable_name, private_copy
from lapdesk.store import contributions, held, registry
from lapdesk.store.contributions import CHANNELS
from lapdesk.ui.models.contributions_model import kind_word
from lapdesk.ui.session import StoreSession
from lapdesk.ui.views.reader_document import FILE_STATUS_WORDS

LANGUAGES = ("en", "fr", "es", "ar", "ru", "zh", "de", "pt")
REFRESH_ON = {"contributions", "contribution_contributors", "files", "contributors"}


class NamesCompleter(QCompleter):
    """Completes the last of several comma-separated contributor names."""

    def pathFromIndex(self, index) -> str:  # noqa: N802 - Qt's name
        done = self.widget().text().rsplit(",", 1)
        head = done[0] + ", " if len(done) > 1 else ""
        return head + str(index.data())

    def splitPath(self, path: str) -> list[str]:  # noqa: N802 - Qt's name
        return [path.rsplit(",", 1)[-1].strip()]


class ContributionHeader(QWidget):
    def __init__(self, session: StoreSession, parent=None):
        super().__init__(parent)
        self._session = session
        self.contribution_id: int | None = None
        self._files: list[dict] = []
        self._loading = False

        self.heading = QLabel(self)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.contributors = QLineEdit(self)
        self.contributors.setAccessibleName("Contributors")
        self.contributors.setPlaceholderText("Contributors, separated by commas")
        self._names = QStringListModel(self)
        completer = NamesCompleter(self._names, self.contributors)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.contributors.setCompleter(completer)
        self.received = QDateEdit(self)
        self.received.setCalendarPopup(True)
        self.received.setDisplayFormat("d MMM yyyy")
        self.received.setAccessibleName("Received on")
        self.language = QComboBox(self)
        self.language.setEditable(True)
        self.language.addItems(LANGUAGES)
        self.language.setAccessibleName("Language")
        self.channel = QComboBox(self)
        self.channel.addItems(CHANNELS)
        self.channel.setAccessibleName("Channel")
        self.permission = QCheckBox("May be published", self)
        self.permission.setAccessibleName("Permission to publish")
        self.files = QComboBox(self)
        self.files.setAccessibleName("Files")
        self.open_button = QPushButton("Open original", self)
        self.save_button = QPushButton("Save original as…", self)

        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow("Contributors", self.contributors)
        details = QHBoxLayout()
        for label, widget in (("Received", self.received), ("Language", self.language),
                              ("Channel", self.channel)):
            caption = QLabel(label, self)
            caption.setBuddy(widget)
            details.addWidget(caption)
            details.addWidget(widget)
        details.addWidget(self.permission)
        details.addStretch(1)
        form.addRow(details)
        files = QHBoxLayout()
        files.addWidget(self.files, 1)
        files.addWidget(self.open_button)
        files.addWidget(self.save_button)
        form.addRow("Files", files)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.heading)
        layout.addLayout(form)

        self.contributors.editingFinished.connect(self._contributors_edited)
        # Saved when the user is done (Enter, leaving the field, a day picked in the calendar),
        # not at each keystroke, so that one edit is one undo step.
        self.received.editingFinished.connect(self._received_edited)
        self.received.calendarWidget().clicked.connect(lambda _date: self._received_edited())
        self.language.activated.connect(lambda _position: self._language_edited())
        self.language.lineEdit().editingFinished.connect(self._language_edited)
        self.channel.activated.connect(
            lambda _position: self._update(channel=self.channel.currentText()))
        self.permission.toggled.connect(
            lambda on: self._update(permission_to_publish=int(on)))
        self.open_button.clicked.connect(self.open_original)
        self.save_button.clicked.connect(self.save_original)
        session.store_changed.connect(self._store_changed)
        self._fill_names()
        self.show_contribution(None)

    def _fill_names(self) -> None:
        self._names.setStringList([r["name"] for r in registry.contributors(self._session.store)])

    def show_contribution(self, contribution_id: int | None) -> None:
        self.contribution_id = contribution_id
        self.setEnabled(contribution_id is not None)
        self._load()

    def _load(self) -> None:
        self._loading = True
        try:
            if self.contribution_id is None:
                self.heading.setText("No contribution chosen")
                self.contributors.clear()
                self.files.clear()
                return
            store = self._session.store
            try:
                row = contributions.contribution(store, self.contribution_id)
            except NotFoundError:  # deleted, or its import undone
                self.contribution_id = None
                self.setEnabled(False)
                self.heading.setText("No contribution chosen")
                return
            people = contributions.contributors_of(store, self.contribution_id)
            first = people[0] if people else None
            who = ", ".join(p["name"] for p in people) or "Unknown contributor"
            facts = [who] + ([kind_word(first)] if first else []) + (
                [first["group"]] if first and first.get("group") else [])
            self.heading.setText(" · ".join(facts))
            if not self.contributors.hasFocus():
                self.contributors.setText(", ".join(p["name"] for p in people))
            self.received.setDate(QDate.fromString(row["received"][:10], "yyyy-MM-dd"))
            self.language.setCurrentText(row["language"] or "")
            self.channel.setCurrentText(row["channel"])
            self.permission.setChecked(bool(row["permission_to_publish"]))
            self._files = contributions.files_of(store, self.contribution_id)
            self.files.clear()
            for file in self._files:
                status = FILE_STATUS_WORDS.get(file["status"], file["status"])
                message = f": {file['message']}" if file["message"] and file["status"] != "ok" else ""
                self.files.addItem(f"{file['name']}  {status}{message}")
            has_files = bool(self._files)
            self.open_button.setEnabled(has_files)
            self.save_button.setEnabled(has_files)
        finally:
            self._loading = False

    def _store_changed(self, tables: set[str]) -> None:
        if "contributors" in tables or "contributor_aliases" in tables:
            self._fill_names()
        if tables & REFRESH_ON and self.contribution_id is not None:
            self._load()

    # --- edits ----------------------------------------------------------------------------

    def _update(self, **fields) -> None:
        if self._loading or self.contribution_id is None or not self.isVisible():
            return  # (a window being closed also ends the editing)
        self._session.apply(contributions.update_contribution, self.contribution_id, **fields)

    def _received_edited(self) -> None:
        self._update(received=self.received.date().toString("yyyy-MM-dd"))

    def _language_edited(self) -> None:
        self._update(language=self.language.currentText().strip() or None)

    def _contributors_edited(self) -> None:
        if self._loading or self.contribution_id is None or not self.isVisible():
            return  # (a window being closed also ends the editing)
        names = [n.strip() for n in self.contributors.text().split(",") if n.strip()]
        ids = []
        for name in names:
            found = registry.find(self._session.store, name)
            if found is None:
                self._session.error.emit(
                    f"“{name}” is not in the registry of contributors; add it there first.")
                return
            if found["id"] not in ids:
                ids.append(found["id"])
        current = [p["id"] for p in contributions.contributors_of(self._session.store,
                                                                  self.contribution_id)]
        if ids != current:
            self._session.apply(contributions.set_chosen_contributors, self.contribution_id, ids)

    # --- originals ------------------------------------------------------------------------

    def _chosen_file(self) -> dict | None:
        position = self.files.currentIndex()
        return self._files[position] if 0 <= position < len(self._files) else None

    def open_original(self) -> Path | None:
        """Hand a private copy of the chosen file to the system's default application."""
        file = self._chosen_file()
        if file is None:
            return None
        name = file["original_name"] or file["name"] or "original"
        if is_executable_name(name):
            answer = QMessageBox.warning(
                self, "Open original",
                f"“{name}” is a kind of file that can run programs on this computer. "
                "Open it only if you trust its sender. Open it anyway?",
                QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel)
            if answer != QMessageBox.StandardButton.Open:
                return None
        try:
            path = private_copy(contributions.blob(self._session.store, file["sha256"]), name)
        except OSError as error:
            self._session.error.emit(f"A copy of {name} could not be made: {error.strerror}.")
            return None
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
        return path

    def save_original(self) -> None:
        file = self._chosen_file()
        if file is None:
            return
        target, _ = QFileDialog.getSaveFileName(self, "Save original as", file["name"])
        if target:
            self.write_original(Path(target))

    def write_original(self, target: Path) -> None:
        file = self._chosen_file()
        if held.is_held(target):
            self._session.error.emit(held.held_message(target) + " Choose another name.")
            return
        try:
            target.write_bytes(contributions.blob(self._session.store, file["sha256"]))
        except OSError as error:
            self._session.error.emit(f"{target} could not be written: {error.strerror}.")
