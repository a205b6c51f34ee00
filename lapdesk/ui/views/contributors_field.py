"""What the header says about who wrote: completion by any name, the reason for a guess with
Confirm and Change, and an offer to add a name the registry lacks.

Detection's guess ("weak match: mention 'Austria' ¶49") was visible only on the command line;
here it sits under the Contributors field until a person confirms or changes it.  Names are
completed in English, French, Spanish or any alias ("Autriche" offers Austria); a name found
nowhere offers "Add 'X' to the registry…" instead of an error.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCompleter, QHBoxLayout, QLabel, QPushButton, QWidget

from lapdesk.core.records import ContributorRef
from lapdesk.core.statuses import CONFIRM_BELOW
from lapdesk.core.text import fold

NameRole = Qt.ItemDataRole.UserRole + 1  # the registry name a completion stands for


class NamesCompleter(QCompleter):
    """Completes the last of several comma-separated contributor names, by any of their
    names, inserting the registry's own."""

    def pathFromIndex(self, index) -> str:  # noqa: N802 - Qt's name
        done = self.widget().text().rsplit(",", 1)
        head = done[0] + ", " if len(done) > 1 else ""
        return head + str(index.data(NameRole))

    def splitPath(self, path: str) -> list[str]:  # noqa: N802 - Qt's name
        return [path.rsplit(",", 1)[-1].strip()]


def fill_names(model: QStandardItemModel, contributors: list[dict]) -> None:
    """Every name and alias as a completion: "Autriche (Austria)" stands for Austria."""
    model.clear()
    for row in contributors:
        shown = [row["name"]] + [f"{alias} ({row['name']})" for alias in row["aliases"]]
        for text in shown:
            item = QStandardItem(text)
            item.setData(row["name"], NameRole)
            model.appendRow(item)


def unknown(names: list[str], contributors: list[dict]) -> str | None:
    """The first of ``names`` that is no contributor's name, key, ISO code or alias (accents
    and case aside, as ``registry.find`` matches them)."""
    known: set[str] = set()
    for row in contributors:
        known.update(fold(n) for n in (row["name"], row["key"], row["iso3"] or "",
                                       *row["aliases"]) if n)
    return next((name for name in names if fold(name) not in known), None)


class DetectionLine(QWidget):
    """Under the Contributors field: why the contributors were guessed, with Confirm and
    Change; or a typed name the registry lacks, with Add.  Hidden when there is nothing to say."""

    confirm_requested = Signal()
    change_requested = Signal()
    add_requested = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.text.setAccessibleName("Why these contributors")
        self.confirm_button = QPushButton("Confirm", self)
        self.confirm_button.setToolTip("These are the contributors: record it")
        self.change_button = QPushButton("Change…", self)
        self.change_button.setToolTip("Type the right contributors in the field above")
        self.add_button = QPushButton(self)
        self.confirm_button.clicked.connect(self.confirm_requested)
        self.change_button.clicked.connect(self.change_requested)
        self.add_button.clicked.connect(lambda: self.add_requested.emit(self._missing))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.text, 1)
        for button in (self.confirm_button, self.change_button, self.add_button):
            layout.addWidget(button)
        self._missing = ""
        self.hide()

    def show_people(self, people: list[ContributorRef]) -> None:
        """Say why unconfirmed contributors were chosen (nothing once a person confirmed)."""
        guessed = [p for p in people if not p.confirmed]
        self._missing = ""
        if not guessed:
            self.hide()
            return
        reasons = "; ".join(self._reason(p) for p in guessed)
        self.text.setText(f"Detected: {reasons}")
        self.confirm_button.show()
        self.change_button.show()
        self.add_button.hide()
        self.show()

    @staticmethod
    def _reason(person: ContributorRef) -> str:
        confidence = person.confidence or 0
        weak = "a weak match, " if confidence < CONFIRM_BELOW else ""
        reason = person.reason or "no reason recorded"
        return f"{person.name} ({weak}{reason}; {round(100 * confidence)} % sure)"

    def show_missing(self, name: str) -> None:
        """A typed name the registry lacks: offer to add it."""
        self._missing = name
        self.text.setText(f"“{name}” is not in the registry of contributors.")
        self.add_button.setText(f"Add “{name}” to the registry…")
        self.confirm_button.hide()
        self.change_button.hide()
        self.add_button.show()
        self.show()
