"""The reader's header: who wrote, when, in what language, by what channel, and its files.

Every field edits the store through the session (one undoable change per edit).  Originals
are opened from a private copy, never from the store, and executable types need a yes first.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDate, QStringListModel, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
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
from lapdesk.ui.widgets.date_field import DateField

LANGUAGES = ("en", "fr", "es", "ar", "ru", "zh", "de", "pt")
REFRESH_ON = {"contributions", "contribution_contributors", "files", "contributors"}
PUBLICATION_CHOICES = (("Not yet decided", None), ("May be published", 1),
                       ("Not to be published", 0))
RECEIVED_SOURCE_WORDS = {"email": "(the email's date)", "letter": "(the date of the letter)",
                         "logged": "(the day it was logged)", "user": ""}


class NamesCompleter(QCompleter):
    """Completes the last of several comma-separated contributor names."""

    def pathFromIndex(self, index) -> str:  # noqa: N802 - Qt's name
        done = self.widget().text().rsplit(",", 1)
        head = done[0] + ", " if len(done) > 1 else ""
        return head + str(index.data())

    def splitPath(self, path: str) -> list[str]:  # noqa: N802 - Qt's name
        return [path.rsplit(",", 1)[-1].strip()]


class ContributionHeader(QWidget):
    password_requested = Signal(int, str)  # a protected file's id and name: "Enter password…"

    def __init__(self, session: StoreSession, parent=None):
        super().__init__(parent)
        self._session = session
        self.contribution_id: int | None = None
        self._files: list[dict] = []
        self._row: dict | None = None  # the contribution as loaded, to tell what was edited
        self.cannot_open_box: QMessageBox | None = None
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
        self.received = DateField(self)
        self.received.setAccessibleName("Received on")
        # Where the date came from: the email, the letter's own date, the day it was logged.
        self.received_source = QLabel(self)
        self.received_source.setAccessibleName("Received date taken from")
        self.language = QComboBox(self)
        self.language.setEditable(True)
        self.language.addItems(LANGUAGES)
        self.language.setAccessibleName("Language")
        self.channel = QComboBox(self)
        self.channel.addItems(CHANNELS)
        self.channel.setAccessibleName("Channel")
        self.permission = QComboBox(self)
        for label, value in PUBLICATION_CHOICES:
            self.permission.addItem(label, value)
        self.permission.setAccessibleName("Permission to publish")
        self.permission.setToolTip("Until someone decides, the working paper attributes this "
                                   "contribution anonymously")
        self.files = QComboBox(self)
        self.files.setAccessibleName("Files")
        self.open_button = QPushButton("Open original", self)
        self.save_button = QPushButton("Save original as…", self)
        self.password_button = QPushButton("Enter password…", self)
        self.password_button.setToolTip("Open this protected file with its password and read "
                                        "it in place (the password is not kept)")
        self.password_button.hide()

        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow("Contributors", self.contributors)
        details = QHBoxLayout()
        for label, widget in (("Received", self.received), ("Language", self.language),
                              ("Channel", self.channel), ("Publication", self.permission)):
            caption = QLabel(label, self)
            caption.setBuddy(widget)
            details.addWidget(caption)
            details.addWidget(widget)
            if widget is self.received:
                details.addWidget(self.received_source)
        details.addStretch(1)
        form.addRow(details)
        files = QHBoxLayout()
        files.addWidget(self.files, 1)
        files.addWidget(self.open_button)
        files.addWidget(self.save_button)
        files.addWidget(self.password_button)
        form.addRow("Files", files)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.heading)
        layout.addLayout(form)

        self.contributors.editingFinished.connect(self._contributors_edited)
        # Saved when the user is done (Enter, leaving the field, a day picked in the calendar),
        # not at each keystroke, so that one edit is one undo step.
        self.received.editingFinished.connect(self._received_edited)
        self.received.date_chosen.connect(lambda _date: self._received_edited())
        self.language.activated.connect(lambda _position: self._language_edited())
        self.language.lineEdit().editingFinished.connect(self._language_edited)
        self.channel.activated.connect(
            lambda _position: self._update(channel=self.channel.currentText()))
        self.permission.activated.connect(
            lambda _position: self._update(permission_to_publish=self.permission.currentData()))
        self.open_button.clicked.connect(self.open_original)
        self.save_button.clicked.connect(self.save_original)
        self.password_button.clicked.connect(self._ask_password)
        self.files.currentIndexChanged.connect(lambda _index: self._show_password_button())
        session.store_changed.connect(self._store_changed)
        self._fill_names()
        self.show_contribution(None)

    def _fill_names(self) -> None:
        self._names.setStringList([r["name"] for r in registry.contributors(self._session.store)])

    def show_contribution(self, contribution_id: int | None) -> None:
        """Show another contribution: an edit still pending in a field (typed, not yet
        confirmed) is saved to the contribution it was typed for first, and every field is
        then loaded afresh — never left holding the previous one's values."""
        self.commit_pending()
        self.contribution_id = contribution_id
        self.setEnabled(contribution_id is not None)
        self._load(switching=True)

    def commit_pending(self) -> None:
        """Save what a field holds that differs from the store (each a change of its own)."""
        if self.contribution_id is None or self._loading or self._row is None:
            return
        self._contributors_edited()
        self._received_edited()
        self._language_edited()

    def _load(self, *, switching: bool = False) -> None:
        self._loading = True
        self._row = None
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
            self._row = row
            people = contributions.contributors_of(store, self.contribution_id)
            first = people[0] if people else None
            who = ", ".join(p["name"] for p in people) or "Unknown contributor"
            facts = [who] + ([kind_word(first)] if first else []) + (
                [first["group"]] if first and first.get("group") else [])
            self.heading.setText(" · ".join(facts))
            # A store change while the user types in a field leaves the typing alone; showing
            # another contribution never does.
            if switching or not self.contributors.isModified():
                self.contributors.setText(", ".join(p["name"] for p in people))
            if switching or not self.received.isModified():
                self.received.setDate(QDate.fromString(row["received"][:10], "yyyy-MM-dd"))
            self.received_source.setText(RECEIVED_SOURCE_WORDS.get(row["received_source"], ""))
            self.language.setCurrentText(row["language"] or "")
            self.channel.setCurrentText(row["channel"])
            self.permission.setCurrentIndex(
                [value for _label, value in PUBLICATION_CHOICES].index(row["permission_to_publish"]))
            self._files = contributions.files_of(store, self.contribution_id)
            self.files.clear()
            for file in self._files:
                status = FILE_STATUS_WORDS.get(file["status"], file["status"])
                message = f": {file['message']}" if file["message"] and file["status"] != "ok" else ""
                self.files.addItem(f"{file['name']}  {status}{message}")
            has_files = bool(self._files)
            self.open_button.setEnabled(has_files)
            self.save_button.setEnabled(has_files)
            encrypted = next((i for i, f in enumerate(self._files)
                              if f["status"] == "encrypted"), None)
            if encrypted is not None:
                self.files.setCurrentIndex(encrypted)  # what needs attention shows first
        finally:
            self._loading = False
        self._show_password_button()

    def _show_password_button(self) -> None:
        file = self._chosen_file()
        self.password_button.setVisible(file is not None and file["status"] == "encrypted")

    def _ask_password(self) -> None:
        file = self._chosen_file()
        if file is not None and file["status"] == "encrypted":
            self.password_requested.emit(file["file_id"], file["name"])

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
        typed = self.received.value()
        if self._row is None or typed is None:
            return  # no date (the field says so): nothing is saved
        if typed.isoformat() != self._row["received"][:10]:
            self._update(received=typed.isoformat())

    def _language_edited(self) -> None:
        typed = self.language.currentText().strip() or None
        if self._row is not None and typed != self._row["language"]:
            self._update(language=typed)

    def _contributors_edited(self) -> None:
        if self._loading or self.contribution_id is None or not self.isVisible():
            return  # (a window being closed also ends the editing)
        self.contributors.setModified(False)  # what it holds is being saved now
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
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            self._cannot_open(name)
        return path

    def _cannot_open(self, name: str) -> QMessageBox:
        """Nothing on this computer opens such a file: say so, and offer to save it."""
        box = QMessageBox(QMessageBox.Icon.Information, "Open original",
                          f"No program on this computer opens “{name}”.", parent=self)
        box.setInformativeText("Save it as a file, then open it with a program of your choice.")
        save = box.addButton("Save original as…", QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Close)
        box.setObjectName("cannot-open-original")
        box.buttonClicked.connect(lambda button: button is save and self.save_original())
        self.cannot_open_box = box
        box.open()
        return box

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
