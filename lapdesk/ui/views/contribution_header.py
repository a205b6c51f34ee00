"""The reader's header: who wrote, when, in what language, by what channel, and its files.

Every field edits the store through the store service (one undoable change per edit).  Originals
are opened from a private copy, never from the store, and executable types need a yes first.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDate, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
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
from lapdesk.core.statuses import FILE_STATUS_SHORT, kind_label
from lapdesk.store import contributions, held
from lapdesk.store.contributions import CHANNELS
from lapdesk.ui.catalogue import Catalogue
from lapdesk.ui.service.live import LiveQuery
from lapdesk.ui.service.store_service import StoreService
from lapdesk.ui.views.contributors_field import DetectionLine, NamesCompleter, fill_names, unknown
from lapdesk.ui.widgets.date_field import DateField

LANGUAGES = ("en", "fr", "es", "ar", "ru", "zh", "de", "pt")
REFRESH_ON = {"contributions", "contribution_contributors", "files", "contributors"}
PUBLICATION_CHOICES = (("Not yet decided", None), ("May be published", 1),
                       ("Not to be published", 0))
RECEIVED_SOURCE_WORDS = {"email": "(the email's date)", "letter": "(the date of the letter)",
                         "logged": "(the day it was logged)", "user": ""}


class ContributionHeader(QWidget):
    """Shows and edits one contribution's metadata; :attr:`loaded` fires when the values of
    the contribution asked for are shown."""

    loaded = Signal(int)
    original_saved = Signal(str)
    password_requested = Signal(int, str)  # a protected file's id and name: "Enter password…"
    add_to_registry = Signal(str)  # a typed name the registry lacks

    def __init__(self, service: StoreService, catalogue: Catalogue, parent=None):
        super().__init__(parent)
        self._service = service
        self._catalogue = catalogue
        self._people: list[dict] = []
        self.opened_copy: Path | None = None
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
        self._names = QStandardItemModel(self)
        completer = NamesCompleter(self._names, self.contributors)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.contributors.setCompleter(completer)
        self.received = DateField(self)
        self.received.setAccessibleName("Received on")
        # Where the date came from: the email, the letter's own date, the day it was logged.
        self.received_source = QLabel(self)
        self.received_source.setAccessibleName("Received date taken from")
        self.received_source.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
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
        self.detection = DetectionLine(self)
        form.addRow(self.detection)
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
        self.detection.confirm_requested.connect(self.confirm_contributors)
        self.detection.change_requested.connect(self._change_contributors)
        self.detection.add_requested.connect(self.add_to_registry)
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
        self.query = LiveQuery(service, header_data, tables=REFRESH_ON, start=False,
                               parent=self)
        self.query.updated.connect(self._arrived)
        catalogue.registry_changed.connect(self._fill_names)
        self._fill_names()
        self.show_contribution(None)

    def _fill_names(self) -> None:
        fill_names(self._names, self._catalogue.contributors)

    def show_contribution(self, contribution_id: int | None) -> None:
        """Show another contribution: an edit still pending in a field (typed, not yet
        confirmed) is saved to the contribution it was typed for first, and every field is
        cleared until the next one's values arrive — never left holding the previous ones."""
        self.commit_pending()
        self.contribution_id = contribution_id
        self._row = None  # nothing is saved until this contribution's values are shown
        self._clear("No contribution chosen" if contribution_id is None else "")
        self.setEnabled(contribution_id is not None)
        if contribution_id is None:
            self.query.clear()
        else:
            self.query.retarget(contribution_id)

    def commit_pending(self) -> None:
        """Save what a field holds that differs from the store (each a change of its own)."""
        if self.contribution_id is None or self._loading or self._row is None:
            return
        self._contributors_edited()
        self._received_edited()
        self._language_edited()

    def _clear(self, heading: str) -> None:
        self._loading = True
        try:
            self.heading.setText(heading)
            for line in (self.contributors, self.received):
                line.clear()
            self.received_source.clear()
            self.files.clear()
            self._files = []
            self.open_button.setEnabled(False)
            self.save_button.setEnabled(False)
        finally:
            self._loading = False

    def _arrived(self, data: dict | None) -> None:
        if self.query.args != (self.contribution_id,):
            return
        if data is None:  # deleted, or its import undone
            self.contribution_id, self._row = None, None
            self.setEnabled(False)
            self._clear("No contribution chosen")
            return
        switching = self._row is None
        self._loading = True
        try:
            row, people = data["row"], data["people"]
            self._row, self._people = row, people
            first = people[0] if people else None
            who = ", ".join(p.name for p in people) or "Unknown contributor"
            facts = [who] + ([kind_label(first.kind, first.status)] if first else []) + (
                [first.group] if first and first.group else [])
            self.heading.setText(" · ".join(facts))
            # A store change while the user types in a field leaves the typing alone; showing
            # another contribution never does.
            if switching or not self.contributors.isModified():
                self.contributors.setText(", ".join(p.name for p in people))
                self.detection.show_people(people)
            if switching or not self.received.isModified():
                self.received.setDate(QDate.fromString(row.received[:10], "yyyy-MM-dd"))
            self.received_source.setText(RECEIVED_SOURCE_WORDS.get(row.received_source, ""))
            self.language.setCurrentText(row.language or "")
            self.channel.setCurrentText(row.channel)
            self.permission.setCurrentIndex(
                [value for _label, value in PUBLICATION_CHOICES].index(row.permission_to_publish))
            self._files = data["files"]
            self.files.clear()
            for file in self._files:
                status = FILE_STATUS_SHORT.get(file.status, file.status)
                message = f": {file.message}" if file.message and file.status != "ok" else ""
                self.files.addItem(f"{file.name}  {status}{message}")
            has_files = bool(self._files)
            self.open_button.setEnabled(has_files)
            self.save_button.setEnabled(has_files)
            encrypted = next((i for i, f in enumerate(self._files)
                              if f.status == "encrypted"), None)
            if encrypted is not None:
                self.files.setCurrentIndex(encrypted)  # what needs attention shows first
        finally:
            self._loading = False
        self._show_password_button()
        self.loaded.emit(self.contribution_id)

    def _show_password_button(self) -> None:
        file = self._chosen_file()
        self.password_button.setVisible(file is not None and file.status == "encrypted")

    def _ask_password(self) -> None:
        file = self._chosen_file()
        if file is not None and file.status == "encrypted":
            self.password_requested.emit(file.file_id, file.name)

    # --- edits ----------------------------------------------------------------------------

    def _editable(self) -> bool:
        # (a window being closed also ends the editing)
        return not self._loading and self._row is not None and self.isVisible()

    def _update(self, **fields) -> None:
        if self._editable():
            self._service.apply(contributions.update_contribution, self.contribution_id,
                                **fields)

    def _received_edited(self) -> None:
        typed = self.received.value()
        if self._row is None or typed is None:
            return  # no date (the field says so): nothing is saved
        if typed.isoformat() != self._row.received[:10]:
            self._update(received=typed.isoformat())

    def _language_edited(self) -> None:
        typed = self.language.currentText().strip() or None
        if self._row is not None and typed != self._row.language:
            self._update(language=typed)

    def _contributors_edited(self) -> None:
        if not self._editable():
            return
        self.contributors.setModified(False)  # what it holds is being saved now
        names = [n.strip() for n in self.contributors.text().split(",") if n.strip()]
        if names == [p.name for p in self._people]:
            return
        missing = unknown(names, self._catalogue.contributors)
        if missing is not None:  # nothing saved: the offer to add it instead of an error
            self.contributors.setModified(True)
            self.detection.show_missing(missing)
            return
        self._service.apply(contributions.set_contributors_by_names, self.contribution_id,
                            names)

    def save_contributors(self) -> None:
        """Save the names typed, one just added to the registry among them (the store knows
        it before the catalogue does)."""
        if self._editable():
            self.contributors.setModified(False)
            self.detection.hide()
            self._service.apply(contributions.set_contributors_by_names, self.contribution_id,
                                [n.strip() for n in self.contributors.text().split(",")])

    def confirm_contributors(self) -> None:
        """The guessed contributors are the right ones: recorded as a person's choice."""
        if self._editable() and self._people:
            self._service.apply(contributions.set_chosen_contributors, self.contribution_id,
                                [p.id for p in self._people])

    def _change_contributors(self) -> None:
        self.contributors.setFocus(Qt.FocusReason.OtherFocusReason)
        self.contributors.selectAll()

    # --- originals ------------------------------------------------------------------------

    def _chosen_file(self) -> dict | None:
        position = self.files.currentIndex()
        return self._files[position] if 0 <= position < len(self._files) else None

    def open_original(self) -> None:
        """Hand a private copy of the chosen file to the system's default application."""
        file = self._chosen_file()
        if file is None:
            return
        name = file.original_name or file.name or "original"
        if is_executable_name(name):
            answer = QMessageBox.warning(
                self, "Open original",
                f"“{name}” is a kind of file that can run programs on this computer. "
                "Open it only if you trust its sender. Open it anyway?",
                QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel)
            if answer != QMessageBox.StandardButton.Open:
                return
        self._service.read(contributions.blob, file.sha256,
                           then=lambda data: self._open_copy(data, name))

    def _open_copy(self, data: bytes, name: str) -> None:
        try:
            path = private_copy(data, name)
        except OSError as error:
            self._service.error.emit(f"A copy of {name} could not be made: {error.strerror}.")
            return
        self.opened_copy = path
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            self._cannot_open(name)

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
        target, _ = QFileDialog.getSaveFileName(self, "Save original as", file.name)
        if target:
            self.write_original(Path(target))

    def write_original(self, target: Path) -> None:
        file = self._chosen_file()
        if file is None:
            return
        if held.is_held(target):
            self._service.error.emit(held.held_message(target) + " Choose another name.")
            return
        self._service.read(contributions.blob, file.sha256,
                           then=lambda data: self._write(target, data))

    def _write(self, target: Path, data: bytes) -> None:
        try:
            target.write_bytes(data)
        except OSError as error:
            self._service.error.emit(f"{target} could not be written: {error.strerror}.")
            return
        self.original_saved.emit(str(target))


def header_data(store, contribution_id: int) -> dict | None:
    """What the header shows of a contribution (``None`` once it is gone)."""
    try:
        row = contributions.contribution(store, contribution_id)
    except NotFoundError:
        return None
    return {"row": row, "people": contributions.contributors_of(store, contribution_id),
            "files": contributions.files_of(store, contribution_id)}
