"""The framework as read once: its nodes in order, and the questions one asks of them.

A store's framework changes rarely (a question renamed, a topic added), while the desk asks of
it constantly — which section a question is in, which nodes lie under a section, the section
Ctrl+3 maps to.  Reading the nodes once and answering from memory keeps those questions off
the database (and off the GUI thread's way to it).
"""

from __future__ import annotations

from collections.abc import Sequence

from lapdesk.core.errors import NotFoundError


class FrameworkTree:
    """The nodes of ``lapdesk.store.framework.nodes`` (parents before children, siblings in
    order, each with its ``depth``), indexed."""

    def __init__(self, rows: Sequence[dict]):
        self.rows = list(rows)
        self._by_key = {row["key"]: row for row in self.rows}
        self._by_id = {row["id"]: row for row in self.rows}
        self._order = {row["key"]: position for position, row in enumerate(self.rows)}

    def __len__(self) -> int:
        return len(self.rows)

    def node(self, key: str) -> dict:
        try:
            return self._by_key[key]
        except KeyError:
            raise NotFoundError(f"There is no section or question with the key {key!r}.") from None

    def by_id(self, node_id: int) -> dict:
        return self._by_id[node_id]

    def has(self, key: str) -> bool:
        return key in self._by_key

    def sections(self) -> list[dict]:
        """Section nodes in framework order: the targets of Ctrl+1 ... Ctrl+9."""
        return [row for row in self.rows if row["kind"] == "section"]

    def section_of(self, key: str) -> dict:
        """The section a node belongs to (the node itself when it is a section)."""
        row = self.node(key)
        while row["kind"] != "section" and row["parent_id"] is not None:
            row = self._by_id[row["parent_id"]]
        return row

    def section_position(self, key: str) -> int:
        """The 0-based place of the node's section among the sections (its colour)."""
        section = self.section_of(key)["key"]
        return next(i for i, row in enumerate(self.sections()) if row["key"] == section)

    def descendant_keys(self, key: str) -> list[str]:
        """The node's key followed by the keys of every node below it, in framework order."""
        start = self._order[self.node(key)["key"]]
        depth = self.rows[start]["depth"]
        keys = [key]
        for row in self.rows[start + 1:]:
            if row["depth"] <= depth:
                break
            keys.append(row["key"])
        return keys

    def question_counts(self) -> dict[str, int]:
        """How many questions sit under each node (shown beside it in the framework tree)."""
        counts = {row["key"]: 0 for row in self.rows}
        for row in self.rows:
            if row["kind"] == "question":
                parent = self._by_id.get(row["parent_id"])
                while parent is not None:
                    counts[parent["key"]] += 1
                    parent = self._by_id.get(parent["parent_id"])
        return counts

    def label(self, key: str) -> str:
        """"Universalisation / Rate of accession": the node named within its section."""
        row, section = self.node(key), self.section_of(key)
        name = row["short_title"] or row["title"]
        if section["key"] != key:
            name = f"{section['short_title'] or section['title']} / {name}"
        return name
