"""Adding, editing and merging registry entries from the desk: the dialogs, then one
undoable change each on the writer lane.

Shared by View > Registry (its Add, Edit and Merge buttons) and the contribution header
("Add 'X' to the registry…" for a name the registry lacks).  A change the store refuses (a
name already another contributor's) leaves the dialog open, saying why, so nothing typed is
lost.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from lapdesk.store import registry_edit
from lapdesk.ui.catalogue import Catalogue
from lapdesk.ui.dialogs.contributor_dialog import ContributorDialog, MergeDialog
from lapdesk.ui.service.store_service import StoreService


class RegistryEdits(QObject):
    """Opens the dialogs over ``parent`` and applies what they return.

    :attr:`dialog` is the dialog open now (for tests, and so that only one is open).
    """

    contributor_added = Signal(int, str)  # the new entry's id and name

    def __init__(self, parent: QWidget, service: StoreService, catalogue: Catalogue):
        super().__init__(parent)
        self._parent = parent
        self._service = service
        self._catalogue = catalogue
        self.dialog: ContributorDialog | MergeDialog | None = None

    def _groups(self) -> list[str]:
        return sorted({row["group"] for row in self._catalogue.contributors if row["group"]})

    def add(self, name: str = "", *, then: Callable[[int], None] | None = None) -> ContributorDialog:
        """Ask for a new entry's fields (``name`` filled in); ``then(new id)`` once saved."""
        dialog = ContributorDialog(self._parent, groups=self._groups(), name=name)

        def save() -> None:
            values = dialog.values()

            def added(contributor_id: int) -> None:
                self.contributor_added.emit(contributor_id, values["name"])
                self._service.error.emit(f"{values['name']} added to the registry.")
                if then:
                    then(contributor_id)

            self._service.apply(registry_edit.register_contributor, **values, then=added,
                                failed=lambda failure: self._again(dialog, failure.message))

        return self._open(dialog, save)

    def edit(self, entry: dict) -> ContributorDialog:
        dialog = ContributorDialog(self._parent, groups=self._groups(), entry=entry)

        def save() -> None:
            values = dialog.values()
            fields = {"name": values["name"], "kind": values["kind"], "status": values["status"],
                      "regional_group": values["group"], "name_fr": values["name_fr"]}
            aliases = values["aliases"] + ([values["name_fr"]] if values["name_fr"] else [])
            self._service.apply(registry_edit.edit_contributor, entry["id"], aliases=aliases,
                                **fields,
                                failed=lambda failure: self._again(dialog, failure.message))

        return self._open(dialog, save)

    def merge(self, duplicate: dict) -> MergeDialog:
        dialog = MergeDialog(self._parent, duplicate, self._catalogue.contributors)

        def save() -> None:
            into = dialog.chosen_id()
            if into is None:
                self._service.error.emit("Choose a contributor of the registry to merge into.")
                return
            self._service.apply(registry_edit.merge_contributors, duplicate["id"], into)

        return self._open(dialog, save)

    def _open(self, dialog, save: Callable[[], None]):
        if self.dialog is not None:
            self.dialog.close()
        self.dialog = dialog
        dialog.accepted.connect(save)
        dialog.finished.connect(lambda _code: dialog is self.dialog and self._closed())
        dialog.open()
        return dialog

    def _closed(self) -> None:
        self.dialog = None

    def _again(self, dialog: ContributorDialog, sentence: str) -> None:
        """The store refused the entry: the dialog comes back with what was typed, and why."""
        self.dialog = dialog
        dialog.say(sentence)
        dialog.open()
