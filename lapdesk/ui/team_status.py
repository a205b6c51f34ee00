"""The team's status line in the status bar: "Team: changes from BC received 2 h ago".

Read on a reader lane when the store changes and every minute (so "2 h ago" stays true);
empty for a store that works alone.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel, QWidget

from lapdesk.team import status as team_status
from lapdesk.ui.service.store_service import StoreService

REFRESH_MS = 60_000


class TeamStatus(QObject):
    changed = Signal(object)  # the Status, or None for a store that works alone

    def __init__(self, service: StoreService, parent: QWidget):
        super().__init__(parent)
        self.service = service
        self.state: team_status.Status | None = None
        self.label = QLabel(parent)
        self.label.setAccessibleName("Team status")
        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        self._timer.start()
        service.changed.connect(lambda _tables: self.refresh())

    def refresh(self) -> None:
        self.service.read(team_status.status, then=self._show)

    def _show(self, state: team_status.Status | None) -> None:
        self.state = state
        self.label.setText(team_status.status_line(state))
        tip = "\n".join([*(f"{m.name} ({m.initials}): up to #{m.last_pack}, received "
                           f"{team_status.ago(m.last_received_at)}" for m in state.members),
                         *state.gaps]) if state else ""
        self.label.setToolTip(tip)
        self.changed.emit(state)
