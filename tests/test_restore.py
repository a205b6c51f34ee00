"""Restore: a checked backup replaces the store, and the current store is always kept first."""

import sqlite3
from pathlib import Path

import pytest
from builders import add_text_contribution

from lapdesk.core.errors import NotAStoreError, StoreError
from lapdesk.store import backup, migrations
from lapdesk.store.connection import open_store
from lapdesk.store.integrity import check
from lapdesk.store.lock import lock_path_for


def _count(path) -> int:
    with open_store(path, readonly=True) as store:
        return store.query_one("SELECT count(*) AS n FROM contributions")["n"]


def test_restore_brings_back_the_backup_and_keeps_the_current_store(store_path, cli, tmp_path):
    with open_store(store_path) as store:
        add_text_contribution(store, ["First."])
        saved = backup.take_backup(store.conn, store.path, out=tmp_path / "saved.lapdesk")
        add_text_contribution(store, ["Second, made after the backup."])
    result = cli("--store", store_path, "--json", "restore", saved)
    assert result.code == 0, result.err
    assert _count(store_path) == 1
    kept = result.json()["kept_as"]
    assert "before-restore" in kept and _count(kept) == 2
    with open_store(store_path) as store:
        assert check(store)["ok"]
    assert not lock_path_for(store_path).exists()


def test_a_stale_wal_beside_the_old_store_is_not_replayed_onto_the_restored_one(
        store_path, tmp_path):
    with open_store(store_path) as store:
        add_text_contribution(store, ["First."])
        saved = backup.take_backup(store.conn, store.path, out=tmp_path / "saved.lapdesk")
    import shutil

    wal = Path(f"{store_path}-wal")
    writer = open_store(store_path)  # a crash leaves a WAL holding a committed change
    add_text_contribution(writer, ["In the WAL only."])
    shutil.copy(wal, tmp_path / "left-behind-wal")
    writer.close()
    shutil.copy(tmp_path / "left-behind-wal", wal)
    assert _count(store_path) == 2  # SQLite would replay it
    shutil.copy(tmp_path / "left-behind-wal", wal)
    from lapdesk.store.restore import restore

    restore(store_path, saved)
    assert _count(store_path) == 1


def test_a_file_that_is_not_a_store_is_refused_and_nothing_changes(store_path, cli, tmp_path):
    open_store(store_path).close()
    bogus = tmp_path / "letter.lapdesk"
    bogus.write_text("Excellency")
    result = cli("--store", store_path, "restore", bogus)
    assert result.code == 1 and "not a LAPDesk store" in result.err
    assert not store_path.with_name("test.lapdesk.backups").exists()


def test_a_backup_that_fails_check_is_refused(store_path, tmp_path):
    with open_store(store_path) as store:
        add_text_contribution(store, ["Text."])
        saved = backup.take_backup(store.conn, store.path, out=tmp_path / "saved.lapdesk")
    conn = sqlite3.connect(saved)
    conn.execute("UPDATE blobs SET data = X'00'")
    conn.commit()
    conn.close()
    from lapdesk.store.restore import restore

    with pytest.raises(StoreError, match="does not pass the integrity check"):
        restore(store_path, saved)
    assert _count(store_path) == 1


def test_a_newer_backup_is_refused(store_path, tmp_path):
    with open_store(store_path) as store:
        saved = backup.take_backup(store.conn, store.path, out=tmp_path / "saved.lapdesk")
    conn = sqlite3.connect(saved)
    conn.execute(f"PRAGMA user_version = {migrations.SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    from lapdesk.core.errors import NewerSchemaError
    from lapdesk.store.restore import restore

    with pytest.raises(NewerSchemaError):
        restore(store_path, saved)


def test_restore_waits_for_the_lock(store_path, tmp_path, cli):
    with open_store(store_path) as store:
        saved = backup.take_backup(store.conn, store.path, out=tmp_path / "saved.lapdesk")
    with open_store(store_path, lock=True):
        result = cli("--store", store_path, "restore", saved)
    assert result.code == 1 and "is being edited by" in result.err


def test_restore_works_over_a_store_too_damaged_to_open(store_path, tmp_path, cli):
    with open_store(store_path) as store:
        add_text_contribution(store, ["Text."])
        saved = backup.take_backup(store.conn, store.path, out=tmp_path / "saved.lapdesk")
    store_path.write_bytes(b"SQLite format 3\x00" + b"\xde\xad" * 5000)
    with pytest.raises(NotAStoreError):
        open_store(store_path)
    result = cli("--store", store_path, "--json", "restore", saved)
    assert result.code == 0, result.err
    assert _count(store_path) == 1
    kept = result.json()["kept_as"]
    assert Path(kept).read_bytes()[:20] == b"SQLite format 3\x00\xde\xad\xde\xad"


def test_restore_into_the_store_the_desk_holds_open(store_path, tmp_path):
    from lapdesk.store.restore import restore

    with open_store(store_path) as store:
        add_text_contribution(store, ["First."])
        saved = backup.take_backup(store.conn, store.path, out=tmp_path / "saved.lapdesk")
    with open_store(store_path, lock=True) as held:
        add_text_contribution(held, ["Second."])
        result = restore(store_path, saved, held_lock=held.writer_lock)
        # The desk's own connection sees the restored content at once, and can go on writing.
        assert held.query_one("SELECT count(*) AS n FROM contributions")["n"] == 1
        add_text_contribution(held, ["Third, after the restore."])
        assert check(held)["ok"]
        assert held.writer_lock.held
    assert _count(store_path) == 2
    assert _count(result["kept_as"]) == 2


def test_a_backup_from_an_older_lapdesk_is_restored_at_the_current_schema(store_path, tmp_path):
    import shutil

    from lapdesk.store.restore import restore

    old = tmp_path / "v1.lapdesk"
    shutil.copy(Path(__file__).parent / "fixtures" / "stores" / "v1-basic.lapdesk", old)
    open_store(store_path).close()
    restore(store_path, old)
    with open_store(store_path, readonly=True) as store:
        assert migrations.schema_version(store.conn) == migrations.SCHEMA_VERSION
        assert store.query_one("SELECT count(*) AS n FROM contributions")["n"] >= 1
    assert sqlite3.connect(old).execute("PRAGMA user_version").fetchone()[0] == 1  # untouched


@pytest.mark.parametrize("cancel_at", [1, 2])
def test_a_cancelled_restore_leaves_the_store_as_it_was(store_path, tmp_path, cancel_at):
    """Cancel is heard before each step; the store is only ever replaced whole."""
    from lapdesk.core.progress import Cancelled, CancelToken
    from lapdesk.store.restore import restore

    with open_store(store_path) as store:
        add_text_contribution(store, ["First."])
        saved = backup.take_backup(store.conn, store.path, out=tmp_path / "saved.lapdesk")
        add_text_contribution(store, ["Second, made after the backup."])
    token, steps = CancelToken(), []

    def progress(done, total, label):
        steps.append((done, total, label))
        if done == cancel_at - 1:
            token.cancel()

    with pytest.raises(Cancelled):
        restore(store_path, saved, progress=progress, cancel=token)
    assert len(steps) == cancel_at and steps[0][:2] == (0, 3)
    assert _count(store_path) == 2
    assert not lock_path_for(store_path).exists()


def test_a_restore_reports_its_three_steps(store_path, tmp_path):
    from lapdesk.store.restore import restore

    with open_store(store_path) as store:
        saved = backup.take_backup(store.conn, store.path, out=tmp_path / "saved.lapdesk")
    steps = []
    restore(store_path, saved, progress=lambda *step: steps.append(step))
    assert [done for done, _, _ in steps] == [0, 1, 2, 3]
    assert steps[-1][2] == "Restored"
