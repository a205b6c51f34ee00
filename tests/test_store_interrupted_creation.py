"""A store whose creation was killed after its schema but before its seeding is completed."""

import sqlite3

from lapdesk.store import migrations
from lapdesk.store.connection import open_store


def test_a_store_killed_before_seeding_is_seeded_when_next_opened(store_path):
    conn = sqlite3.connect(store_path, isolation_level=None)
    migrations.migrate(conn)  # what a kill right after the migrations leaves behind
    conn.close()
    with open_store(store_path) as store:
        counts = {table: store.query_one(f"SELECT count(*) AS n FROM {table}")["n"]
                  for table in ("framework_nodes", "contributors", "settings")}
    assert all(counts.values()), counts
    with open_store(store_path) as store:  # and only once
        assert store.query_one("SELECT count(*) AS n FROM contributors")["n"] == counts[
            "contributors"]
