"""Starting a round from a draft: its nodes written into the store, as one undoable change.

The draft's nodes become the store's framework (the current round).  When the round before
was a draft too, each new node is aligned with the node it revises (:mod:`alignment`) and
keeps that node's key and row, so its amendments stay attached; nodes that found no
successor stay in the store as part of the earlier round.  A store whose first framework
predates rounds (the concept-note consultation) gets that framework registered as round one,
still readable.  A store just created for the draft starts with the draft alone.  In a
team, two members who start the round from the same draft make one round
(:mod:`lapdesk.rounds.row_ids`).
"""

from __future__ import annotations

from pathlib import Path

from lapdesk.core.clock import now_iso
from lapdesk.rounds.alignment import align
from lapdesk.rounds.draft_reader import Draft, read_draft_file
from lapdesk.rounds.node_keys import KeyMaker
from lapdesk.rounds.row_ids import CONSULTATION_ROUND, round_key, row_id, with_id
from lapdesk.store.changes import Change, Recorder, record
from lapdesk.store.database import Store
from lapdesk.store.framework import current_round_id, nodes


def start_round(store: Store, draft: Draft, *, source_name: str, sha256: str | None = None,
                title: str | None = None, symbol: str | None = None,
                fresh: bool = False) -> Change:
    """Make ``draft`` the store's current round; ``result`` is the new round's id.

    :param fresh: the store was created for this draft: the framework it was seeded with
        is removed rather than kept as a round of its own.
    """
    title = title or draft.title
    with record(store, f"Start the round on {title}", source=source_name) as rec:
        previous = _close_previous(rec, fresh=fresh)
        old_nodes = nodes(store) if previous == "draft" else []
        revision = draft.revision
        if previous == "draft" and not revision:
            last = store.query_one("SELECT revision FROM rounds WHERE id = ?",
                                   (current_round_id(store),))
            revision = last["revision"] + 1
        key = round_key(current_round_id(store), sha256, source_name)
        round_id = rec.insert("rounds", with_id({
            "kind": "draft", "title": title, "symbol": symbol or draft.symbol,
            "revision": revision, "source_name": source_name, "source_sha256": sha256,
            "created_at": now_iso(), "created_by": store.author},
            row_id(store, "rounds", key)))
        _write_nodes(rec, draft, round_id, old_nodes)
        _set_current(rec, round_id)
        rec.change.result = round_id
    return rec.change


def start_round_from_file(store: Store, path: Path, *, fresh: bool = False) -> Change:
    """:func:`start_round` on the draft in ``path`` (what the desk's File menu and the CLI do)."""
    import hashlib

    draft, data = read_draft_file(Path(path))
    return start_round(store, draft, source_name=Path(path).name,
                       sha256=hashlib.sha256(data).hexdigest(), fresh=fresh)


def _close_previous(rec: Recorder, *, fresh: bool) -> str | None:
    """The kind of the round being left; registers a pre-rounds framework as round one."""
    store = rec.store
    current = current_round_id(store)
    if current is not None:
        return store.query_one("SELECT kind FROM rounds WHERE id = ?", (current,))["kind"]
    rows = nodes(store)
    if fresh:
        for row in sorted(rows, key=lambda r: -r["depth"]):
            rec.delete("framework_nodes", {"id": row["id"]})
        return None
    title = store.query_one("SELECT value FROM settings WHERE key = 'consultation_title'")
    round_id = rec.insert("rounds", with_id({
        "kind": "consultation", "title": title["value"] if title else "Consultation",
        "created_at": now_iso(), "created_by": store.author},
        row_id(store, "rounds", CONSULTATION_ROUND)))
    for row in rows:
        rec.update("framework_nodes", {"id": row["id"]}, {"round_id": round_id})
    for row in store.query("SELECT id FROM contributions WHERE round_id IS NULL"):
        rec.update("contributions", {"id": row["id"]}, {"round_id": round_id})
    return "consultation"


def _write_nodes(rec: Recorder, draft: Draft, round_id: int, old_nodes: list[dict]) -> None:
    store = rec.store
    kinds = {"section": "section", "paragraph": "question"}
    paired = align([(kinds[n.kind], n.label, n.text) for n in draft.nodes],
                   [{**row, "text": row["text"] or row["title"]} for row in old_nodes])
    old_by_id = {row["id"]: row for row in old_nodes}
    keys = KeyMaker({row["key"] for row in store.query("SELECT key FROM framework_nodes")})
    ids: list[int] = []
    positions: dict[int | None, int] = {}
    section_key: str | None = None
    unnumbered = 0
    for index, node in enumerate(draft.nodes):
        parent_id = ids[node.parent] if node.parent is not None else None
        position = positions.get(parent_id, 0)
        positions[parent_id] = position + 1
        values = {"round_id": round_id, "parent_id": parent_id, "position": position,
                  "kind": kinds[node.kind], "number": node.number, "label": node.label,
                  "title": node.title, "short_title": node.label if node.label else
                  (node.title if node.kind == "section" else ""),
                  "text": node.text if node.kind == "paragraph" else ""}
        if index in paired:
            node_id = paired[index]
            rec.update("framework_nodes", {"id": node_id}, values)
            key = old_by_id[node_id]["key"]
        else:
            if node.kind == "section":
                key = keys.for_section(node.text)
            else:
                unnumbered += not node.label
                parent_key = _key_of(store, parent_id)
                key = keys.for_paragraph(node.family, node.label, section_key, parent_key,
                                         unnumbered)
            node_id = rec.insert("framework_nodes", {"key": key, **values})
        if node.kind == "section":
            section_key, unnumbered = key, 0
        ids.append(node_id)
        rec.insert("node_versions", {
            "round_id": round_id, "node_id": node_id, "parent_id": parent_id,
            "position": position, "kind": values["kind"], "number": node.number,
            "label": node.label, "title": node.title, "text": values["text"]})


def _key_of(store: Store, node_id: int | None) -> str | None:
    if node_id is None:
        return None
    row = store.query_one("SELECT key FROM framework_nodes WHERE id = ?", (node_id,))
    return row["key"] if row else None


def _set_current(rec: Recorder, round_id: int) -> None:
    if rec.store.query_one("SELECT 1 AS x FROM settings WHERE key = 'current_round'"):
        rec.update("settings", {"key": "current_round"}, {"value": str(round_id)})
    else:
        rec.insert("settings", {"key": "current_round", "value": str(round_id)})
