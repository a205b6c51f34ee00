"""The framework: the tree of parts, sections and questions contributions are mapped to.

Read from a TOML file (``resources/frameworks/``) when a store is seeded
(:mod:`lapdesk.store.seed`); after that the store's copy is the truth, and users edit it (add,
rename, reorder, remove) through recorded changes.  Order everywhere (tree, shortcuts, export) is the ``position`` among siblings.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from lapdesk.core.errors import LapdeskError, NotFoundError, UsageError
from lapdesk.store.changes import Change, record
from lapdesk.store.database import Store

KINDS = ("part", "section", "question")
NODE_FIELDS = ("number", "title", "title_fr", "title_es", "short_title", "description", "label",
               "text")
_KEY_PATTERN = re.compile(r"^[a-z0-9_]+(\.[a-z0-9_]+)*$")


def load_framework_file(path: Path) -> dict[str, Any]:
    """Read and validate a framework file; returns the parsed TOML."""
    try:
        with Path(path).open("rb") as handle:
            data = tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise LapdeskError(f"The framework file {path} cannot be read: {error}.") from error
    seen: set[str] = set()

    def check(nodes: list[dict]) -> None:
        for node in nodes:
            key = node.get("key", "")
            if not _KEY_PATTERN.match(key) or key in seen:
                raise LapdeskError(f"The framework file {path} has a missing or repeated key {key!r}.")
            if node.get("kind") not in KINDS or not node.get("title"):
                raise LapdeskError(f"The framework node {key!r} in {path} needs a kind and a title.")
            seen.add(key)
            check(node.get("children", []))

    check(data.get("nodes", []))
    if not seen:
        raise LapdeskError(f"The framework file {path} has no nodes.")
    return data


def current_round_id(store: Store) -> int | None:
    """The drafting round the store works on (``None``: its first framework, before rounds)."""
    row = store.query_one("SELECT value FROM settings WHERE key = 'current_round'")
    return int(row["value"]) if row and row["value"].isdigit() else None


def nodes(store: Store) -> list[dict]:
    """Every node of the current round, parents before children, siblings in order (the
    nodes of earlier rounds stay in the store: :mod:`lapdesk.rounds.round_store`)."""
    rows = store.query("SELECT * FROM framework_nodes WHERE round_id IS ? ORDER BY position, id",
                       (current_round_id(store),))
    return in_tree_order(rows)


def in_tree_order(rows: list[dict]) -> list[dict]:
    """Nodes parents first, each with its ``depth``; siblings keep the order given.  A node
    whose parent is not among ``rows`` is a root (a round's node under an earlier round's)."""
    ids = {row["id"] for row in rows}
    children: dict[int | None, list[dict]] = {}
    for row in rows:
        parent = row["parent_id"] if row["parent_id"] in ids else None
        children.setdefault(parent, []).append(row)
    ordered: list[dict] = []

    def walk(parent: int | None, depth: int) -> None:
        for row in children.get(parent, []):
            ordered.append({**row, "depth": depth})
            walk(row["id"], depth + 1)

    walk(None, 0)
    return ordered


def tree(store: Store) -> list[dict]:
    """The framework as nested ``{key, title, kind, children}`` dicts (the CLI's shape)."""
    by_id: dict[int, dict] = {}
    roots: list[dict] = []
    for row in nodes(store):
        item = {
            "key": row["key"], "title": row["title"], "kind": row["kind"],
            "number": row["number"], "short_title": row["short_title"],
            "title_fr": row["title_fr"], "title_es": row["title_es"], "label": row["label"],
            "text": row["text"], "children": [],
        }
        by_id[row["id"]] = item
        (by_id[row["parent_id"]]["children"] if row["parent_id"] else roots).append(item)
    return roots


def sections(store: Store) -> list[dict]:
    """Section nodes in framework order: the targets of Ctrl+1 ... Ctrl+9 and export chapters."""
    return [row for row in nodes(store) if row["kind"] == "section"]


def node(store: Store, key: str) -> dict:
    row = store.query_one("SELECT * FROM framework_nodes WHERE key = ?", (key,))
    if row is None:
        raise NotFoundError(f"There is no section or question with the key {key!r}.")
    return row


def node_by_id(store: Store, node_id: int) -> dict:
    row = store.query_one("SELECT * FROM framework_nodes WHERE id = ?", (node_id,))
    if row is None:
        raise NotFoundError(f"There is no section or question number {node_id}.")
    return row


def section_of(store: Store, key: str) -> dict:
    """The section a node belongs to (the node itself when it is a section)."""
    row = node(store, key)
    while row["kind"] != "section" and row["parent_id"] is not None:
        row = node_by_id(store, row["parent_id"])
    return row


def add_node(store: Store, *, parent_key: str | None, key: str, title: str,
             kind: str = "question", position: int | None = None, **fields: str) -> Change:
    """Add a node (e.g. a cross-cutting topic on gender and diversity) to the store's tree."""
    if not _KEY_PATTERN.match(key):
        raise UsageError(f"{key!r} is not a valid key: use lowercase letters, digits, _ and dots.")
    if kind not in KINDS:
        raise UsageError(f"{kind!r} is not a kind of node; use part, section or question.")
    if store.query_one("SELECT 1 AS x FROM framework_nodes WHERE key = ?", (key,)):
        raise UsageError(f"A section or question with the key {key!r} already exists.")
    parent_id = node(store, parent_key)["id"] if parent_key else None
    siblings = _siblings(store, parent_id)
    position = len(siblings) if position is None else max(0, min(position, len(siblings)))
    with record(store, f"Add “{title}” to the framework", key=key) as rec:
        for sibling in siblings[position:]:
            rec.update("framework_nodes", {"id": sibling["id"]},
                       {"position": sibling["position"] + 1})
        rec.change.result = rec.insert("framework_nodes", {
            "key": key, "parent_id": parent_id, "kind": kind, "position": position,
            "title": title, "round_id": current_round_id(store), **{f: fields[f] for f in NODE_FIELDS if f in fields and f != "title"},
        })
    return rec.change


def update_node(store: Store, key: str, **fields: str) -> Change:
    """Rename a node or change its other texts (titles, number, description, synthesis)."""
    allowed = {*NODE_FIELDS, "synthesis"}
    unknown = set(fields) - allowed
    if unknown:
        raise UsageError(f"A framework node has no field {sorted(unknown)[0]!r}.")
    row = node(store, key)
    with record(store, f"Edit “{row['short_title'] or row['title']}”", key=key) as rec:
        rec.update("framework_nodes", {"id": row["id"]}, fields)
    return rec.change


def set_synthesis(store: Store, key: str, text: str) -> Change:
    """Save the Presidency's synthesis (Markdown: bold, italic, lists) for a node."""
    return update_node(store, key, synthesis=text)


def move_node(store: Store, key: str, position: int) -> Change:
    """Reorder a node among its siblings."""
    row = node(store, key)
    siblings = [s for s in _siblings(store, row["parent_id"]) if s["id"] != row["id"]]
    position = max(0, min(position, len(siblings)))
    siblings.insert(position, row)
    with record(store, f"Move “{row['short_title'] or row['title']}”", key=key) as rec:
        for index, sibling in enumerate(siblings):
            rec.update("framework_nodes", {"id": sibling["id"]}, {"position": index})
    return rec.change


def remove_node(store: Store, key: str) -> Change:
    """Remove a node, its children and their mappings (undoable)."""
    row = node(store, key)
    with record(store, f"Remove “{row['short_title'] or row['title']}”", key=key) as rec:
        _remove(rec, row["id"])
    return rec.change


def _remove(rec, node_id: int) -> None:
    for child in rec.store.query("SELECT id FROM framework_nodes WHERE parent_id = ?", (node_id,)):
        _remove(rec, child["id"])
    rec.delete_where("mappings", "node_id = ?", (node_id,))
    rec.delete_where("suggestions", "node_id = ?", (node_id,))
    for amendment in rec.store.query("SELECT id FROM amendments WHERE node_id = ?", (node_id,)):
        rec.delete_where("amendment_contributors", "amendment_id = ?", (amendment["id"],))
        rec.delete("amendments", {"id": amendment["id"]})
    rec.delete_where("node_versions", "node_id = ?", (node_id,))
    for topic in rec.store.query("SELECT id FROM topics WHERE node_id = ?", (node_id,)):
        rec.update("topics", {"id": topic["id"]}, {"node_id": None})
    rec.delete("framework_nodes", {"id": node_id})


def _siblings(store: Store, parent_id: int | None) -> list[dict]:
    return store.query(
        "SELECT id, position FROM framework_nodes WHERE parent_id IS ? AND round_id IS ?"
        " ORDER BY position, id", (parent_id, current_round_id(store)),
    )


def question_counts(store: Store) -> dict[str, int]:
    """How many questions sit under each node (shown beside it in the framework tree)."""
    rows = nodes(store)
    counts = {row["key"]: 0 for row in rows}
    by_id = {row["id"]: row for row in rows}
    for row in rows:
        if row["kind"] == "question":
            parent = by_id.get(row["parent_id"])
            while parent is not None:
                counts[parent["key"]] += 1
                parent = by_id.get(parent["parent_id"])
    return counts


def mapping_counts(store: Store) -> dict[str, dict[str, int]]:
    """Excerpts and distinct contributors mapped to each node or below it (the tree's counts).

    A contribution with no contributor yet counts as one contributor of its own, so that the
    count never hides a mapped passage.
    """
    rows = nodes(store)
    by_id = {row["id"]: row for row in rows}
    excerpts: dict[str, set[int]] = {row["key"]: set() for row in rows}
    contributors: dict[str, set[str]] = {row["key"]: set() for row in rows}
    # Two plain reads joined here: SQLite's planner, without statistics, builds a temporary
    # index for the join of the two on every call (70 ms on 2,000 contributions).
    people: dict[int, list[str]] = {}
    for row in store.query("SELECT contribution_id, contributor_id FROM"
                           " contribution_contributors WHERE chosen = 1"):
        people.setdefault(row["contribution_id"], []).append(str(row["contributor_id"]))
    for hit in store.query(
        "SELECT m.node_id, e.id AS excerpt_id, e.contribution_id FROM mappings m"
        " JOIN excerpts e ON e.id = m.excerpt_id"
    ):
        who = people.get(hit["contribution_id"]) or [f"contribution {hit['contribution_id']}"]
        current = by_id.get(hit["node_id"])
        while current is not None:
            excerpts[current["key"]].add(hit["excerpt_id"])
            contributors[current["key"]].update(who)
            current = by_id.get(current["parent_id"])
    return {
        key: {"excerpts": len(excerpts[key]), "contributors": len(contributors[key])}
        for key in excerpts
    }


def descendant_keys(store: Store, key: str) -> list[str]:
    """The node's key followed by the keys of every node below it, in framework order."""
    rows = nodes(store)
    start = next((i for i, row in enumerate(rows) if row["key"] == key), None)
    if start is None:
        node(store, key)  # raises NotFoundError with the usual sentence
    depth = rows[start]["depth"]
    keys = [key]
    for row in rows[start + 1:]:
        if row["depth"] <= depth:
            break
        keys.append(row["key"])
    return keys
