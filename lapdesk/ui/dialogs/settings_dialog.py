"""Settings: the consultation's (kept in the store, shared by the team) and the user's own.

The consultation's settings — conference, meeting, place, dates, the working paper's title and
symbol, the Presidency's introduction — are saved as one undoable change through
:func:`lapdesk.store.settings.update`; a date that is not one ("30 June", with no year) keeps
the dialog open, saying which, and one typed as people write it ("30 June 2020", "30/06/2020")
is saved as ``2020-06-30``.  The user's initials, which mark the changes and positions they
record, belong to this laptop's user and live in QSettings: the one initials setting (the
store's shared "team initials" is no longer offered; nothing read it).
"""

from __future__ import annotations

import os

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
)

from lapdesk.core.dates import parse_date
from lapdesk.store import backup
from lapdesk.store import settings as store_settings
from lapdesk.ui.catalogue import Catalogue
from lapdesk.ui.service.store_service import StoreService

# (store key, label) in the order the dialog shows them.
CONSULTATION_FIELDS = (
    ("conference", "Conference"),
    ("meeting", "Meeting"),
    ("place", "Place"),
    ("meeting_date", "Meeting date"),
    ("meeting_end_date", "Meeting ends (several days)"),
    ("agenda_item", "Agenda item number"),
    ("agenda_title", "Agenda item's title"),
    ("title", "Working paper title"),
    ("symbol", "Document symbol"),
    ("paper_date", "Date of the working paper"),
    ("deadline", "Deadline for contributions"),
)
DATE_FIELDS = ("meeting_date", "meeting_end_date", "paper_date", "deadline")
# The working paper's texts in French, for a paper exported in French.
FRENCH_FIELDS = (
    ("conference_fr", "Conference"),
    ("meeting_fr", "Meeting"),
    ("place_fr", "Place"),
    ("agenda_title_fr", "Agenda item's title"),
    ("title_fr", "Working paper title"),
    ("submitted_by_fr", "\u201cSubmitted by\u201d line"),
)
DATE_HINTS = {"meeting_date": "2020-06-29", "meeting_end_date": "empty for one day",
              "paper_date": "empty: the day of export", "agenda_item": "empty: no agenda line",
              "deadline": "2020-06-30"}
FRENCH_INTRODUCTION_KEY = "introduction_fr"
INTRODUCTION_KEY = "introduction"
USER_INITIALS_KEY = "user/initials"


def user_initials(qsettings: QSettings) -> str:
    """The initials this laptop's user chose in Settings ("" when not set)."""
    return str(qsettings.value(USER_INITIALS_KEY, "") or "")


def apply_user_initials(service: StoreService, qsettings: QSettings) -> None:
    """Record the user's changes and positions under their initials, when they chose some.

    ``LAPDESK_AUTHOR`` still wins (it is how a shared machine or a script names its user).
    """
    initials = user_initials(qsettings)
    if initials and not os.environ.get("LAPDESK_AUTHOR"):
        service.set_author(initials)


class SettingsDialog(QDialog):
    def __init__(self, service: StoreService, catalogue: Catalogue, qsettings: QSettings,
                 parent=None):
        super().__init__(parent)
        self.setWindowTitle("Settings")
        self.setMinimumWidth(720)
        self.service = service
        self.qsettings = qsettings
        current = dict(catalogue.settings)
        self.fields: dict[str, QLineEdit] = {}
        consultation = QGroupBox("Consultation (shared by everyone using this store)", self)
        form = QFormLayout(consultation)
        for key, label in CONSULTATION_FIELDS:
            edit = QLineEdit(current.get(key, ""), consultation)
            edit.setAccessibleName(label)
            edit.setPlaceholderText(DATE_HINTS.get(key, ""))
            form.addRow(f"{label}:", edit)
            self.fields[key] = edit
        self.introduction = QPlainTextEdit(current.get(INTRODUCTION_KEY, ""), consultation)
        self.introduction.setAccessibleName("The Presidency's introduction")
        self.introduction.setPlaceholderText(
            "The Presidency's introduction to the working paper (**bold**, *italic*, - lists)")
        self.introduction.setTabChangesFocus(True)
        form.addRow("Introduction:", self.introduction)
        self.backup_folder = QLineEdit(current.get(backup.SETTING, ""), consultation)
        self.backup_folder.setAccessibleName("Backups folder")
        self.backup_folder.setPlaceholderText(
            f"empty: {service.path.name}.backups beside the store")
        choose = QPushButton("Choose…", consultation)
        choose.setAccessibleName("Choose the backups folder")
        choose.clicked.connect(self._choose_backup_folder)
        row = QHBoxLayout()
        row.addWidget(self.backup_folder, 1)
        row.addWidget(choose)
        form.addRow("Backups folder:", row)
        french = QGroupBox("The working paper in French", self)
        french_form = QFormLayout(french)
        for key, label in FRENCH_FIELDS:
            edit = QLineEdit(current.get(key, ""), french)
            edit.setAccessibleName(f"{label} in French")
            french_form.addRow(f"{label}:", edit)
            self.fields[key] = edit
        self.introduction_fr = QPlainTextEdit(current.get(FRENCH_INTRODUCTION_KEY, ""), french)
        self.introduction_fr.setAccessibleName("The Presidency's introduction in French")
        self.introduction_fr.setTabChangesFocus(True)
        self.introduction_fr.setMaximumHeight(80)
        french_form.addRow("Introduction:", self.introduction_fr)
        own = QGroupBox("You", self)
        own_form = QFormLayout(own)
        self.initials = QLineEdit(user_initials(qsettings), own)
        self.initials.setAccessibleName("Your initials")
        self.initials.setMaxLength(8)
        self.initials.setPlaceholderText("e.g. FB — marks the positions you record")
        own_form.addRow("Your initials:", self.initials)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.problem = QLabel(self)
        self.problem.setObjectName("settings-problem")
        self.problem.setWordWrap(True)
        self.problem.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(consultation)
        layout.addWidget(french)
        layout.addWidget(own)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self._original = {**{k: current.get(k, "") for k in self.fields},
                          INTRODUCTION_KEY: current.get(INTRODUCTION_KEY, ""),
                          FRENCH_INTRODUCTION_KEY: current.get(FRENCH_INTRODUCTION_KEY, ""),
                          backup.SETTING: current.get(backup.SETTING, "")}

    def _choose_backup_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Backups folder",
                                                  self.backup_folder.text())
        if folder:
            self.backup_folder.setText(folder)

    def values(self) -> dict[str, str]:
        values = {key: edit.text().strip() for key, edit in self.fields.items()}
        values[INTRODUCTION_KEY] = self.introduction.toPlainText()
        values[FRENCH_INTRODUCTION_KEY] = self.introduction_fr.toPlainText()
        values[backup.SETTING] = self.backup_folder.text().strip()
        return values

    def check_dates(self) -> str | None:
        """Write each date typed as people write it in ISO form; the first that is no date,
        or a meeting that ends before it starts, as a sentence (``None``: all is well)."""
        labels = dict(CONSULTATION_FIELDS)
        for key in DATE_FIELDS:
            edit = self.fields[key]
            typed = edit.text().strip()
            if not typed:
                continue
            found = parse_date(typed)
            if found is None:
                edit.setFocus()
                return (f"{labels[key]}: “{typed}” is not a date; give day, month and year, "
                        "e.g. 2020-06-30 or 30 June 2020.")
            edit.setText(found.isoformat())
        start, end = (self.fields[k].text().strip() for k in ("meeting_date", "meeting_end_date"))
        if start and end and end < start:
            self.fields["meeting_end_date"].setFocus()
            return "The meeting cannot end before it starts."
        return None

    def accept(self) -> None:
        problem = self.check_dates()
        if problem:
            self.problem.setText(problem)
            self.problem.show()
            return
        changed = {k: v for k, v in self.values().items() if v != self._original.get(k, "")}
        if changed:
            self.service.apply(store_settings.update, changed)
        self.qsettings.setValue(USER_INITIALS_KEY, self.initials.text().strip())
        self.qsettings.sync()
        apply_user_initials(self.service, self.qsettings)
        super().accept()
