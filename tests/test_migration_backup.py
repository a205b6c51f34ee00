"""A store is backed up before it is migrated to a newer schema; a newer store is refused."""

import shutil
import sqlite3
from pathlib import Path

import pytest

from lapdesk.core.errors import NewerSchemaError
from lapdesk.store import backup, migrations
from lapdesk.store.connection import open_store

STORES = Path(__file__).parent / "fixtures" / "stores"
OLD_STORES = [p for p in sorted(STORES.glob("v*.lapdesk"))
              if int(p.stem.split("-")[0][1:]) < migrations.SCHEMA_VERSION]


@pytest.mark.skipif(not OLD_STORES, reason="no fixture store older than the current schema")
@pytest.mark.parametrize("fixture", OLD_STORES, ids=lambda p: p.name)
def test_a_backup_at_the_old_version_is_taken_before_migrating(fixture, tmp_path):
    copy = tmp_path / fixture.name
    shutil.copy(fixture, copy)
    old_version = int(fixture.stem.split("-")[0][1:])
    with open_store(copy) as store:
        assert migrations.schema_version(store.conn) == migrations.SCHEMA_VERSION
        backups = backup.list_backups(backup.backup_folder(store.conn, copy), copy.name)
    assert [b.reason for b in backups] == ["before-migration"]
    conn = sqlite3.connect(backups[0].path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == old_version
    assert conn.execute("SELECT count(*) FROM contributions").fetchone()[0] >= 1
    # Opening again does not back up again: nothing to migrate.
    open_store(copy).close()
    assert len(backup.list_backups(copy.with_name(copy.name + ".backups"), copy.name)) == 1


def test_a_current_store_is_not_backed_up_on_open(store_path):
    open_store(store_path).close()
    open_store(store_path).close()
    assert not store_path.with_name(store_path.name + ".backups").exists()


def test_a_store_from_a_newer_lapdesk_is_refused_and_not_backed_up(store_path):
    open_store(store_path).close()
    conn = sqlite3.connect(store_path)
    conn.execute(f"PRAGMA user_version = {migrations.SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    with pytest.raises(NewerSchemaError, match="newer version of LAPDesk"):
        open_store(store_path)
    assert not store_path.with_name(store_path.name + ".backups").exists()
