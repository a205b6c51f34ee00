"""A draft node's amendments beside its text: "Text proposed | Amendment", and decisions.

Shown by the section view for a paragraph or action of a draft.  On the left the draft's
text, on the right each amendment with its changes shown (struck through, underlined) and who
proposed it; under them the list of amendments — recorded and suggested — to choose one and
record the Presidency's decision on it, and the node's new text as the decisions make it,
changes shown.  Every decision and acceptance is one undoable change on the writer lane; the
view reloads from the tables they touch.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from lapdesk.rounds import amendment_writes
from lapdesk.rounds.amendment_display import amendment_pieces
from lapdesk.rounds.amendment_records import DECISION_NAMES, OP_NAMES, Amendment
from lapdesk.rounds.node_panel import NodePanel, node_panel
from lapdesk.rounds.word_diff import segments
from lapdesk.ui.service.live import LiveQuery
from lapdesk.ui.service.store_service import StoreService

REFRESH_ON = {"amendments", "amendment_contributors", "framework_nodes", "contributors"}
COLUMNS = ("No.", "Amendment", "Proposed by", "Status", "Decision")
NEEDS_TEXT = ("retained_as_amended", "merged")
STYLE = {"ins": "<u><b>{}</b></u>", "del": "<s>{}</s>", "i": "<i>{}</i>", "b": "<b>{}</b>",
         "plain": "{}"}


def pieces_html(pieces) -> str:
    return "".join(STYLE[kind].format(html.escape(text)) for text, kind in pieces)


def changes_html(old: str, new: str) -> str:
    kinds = {"equal": "plain", "insert": "ins", "delete": "del"}
    return pieces_html([(text, kinds[kind]) for kind, text in segments(old, new)])


def _who(a: Amendment) -> str:
    return ", ".join(p.name for p in a.proposers) or "The Presidency"


class AmendmentView(QWidget):
    """Emits :attr:`decided` (amendment id) once a decision is written."""

    decided = Signal(int)

    def __init__(self, service: StoreService, parent=None):
        super().__init__(parent)
        self._service = service
        self.panel: NodePanel | None = None
        self.compared = QTextBrowser(self)
        self.compared.setAccessibleName("Text proposed and amendments")
        self.model = QStandardItemModel(0, len(COLUMNS), self)
        self.model.setHorizontalHeaderLabels(COLUMNS)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName("Amendments to this paragraph")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.decision = QComboBox(self)
        self.decision.setAccessibleName("Decision")
        for value, name in DECISION_NAMES.items():
            if value != "undecided":
                self.decision.addItem(name, value)
        self.decide_button = QPushButton("Record the decision", self)
        self.accept_button = QPushButton("Accept the suggestion", self)
        self.accept_all_button = QPushButton("Accept all suggested", self)
        self.write_button = QPushButton("Write the new text…", self)
        self.write_button.setToolTip("The Presidency's own wording of this paragraph for the "
                                     "next revision")
        self.new_text = QTextBrowser(self)
        self.new_text.setAccessibleName("The paragraph's new text")
        self.new_text.setMaximumHeight(90)

        controls = QHBoxLayout()
        controls.addWidget(QLabel("Decision:", self))
        controls.addWidget(self.decision)
        controls.addWidget(self.decide_button)
        controls.addStretch(1)
        controls.addWidget(self.accept_button)
        controls.addWidget(self.accept_all_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.compared, 3)
        layout.addWidget(self.table, 2)
        layout.addLayout(controls)
        heading = QHBoxLayout()
        heading.addWidget(QLabel("New text, as the decisions make it:", self), 1)
        heading.addWidget(self.write_button)
        layout.addLayout(heading)
        layout.addWidget(self.new_text)

        self.query = LiveQuery(service, node_panel, tables=REFRESH_ON, start=False, parent=self)
        self.query.clear()
        self.query.updated.connect(self._fill)
        self.decide_button.clicked.connect(self.decide_selected)
        self.accept_button.clicked.connect(self.accept_selected)
        self.accept_all_button.clicked.connect(self.accept_all)
        self.write_button.clicked.connect(lambda: self.write_new_text())
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)

    # --- showing --------------------------------------------------------------------------

    def show_node(self, key: str) -> None:
        self.query.retarget(key)

    def clear(self) -> None:
        self.query.clear()
        self.panel = None

    def amendments(self) -> list[Amendment]:
        """The rows, in order: recorded amendments, then suggested ones."""
        return [*self.panel.recorded, *self.panel.suggested] if self.panel else []

    def _fill(self, panel: NodePanel | None) -> None:
        self.panel = panel
        if panel is None:
            return
        node = {"text": panel.text, "label": panel.label}
        rows = []
        for a in self.amendments():
            state = DECISION_NAMES[a.decision] if a.status == "recorded" else "suggested"
            rows.append(f"<tr><td valign='top'>{'' if rows else html.escape(panel.text)}</td>"
                        f"<td valign='top'>{pieces_html(amendment_pieces(a, node, {}))}"
                        f"<br/><small>{html.escape(_who(a))} — {html.escape(state)}"
                        f"{' — ' + html.escape(a.justification) if a.justification else ''}"
                        "</small></td></tr>")
        if not rows:
            rows.append(f"<tr><td>{html.escape(panel.text)}</td><td><i>No amendment yet."
                        "</i></td></tr>")
        title = html.escape(panel.label or "Paragraph")
        self.compared.setHtml(
            f"<h3>{title}</h3><table width='100%' border='1' cellspacing='0' cellpadding='6'>"
            "<tr><th width='45%'>Text proposed</th><th>Amendment</th></tr>"
            f"{''.join(rows)}</table>")
        current = self.selected()
        self.model.removeRows(0, self.model.rowCount())
        for a in self.amendments():
            items = [QStandardItem(str(a.id)),
                     QStandardItem(f"{OP_NAMES[a.op]}: {self._brief(a)}"),
                     QStandardItem(_who(a)),
                     QStandardItem("Recorded" if a.status == "recorded" else "Suggested"),
                     QStandardItem(DECISION_NAMES[a.decision])]
            items[0].setData(a.id, Qt.ItemDataRole.UserRole)
            self.model.appendRow(items)
        self.table.resizeColumnsToContents()
        if current is not None:
            self.select(current.id)
        if panel.new_text is None:
            self.new_text.setHtml("<i>Deleted by the decisions.</i>")
        else:
            note = f"<p><i>{html.escape(panel.conflict)}</i></p>" if panel.conflict else ""
            self.new_text.setHtml(changes_html(panel.text, panel.new_text) + note)
        self._current_changed(self.table.currentIndex(), QModelIndex())

    @staticmethod
    def _brief(a: Amendment) -> str:
        if a.op == "replace":
            return f"“{a.old}” → “{a.new}”"
        if a.op == "delete_text":
            return f"delete “{a.old}”"
        return a.new or a.justification or ""

    # --- choosing and deciding --------------------------------------------------------------

    def select(self, amendment_id: int) -> None:
        for row in range(self.model.rowCount()):
            if self.model.item(row, 0).data(Qt.ItemDataRole.UserRole) == amendment_id:
                self.table.selectRow(row)
                return

    def selected(self) -> Amendment | None:
        row = self.table.currentIndex().row()
        found = self.amendments()
        return found[row] if 0 <= row < len(found) else None

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        chosen = self.selected()
        recorded = chosen is not None and chosen.status == "recorded"
        self.decide_button.setEnabled(recorded)
        self.decision.setEnabled(recorded)
        self.accept_button.setEnabled(chosen is not None and chosen.status == "suggested")
        self.accept_all_button.setEnabled(bool(self.panel and self.panel.suggested))

    def decide_selected(self, *, text: str | None = None) -> None:
        """Record the chosen decision on the selected amendment; a decision that needs the
        resulting text asks for it (prefilled with the new text so far)."""
        chosen = self.selected()
        if chosen is None or chosen.status != "recorded":
            return
        decision = self.decision.currentData()
        if decision in NEEDS_TEXT and text is None:
            text, ok = QInputDialog.getMultiLineText(
                self, "The text that results", f"{DECISION_NAMES[decision]}: the text of "
                f"{self.panel.label or 'the paragraph'} as it will read",
                self.panel.new_text or self.panel.text)
            if not ok:
                return
        self._service.apply(amendment_writes.decide, chosen.id, decision, text=text,
                            then=lambda _result: self.decided.emit(chosen.id))

    def accept_selected(self) -> None:
        chosen = self.selected()
        if chosen is not None and chosen.status == "suggested":
            self._service.apply(amendment_writes.accept, [chosen.id])

    def write_new_text(self, text: str | None = None) -> None:
        """Write the node's new text by hand (asked for, prefilled, when not given)."""
        if self.panel is None:
            return
        if text is None:
            text, ok = QInputDialog.getMultiLineText(
                self, "The new text", f"{self.panel.label or 'The paragraph'} in the next "
                "revision", self.panel.new_text or self.panel.text)
            if not ok:
                return
        self._service.apply(amendment_writes.write_new_text, self.panel.key, text)

    def accept_all(self) -> None:
        if self.panel and self.panel.suggested:
            self._service.apply(amendment_writes.accept, [a.id for a in self.panel.suggested])
