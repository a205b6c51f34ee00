"""The store's rounds, read: which there are, which is current, and each one's nodes.

The current round's nodes are the framework (:func:`lapdesk.store.framework.nodes`); an
earlier draft round's nodes are read from ``node_versions``, as the draft was issued, since a
later draft may have renumbered or rewritten them in place; a consultation's nodes are the
framework nodes it was run on (they never move to another round).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from lapdesk.core.errors import NotFoundError
from lapdesk.store.database import Store
from lapdesk.store.framework import current_round_id, in_tree_order, nodes


@dataclass(frozen=True)
class Round:
    id: int
    kind: str            # consultation, draft
    title: str
    symbol: str
    revision: int        # 0 for a zero draft, n for a draft that is Rev.n
    source_name: str
    created_at: str
    current: bool

    def as_dict(self) -> dict:
        return asdict(self)

    @property
    def next_symbol(self) -> str:
        """The symbol of the revision this round prepares: ".../WP.1" -> ".../WP.1/Rev.1"."""
        base = self.symbol.rsplit("/Rev.", 1)[0] if "/Rev." in self.symbol else self.symbol
        return f"{base}/Rev.{self.revision + 1}" if base else ""


def _round(row: dict, current: int | None) -> Round:
    return Round(id=row["id"], kind=row["kind"], title=row["title"], symbol=row["symbol"],
                 revision=row["revision"], source_name=row["source_name"],
                 created_at=row["created_at"], current=row["id"] == current)


def rounds(store: Store) -> list[Round]:
    current = current_round_id(store)
    # In the order they ran: the consultation, then the drafts by revision (not by id: ids
    # are random in a team's replica, lapdesk.store.ids).
    return [_round(row, current) for row in store.query(
        "SELECT * FROM rounds ORDER BY kind = 'draft', revision, created_at, id")]


def round_by_id(store: Store, round_id: int) -> Round:
    row = store.query_one("SELECT * FROM rounds WHERE id = ?", (round_id,))
    if row is None:
        raise NotFoundError(f"There is no round number {round_id}.")
    return _round(row, current_round_id(store))


def current_round(store: Store) -> Round | None:
    current = current_round_id(store)
    return round_by_id(store, current) if current is not None else None


def round_nodes(store: Store, round_id: int | None) -> list[dict]:
    """A round's nodes, parents before children (``depth`` set), as the round had them."""
    if round_id == current_round_id(store):
        return nodes(store)
    kind = store.query_one("SELECT kind FROM rounds WHERE id = ?", (round_id,))
    if kind is None:
        raise NotFoundError(f"There is no round number {round_id}.")
    if kind["kind"] == "consultation":
        rows = store.query("SELECT * FROM framework_nodes WHERE round_id = ? ORDER BY position,"
                           " id", (round_id,))
    else:
        rows = store.query(
            "SELECT n.id, n.key, n.short_title, n.title_fr, n.title_es, n.description,"
            " n.synthesis, v.parent_id, v.position, v.kind, v.number, v.label, v.title, v.text,"
            " v.round_id FROM node_versions v JOIN framework_nodes n ON n.id = v.node_id"
            " WHERE v.round_id = ? ORDER BY v.position, n.id", (round_id,))
    return in_tree_order(rows)


def tree_of(rows: list[dict]) -> list[dict]:
    """Nodes as the nested shape of ``lapdesk framework``."""
    by_id: dict[int, dict] = {}
    roots: list[dict] = []
    for row in rows:
        item = {"key": row["key"], "title": row["title"], "kind": row["kind"],
                "number": row["number"], "short_title": row["short_title"],
                "title_fr": row["title_fr"], "title_es": row["title_es"],
                "label": row["label"], "text": row["text"], "children": []}
        by_id[row["id"]] = item
        parent = by_id.get(row["parent_id"]) if row["parent_id"] else None
        (parent["children"] if parent else roots).append(item)
    return roots
