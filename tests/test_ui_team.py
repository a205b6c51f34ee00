"""The desk's Team menu: starting a team, sending, receiving a pack by drop, the status line,
and settling a conflict in Team > Conflicts — real windows, real stores, real packs."""

from __future__ import annotations

from desk_helpers import open_desk, settle
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPushButton
from team_helpers import make_team

from lapdesk.store import excerpts
from lapdesk.team import receive, send


def _drop_files(widget, paths) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    actions = Qt.DropAction.CopyAction | Qt.DropAction.MoveAction
    enter = QDragEnterEvent(QPoint(10, 10), actions, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, enter)
    assert enter.isAccepted()
    assert widget.window().statusBar().currentMessage().startswith("Drop to receive")
    release = QDropEvent(QPointF(10, 10), actions, mime, Qt.MouseButton.LeftButton,
                         Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, release)
    assert release.isAccepted()


def test_a_lone_store_offers_to_start_a_team_and_then_to_copy_and_send(qtbot, store_path,
                                                                       tmp_path):
    window = open_desk(qtbot, store_path)
    team = window.team
    assert team.actions["start"].isEnabled() and not team.actions["send"].isEnabled()
    assert team.status.label.text() == ""
    team.start_team()
    settle(window)
    assert not team.actions["start"].isEnabled() and team.actions["send"].isEnabled()
    assert team.status.label.text() == "Team: no changes received yet"
    team.make_copy(tmp_path / "bruno.lapdesk", "Bruno Costa")
    settle(window)
    assert (tmp_path / "bruno.lapdesk").exists()
    team.send_to(tmp_path / "out")
    settle(window)
    sent = list((tmp_path / "out").iterdir())
    assert len(sent) == 1 and sent[0].name.endswith("#1.lapdesk-changes")
    assert "Wrote" in window.statusBar().currentMessage()


def test_a_pack_dropped_on_the_window_is_received_with_a_summary(qtbot, tmp_path):
    stores = make_team(tmp_path, 2)
    a, b = stores
    contribution = b.query_one("SELECT id FROM contributions")["id"]
    for start in (0, 10, 20):
        excerpts.map_span(b, contribution, ["universalisation"], start=start, end=start + 5)
    pack = send.send(b, tmp_path / "out", initials="BC").path
    b.close()
    window = open_desk(qtbot, a)
    a.close()
    announced = []
    window.service.changed.connect(announced.append)
    _drop_files(window.reader.viewport(), [pack])
    settle(window)
    assert window.statusBar().currentMessage() == "From BC: 3 excerpts, 3 mappings"
    assert window.team.status.label.text().startswith("Team: changes from BC received")
    assert any({"excerpts", "mappings"} <= tables for tables in announced)  # views refresh
    counted = []
    window.service.read(lambda store: store.query_one("SELECT count(*) AS n FROM excerpts")["n"],
                        then=counted.append)
    settle(window)
    assert counted == [3]


def test_a_conflict_is_shown_with_both_versions_and_settled_by_a_choice(qtbot, tmp_path):
    a, b = make_team(tmp_path, 2)
    contribution = a.query_one("SELECT id FROM contributions")["id"]
    excerpts.map_span(a, contribution, ["universalisation"], start=0, end=20, summary="first")
    receive.receive(b, [send.send(a, tmp_path / "out").path])
    annotation = a.query_one("SELECT id FROM annotations")["id"]
    excerpts.update_annotation(a, annotation, summary="Anne's reading")
    excerpts.update_annotation(b, annotation, summary="Bruno's reading")
    pack = send.send(b, tmp_path / "out", initials="BC").path
    b.close()
    window = open_desk(qtbot, a)
    a.close()
    window.team.receive_paths([str(pack)])
    settle(window)
    assert "1 needs your decision" in window.statusBar().currentMessage()
    dialog = window.team.conflicts
    dialog.open()
    settle(window)
    assert dialog.model.rowCount() == 1
    assert "Anne's reading" in dialog.mine.toPlainText()
    assert "Bruno's reading" in dialog.theirs.toPlainText()
    other = dialog.findChild(QPushButton, "choice-other")
    qtbot.mouseClick(other, Qt.MouseButton.LeftButton)
    settle(window)
    assert dialog.model.rowCount() == 0 and dialog.empty.isVisible()
    shown = []
    window.service.read(lambda store: store.query_one(
        "SELECT summary FROM annotations WHERE id = ?", (annotation,))["summary"],
        then=shown.append)
    settle(window)
    assert shown == ["Anne's reading"]
    assert window.service.undo_stack.undoText().startswith("Settle a conflict")



def test_purging_the_chosen_contribution_clears_the_undo_history(qtbot, store_path):
    from builders import add_text_contribution

    from lapdesk.store.connection import open_store

    with open_store(store_path) as store:
        contribution = add_text_contribution(store, ["Sent to the wrong address."])
    window = open_desk(qtbot, store_path)
    window.contributions.select_contribution(contribution)
    settle(window)
    window.team.purge(window.contributions.current_id())
    settle(window)
    left = []
    window.service.read(lambda store: store.query_one(
        "SELECT count(*) AS n FROM contributions")["n"], then=left.append)
    settle(window)
    assert left == [0] and window.service.undo_stack.count() == 0
    assert window.statusBar().currentMessage().startswith("Contribution purged")


def test_exchanging_with_the_team_folder_sends_and_receives(qtbot, tmp_path):
    from lapdesk.team import folder

    a, b = make_team(tmp_path, 2)
    share = tmp_path / "share"
    excerpts.map_span(b, b.query_one("SELECT id FROM contributions")["id"],
                      ["universalisation"], start=0, end=9)
    folder.exchange(b, share, initials="BC")
    b.close()
    window = open_desk(qtbot, a)
    a.close()
    window.team.exchange_with(share)
    settle(window)
    message = window.statusBar().currentMessage()
    assert message.startswith("Team folder: sent #1; From BC: 1 excerpt"), message
    assert len(list(share.glob("*.lapdesk-changes"))) == 2


def test_view_history_shows_a_colleague_s_change_with_their_replica(qtbot, tmp_path):
    a, b = make_team(tmp_path, 2)
    contribution = b.query_one("SELECT id FROM contributions")["id"]
    excerpts.map_span(b, contribution, ["universalisation"], start=0, end=9)
    pack = send.send(b, tmp_path / "out", initials="BC").path
    b.close()
    window = open_desk(qtbot, a)
    a.close()
    window.team.receive_paths([str(pack)])
    settle(window)
    assert window.history.action in window.menus["view"].actions()
    window.history.action.trigger()
    settle(window)
    dialog, model = window.history, window.history.model
    assert dialog.isVisible() and model.rowCount() >= 3
    shown = [tuple(model.index(row, column).data() for column in range(1, 4))
             for row in range(model.rowCount())]
    assert shown[0] == ("Bruno Costa", "Bruno Costa", "Map excerpt to Universalisation")
    assert ("Anne Bell", "Anne Bell (this replica)", "Make a copy for a colleague") in shown
    # A change made here while the history is open appears at its top.
    window.service.apply(excerpts.map_span, contribution, ["stockpile_destruction"], start=10,
                         end=20)
    settle(window)
    assert model.index(0, 3).data().startswith("Map excerpt to")
    assert model.index(0, 2).data() == "Anne Bell (this replica)"
    window.contributions.select_contribution(contribution)
    settle(window)
    dialog.only_chosen.setChecked(True)
    settle(window)
    assert {model.index(r, 3).data() for r in range(model.rowCount())} == {
        "Map excerpt to Universalisation", model.index(0, 3).data()}


def test_ctrl_z_after_a_colleague_s_pack_undoes_my_own_last_edit_not_theirs(qtbot, tmp_path):
    a, b = make_team(tmp_path, 2)
    contribution = a.query_one("SELECT id FROM contributions")["id"]
    excerpt = excerpts.map_span(a, contribution, ["universalisation"], start=0, end=20,
                                summary="first").result
    receive.receive(b, [send.send(a, tmp_path / "out").path])
    annotation = a.query_one("SELECT id FROM annotations")["id"]
    excerpts.map_excerpt(a, excerpt, "stockpile_destruction")  # Anne's, received by Bruno
    pack = send.send(a, tmp_path / "out", initials="AB").path
    a.close()
    window = open_desk(qtbot, b)
    b.close()
    window.service.apply(excerpts.update_annotation, annotation, summary="Bruno's reading")
    settle(window)
    window.team.receive_paths([str(pack)])
    settle(window)
    assert window.statusBar().currentMessage() == "From AB: 1 mapping"

    def now():
        got = []
        window.service.read(lambda store: (
            store.query_one("SELECT summary FROM annotations WHERE id = ?",
                            (annotation,))["summary"],
            sorted(r["key"] for r in store.query(
                "SELECT n.key FROM mappings m JOIN framework_nodes n ON n.id = m.node_id"
                " WHERE m.excerpt_id = ?", (excerpt,)))), then=got.append)
        settle(window)
        return got[0]

    assert now() == ("Bruno's reading", ["stockpile_destruction", "universalisation"])
    assert window.service.undo_stack.undoText() == "Edit annotation"
    window.reader.setFocus()
    QTest.keyClick(window.reader, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    settle(window)
    assert now() == ("first", ["stockpile_destruction", "universalisation"])
    assert not window.service.undo_stack.canUndo()  # nothing of Anne's to undo here


def test_a_backup_restored_in_the_desk_sends_as_a_new_replica(qtbot, tmp_path):
    from lapdesk.store import backup, contributions
    from lapdesk.ui.dialogs.backups_dialog import BackupsDialog

    a, b = make_team(tmp_path, 2)
    out, path = tmp_path / "out", a.path
    contribution = a.query_one("SELECT id FROM contributions")["id"]
    kept = backup.take_backup(a.conn, path, reason="manual", force=True)
    excerpts.map_span(a, contribution, ["universalisation"], start=0, end=9)
    receive.receive(b, [send.send(a, out).path])
    old_id = a.capture.replica_id
    a.close()
    window = open_desk(qtbot, path, lock=True)
    dialog = BackupsDialog(window.service, window.catalogue, confirm=lambda item: True)
    qtbot.addWidget(dialog)
    dialog.view.selectRow([r.path for r in dialog.model.rows].index(kept))
    dialog.restore_selected()
    qtbot.waitUntil(lambda: dialog.op is None, timeout=30_000)
    settle(window)
    window.service.apply(contributions.update_contribution, contribution, title="Restored")
    settle(window)
    window.team.send_to(out)
    settle(window)
    [newest] = [p for p in out.iterdir() if p.name.endswith("#2.lapdesk-changes")]
    got = receive.receive(b, [newest])
    assert [o.state for o in got.outcomes] == ["applied"]
    assert b.query_one("SELECT title FROM contributions")["title"] == "Restored"
    assert b.query_one("SELECT count(*) AS n FROM team_members WHERE replica_id != ?",
                       (old_id,))["n"] == 1  # Anne's new replica, learnt from its pack
    edit = b.query_one("SELECT replica FROM audit WHERE action LIKE 'Edit contribution%'")
    assert edit["replica"] not in (old_id, "", b.capture.replica_id)  # her new id
    b.close()
