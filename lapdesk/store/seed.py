"""What a new store starts with: the framework, the contributor registry and the settings.

Read from ``resources/`` (or from the files the caller names: a team with its own framework),
all in one transaction, right after the store's file is created — or when a store killed
between its creation and its seeding is next opened.  After that the store's copy is the
truth; the files only fill in, at an upgrade, what a later migration added
(:data:`lapdesk.store.migrations.FILLS`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from lapdesk.core.paths import resource
from lapdesk.store import framework, registry
from lapdesk.store.database import Store

DEFAULT_FRAMEWORK = ("frameworks", "lap-2020-concept-note.toml")
DEFAULT_REGISTRY = ("registry", "contributors.csv")
SEEDED_TABLES = ("framework_nodes", "contributors", "settings")


@dataclass(frozen=True)
class SeedFiles:
    """The files a store is seeded from; ``None`` means the one in ``resources/``."""

    framework: Path | None = None
    registry: Path | None = None

    @property
    def framework_path(self) -> Path:
        return self.framework or resource(*DEFAULT_FRAMEWORK)

    @property
    def registry_path(self) -> Path:
        return self.registry or resource(*DEFAULT_REGISTRY)


def is_unseeded(store: Store) -> bool:
    """Whether the store has none of what seeding writes (a creation cut short)."""
    return not any(store.query(f"SELECT 1 AS x FROM {table} LIMIT 1")  # (fixed names)
                   for table in SEEDED_TABLES)


def seed(store: Store, files: SeedFiles) -> None:
    """Fill an empty store's framework, settings and registry, in one transaction."""
    data = framework.load_framework_file(files.framework_path)
    rows = registry.read_registry_file(files.registry_path)
    with store.transaction():
        _insert_nodes(store, data["nodes"], None)
        meta = data.get("framework", {})
        values = {**{k: str(v) for k, v in data.get("consultation", {}).items()},
                  "framework_id": meta.get("id", ""), "framework_title": meta.get("title", "")}
        store.executemany("INSERT OR IGNORE INTO settings (key, value) VALUES (?, ?)",
                          list(values.items()))
        for row in rows:
            _insert_contributor(store, row)


def _insert_nodes(store: Store, nodes: list[dict], parent_id: int | None) -> None:
    for position, node in enumerate(nodes):
        values = {f: node.get(f, "") for f in framework.NODE_FIELDS}
        node_id = store.insert(
            "INSERT INTO framework_nodes (key, parent_id, kind, position, number, title,"
            " title_fr, title_es, short_title, description, label, text) VALUES (:key,"
            " :parent_id, :kind, :position, :number, :title, :title_fr, :title_es,"
            " :short_title, :description, :label, :text)",
            {**values, "key": node["key"], "parent_id": parent_id, "kind": node["kind"],
             "position": position},
        )
        _insert_nodes(store, node.get("children", []), node_id)


def _insert_contributor(store: Store, row: dict) -> None:
    contributor_id = store.insert(
        "INSERT INTO contributors (key, name, kind, status, iso3, regional_group,"
        " name_fr, article_fr, adjectives) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (row["key"], row["name"], row["kind"], row["status"] or "other",
         row.get("iso3") or None, row.get("regional_group") or None,
         row.get("name_fr") or "", row.get("article_fr") or "", row.get("adjectives") or ""),
    )
    aliases = {a.strip() for a in (row.get("aliases") or "").split("|") if a.strip()}
    store.executemany(
        "INSERT OR IGNORE INTO contributor_aliases (contributor_id, alias) VALUES (?, ?)",
        [(contributor_id, alias) for alias in sorted(aliases)],
    )
