"""Before the working paper is written: what is left to settle, each with a way to it.

"Go to" closes the list and takes the user where the thing is settled (the first contribution
concerned, the empty section, the export's Date box); "Export anyway" writes the paper as it
stands; Cancel writes nothing.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
)

from lapdesk.export.preflight import EMPTY_SECTION, LATE_DATE, Finding

GO_WORDS = {EMPTY_SECTION: "Go to the section", LATE_DATE: "Change the date"}


class PreflightDialog(QDialog):
    """The findings; :attr:`go_to` carries the one whose "Go to" was pressed."""

    go_to = Signal(object)  # a Finding

    def __init__(self, findings: list[Finding], parent=None):
        super().__init__(parent)
        self.setWindowTitle("Before the working paper is written")
        self.setObjectName("export-preflight")
        self.setMinimumWidth(620)
        intro = QLabel(f"{len(findings)} thing{'s' * (len(findings) != 1)} to settle before "
                       "the paper goes out:", self)
        grid = QGridLayout()
        self.go_buttons: list[QPushButton] = []
        for row, finding in enumerate(findings):
            sentence = QLabel(f"• {finding.sentence}", self)
            sentence.setWordWrap(True)
            words = GO_WORDS.get(finding.kind) or (
                "Go to the first" if len(finding.contribution_ids) > 1 else "Go to it")
            button = QPushButton(words, self)
            button.setToolTip(finding.sentence)
            button.clicked.connect(lambda _on=False, f=finding: self._go(f))
            grid.addWidget(sentence, row, 0)
            grid.addWidget(button, row, 1)
            self.go_buttons.append(button)
        grid.setColumnStretch(0, 1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.export_anyway = self.buttons.addButton("Export anyway",
                                                    QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(grid)
        layout.addWidget(self.buttons)

    def _go(self, finding: Finding) -> None:
        self.reject()
        self.go_to.emit(finding)
