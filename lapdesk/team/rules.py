"""What happens when two replicas changed the same thing: one rule per kind of row.

Applied by :mod:`lapdesk.team.apply` where SQLite's session extension reports a conflict.
Every rule gives the same result on every replica whichever change it receives first, so the
replicas agree once all packs are in; and a rule that decides between two people's work also
says so (a conflict a person can see and settle, :mod:`lapdesk.team.conflicts`).

- originals (blobs) and paragraphs are added, never overwritten: the same content is the same
  row;
- metadata (a contribution's, the registry's, the framework's, settings) takes the latest edit,
  column by column — except permission to publish, where "no" wins until someone confirms;
- mappings are added; a removal is a tombstone, and a later re-mapping wins over it;
- two edits of one position (annotation) keep the latest in place and both versions in
  Conflicts;
- two edits of one synthesis: the latest stays in place and Conflicts offers the three-way
  merge of both (overlapping passages with both texts), one click away.  (Merging on its own
  at each replica does not converge: replicas that merge from different states write
  different texts, and merges of merges follow — the property test found it.)
- a deletion wins over an edit made meanwhile, and the edit is kept in Conflicts; if the
  deletion is undone, the edit is made again on top (:mod:`lapdesk.store.edits_back`);
- a drafting round's amendments: two decisions on one amendment keep the latest in place
  and both in Conflicts; accepting a suggestion wins over its dismissal made meanwhile (what
  is recorded can still be not retained; what is dismissed would be out of sight).  The same
  suggestion accepted on two replicas is one amendment already (its id derives from where it
  was found: :mod:`lapdesk.rounds.row_ids`).
"""

from __future__ import annotations

import json

from lapdesk.team.merge3 import merge


def merged_synthesis(base, mine, theirs, *, mine_stamp: str, theirs_stamp: str) -> str:
    """The three-way merge of two edits of a synthesis, the earlier one's text first where
    they overlap."""
    earlier, later = (mine, theirs) if theirs_stamp > mine_stamp else (theirs, mine)
    return merge(base or "", earlier or "", later or "")[0]

# Kinds of row whose loss a person would notice: kept in Conflicts when a deletion wins.
VISIBLE_TABLES = {
    "contributions": "contribution", "excerpts": "excerpt", "annotations": "position",
    "mappings": "mapping", "framework_nodes": "section or question", "topics": "topic",
    "contributors": "contributor", "files": "file", "contribution_contributors": "contributor",
    "amendments": "proposed amendment",
}


def resolve(table: str, column: str, *, base, mine, theirs, mine_stamp: str,
            theirs_stamp: str) -> tuple[object, str | None]:
    """The value a column takes when both replicas changed it, and the kind of conflict to
    show (``None``: nobody needs to look)."""
    theirs_later = theirs_stamp > mine_stamp
    later = theirs if theirs_later else mine
    if table == "framework_nodes" and column == "synthesis":
        return later, "synthesis"
    if table == "contributions" and column == "permission_to_publish":
        if 0 in (mine, theirs) and mine != theirs:
            return 0, "publication"
        return later, None
    if table == "annotations":
        return later, "position"
    if table == "amendments" and column == "decision":
        return later, "decision"
    if table == "amendments" and column == "status" and {mine, theirs} == {"recorded",
                                                                          "dismissed"}:
        return "recorded", None
    return later, None


# Rows two replicas make alike but for who made them and when — a round started from one
# draft, the same suggestion found in one reply, the excerpt of one amendment's passage: the
# row here stays (edits made since are merged as edits), and takes the who and when of the
# one made last, so that a deletion between two makings decides alike on every replica.
MADE_ALIKE = {"rounds": ("created_at", "created_by"),
              "amendments": ("created_at", "created_by"),
              "excerpts": ("created_at", "created_by")}


def made_alike(table: str, incoming: dict, *, made_last: bool) -> dict:
    """The columns a row of :data:`MADE_ALIKE` made here too takes from ``incoming``."""
    return {c: incoming[c] for c in MADE_ALIKE[table]} if made_last else {}


def insert_wins(table: str, incoming: dict, present: dict) -> bool:
    """Whether a row a colleague added replaces the different row here with the same key
    (the same on both sides: the rule only looks at the two rows)."""
    if table == "blobs":  # an original whose bytes were kept beats a record of its size
        return bool(incoming.get("kept")) and not present.get("kept")
    return _canonical(incoming) > _canonical(present)


def _canonical(row: dict) -> str:
    return json.dumps(row, sort_keys=True, default=repr)
