import os
import sqlite3
import stat

import pytest

from lapdesk.core.errors import NewerSchemaError, NotAStoreError, StoreError
from lapdesk.store import framework, migrations, registry, settings
from lapdesk.store.connection import open_store


def test_new_store_is_seeded_with_framework_registry_and_settings(store_path):
    with open_store(store_path) as store:
        assert [s["key"] for s in framework.sections(store)][:3] == [
            "structure", "cross_cutting", "universalisation"]
        assert len(registry.contributors(store)) >= 123
        assert settings.get(store, "deadline") == "2020-06-08"
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == migrations.SCHEMA_VERSION
        assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_reopening_does_not_seed_twice(store_path):
    with open_store(store_path) as store:
        count = len(framework.nodes(store))
    with open_store(store_path) as store:
        assert len(framework.nodes(store)) == count


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_store_is_created_for_the_user_only(store_path):
    open_store(store_path).close()
    assert stat.S_IMODE(store_path.stat().st_mode) == 0o600


def test_a_text_file_is_not_a_store(tmp_path):
    path = tmp_path / "letter.lapdesk"
    path.write_text("Excellency, ...")
    with pytest.raises(NotAStoreError, match="not a LAPDesk store"):
        open_store(path)
    assert path.read_text() == "Excellency, ..."


def test_someone_elses_sqlite_database_is_left_alone(tmp_path):
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE mine (x)")
    conn.commit()
    conn.close()
    with pytest.raises(NotAStoreError):
        open_store(path)
    conn = sqlite3.connect(path)
    assert [r[0] for r in conn.execute("SELECT name FROM sqlite_master")] == ["mine"]


def test_a_newer_schema_is_refused_and_left_untouched(store_path):
    open_store(store_path).close()
    conn = sqlite3.connect(store_path)
    conn.execute(f"PRAGMA user_version = {migrations.SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    with pytest.raises(NewerSchemaError, match="newer version of LAPDesk"):
        open_store(store_path)
    with pytest.raises(NewerSchemaError):
        open_store(store_path, readonly=True)
    conn = sqlite3.connect(store_path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == migrations.SCHEMA_VERSION + 1


def test_missing_store_is_not_created_when_reading_only(tmp_path):
    with pytest.raises(StoreError, match="no store"):
        open_store(tmp_path / "absent.lapdesk", readonly=True)


def test_readonly_store_refuses_writes(store_path):
    open_store(store_path).close()
    with open_store(store_path, readonly=True) as store:
        from lapdesk.core.errors import ReadOnlyStoreError

        with pytest.raises(ReadOnlyStoreError):
            settings.update(store, {"symbol": "X"})


def test_transactions_nest_and_roll_back_as_one(store):
    with pytest.raises(RuntimeError), store.transaction():
        store.conn.execute("INSERT INTO settings VALUES ('a', '1')")
        with store.transaction():
            store.conn.execute("INSERT INTO settings VALUES ('b', '2')")
        raise RuntimeError
    assert settings.get(store, "a") == "" and settings.get(store, "b") == ""
