"""The writer lock: a private sidecar file naming who holds the store, taken over when stale."""

import json
import os
import socket
import stat
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from conftest import ROOT, run_lapdesk

from lapdesk.core.errors import StoreError, StoreLockedError
from lapdesk.store import excerpts
from lapdesk.store.connection import open_store
from lapdesk.store.lock import LockInfo, WriterLock, lock_path_for, read_holder


def _write_lock(store_path: Path, *, user="fb", host="LAPTOP-7", pid=4242, age_s=0.0,
                token="theirs") -> None:
    """A lock file as another LAPDesk leaves it, last refreshed ``age_s`` seconds ago."""
    at = (datetime.now().astimezone() - timedelta(seconds=age_s)).isoformat(timespec="seconds")
    path = lock_path_for(store_path)
    path.write_text(json.dumps(
        {"user": user, "host": host, "pid": pid, "since": at, "heartbeat": at, "token": token}))
    refreshed = time.time() - age_s
    os.utime(path, (refreshed, refreshed))


def _dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def test_the_lock_is_a_private_json_file_naming_who_where_and_since(store_path):
    lock = WriterLock(store_path, user="fb")
    lock.acquire()
    try:
        data = json.loads(lock.path.read_text())
        assert lock.path.name == "test.lapdesk.lock"
        assert {"user", "host", "pid", "since", "heartbeat"} <= set(data)
        assert (data["user"], data["host"], data["pid"]) == ("fb", socket.gethostname(),
                                                             os.getpid())
        if os.name == "posix":
            assert stat.S_IMODE(lock.path.stat().st_mode) == 0o600
    finally:
        lock.release()
    assert not lock.path.exists()


def test_a_second_writer_is_refused_with_who_and_since(store_path):
    first = WriterLock(store_path, user="fb")
    first.acquire()
    try:
        with pytest.raises(StoreLockedError) as raised:
            WriterLock(store_path, user="other").acquire()
        since = datetime.fromisoformat(first.info.since).strftime("%H:%M")
        assert str(raised.value) == (
            f"test.lapdesk is being edited by fb on {socket.gethostname()} since {since}; "
            "open it read-only or try again later.")
    finally:
        first.release()
    second = WriterLock(store_path, user="other")
    second.acquire()
    second.release()


def test_a_live_holder_on_another_laptop_is_respected(store_path):
    _write_lock(store_path, host="LAPTOP-7", pid=_dead_pid(), age_s=60)
    with pytest.raises(StoreLockedError, match="edited by fb on LAPTOP-7"):
        WriterLock(store_path, user="me").acquire()
    assert read_holder(store_path).host == "LAPTOP-7"


def test_a_dead_process_on_this_host_is_taken_over(store_path):
    _write_lock(store_path, host=socket.gethostname(), pid=_dead_pid())
    lock = WriterLock(store_path, user="me")
    lock.acquire()
    try:
        assert lock.took_over is not None and lock.took_over.user == "fb"
        assert read_holder(store_path).user == "me"
    finally:
        lock.release()


def test_a_silent_holder_elsewhere_is_taken_over_after_a_few_minutes(store_path):
    _write_lock(store_path, host="LAPTOP-7", age_s=10 * 60)
    lock = WriterLock(store_path, user="me")
    lock.acquire()
    assert lock.took_over.host == "LAPTOP-7"
    lock.release()


def test_an_unreadable_lock_is_respected_briefly_then_taken_over(store_path):
    path = lock_path_for(store_path)
    path.write_text("")
    with pytest.raises(StoreLockedError, match="being opened by another LAPDesk"):
        WriterLock(store_path, user="me").acquire()
    old = time.time() - 60
    os.utime(path, (old, old))
    lock = WriterLock(store_path, user="me")
    lock.acquire()
    lock.release()


def test_the_heartbeat_thread_refreshes_the_lock(store_path):
    lock = WriterLock(store_path, user="me", heartbeat_every=0.2)
    lock.acquire()
    try:
        first = read_holder(store_path).heartbeat
        deadline = time.time() + 5
        while read_holder(store_path).heartbeat == first and time.time() < deadline:
            time.sleep(0.1)
        assert read_holder(store_path).heartbeat > first
        assert read_holder(store_path).since == lock.info.since
        if os.name == "posix":  # the refreshed file is as private as the first
            assert stat.S_IMODE(lock.path.stat().st_mode) == 0o600
        assert not list(lock.path.parent.glob("*.tmp"))
    finally:
        lock.release()


def test_a_holder_whose_lock_was_taken_over_stops_writing(store):
    store.close()
    with open_store(store.path, lock=True) as held:
        _write_lock(held.path, user="successor", token="not-ours")
        assert held.writer_lock.heartbeat() is False
        assert held.writer_lock.lost
        with pytest.raises(StoreLockedError, match="took over"), held.transaction():
            pass
    assert read_holder(store.path).user == "successor"  # closing did not remove their lock


def test_open_store_takes_the_lock_and_read_only_opens_do_not(store_path):
    open_store(store_path).close()
    with open_store(store_path, lock=True) as writer:
        assert lock_path_for(store_path).exists()
        with pytest.raises(StoreLockedError):
            open_store(store_path, lock=True)
        with open_store(store_path, readonly=True) as reader:
            assert reader.query_one("SELECT count(*) AS n FROM framework_nodes")["n"] > 0
        assert writer.writer_lock.held
    assert not lock_path_for(store_path).exists()


def test_a_writing_command_exits_1_naming_the_holder_and_reading_commands_still_work(
        store_path):
    open_store(store_path).close()
    _write_lock(store_path, user="fb", host="LAPTOP-7")
    result = run_lapdesk("--store", store_path, "map", "1", "universalisation.q1",
                         "--start", "0", "--end", "2")
    assert result.code == 1
    assert "is being edited by fb on LAPTOP-7 since" in result.err
    assert "open it read-only or try again later." in result.err
    assert run_lapdesk("--store", store_path, "check").code == 0


def test_the_cli_writes_once_the_lock_is_free(store_path, cli):
    with open_store(store_path) as store:
        from builders import add_text_contribution

        cid = add_text_contribution(store, ["We support universalisation."])
    assert cli("--store", store_path, "map", cid, "universalisation.q1", "--start", "0",
               "--end", "10").code == 0
    with open_store(store_path) as store:
        assert len(excerpts.excerpts_of(store, cid)) == 1
    assert not lock_path_for(store_path).exists()


RACER = Path(__file__).with_name("lock_racer.py")


def test_racing_takeovers_of_a_stale_lock_leave_exactly_one_writer(store_path):
    _write_lock(store_path, host="LAPTOP-7", age_s=3600)
    start = time.time() + 1.5
    racers = [subprocess.Popen([sys.executable, str(RACER), str(store_path), f"r{i}",
                                str(start)], cwd=ROOT, stdout=subprocess.PIPE, text=True)
              for i in range(6)]
    outcomes = [racer.communicate(timeout=30)[0].strip() for racer in racers]
    assert sorted(outcomes) == ["refused"] * 5 + ["won"]


def test_lock_info_round_trips(store_path):
    info = LockInfo(user="a", host="h", pid=1, since="2026-01-01T09:42:00+01:00",
                    heartbeat="2026-01-01T09:42:00+01:00", token="t")
    assert LockInfo.from_json(info.to_json()) == info
    assert info.describe_since().endswith(datetime.fromisoformat(info.since).astimezone()
                                          .strftime("%H:%M"))


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0,
                    reason="POSIX permissions (root ignores them)")
def test_a_folder_where_no_lock_can_be_created_is_a_plain_error(tmp_path):
    store_path = tmp_path / "ro" / "s.lapdesk"
    open_store(store_path).close()
    store_path.parent.chmod(0o500)
    try:
        with pytest.raises(StoreError, match="lock file s.lapdesk.lock cannot be created"):
            WriterLock(store_path, user="me").acquire()
    finally:
        store_path.parent.chmod(0o700)


def test_an_unwritable_lock_location_is_a_plain_error(tmp_path, monkeypatch):
    import lapdesk.store.lock as lock_module

    def refuse(path, text, *, exclusive):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(lock_module, "_write_private", refuse)
    with pytest.raises(StoreError, match=r"cannot be created \(Permission denied\); open it "
                                         "read-only"):
        WriterLock(tmp_path / "s.lapdesk", user="me").acquire()


def test_a_laptop_whose_clock_is_behind_keeps_its_live_lock(store_path):
    """Its heartbeat reads ten minutes old by our clock, but the file was just refreshed."""
    _write_lock(store_path, host="LAPTOP-7", age_s=10 * 60)
    os.utime(lock_path_for(store_path))  # refreshed now, as the share's clock sees it
    with pytest.raises(StoreLockedError, match="edited by fb on LAPTOP-7"):
        WriterLock(store_path, user="me").acquire()
    assert not list(store_path.parent.glob(".*probe*"))


def test_a_takeover_in_progress_is_left_alone_and_one_abandoned_is_cleared(store_path):
    _write_lock(store_path, host="LAPTOP-7", age_s=3600)
    mutex = lock_path_for(store_path).with_name(lock_path_for(store_path).name + ".takeover")
    mutex.write_text("4242")  # another laptop is taking the stale lock over right now
    with pytest.raises(StoreLockedError):
        WriterLock(store_path, user="me").acquire()
    assert read_holder(store_path).user == "fb"  # the stale lock was not touched
    abandoned = time.time() - 120  # ... but that laptop died two minutes ago
    os.utime(mutex, (abandoned, abandoned))
    lock = WriterLock(store_path, user="me")
    lock.acquire()
    try:
        assert read_holder(store_path).user == "me" and lock.took_over.user == "fb"
        assert not mutex.exists()
    finally:
        lock.release()


def test_a_reading_command_does_not_upgrade_a_store_someone_else_is_editing(tmp_path, cli):
    import shutil

    old = tmp_path / "old.lapdesk"
    shutil.copy(Path(__file__).parent / "fixtures" / "stores" / "v1-basic.lapdesk", old)
    holder = WriterLock(old, user="fb")
    holder.acquire()
    try:
        result = cli("--store", old, "contributions", "--json")
        assert result.code == 1 and "fb" in result.err
        import sqlite3

        assert sqlite3.connect(old).execute("PRAGMA user_version").fetchone()[0] == 1
    finally:
        holder.release()
    assert cli("--store", old, "contributions", "--json").code == 0  # upgraded, then read
    assert not lock_path_for(old).exists()  # the lock was held only for the upgrade
