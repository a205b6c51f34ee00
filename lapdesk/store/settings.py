"""The consultation's settings, kept in the store so that every team member sees the same.

Conference and meeting names, the consultation's title, the deadline, the default document
symbol, the team's initials: seeded from the framework file's ``[consultation]`` table.
"""

from __future__ import annotations

from lapdesk.store.changes import Change, record
from lapdesk.store.connection import Store


def seed(store: Store, values: dict[str, str]) -> None:
    store.conn.executemany(
        "INSERT OR IGNORE INTO settings (key, value) VALUES (?, ?)", list(values.items())
    )


def get(store: Store, key: str, default: str = "") -> str:
    row = store.query_one("SELECT value FROM settings WHERE key = ?", (key,))
    return row["value"] if row else default


def all_settings(store: Store) -> dict[str, str]:
    return {row["key"]: row["value"] for row in store.query("SELECT * FROM settings ORDER BY key")}


def update(store: Store, values: dict[str, str]) -> Change:
    """Change several settings as one undoable action."""
    with record(store, "Change consultation settings", keys=sorted(values)) as rec:
        for key, value in values.items():
            if store.query_one("SELECT 1 AS x FROM settings WHERE key = ?", (key,)):
                rec.update("settings", {"key": key}, {"value": str(value)})
            else:
                rec.insert("settings", {"key": key, "value": str(value)})
    return rec.change
