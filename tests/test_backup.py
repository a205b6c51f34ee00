"""Backups: online, only when changed, rotated and capped, private; the CLI's backup command."""

import os
import sqlite3
import stat
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from builders import add_text_contribution

from lapdesk.store import backup, settings
from lapdesk.store.connection import open_store
from lapdesk.store.integrity import check


def _backups(store):
    return backup.list_backups(backup.backup_folder(store.conn, store.path), store.name)


def test_a_backup_is_a_complete_store_taken_while_the_store_is_open(store):
    cid = add_text_contribution(store, ["Universalisation remains the priority."])
    path = backup.take_backup(store.conn, store.path, reason="manual")
    assert path.parent == store.path.with_name("test.lapdesk.backups")
    with open_store(path, readonly=True) as copy:
        assert check(copy)["ok"]
        assert copy.query_one("SELECT title FROM contributions WHERE id = ?", (cid,))
    # A single self-contained file: no WAL left beside it.
    assert sqlite3.connect(path).execute("PRAGMA journal_mode").fetchone()[0] == "delete"


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_backups_and_their_folder_are_private(store):
    path = backup.take_backup(store.conn, store.path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def test_an_automatic_backup_is_skipped_when_nothing_changed(store):
    assert backup.take_backup(store.conn, store.path) is not None
    assert backup.take_backup(store.conn, store.path) is None
    add_text_contribution(store, ["A change."])
    assert backup.take_backup(store.conn, store.path) is not None
    assert backup.take_backup(store.conn, store.path, force=True) is not None
    assert len(_backups(store)) == 3


def test_the_marker_follows_every_kind_of_change(store):
    markers = {backup.content_marker(store.conn)}
    cid = add_text_contribution(store, ["Text."])
    markers.add(backup.content_marker(store.conn))
    from lapdesk.store import excerpts

    excerpts.map_span(store, cid, ["universalisation.q1"], start=0, end=4)
    markers.add(backup.content_marker(store.conn))
    settings.update(store, {"deadline": "2020-07-01"})
    markers.add(backup.content_marker(store.conn))
    assert len(markers) == 4


def test_the_backup_folder_setting_is_honoured(store, tmp_path):
    chosen = tmp_path / "elsewhere" / "backups"
    settings.update(store, {"backup_folder": str(chosen)})
    path = backup.take_backup(store.conn, store.path)
    assert path.parent == chosen


def _fake_backups(folder: Path, stamps: list[datetime], size: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i, at in enumerate(stamps):
        name = f"test-{at.strftime('%Y%m%d-%H%M%S-%f')}-auto-{i:012x}.lapdesk"
        (folder / name).write_bytes(b"x" * size)


def test_rotation_keeps_the_last_ten_and_the_newest_of_each_day(tmp_path):
    folder = tmp_path / "b"
    now = datetime(2026, 11, 28, 18, 0)
    # 12 backups today, hourly, and 3 a day on each of the 5 previous days.
    stamps = [now - timedelta(hours=h) for h in range(12)]
    for day in range(1, 6):
        stamps += [now - timedelta(days=day, hours=h) for h in (0, 2, 4)]
    _fake_backups(folder, stamps, size=10)
    deleted = backup.rotate(folder, "test.lapdesk", store_size=10_000)
    kept = backup.list_backups(folder, "test.lapdesk")
    assert [b.taken_at for b in kept] == sorted(stamps, reverse=True)[:10] + [
        now - timedelta(days=d) for d in range(1, 6)]
    assert len(deleted) == len(stamps) - 15


def test_rotation_caps_the_total_at_about_five_times_the_store(tmp_path):
    folder = tmp_path / "b"
    now = datetime(2026, 11, 28, 18, 0)
    stamps = [now - timedelta(minutes=10 * m) for m in range(6)] + [
        now - timedelta(days=d) for d in (1, 2, 3)]
    _fake_backups(folder, stamps, size=100)
    backup.rotate(folder, "test.lapdesk", store_size=100)
    kept = backup.list_backups(folder, "test.lapdesk")
    assert sum(b.size for b in kept) <= 500
    # The newest stays; the intra-day extras go before the older days' backups.
    assert kept[0].taken_at == now
    assert {now - timedelta(days=d) for d in (1, 2, 3)} <= {b.taken_at for b in kept}


def test_other_stores_backups_in_the_same_folder_are_left_alone(tmp_path):
    folder = tmp_path / "b"
    now = datetime(2026, 11, 28, 18, 0)
    _fake_backups(folder, [now - timedelta(minutes=m) for m in range(30)], size=1)
    other = folder / "other-20261128-170000-000000-auto-000000000000.lapdesk"
    other.write_bytes(b"x")
    backup.rotate(folder, "test.lapdesk", store_size=1000)
    assert other.exists()
    assert len(backup.list_backups(folder, "test.lapdesk")) == 10


def test_a_writing_command_leaves_a_backup_and_a_reading_one_does_not(store_path, cli):
    with open_store(store_path) as store:
        cid = add_text_contribution(store, ["We support the plan."])
    folder = store_path.with_name("test.lapdesk.backups")
    assert cli("--store", store_path, "check").code == 0
    assert not folder.exists()
    assert cli("--store", store_path, "map", cid, "universalisation.q1", "--start", "0",
               "--end", "7").code == 0
    assert len(list(folder.glob("test-*-auto-*.lapdesk"))) == 1
    # A write that changes nothing (a failure) leaves no new backup.
    assert cli("--store", store_path, "map", 999, "universalisation.q1", "--start", "0",
               "--end", "7").code == 1
    assert len(list(folder.glob("*.lapdesk"))) == 1


def test_backup_command_writes_to_out_and_refuses_to_overwrite(store_path, cli, tmp_path):
    out = tmp_path / "copy.lapdesk"
    result = cli("--store", store_path, "--json", "backup", "--out", out)
    assert result.code == 0 and result.json()["path"] == str(out)
    with open_store(out, readonly=True) as copy:
        assert check(copy)["ok"]
    again = cli("--store", store_path, "backup", "--out", out)
    assert again.code == 2 and "already exists" in again.err


def test_backup_command_lists_backups_newest_first(store_path, cli):
    cli("--store", store_path, "backup")
    cli("--store", store_path, "backup")
    listed = cli("--store", store_path, "--json", "backup", "--list").json()
    assert len(listed) == 2
    assert listed[0]["taken_at"] >= listed[1]["taken_at"]
    assert {"path", "taken_at", "reason", "size"} <= set(listed[0])
    assert listed[0]["reason"] == "manual"


def test_a_backup_cut_short_is_cleaned_up_later(store):
    folder = store.path.with_name("test.lapdesk.backups")
    folder.mkdir()
    old = folder / "test-20261127-090000-000000-auto-000000000000.lapdesk.partial"
    fresh = folder / "test-20261128-090000-000000-auto-000000000000.lapdesk.partial"
    for partial in (old, fresh):
        partial.write_bytes(b"half a backup")
    os.utime(old, (0, 0))
    backup.take_backup(store.conn, store.path)
    assert not old.exists()
    assert fresh.exists()  # may still be being written by another process
