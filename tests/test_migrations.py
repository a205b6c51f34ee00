"""Migrations: an empty database, then each version in turn; fixture stores of old versions."""

import shutil
import sqlite3
from pathlib import Path

import pytest

from lapdesk.store import migrations
from lapdesk.store.connection import open_store
from lapdesk.store.integrity import check

STORES = Path(__file__).parent / "fixtures" / "stores"


def test_each_version_applies_on_top_of_the_previous_one(tmp_path):
    conn = sqlite3.connect(tmp_path / "s.lapdesk", isolation_level=None)
    for version in range(1, migrations.SCHEMA_VERSION + 1):
        conn.execute("BEGIN")
        for statement in migrations._split_sql(migrations.MIGRATIONS[version - 1]):
            conn.execute(statement)
        conn.execute(f"PRAGMA user_version = {version}")
        conn.execute("COMMIT")
        assert migrations.schema_version(conn) == version
    assert migrations.migrate(conn) == []


def test_migrate_from_empty_applies_every_version(tmp_path):
    conn = sqlite3.connect(tmp_path / "s.lapdesk", isolation_level=None)
    assert migrations.migrate(conn) == list(range(1, migrations.SCHEMA_VERSION + 1))


def test_a_failing_migration_leaves_the_version_unchanged(tmp_path, monkeypatch):
    conn = sqlite3.connect(tmp_path / "s.lapdesk", isolation_level=None)
    monkeypatch.setattr(migrations, "MIGRATIONS",
                        [*migrations.MIGRATIONS, "CREATE TABLE settings (x);"])
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", len(migrations.MIGRATIONS))
    with pytest.raises(sqlite3.OperationalError):
        migrations.migrate(conn)
    assert migrations.schema_version(conn) == migrations.SCHEMA_VERSION - 1


@pytest.mark.parametrize("fixture", sorted(STORES.glob("v*.lapdesk")), ids=lambda p: p.name)
def test_fixture_stores_of_every_earlier_version_migrate(fixture, tmp_path):
    copy = tmp_path / fixture.name
    shutil.copy(fixture, copy)
    with open_store(copy) as store:
        assert migrations.schema_version(store.conn) == migrations.SCHEMA_VERSION
        assert check(store)["ok"]
        assert store.query_one("SELECT count(*) AS n FROM contributions")["n"] >= 1


def test_there_is_a_fixture_store_for_every_version():
    versions = {int(p.stem.split("-")[0][1:]) for p in STORES.glob("v*.lapdesk")}
    assert versions == set(range(1, migrations.SCHEMA_VERSION + 1))


def test_an_older_store_gets_the_registry_s_french_names_when_upgraded(tmp_path):
    """Schema 4 adds French names: the built-in contributors of a version-3 store get theirs."""
    copy = tmp_path / "v3.lapdesk"
    shutil.copy(STORES / "v3-basic.lapdesk", copy)
    with open_store(copy) as store:
        austria = store.query_one("SELECT name_fr, article_fr FROM contributors WHERE key = 'aut'")
        assert (austria["name_fr"], austria["article_fr"]) == ("Autriche", "l'")
        missing = store.query_one("SELECT count(*) AS n FROM contributors WHERE name_fr = ''")
        assert missing["n"] == 0


def test_an_older_store_gets_the_registry_s_adjectives_when_upgraded(tmp_path):
    """Schema 5 adds nationality adjectives, by which detection reads "the Austrian Government"."""
    copy = tmp_path / "v4.lapdesk"
    shutil.copy(STORES / "v4-basic.lapdesk", copy)
    with open_store(copy) as store:
        austria = store.query_one("SELECT adjectives FROM contributors WHERE key = 'aut'")
        assert austria["adjectives"].split("|")[:2] == ["Austrian", "autrichien"]


def test_an_older_store_gets_the_framework_s_french_question_titles(tmp_path):
    """A French paper from a store made before the questions had French titles is French."""
    copy = tmp_path / "v4.lapdesk"
    shutil.copy(STORES / "v4-basic.lapdesk", copy)
    with open_store(copy) as store:
        q1 = store.query_one("SELECT title_fr FROM framework_nodes WHERE key = 'structure.q1'")
        assert q1["title_fr"].startswith("Quel devrait être l'objectif principal")
        untitled = store.query_one(
            "SELECT count(*) AS n FROM framework_nodes WHERE kind = 'question' AND title_fr = ''")
        assert untitled["n"] == 0


def test_a_store_seeded_from_another_framework_keeps_its_own_titles(tmp_path):
    from lapdesk.core.paths import resource
    from lapdesk.store.seed import SeedFiles

    other = tmp_path / "other.toml"
    text = resource("frameworks", "lap-2020-concept-note.toml").read_text(encoding="utf-8")
    other.write_text(text.replace('id = "lap-2020-concept-note"', 'id = "another-plan"'),
                     encoding="utf-8")
    with open_store(tmp_path / "s.lapdesk", framework=other) as store:
        store.conn.execute("UPDATE framework_nodes SET title_fr = ''")
        migrations.fill_translations(store.conn, SeedFiles())  # the built-in file: not this store's
        assert store.query_one("SELECT count(*) AS n FROM framework_nodes"
                               " WHERE title_fr != ''")["n"] == 0
        migrations.fill_translations(store.conn, SeedFiles(framework=other))  # its own file: filled
        assert store.query_one("SELECT count(*) AS n FROM framework_nodes"
                               " WHERE title_fr = ''")["n"] == 0


def test_a_store_of_schema_7_becomes_a_team_store_after_its_upgrade(tmp_path):
    """Schema 8 (team work): an older store keeps its ids and rows, works alone as before,
    and can start a team; its new rows then get random ids."""
    from lapdesk.store import excerpts
    from lapdesk.team import replica

    copy = tmp_path / "v7.lapdesk"
    shutil.copy(STORES / "v7-basic.lapdesk", copy)
    with open_store(copy) as store:
        old_ids = [r["id"] for r in store.query("SELECT id FROM excerpts")]
        assert old_ids and max(old_ids) < 2**31 and store.capture is None
        replica.start_team(store, name="Anne Bell")
        contribution = store.query_one("SELECT id FROM contributions")["id"]
        new = excerpts.map_span(store, contribution, ["universalisation"], start=0, end=5)
        assert 2**31 <= new.result < 2**53
        assert store.query_one("SELECT count(*) AS n FROM team_outbox")["n"] == 1
        assert check(store)["ok"]
