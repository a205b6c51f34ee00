"""Excerpts (spans of a contribution's text), their mappings to the framework and annotations.

Every function here is one recorded change (see :mod:`lapdesk.store.changes`), so the GUI can
undo and redo it and the audit log says who did what.
"""

from __future__ import annotations

from collections.abc import Sequence

from lapdesk.core.clock import now_iso
from lapdesk.core.errors import NotFoundError, UsageError
from lapdesk.core.records import Annotation, Excerpt
from lapdesk.store import framework
from lapdesk.store.changes import Change, Recorder, record
from lapdesk.store.contributions import require, text_of
from lapdesk.store.database import Store

STANCES = ("supports", "opposes", "proposes", "concern", "question", "neutral")


def excerpt_row(store: Store, excerpt_id: int) -> dict:
    row = store.query_one("SELECT * FROM excerpts WHERE id = ?", (excerpt_id,))
    if row is None:
        raise NotFoundError(f"There is no excerpt number {excerpt_id}.")
    return row


def _span_text(store: Store, contribution_id: int, start: int, end: int) -> str:
    require(store, contribution_id)
    text = text_of(store, contribution_id)
    if not 0 <= start < end <= len(text):
        raise UsageError(
            f"The span {start}-{end} is outside contribution {contribution_id}, whose text has "
            f"{len(text)} characters."
        )
    passage = text[start:end]
    if not passage.strip():
        raise UsageError("The selected span holds no text.")
    return passage


def map_span(store: Store, contribution_id: int, node_keys: Sequence[str], *, start: int,
             end: int, stance: str | None = None, topic: str | None = None,
             summary: str | None = None, origin: str = "manual") -> Change:
    """Map a span to one or more nodes, reusing an excerpt with the very same span.

    ``result`` is the excerpt id.  With ``stance``, ``topic`` or ``summary`` an annotation is
    added in the same change.
    """
    passage = _span_text(store, contribution_id, start, end)
    nodes = [framework.node(store, key) for key in node_keys]
    titles = ", ".join(n["short_title"] or n["title"] for n in nodes)
    with record(store, f"Map excerpt to {titles}", contribution=contribution_id,
                start=start, end=end, nodes=list(node_keys)) as rec:
        existing = store.query_one(
            "SELECT id FROM excerpts WHERE contribution_id = ? AND start = ? AND \"end\" = ?",
            (contribution_id, start, end),
        )
        if existing:
            excerpt_id = existing["id"]
        else:
            excerpt_id = rec.insert("excerpts", {
                "contribution_id": contribution_id, "start": start, "end": end,
                "text": passage, "origin": origin, "created_at": now_iso(),
                "created_by": store.author,
            })
        for node in nodes:
            if not store.query_one(
                "SELECT 1 AS x FROM mappings WHERE excerpt_id = ? AND node_id = ?",
                (excerpt_id, node["id"]),
            ):
                rec.insert("mappings", {"excerpt_id": excerpt_id, "node_id": node["id"]})
        if stance or topic or summary:
            _add_annotation(rec, excerpt_id, stance=stance or "neutral", topic=topic,
                            summary=summary or "")
        rec.change.result = excerpt_id
    return rec.change


def map_excerpt(store: Store, excerpt_id: int, node_key: str) -> Change:
    """Add a mapping from an existing excerpt to another node."""
    excerpt_row(store, excerpt_id)
    node = framework.node(store, node_key)
    with record(store, f"Map excerpt to {node['short_title'] or node['title']}",
                excerpt=excerpt_id, node=node_key) as rec:
        if not store.query_one("SELECT 1 AS x FROM mappings WHERE excerpt_id = ? AND node_id = ?",
                               (excerpt_id, node["id"])):
            rec.insert("mappings", {"excerpt_id": excerpt_id, "node_id": node["id"]})
        rec.change.result = excerpt_id
    return rec.change


def unmap(store: Store, excerpt_id: int, node_key: str | None = None) -> Change:
    """Remove one mapping, or (without ``node_key``) the excerpt with all it carries."""
    excerpt_row(store, excerpt_id)
    if node_key is None:
        return delete_excerpt(store, excerpt_id)
    node = framework.node(store, node_key)
    with record(store, f"Unmap excerpt from {node['short_title'] or node['title']}",
                excerpt=excerpt_id, node=node_key) as rec:
        rec.delete("mappings", {"excerpt_id": excerpt_id, "node_id": node["id"]})
    return rec.change


def delete_excerpt(store: Store, excerpt_id: int) -> Change:
    excerpt_row(store, excerpt_id)
    with record(store, "Delete excerpt", excerpt=excerpt_id) as rec:
        for amendment in store.query("SELECT id FROM amendments WHERE excerpt_id = ?",
                                     (excerpt_id,)):
            rec.update("amendments", {"id": amendment["id"]}, {"excerpt_id": None})
        rec.delete_where("annotations", "excerpt_id = ?", (excerpt_id,))
        rec.delete_where("mappings", "excerpt_id = ?", (excerpt_id,))
        rec.delete("excerpts", {"id": excerpt_id})
    return rec.change


def resize_excerpt(store: Store, excerpt_id: int, *, start: int, end: int) -> Change:
    row = excerpt_row(store, excerpt_id)
    passage = _span_text(store, row["contribution_id"], start, end)
    with record(store, "Resize excerpt", excerpt=excerpt_id, start=start, end=end) as rec:
        rec.update("excerpts", {"id": excerpt_id}, {"start": start, "end": end, "text": passage})
    return rec.change


def set_reviewed(store: Store, excerpt_id: int, reviewed: bool = True) -> Change:
    excerpt_row(store, excerpt_id)
    label = "Mark excerpt reviewed" if reviewed else "Mark excerpt not reviewed"
    with record(store, label, excerpt=excerpt_id) as rec:
        rec.update("excerpts", {"id": excerpt_id}, {"reviewed": int(reviewed)})
    return rec.change


def topic_id(rec: Recorder, title: str, node_id: int | None = None) -> int:
    """The topic with this title, created if it is new (inside the caller's change)."""
    existing = rec.store.query_one("SELECT id FROM topics WHERE lower(title) = lower(?)",
                                   (title.strip(),))
    if existing:
        return existing["id"]
    return rec.insert("topics", {"title": title.strip(), "node_id": node_id,
                                 "created_at": now_iso()})


def _add_annotation(rec: Recorder, excerpt_id: int, *, stance: str, topic: str | None,
                    summary: str = "", note: str = "", tags: str = "") -> int:
    if stance not in STANCES:
        raise UsageError(f"{stance!r} is not a stance; use one of {', '.join(STANCES)}.")
    node = rec.store.query_one(
        "SELECT node_id FROM mappings WHERE excerpt_id = ? ORDER BY node_id LIMIT 1", (excerpt_id,)
    )
    now = now_iso()
    return rec.insert("annotations", {
        "excerpt_id": excerpt_id, "stance": stance,
        "topic_id": topic_id(rec, topic, node["node_id"] if node else None) if topic else None,
        "summary": summary, "note": note, "tags": tags, "author": rec.store.author,
        "created_at": now, "updated_at": now,
    })


def annotate(store: Store, excerpt_id: int, *, stance: str = "neutral", topic: str | None = None,
             summary: str = "", note: str = "", tags: str = "") -> Change:
    """Add a position (stance on a topic, with a summary) to an excerpt."""
    excerpt_row(store, excerpt_id)
    with record(store, f"Annotate excerpt ({stance})", excerpt=excerpt_id) as rec:
        rec.change.result = _add_annotation(rec, excerpt_id, stance=stance, topic=topic,
                                            summary=summary, note=note, tags=tags)
    return rec.change


def update_annotation(store: Store, annotation_id: int, **fields) -> Change:
    """Edit an annotation's stance, topic (by title), summary, note or tags."""
    row = store.query_one("SELECT * FROM annotations WHERE id = ?", (annotation_id,))
    if row is None:
        raise NotFoundError(f"There is no annotation number {annotation_id}.")
    allowed = {"stance", "topic", "summary", "note", "tags"}
    unknown = set(fields) - allowed
    if unknown:
        raise UsageError(f"An annotation has no field {sorted(unknown)[0]!r}.")
    if "stance" in fields and fields["stance"] not in STANCES:
        raise UsageError(f"{fields['stance']!r} is not a stance.")
    with record(store, "Edit annotation", annotation=annotation_id) as rec:
        values = {k: v for k, v in fields.items() if k != "topic"}
        if "topic" in fields:
            values["topic_id"] = topic_id(rec, fields["topic"]) if fields["topic"] else None
        values["updated_at"] = now_iso()
        values["author"] = store.author
        rec.update("annotations", {"id": annotation_id}, values)
    return rec.change


def delete_annotation(store: Store, annotation_id: int) -> Change:
    with record(store, "Delete annotation", annotation=annotation_id) as rec:
        rec.delete("annotations", {"id": annotation_id})
    return rec.change


# --- reading -------------------------------------------------------------------------------

def _shape(store: Store, rows: list[dict]) -> list[Excerpt]:
    """Excerpt rows as records, with the keys of their nodes and their positions."""
    if not rows:
        return []
    ids = [r["id"] for r in rows]
    marks = ",".join("?" for _ in ids)
    nodes: dict[int, list[str]] = {}
    for m in store.query(
        f"SELECT m.excerpt_id, n.key FROM mappings m JOIN framework_nodes n ON n.id = m.node_id"
        f" WHERE m.excerpt_id IN ({marks}) ORDER BY n.id", tuple(ids)
    ):
        nodes.setdefault(m["excerpt_id"], []).append(m["key"])
    notes: dict[int, list[Annotation]] = {}
    for a in store.query(
        f"SELECT a.id, a.excerpt_id, a.stance, t.title AS topic, a.summary, a.note, a.tags,"
        f" a.author, a.updated_at FROM annotations a LEFT JOIN topics t ON t.id = a.topic_id"
        f" WHERE a.excerpt_id IN ({marks}) ORDER BY a.id", tuple(ids)
    ):
        notes.setdefault(a.pop("excerpt_id"), []).append(Annotation(**a))
    return [
        Excerpt(id=r["id"], contribution_id=r["contribution_id"], start=r["start"],
                end=r["end"], text=r["text"], nodes=tuple(nodes.get(r["id"], ())),
                reviewed=bool(r["reviewed"]), origin=r["origin"],
                annotations=tuple(notes.get(r["id"], ())))
        for r in rows
    ]


def excerpt(store: Store, excerpt_id: int) -> Excerpt:
    return _shape(store, [excerpt_row(store, excerpt_id)])[0]


def excerpts_of(store: Store, contribution_id: int) -> list[Excerpt]:
    rows = store.query(
        "SELECT * FROM excerpts WHERE contribution_id = ? ORDER BY start, id", (contribution_id,)
    )
    return _shape(store, rows)


def excerpts_under(store: Store, node_key: str) -> list[Excerpt]:
    """Every excerpt mapped to a node (not its descendants), in contribution order."""
    node = framework.node(store, node_key)
    rows = store.query(
        "SELECT e.* FROM excerpts e JOIN mappings m ON m.excerpt_id = e.id WHERE m.node_id = ?"
        " ORDER BY e.contribution_id, e.start, e.id", (node["id"],)
    )
    return _shape(store, rows)


def topics(store: Store) -> list[dict]:
    return store.query(
        "SELECT t.id, t.title, t.description, n.key AS node FROM topics t"
        " LEFT JOIN framework_nodes n ON n.id = t.node_id ORDER BY t.title"
    )
