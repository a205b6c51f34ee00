"""The desk's safety net: the locked-store choice, integrity on open, backups, File > Backups…"""

import json
from datetime import datetime

import pytest
from builders import add_text_contribution
from PySide6.QtCore import QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from lapdesk.store import backup, excerpts, sqlite
from lapdesk.store.connection import open_store
from lapdesk.store.lock import lock_path_for
from lapdesk.ui.catalogue import Catalogue
from lapdesk.ui.dialogs.backups_dialog import BackupsDialog, BackupTableModel
from lapdesk.ui.dialogs.locked_dialog import LockedDialog
from lapdesk.ui.main_window import MainWindow
from lapdesk.ui.service.store_service import StoreService
from lapdesk.ui.store_opener import open_for_desk


def _held_by_fb(store_path):
    now = datetime.now().astimezone().isoformat(timespec="seconds")
    lock_path_for(store_path).write_text(json.dumps(
        {"user": "fb", "host": "LAPTOP-7", "pid": 1, "since": now, "heartbeat": now,
         "token": "x"}))


@pytest.fixture
def locked_store_path(store_path):
    open_store(store_path).close()
    _held_by_fb(store_path)
    return store_path


def _window(qtbot, store):
    window = MainWindow(store)
    qtbot.addWidget(window)
    return window, window.reliability


def open_store_for_desk(path, *, ask=None):
    """What the desk does to open a store, waited for: the store, or None when declined."""
    outcome = []
    options = {"ask": ask} if ask else {}
    open_for_desk(path, author=None, parent=None, then=outcome.append,
                  failed=outcome.append, declined=lambda: outcome.append(None), **options)
    for _ in range(4000):
        if outcome:
            return outcome[0]
        QTest.qWait(5)
    raise AssertionError("the store was neither opened nor declined")


@pytest.fixture
def desk_service(qtbot):
    """A store service and its catalogue on a store, as a window holds them."""
    made = []

    def make(store):
        service = StoreService(store)
        catalogue = Catalogue(service)
        made.append(service)
        qtbot.waitUntil(lambda: catalogue.is_ready, timeout=10_000)
        return service, catalogue

    yield make
    for service in made:
        service.close()


def test_a_second_desk_is_offered_read_only_naming_the_holder(qtbot, locked_store_path):
    seen = []

    def ask(dialog: LockedDialog) -> bool:
        seen.append(dialog.text())
        return True

    store = open_store_for_desk(locked_store_path, ask=ask)
    try:
        assert store.readonly and store.writer_lock is None
        assert "is being edited by fb on LAPTOP-7 since" in seen[0]
    finally:
        store.close()
    assert open_store_for_desk(locked_store_path, ask=lambda dialog: False) is None


def test_the_locked_dialog_buttons_open_read_only_or_cancel(qtbot, locked_store_path):
    def click(name):
        """Press the button once the question is on screen (the store opens off the GUI
        thread, so it comes a moment later)."""
        def later():
            dialog = QApplication.activeModalWidget()
            if not isinstance(dialog, LockedDialog):
                QTimer.singleShot(20, later)
                return
            getattr(dialog, name).click()
        QTimer.singleShot(20, later)

    click("read_only_button")
    store = open_store_for_desk(locked_store_path)
    assert store is not None and store.readonly
    store.close()
    click("cancel_button")
    assert open_store_for_desk(locked_store_path) is None


def test_the_desk_takes_the_lock_when_the_store_is_free(qtbot, store_path):
    store = open_store_for_desk(store_path, ask=lambda dialog: pytest.fail("not locked"))
    assert store.writer_lock.held and not store.readonly
    store.close()
    assert not lock_path_for(store_path).exists()


def test_a_sound_store_is_checked_then_backed_up_on_open_and_on_close(qtbot, store_path):
    store = open_store(store_path, lock=True)
    add_text_contribution(store, ["Text."])
    window, safety = _window(qtbot, store)
    with qtbot.waitSignal(safety.integrity.checked, timeout=10_000) as checked:
        pass
    assert checked.args[0] == {"ok": True, "problems": []}
    with qtbot.waitSignal(safety.auto_backup.backed_up, timeout=10_000):
        pass
    folder = backup.folder_for(store_path, "")
    assert [b.reason for b in backup.list_backups(folder, store.name)] == ["open"]
    assert safety.auto_backup.timer.isActive()
    window.close()  # unchanged since the backup on open: no new backup
    assert len(backup.list_backups(folder, store.name)) == 1


def test_the_backup_on_close_follows_a_change(qtbot, store_path):
    store = open_store(store_path, lock=True)
    window, safety = _window(qtbot, store)
    qtbot.waitSignal(safety.integrity.checked, timeout=10_000).wait()
    # The change must come after the backup on open, or that backup already holds it.
    folder = backup.folder_for(store_path, "")
    qtbot.waitUntil(lambda: bool(backup.list_backups(folder, store.name)), timeout=10_000)
    window.service.apply(lambda lane_store: add_text_contribution(lane_store, ["A late change."]))
    window.close()
    assert "close" in [b.reason for b in backup.list_backups(folder, store.name)]


def test_a_store_that_fails_its_check_becomes_read_only(qtbot, store_path):
    store = open_store(store_path, lock=True)
    add_text_contribution(store, ["Text."])
    store.conn.execute("UPDATE blobs SET data = X'00'")
    window, safety = _window(qtbot, store)
    with qtbot.waitSignal(safety.integrity.checked, timeout=10_000) as checked:
        pass
    assert not checked.args[0]["ok"]
    assert "does not match its SHA-256" in checked.args[0]["problems"][0]
    assert store.readonly
    assert window.windowTitle().endswith("(read-only)")
    assert not safety.auto_backup.timer.isActive()  # a damaged store is not backed up
    window.close()
    assert not store_path.with_name("test.lapdesk.backups").exists()


def test_a_read_only_desk_does_not_back_up(qtbot, locked_store_path):
    store = open_store(locked_store_path, readonly=True)
    window, safety = _window(qtbot, store)
    qtbot.waitSignal(safety.integrity.checked, timeout=10_000).wait()
    assert safety.auto_backup.run("auto") is None
    assert window.windowTitle().endswith("(read-only)")
    window.close()
    assert not locked_store_path.with_name("test.lapdesk.backups").exists()


def test_the_backups_dialog_lists_and_restores(qtbot, qtmodeltester, store_path, desk_service):
    with open_store(store_path) as setup:
        add_text_contribution(setup, ["First."])
        backup.take_backup(setup.conn, setup.path, reason="manual")
        cid = add_text_contribution(setup, ["Second."])
    service, catalogue = desk_service(open_store(store_path, lock=True))
    service.apply(excerpts.map_span, cid, ["universalisation.q1"], start=0, end=6)
    qtbot.waitUntil(lambda: service.undo_stack.count() == 1, timeout=10_000)
    store = open_store(store_path)
    dialog = BackupsDialog(service, catalogue, confirm=lambda item: True)
    qtbot.addWidget(dialog)
    qtmodeltester.check(dialog.model)
    assert dialog.model.rowCount() == 1
    assert dialog.model.data(dialog.model.index(0, 1)) == "Backed up by hand"
    assert dialog.restore_button.isEnabled()
    with qtbot.waitSignal(service.changed, timeout=30_000) as changed:
        op = dialog.restore_selected()
        # The restore runs on the writer thread: the dialog answers meanwhile, buttons off.
        assert op.writes and not dialog.restore_button.isEnabled()
    assert "contributions" in changed.args[0]
    qtbot.waitUntil(lambda: dialog.op is None, timeout=30_000)
    assert store.query_one("SELECT count(*) AS n FROM contributions")["n"] == 1
    assert service.undo_stack.count() == 0
    assert [b.reason for b in dialog.model.rows] == ["before-restore", "manual"]
    assert dialog.restore_button.isEnabled()
    store.close()


def test_back_up_now_runs_off_the_gui_thread_and_lists_the_new_backup(qtbot, store_path,
                                                                     desk_service):
    service, catalogue = desk_service(open_store(store_path, lock=True))
    dialog = BackupsDialog(service, catalogue)
    qtbot.addWidget(dialog)
    assert dialog.model.rowCount() == 0
    with qtbot.waitSignal(dialog.back_up_now().succeeded, timeout=30_000):
        assert not dialog.backup_button.isEnabled()
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1, timeout=10_000)
    assert dialog.model.rows[0].reason == "manual" and dialog.backup_button.isEnabled()


def test_restore_is_disabled_for_a_read_only_desk(qtbot, locked_store_path, desk_service):
    service, catalogue = desk_service(open_store(locked_store_path, readonly=True))
    dialog = BackupsDialog(service, catalogue)
    qtbot.addWidget(dialog)
    assert not dialog.restore_button.isEnabled()


def test_file_menu_has_backups(qtbot, store_path):
    store = open_store(store_path, lock=True)
    window, safety = _window(qtbot, store)
    assert safety.backups_action in window.menus["file"].actions()
    dialog = safety.show_backups()
    qtbot.addWidget(dialog)
    assert isinstance(dialog.model, BackupTableModel)
    dialog.close()
    qtbot.waitSignal(safety.integrity.checked, timeout=10_000).wait()
    window.close()


def test_an_edit_through_the_service_is_committed_at_once(qtbot, store_path, desk_service):
    with open_store(store_path) as setup:
        cid = add_text_contribution(setup, ["We support universalisation."])
    service, _catalogue = desk_service(open_store(store_path, lock=True))
    made = []
    service.apply(excerpts.map_span, cid, ["universalisation.q1"], start=3, end=10,
                  then=made.append)
    qtbot.waitUntil(lambda: bool(made), timeout=10_000)
    excerpt_id = made[0]
    # Another connection (another process after a crash) sees it: nothing waits for a save.
    other = sqlite.connect(store_path, readonly=True)  # APSW, as the store open here
    try:
        assert other.execute("SELECT start, \"end\" FROM excerpts WHERE id = ?",
                             (excerpt_id,)).fetchone() == (3, 10)
    finally:
        other.close()
