"""The Team menu: start a team store, make a copy for a colleague, send and receive packs
(also by dropping them on the window), and the conflicts to settle.

Every action is core work (:mod:`lapdesk.team`) on the store service's writer lane; what a
reception changed is announced to every view.  The pack's name carries this user's own
initials (Settings > "Your initials", QSettings ``user/initials``), never a shared setting.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QSettings, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QInputDialog,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QWidget,
)

from lapdesk.store.capture import SHARED_TABLES
from lapdesk.team import folder, purge, receive, replica, send
from lapdesk.team import pack as packs
from lapdesk.ui.dialogs.settings_dialog import user_initials
from lapdesk.ui.import_flow import accept_as_copy, local_paths
from lapdesk.ui.service.store_service import StoreService
from lapdesk.ui.service.tasks import Failure
from lapdesk.ui.team_conflicts import ConflictsDialog
from lapdesk.ui.team_status import TeamStatus

FOLDER_KEY = "team/folder"
ENCRYPT_KEY = "team/encrypt"


def pack_paths(mime) -> list[str]:
    """The packs a drop carries, when it carries only packs."""
    paths = local_paths(mime)
    return paths if paths and all(p.endswith(packs.SUFFIX) for p in paths) else []


class TeamMenu(QObject):
    """The Team menu and the reception of packs dropped on ``window``."""

    def __init__(self, window: QMainWindow, service: StoreService, qsettings: QSettings):
        super().__init__(window)
        self.window, self.service, self.qsettings = window, service, qsettings
        self.status = TeamStatus(service, window)
        self.conflicts = ConflictsDialog(service, window)
        self._passphrase: str | None = None  # asked once per session, never stored
        self.last_report: receive.Report | None = None
        self.actions = {name: QAction(text, window) for name, text in (
            ("start", "&Start a team store"), ("copy", "Make a &copy for a colleague…"),
            ("send", "&Send my changes…"), ("receive", "&Receive…"),
            ("exchange", "&Exchange with the team folder"),
            ("conflicts", "&Conflicts"), ("encrypt", "&Protect packs with a passphrase"),
            ("purge", "P&urge the chosen contribution…"))}
        self.actions["encrypt"].setCheckable(True)
        self.actions["encrypt"].setChecked(qsettings.value(ENCRYPT_KEY, False, type=bool))
        self.actions["encrypt"].toggled.connect(lambda on: qsettings.setValue(ENCRYPT_KEY, on))
        for name, slot in (("start", self.start_team), ("copy", self.choose_copy),
                           ("send", self.choose_send), ("receive", self.choose_receive),
                           ("exchange", self.choose_exchange),
                           ("conflicts", self.conflicts.open), ("purge", self.choose_purge)):
            self.actions[name].triggered.connect(slot)
        self.status.changed.connect(self._enable)
        self._fill()
        # Installed after the import's: a drop of packs is received, not imported.
        QApplication.instance().installEventFilter(self)

    def _fill(self) -> None:
        """The Team menu, before Help; the status line at the right of the status bar."""
        bar = self.window.menuBar()
        help_menu = next((a for a in bar.actions() if a.text().replace("&", "") == "Help"), None)
        menu = QMenu("&Team", self.window)
        if help_menu is not None:
            bar.insertMenu(help_menu, menu)
        else:
            bar.addMenu(menu)
        self.menu = menu
        menu.addActions([self.actions["start"], self.actions["copy"]])
        menu.addSeparator()
        menu.addActions([self.actions["send"], self.actions["receive"],
                         self.actions["exchange"], self.actions["conflicts"]])
        menu.addSeparator()
        menu.addActions([self.actions["encrypt"], self.actions["purge"]])
        self.window.statusBar().addPermanentWidget(self.status.label)
        self.status.refresh()

    def _enable(self, state) -> None:
        team = state is not None
        self.actions["start"].setEnabled(not team and not self.service.readonly)
        self.actions["purge"].setEnabled(not self.service.readonly)
        for name in ("copy", "send", "receive", "exchange", "conflicts"):
            self.actions[name].setEnabled(team and not self.service.readonly)

    # --- the work -----------------------------------------------------------------------

    def initials(self) -> str | None:
        return user_initials(self.qsettings) or None

    def start_team(self) -> None:
        self.service.apply(lambda store: replica.start_team(
            store, name=store.author, initials=self.initials()), then=self._started,
            failed=self._failed)

    def _started(self, _made) -> None:
        self.status.refresh()
        self.window.statusBar().showMessage(
            "This store is now the team's first replica. Make a copy for each colleague "
            "(Team > Make a copy for a colleague…).", 10000)

    def make_copy(self, dest: Path, colleague: str) -> None:
        self.service.apply(replica.make_copy, dest, for_name=colleague,
                           then=lambda path: self.window.statusBar().showMessage(
                               f"Wrote {Path(path).name} for {colleague}: it becomes their "
                               "replica when they open it.", 10000))

    def send_to(self, folder: Path) -> None:
        passphrase = self._ask_passphrase() if self.actions["encrypt"].isChecked() else None
        self.service.apply(lambda store: send.send(store, folder, initials=self.initials(),
                                                   passphrase=passphrase),
                           then=self._sent, failed=self._failed)

    def _sent(self, sent) -> None:
        self.status.refresh()
        if sent is None:
            text = "Nothing to send: no change since the last pack."
        else:
            text = (f"Wrote {sent.path.name} ({sent.changes} change"
                    f"{'s' * (sent.changes != 1)}): send it to your colleagues.")
        self.window.statusBar().showMessage(text, 10000)

    def receive_paths(self, paths: list[str]) -> None:
        self.service.apply(lambda store: receive.receive(store, [Path(p) for p in paths],
                                                         passphrase=self._passphrase),
                           then=lambda report: self._received(
                               report, retry=lambda: self.receive_paths(paths)),
                           failed=self._failed)

    def _received(self, report: receive.Report, *, retry, tell: bool = True) -> None:
        """Announce what came in; ask for the passphrase (once) and ``retry`` when a pack
        needed it."""
        self.last_report = report
        self.service.notify(SHARED_TABLES)
        self.status.refresh()
        self.conflicts.refresh()
        if (self._passphrase is None and any("passphrase" in o.message for o in report.outcomes)
                and self._ask_passphrase()):
            retry()
            return
        if not tell:
            return
        lines = report.lines()
        self.window.statusBar().showMessage(lines[0] if len(lines) == 1 else
                                            f"{len(lines)} packs: " + "; ".join(lines), 15000)
        if len(lines) > 1 or any(o.state == "refused" for o in report.outcomes):
            QMessageBox.information(self.window, "Changes received", "\n".join(lines))

    def exchange_with(self, shared: Path) -> None:
        """Send into the team folder and receive the colleagues' new packs found there."""
        passphrase = self._ask_passphrase() if self.actions["encrypt"].isChecked() else None
        self.service.apply(lambda store: folder.exchange(store, shared, initials=self.initials(),
                                                         passphrase=passphrase),
                           then=lambda done: self._exchanged(done, shared), failed=self._failed)

    def _exchanged(self, done, shared: Path) -> None:
        self._received(done.report, retry=lambda: self.exchange_with(shared), tell=False)
        sent = f"sent #{done.sent.number}" if done.sent else "nothing new to send"
        got = "; ".join(done.report.lines()) or "nothing new from colleagues"
        self.window.statusBar().showMessage(f"Team folder: {sent}; {got}.", 15000)

    def purge(self, contribution_id: int) -> None:
        """Purge a contribution for good (no undo): the undo history, which could bring its
        rows back, is cleared."""
        self.service.apply(purge.purge_contribution, contribution_id,
                           then=self._purged, failed=self._failed)

    def _purged(self, _rows) -> None:
        self.service.undo_stack.clear()
        self.service.notify(SHARED_TABLES)
        self.window.statusBar().showMessage(
            "Contribution purged: it leaves your colleagues' replicas with your next pack. "
            "Backups taken before today still hold it.", 15000)

    def _failed(self, failure: Failure) -> None:
        QMessageBox.warning(self.window, "Team", failure.message)

    def _ask_passphrase(self) -> str | None:
        if self._passphrase is None:
            text, ok = QInputDialog.getText(self.window, "Team passphrase",
                                            "The team passphrase that protects packs:",
                                            QLineEdit.EchoMode.Password)
            self._passphrase = text if ok and text else None
        return self._passphrase

    # --- dialogs ------------------------------------------------------------------------

    def choose_copy(self) -> None:
        colleague, ok = QInputDialog.getText(self.window, "Make a copy for a colleague",
                                             "The colleague's name:")
        if not ok or not colleague.strip():
            return
        suggested = str(Path(self.service.path).with_name(
            f"{Path(self.service.path).stem} - {colleague.strip()}.lapdesk"))
        dest, _ = QFileDialog.getSaveFileName(self.window, "Save the copy as", suggested,
                                              "LAPDesk stores (*.lapdesk)")
        if dest:
            self.make_copy(Path(dest), colleague.strip())

    def choose_purge(self) -> None:
        current = self.window.contributions.current_id()
        if current is None:
            return
        answer = QMessageBox.warning(
            self.window, "Purge the contribution",
            "Purge this contribution for good? Its originals, text, excerpts and positions "
            "leave this store and, in a team, every colleague's as your next pack arrives, "
            "with any copy of the same original a colleague logged. This cannot be undone.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel)
        if answer == QMessageBox.StandardButton.Yes:
            self.purge(current)

    def choose_exchange(self) -> None:
        shared = self.qsettings.value(FOLDER_KEY, "")
        if not shared or not Path(shared).is_dir():
            shared = QFileDialog.getExistingDirectory(
                self.window, "The team folder (for example on the office share)",
                str(Path.home()))
            if not shared:
                return
            self.qsettings.setValue(FOLDER_KEY, shared)
        self.exchange_with(Path(shared))

    def choose_send(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self.window, "Send my changes: the folder for the pack",
            str(self.qsettings.value(FOLDER_KEY, str(Path.home()))))
        if folder:
            self.qsettings.setValue(FOLDER_KEY, folder)
            self.send_to(Path(folder))

    def choose_receive(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self.window, "Receive packs of changes",
            str(self.qsettings.value(FOLDER_KEY, str(Path.home()))),
            f"Packs of changes (*{packs.SUFFIX})")
        if paths:
            self.receive_paths(paths)

    # --- drops --------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop):
            return False
        if not (isinstance(watched, QWidget) and watched.window() is self.window):
            return False
        if event.source() is not None or self.status.state is None:
            return False
        paths = pack_paths(event.mimeData())
        if not paths:
            return False
        accept_as_copy(event)
        if kind == QEvent.Type.DragEnter:
            self.window.statusBar().showMessage(
                f"Drop to receive {len(paths)} pack{'s' * (len(paths) != 1)} of changes")
        elif kind == QEvent.Type.Drop:
            QTimer.singleShot(0, lambda: self.receive_paths(paths))
        return True
