"""The import's progress: "File 3 of 12", the current file's name, and Cancel.

Other long work (the demo, the export) shows the same dialog with its own title and its own
way of counting (``describe(done, total)``).

Cancel asks the worker to stop at its next cancel point, between two files: every file already
logged stays logged, none is left half-written.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QProgressBar, QVBoxLayout

from lapdesk.ui.service.tasks import Task

SHOW_AFTER_MS = 400


class ImportProgressDialog(QDialog):
    """Follows one long task (an import); closes itself when the task finishes.

    :meth:`show_unless_quick` shows it only if the work is still running after
    :data:`SHOW_AFTER_MS`, so a quick import does not flash a dialog.
    """

    def __init__(self, op: Task, *, total: int = 0, title: str = "Importing contributions",
                 describe=None, cancel_tip: str = "Stop after the file being read; files "
                 "already logged stay", stopping: str = "Stopping after the current file…",
                 parent=None):
        super().__init__(parent)
        self.setWindowTitle(title)
        if describe is not None:
            self._count_text = describe
        self.setModal(False)
        self.setMinimumWidth(460)
        self.op = op
        self.count_label = QLabel(self._count_text(0, total), self)
        self.file_label = QLabel("", self)
        self.file_label.setTextFormat(Qt.TextFormat.PlainText)
        self.file_label.setAccessibleName("Current file")
        self.bar = QProgressBar(self)
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(0)
        self.bar.setAccessibleName("Import progress")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.cancel_button = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setToolTip(cancel_tip)
        self._stopping = stopping
        self.cancel_button.clicked.connect(self._cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(self.count_label)
        layout.addWidget(self.file_label)
        layout.addWidget(self.bar)
        layout.addWidget(buttons)
        self.work_over = False
        op.progressed.connect(self.show_progress)
        op.finished.connect(self._finished)

    def show_unless_quick(self) -> None:
        QTimer.singleShot(SHOW_AFTER_MS, self, self._show_if_running)  # dropped with the dialog

    def _show_if_running(self) -> None:
        if not self.work_over:
            self.show()

    def _finished(self) -> None:
        self.work_over = True
        self.accept()

    @staticmethod
    def _count_text(done: int, total: int) -> str:
        if not total:
            return "Reading the first files…"
        return f"File {done} of {total} logged"

    def show_progress(self, done: int, total: int, label: str) -> None:
        self.count_label.setText(self._count_text(done, total))
        self.file_label.setText(label)
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(done)

    def _cancel(self) -> None:
        self.op.cancel()
        self.cancel_button.setEnabled(False)
        self.count_label.setText(self._stopping)

    def reject(self) -> None:
        """Escape or the close button cancel the import rather than hiding it."""
        self._cancel()
