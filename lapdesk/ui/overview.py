"""View > Overview: the pictures the team would rather look at than read.

Contributions received per day against the deadline, and coverage as a heatmap (framework
nodes x contributors, by count of excerpts or by dominant stance).  The data comes from
:mod:`lapdesk.analysis.coverage` in a background read whenever the dock is shown and the store
changes; clicking a cell opens that node's section view.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from lapdesk.analysis import coverage
from lapdesk.ui.service.store_service import StoreService
from lapdesk.ui.widgets.coverage_heatmap import (
    COUNT,
    STANCE,
    STANCE_COLOURS,
    STANCE_LETTERS,
    CoverageHeatmap,
)
from lapdesk.ui.widgets.received_chart import ReceivedChart

# Changes after which the pictures may be out of date.
REFRESH_ON = {"contributions", "contribution_contributors", "excerpts", "mappings",
              "annotations", "framework_nodes", "files", "settings"}
DEBOUNCE_MS = 300


class OverviewPanel(QWidget):
    """The chart above the heatmap, with the heatmap's mode and scope."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.chart = ReceivedChart(self)
        self.heatmap = CoverageHeatmap(self)
        self.mode = QComboBox(self)
        self.mode.addItem("by number of excerpts", COUNT)
        self.mode.addItem("by stance", STANCE)
        self.mode.setAccessibleName("Colour the coverage")
        self.sections_only = QCheckBox("Sections only", self)
        self.sections_only.setAccessibleName("Show sections only")
        self.legend = QLabel(self)
        self.legend.setAccessibleName("Stance legend")
        self.legend.setText("   ".join(
            f'<span style="background:{STANCE_COLOURS[s]}; color:white">&nbsp;'
            f'{STANCE_LETTERS[s]}&nbsp;</span> {s}' for s in STANCE_LETTERS))
        self.legend.hide()
        self.mode.currentIndexChanged.connect(self._mode_changed)
        self.sections_only.toggled.connect(lambda _: self._show_matrix())
        self._matrix: dict | None = None
        controls = QHBoxLayout()
        controls.addWidget(QLabel("Coverage, contributors across the framework:", self))
        controls.addStretch(1)
        controls.addWidget(self.mode)
        controls.addWidget(self.sections_only)
        scroll = QScrollArea(self)
        scroll.setWidget(self.heatmap)
        scroll.setWidgetResizable(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.chart)
        layout.addLayout(controls)
        layout.addWidget(self.legend)
        layout.addWidget(scroll, 1)

    def _mode_changed(self) -> None:
        self.heatmap.set_mode(self.mode.currentData())
        self.legend.setVisible(self.mode.currentData() == STANCE)  # the letters, in words

    def show_data(self, data: dict) -> None:
        self.chart.set_data(data["per_day"])
        self._matrix = data["matrix"]
        self._show_matrix()

    def _show_matrix(self) -> None:
        if self._matrix is not None:
            self.heatmap.set_matrix(self._matrix, sections_only=self.sections_only.isChecked())
            self.heatmap.adjustSize()


def overview_data(store) -> dict:
    return {"per_day": coverage.received_per_day(store),
            "matrix": coverage.coverage_matrix(store)}


class Overview(QObject):
    """The dock, its View menu entry, and keeping it current while it is shown.

    :param open_section: called with a node's key when a heatmap cell is clicked.
    """

    def __init__(self, service: StoreService, window: QMainWindow, *, open_section):
        super().__init__(window)
        self._service = service
        self.panel = OverviewPanel(window)
        self.dock = QDockWidget("Overview: received and covered", window)
        self.dock.setObjectName("overview-dock")
        self.dock.setWidget(self.panel)
        window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.dock)
        self.dock.hide()
        self.action = self.dock.toggleViewAction()
        self.action.setText("&Overview (received, coverage)")
        self.action.setShortcut(QKeySequence("Ctrl+Shift+O"))
        self._stale = True
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.refresh)
        self.dock.visibilityChanged.connect(lambda shown: shown and self._stale and
                                            self._timer.start())
        service.changed.connect(self._changed)
        self.panel.heatmap.cell_activated.connect(lambda key, _who: open_section(key))

    def _changed(self, tables) -> None:
        if set(tables) & REFRESH_ON:
            self._stale = True
            if self.dock.isVisible():
                self._timer.start()

    def refresh(self) -> None:
        """Read the pictures' data off the GUI thread and show it."""
        self._stale = False
        self._service.read(overview_data, then=self.panel.show_data)
