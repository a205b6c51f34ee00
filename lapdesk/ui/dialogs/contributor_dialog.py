"""Adding or editing a registry entry, and choosing the entry a duplicate merges into.

The team's words for kinds and statuses ("State Party", "Civil society"), the regional groups
the registry already uses, and names in other languages as one comma-separated line: the
desk's completion, the contributions filter and detection find a contributor by each.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from lapdesk.core.text import fold

KINDS = (("State", "state"), ("International organisation", "international_organisation"),
         ("Civil society", "civil_society"), ("Other", "other"))
STATUSES = (("State Party", "state_party"), ("Signatory", "signatory"),
            ("Observer State", "observer"), ("—", "other"))


def _choice_box(parent: QWidget, choices, name: str) -> QComboBox:
    box = QComboBox(parent)
    for label, value in choices:
        box.addItem(label, value)
    box.setAccessibleName(name)
    return box


class ContributorDialog(QDialog):
    """The fields of one registry entry; :meth:`values` is what to save.

    :param entry: the entry being edited (as ``registry.contributors`` gives it), or ``None``
        to add one, named ``name`` to begin with (what was typed in the header).
    :param groups: the regional groups to offer.
    """

    def __init__(self, parent: QWidget | None, *, groups: list[str], entry: dict | None = None,
                 name: str = ""):
        super().__init__(parent)
        self.setWindowTitle(f"Edit {entry['name']}" if entry else "Add a contributor")
        self.setObjectName("contributor-dialog")
        self.name = QLineEdit(entry["name"] if entry else name, self)
        self.name.setAccessibleName("Name")
        self.name.setPlaceholderText("as the working paper names it in English")
        self.kind = _choice_box(self, KINDS, "Kind")
        self.status = _choice_box(self, STATUSES, "Status")
        self.group = QComboBox(self)
        self.group.setEditable(True)
        self.group.addItems(["", *groups])
        self.group.setAccessibleName("Regional group")
        self.name_fr = QLineEdit(entry["name_fr"] if entry else "", self)
        self.name_fr.setAccessibleName("Name in French")
        self.name_fr.setPlaceholderText("as a working paper in French writes it")
        self.aliases = QLineEdit(self)
        self.aliases.setAccessibleName("Other names")
        self.aliases.setPlaceholderText("in any language, separated by commas")
        if entry:
            self.kind.setCurrentIndex(max(self.kind.findData(entry["kind"]), 0))
            self.status.setCurrentIndex(max(self.status.findData(entry["status"]), 0))
            self.group.setCurrentText(entry["group"] or "")
            french = fold(entry["name_fr"] or "")
            self.aliases.setText(", ".join(a for a in entry["aliases"] if fold(a) != french))
        else:
            self.kind.setCurrentIndex(self.kind.findData("civil_society"))
            self.status.setCurrentIndex(self.status.findData("other"))
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self._kind_changed()
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        self.problem.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        for label, widget in (("&Name", self.name), ("&Kind", self.kind),
                              ("&Status", self.status), ("Regional &group", self.group),
                              ("Name in &French", self.name_fr),
                              ("&Other names", self.aliases)):
            form.addRow(label, widget)
        form.addRow(self.problem)
        form.addRow(self.buttons)
        self.setMinimumWidth(460)

    def _kind_changed(self) -> None:
        """Only a State is a State Party, a signatory or an observer."""
        is_state = self.kind.currentData() == "state"
        self.status.setEnabled(is_state)
        if not is_state:
            self.status.setCurrentIndex(self.status.findData("other"))
        elif self.status.currentData() == "other":
            self.status.setCurrentIndex(self.status.findData("observer"))

    def _accept(self) -> None:
        if not self.name.text().strip():
            self.say("A contributor needs a name.")
            return
        self.accept()

    def say(self, sentence: str) -> None:
        """Show why the entry could not be saved (the dialog stays open to correct it)."""
        self.problem.setText(sentence)
        self.problem.show()

    def values(self) -> dict:
        """The fields as ``registry_edit`` takes them."""
        return {"name": self.name.text().strip(), "kind": self.kind.currentData(),
                "status": self.status.currentData(),
                "group": self.group.currentText().strip() or None,
                "name_fr": self.name_fr.text().strip(),
                "aliases": [a.strip() for a in self.aliases.text().split(",") if a.strip()]}


class MergeDialog(QDialog):
    """Choose the entry a duplicate becomes one with."""

    def __init__(self, parent: QWidget | None, duplicate: dict, others: list[dict]):
        super().__init__(parent)
        self.setWindowTitle(f"Merge {duplicate['name']}")
        self.into = QComboBox(self)
        self.into.setEditable(True)
        self.into.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.into.setAccessibleName("Merge into")
        for other in others:
            if other["id"] != duplicate["id"]:
                self.into.addItem(other["name"], other["id"])
        explanation = QLabel(
            f"{duplicate['name']}'s contributions will be credited to the contributor chosen "
            f"here, and its names kept as that contributor's other names. Edit > Undo undoes "
            "the merge.", self)
        explanation.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Merge")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(explanation)
        form.addRow("Merge &into", self.into)
        form.addRow(buttons)

    def chosen_id(self) -> int | None:
        position = self.into.findText(self.into.currentText())
        return self.into.itemData(position) if position >= 0 else None
