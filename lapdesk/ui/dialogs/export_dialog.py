"""Export the working paper (Ctrl+E): the same choices as ``lapdesk export``, in one dialog.

The dialog only builds an :class:`~lapdesk.export.options.ExportOptions` and a target path;
asking before replacing a file happens here, the writing in the background
(:mod:`lapdesk.ui.export_flow`).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from lapdesk.core.records import Contribution
from lapdesk.export.options import ExportOptions
from lapdesk.export.publication import publication_warnings
from lapdesk.ui.catalogue import Catalogue

LANGUAGE_CHOICES = (("English", "en"), ("French", "fr"))


def default_output(catalogue: Catalogue) -> Path:
    symbol = catalogue.setting("symbol") or "working-paper"
    safe = "".join(c if c.isalnum() or c in "-._" else "_" for c in symbol).strip("_")
    return Path.home() / f"{safe or 'working-paper'}.docx"


class ExportDialog(QDialog):
    """The export's choices, from what the desk holds in memory: the settings and framework
    (:class:`~lapdesk.ui.catalogue.Catalogue`) and the contributions listed."""

    def __init__(self, catalogue: Catalogue, contributions: list[Contribution], *,
                 out: Path | None = None, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Export the working paper")
        self.setMinimumWidth(560)
        current = dict(catalogue.settings)
        self.path_edit = QLineEdit(str(out or default_output(catalogue)), self)
        self.path_edit.setAccessibleName("Word file to write")
        browse = QPushButton("Browse…", self)
        browse.clicked.connect(self._browse)
        where = QWidget(self)
        row = QHBoxLayout(where)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)

        self.sections = QListWidget(self)
        self.sections.setAccessibleName("Sections to include")
        for section in catalogue.framework.sections():
            item = QListWidgetItem(section["short_title"] or section["title"], self.sections)
            item.setData(Qt.ItemDataRole.UserRole, section["key"])
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
        self.sections.setMaximumHeight(190)

        self.annex_1 = QCheckBox("Annex I: the contributions received", self)
        self.annex_2 = QCheckBox("Annex II: the compilation of mapped excerpts", self)
        self.anonymise = QCheckBox("Anonymise every view (\u201cone State Party\u201d)", self)
        self.reviewed_only = QCheckBox("Only excerpts marked reviewed", self)
        self.toc = QCheckBox("Contents list (page numbers laid out by LibreOffice)", self)
        self.non_paper = QCheckBox("Informal non-paper (no symbol)", self)
        self.omit_withheld = QCheckBox(
            "Leave out the passages of contributions without permission to publish "
            "(otherwise: their summaries)", self)
        self.comments = QCheckBox("Comments naming the excerpts behind each statement "
                                  "(for the team; never in an anonymised paper)", self)
        self.anonymise.toggled.connect(lambda on: self.comments.setEnabled(not on))
        self.anonymise.toggled.connect(lambda on: on and self.comments.setChecked(False))
        defaults = ExportOptions()
        for box, value in ((self.annex_1, defaults.annex_1), (self.annex_2, defaults.annex_2),
                           (self.anonymise, defaults.anonymise),
                           (self.reviewed_only, defaults.reviewed_only), (self.toc, defaults.toc)):
            box.setChecked(value)
        self.language = QComboBox(self)
        self.language.setAccessibleName("Language of the working paper")
        for label, code in LANGUAGE_CHOICES:
            self.language.addItem(label, code)
        self.symbol = QLineEdit(current.get("symbol", ""), self)
        self.symbol.setAccessibleName("Document symbol")
        self.date = QLineEdit(current.get("paper_date") or date.today().isoformat(), self)
        self.date.setAccessibleName("Date of the document")
        self.meeting = QLineEdit(current.get("meeting", ""), self)
        self.meeting.setAccessibleName("Meeting")

        form = QFormLayout()
        form.addRow("Save as:", where)
        form.addRow("Language:", self.language)
        form.addRow("Symbol:", self.symbol)
        form.addRow("Date:", self.date)
        form.addRow("Meeting:", self.meeting)
        content = QGroupBox("Sections and annexes to include", self)
        boxes = QVBoxLayout(content)
        boxes.addWidget(self.sections)
        for box in (self.annex_1, self.annex_2, self.anonymise, self.reviewed_only, self.toc,
                    self.non_paper, self.omit_withheld, self.comments):
            boxes.addWidget(box)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Export")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        # Said before anything is written: who will not be named, and why.
        self.publication_note = QLabel(" ".join(publication_warnings(
            c.permission_to_publish for c in contributions if not c.superseded_by)), self)
        self.publication_note.setObjectName("export-publication-note")
        self.publication_note.setWordWrap(True)
        self.publication_note.setVisible(bool(self.publication_note.text()))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(content)
        layout.addWidget(self.publication_note)
        layout.addWidget(buttons)
        self.replace_confirmed = False

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Export the working paper",
                                              self.path_edit.text(), "Word documents (*.docx)")
        if path:
            self.path_edit.setText(path if path.endswith(".docx") else path + ".docx")
            self.replace_confirmed = True  # the file dialog has already asked

    def out(self) -> Path:
        text = self.path_edit.text().strip()
        return Path(text if text.lower().endswith(".docx") else text + ".docx").expanduser()

    def chosen_sections(self) -> tuple[str, ...] | None:
        items = [self.sections.item(i) for i in range(self.sections.count())]
        keys = tuple(i.data(Qt.ItemDataRole.UserRole) for i in items
                     if i.checkState() == Qt.CheckState.Checked)
        return None if len(keys) == len(items) else keys

    def options(self) -> ExportOptions:
        return ExportOptions(
            sections=self.chosen_sections(), annex_1=self.annex_1.isChecked(),
            annex_2=self.annex_2.isChecked(), anonymise=self.anonymise.isChecked(),
            reviewed_only=self.reviewed_only.isChecked(), lang=self.language.currentData(),
            symbol=self.symbol.text().strip() or None, date=self.date.text().strip() or None,
            meeting=self.meeting.text().strip(), toc=self.toc.isChecked(),
            overwrite=self.replace_confirmed, non_paper=self.non_paper.isChecked(),
            withheld_quotes="omit" if self.omit_withheld.isChecked() else "summary",
            comments=self.comments.isChecked() and not self.anonymise.isChecked(),
        )

    def confirm_replace(self) -> bool:
        """Ask before replacing an existing file (unless the file dialog already asked)."""
        out = self.out()
        if not out.exists() or self.replace_confirmed:
            return True
        answer = QMessageBox.question(
            self, "Replace the file?", f"{out.name} already exists in {out.parent}. Replace it?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        self.replace_confirmed = answer == QMessageBox.StandardButton.Yes
        return self.replace_confirmed

    def accept(self) -> None:
        if not self.chosen_sections() and self.chosen_sections() is not None:
            QMessageBox.warning(self, "Nothing to export", "Choose at least one section.")
            return
        if self.confirm_replace():  # the rest is asked by the pre-flight list
            super().accept()
