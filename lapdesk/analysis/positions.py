"""Positions: who said what about which proposal, read from the annotations on excerpts.

A topic (proposal) is first-class in the store; an annotation links an excerpt to a topic with
a stance.  :func:`views` is what the working paper's "views expressed" paragraphs are written
from; :func:`matrix` is the team's topics x contributors table with its counts.  Both only read.

Contributors are listed in the conference's order of attribution (States Parties, then
signatories and observer States, then organisations, then civil society; by name within each),
which is the order a working paper names them in.  A joint contribution lends its stance to
each of its contributors.  Superseded contributions are left out unless asked for, like the
export leaves them out.
"""

from __future__ import annotations

from collections.abc import Iterable

from lapdesk.store import framework
from lapdesk.store.database import Store
from lapdesk.store.excerpts import STANCES
from lapdesk.store.registry import attribution_rank

# Which stances count as support and as opposition in the matrix's totals.  "proposes" is
# support for one's own proposal; "concern" and "question" are reservations, counted apart.
SUPPORT = ("supports", "proposes")
OPPOSITION = ("opposes",)


def attribution_key(person: dict) -> tuple:
    """Sort key: the conference's order of attribution, then name."""
    return (attribution_rank(person["kind"], person["status"]), person["name"].casefold(),
            person["id"])


def _node_ids(store: Store, node_key: str, *, descendants: bool) -> list[int]:
    root = framework.node(store, node_key)
    if not descendants:
        return [root["id"]]
    ids, frontier = [root["id"]], [root["id"]]
    while frontier:
        marks = ",".join("?" for _ in frontier)
        frontier = [r["id"] for r in store.query(
            f"SELECT id FROM framework_nodes WHERE parent_id IN ({marks})", tuple(frontier))]
        ids.extend(frontier)
    return ids


def _annotation_rows(store: Store, *, node_key: str | None, descendants: bool,
                     include_superseded: bool, reviewed_only: bool) -> list[dict]:
    """Annotations that carry a topic, with their excerpt, contribution and topic's node."""
    where = ["a.topic_id IS NOT NULL"]
    params: list = []
    if not include_superseded:
        where.append("c.superseded_by IS NULL")
    if reviewed_only:
        where.append("e.reviewed = 1")
    if node_key is not None:
        ids = _node_ids(store, node_key, descendants=descendants)
        marks = ",".join("?" for _ in ids)
        where.append(f"EXISTS (SELECT 1 FROM mappings m WHERE m.excerpt_id = e.id"
                     f" AND m.node_id IN ({marks}))")
        params.extend(ids)
    return store.query(
        "SELECT a.id AS annotation_id, a.stance, a.summary, t.id AS topic_id, t.title AS topic,"
        " n.key AS node, n.position AS node_position, e.id AS excerpt_id,"
        " e.contribution_id FROM annotations a"
        " JOIN topics t ON t.id = a.topic_id"
        " JOIN excerpts e ON e.id = a.excerpt_id"
        " JOIN contributions c ON c.id = e.contribution_id"
        " LEFT JOIN framework_nodes n ON n.id = t.node_id"
        f" WHERE {' AND '.join(where)} ORDER BY a.id",
        tuple(params),
    )


def _contributors_by_contribution(store: Store, contribution_ids: Iterable[int]) -> dict:
    ids = sorted(set(contribution_ids))
    if not ids:
        return {}
    marks = ",".join("?" for _ in ids)
    people: dict[int, list[dict]] = {}
    for row in store.query(
        "SELECT cc.contribution_id, c.id, c.name, c.kind, c.status, c.regional_group AS"
        " \"group\" FROM contribution_contributors cc JOIN contributors c"
        f" ON c.id = cc.contributor_id WHERE cc.chosen = 1 AND cc.contribution_id IN ({marks})"
        " ORDER BY cc.position, c.name", tuple(ids),
    ):
        people.setdefault(row.pop("contribution_id"), []).append(row)
    return people


def _node_order(store: Store) -> dict[str | None, int]:
    order: dict[str | None, int] = {row["key"]: i for i, row in enumerate(framework.nodes(store))}
    order[None] = len(order)
    return order


def views(store: Store, *, node_key: str | None = None, include_superseded: bool = False,
          reviewed_only: bool = False, descendants: bool = False) -> list[dict]:
    """The views expressed on each topic, for the working paper.

    :param node_key: only annotations on excerpts mapped to this node (``None``: everywhere).
    :param include_superseded: also count contributions a newer one superseded.
    :param reviewed_only: only excerpts the team marked reviewed.
    :param descendants: with ``node_key``, also excerpts mapped to the node's questions.
    :returns: one dict per topic ``{topic_id, topic, node, stances: {stance: [contributor
        {id, name, kind, status, group}]}, counts: {stance: n}, excerpt_ids, summaries}``,
        topics in framework order then by title, stances in :data:`STANCES` order,
        contributors in attribution order.  ``node`` is the topic's own node key (or ``None``).
    """
    rows = _annotation_rows(store, node_key=node_key, descendants=descendants,
                            include_superseded=include_superseded, reviewed_only=reviewed_only)
    people = _contributors_by_contribution(store, (r["contribution_id"] for r in rows))
    topics: dict[int, dict] = {}
    for row in rows:
        topic = topics.setdefault(row["topic_id"], {
            "topic_id": row["topic_id"], "topic": row["topic"], "node": row["node"],
            "_by_stance": {}, "excerpt_ids": [], "summaries": [],
        })
        if row["excerpt_id"] not in topic["excerpt_ids"]:
            topic["excerpt_ids"].append(row["excerpt_id"])
        if row["summary"]:
            topic["summaries"].append({"stance": row["stance"], "summary": row["summary"],
                                       "excerpt_id": row["excerpt_id"]})
        bucket = topic["_by_stance"].setdefault(row["stance"], {})
        for person in people.get(row["contribution_id"], []):
            bucket.setdefault(person["id"], person)
    order = _node_order(store)
    result = []
    for topic in sorted(topics.values(),
                        key=lambda t: (order.get(t["node"], len(order)), t["topic"].casefold())):
        by_stance = topic.pop("_by_stance")
        topic["stances"] = {
            stance: sorted(by_stance[stance].values(), key=attribution_key)
            for stance in STANCES if stance in by_stance
        }
        topic["counts"] = {stance: len(people_) for stance, people_ in topic["stances"].items()}
        result.append(topic)
    return result


def _tally(people: Iterable[dict], field: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for person in people:
        label = person[field] or "none"
        counts[label] = counts.get(label, 0) + 1
    return dict(sorted(counts.items()))


def matrix(store: Store, *, node_key: str | None = None, include_superseded: bool = False,
           reviewed_only: bool = False, descendants: bool = False) -> dict:
    """Topics x contributors with stances, and the support and opposition counts.

    Takes the same options as :func:`views`.  Counts are of contributors, not excerpts: a
    State that supports a topic in three paragraphs counts once; one that both supports and
    opposes (e.g. supports the idea, opposes a detail) counts in both.

    :returns: ``{topics: [{topic_id, topic, node, support, opposition, concern, counts,
        support_by_group, opposition_by_group, support_by_kind, opposition_by_kind}],
        contributors: [{id, name, kind, status, group}], cells: [{topic_id, contributor_id,
        stances}]}``, contributors in attribution order.
    """
    topic_views = views(store, node_key=node_key, include_superseded=include_superseded,
                        reviewed_only=reviewed_only, descendants=descendants)
    contributors: dict[int, dict] = {}
    cells: dict[tuple[int, int], list[str]] = {}
    topics = []
    for view in topic_views:
        supporters: dict[int, dict] = {}
        opponents: dict[int, dict] = {}
        for stance, people in view["stances"].items():
            for person in people:
                contributors.setdefault(person["id"], person)
                cells.setdefault((view["topic_id"], person["id"]), []).append(stance)
                if stance in SUPPORT:
                    supporters.setdefault(person["id"], person)
                elif stance in OPPOSITION:
                    opponents.setdefault(person["id"], person)
        topics.append({
            "topic_id": view["topic_id"], "topic": view["topic"], "node": view["node"],
            "support": len(supporters), "opposition": len(opponents),
            "concern": view["counts"].get("concern", 0), "counts": view["counts"],
            "support_by_group": _tally(supporters.values(), "group"),
            "opposition_by_group": _tally(opponents.values(), "group"),
            "support_by_kind": _tally(supporters.values(), "kind"),
            "opposition_by_kind": _tally(opponents.values(), "kind"),
        })
    people = sorted(contributors.values(), key=attribution_key)
    rank = {person["id"]: i for i, person in enumerate(people)}
    topic_rank = {t["topic_id"]: i for i, t in enumerate(topics)}
    return {
        "topics": topics,
        "contributors": people,
        "cells": [
            {"topic_id": topic_id, "contributor_id": contributor_id, "stances": stances}
            for (topic_id, contributor_id), stances in sorted(
                cells.items(), key=lambda item: (topic_rank[item[0][0]], rank[item[0][1]]))
        ],
    }
