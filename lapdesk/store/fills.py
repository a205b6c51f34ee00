"""What migrations fill in, from the seed files, for the rows an older store already holds.

A migration that adds what the built-in files hold (a column of the registry, a translation of
the framework) fills it for the built-in rows of a store created before it, in its own
transaction (:data:`lapdesk.store.migrations.FILLS`); a value already set, by the file or by
the team, stays.  Like the migrations, these run on a connection of either SQLite library.
"""

from __future__ import annotations

from lapdesk.store import framework, registry
from lapdesk.store.seed import SeedFiles


def fill_contributor_columns(conn, files: SeedFiles, columns: tuple[str, ...]) -> None:
    """Give the built-in contributors what the registry file says in ``columns``, which a
    migration just added; a value already set stays."""
    rows = registry.read_registry_file(files.registry_path)
    for column in columns:  # (a fixed list of names, never the user's)
        conn.executemany(
            f"UPDATE contributors SET {column} = ? WHERE key = ? AND {column} = ''",
            [(row[column], row["key"]) for row in rows if row.get(column)],
        )


def fill_translations(conn, files: SeedFiles) -> None:
    """Give the nodes the French and Spanish titles the framework file has gained (the
    questions' French titles came with schema 5); titles already set, by the file or by the
    team, stay.  A store seeded from another framework is left alone."""
    data = framework.load_framework_file(files.framework_path)
    seeded_from = conn.execute("SELECT value FROM settings WHERE key = 'framework_id'").fetchone()
    if not seeded_from or seeded_from[0] != data.get("framework", {}).get("id", ""):
        return
    rows: list[tuple[str, str, str]] = []

    def collect(nodes: list[dict]) -> None:
        for node in nodes:
            for field in ("title_fr", "title_es"):
                if node.get(field):
                    rows.append((field, node[field], node["key"]))
            collect(node.get("children", []))

    collect(data["nodes"])
    for field in ("title_fr", "title_es"):  # (two fixed names, never the user's)
        conn.executemany(
            f"UPDATE framework_nodes SET {field} = ? WHERE key = ? AND {field} = ''",
            [(title, key) for f, title, key in rows if f == field],
        )
