"""Contributions, their files (originals as blobs) and their paragraphs: read and edited.

Ingest writes them through :mod:`lapdesk.store.intake`; the desk and the CLI read through
:func:`list_contributions`, :func:`contributors_of`, :func:`files_of`, :func:`text_of` and
:func:`blob`, and edit metadata through the recorded changes at the end of this module.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from lapdesk.core.errors import NotFoundError, UsageError
from lapdesk.core.records import Contribution, ContributorRef, StoredFile
from lapdesk.core.statuses import reasons_for
from lapdesk.core.text import (
    FILE_SEPARATOR,
    PARAGRAPH_SEPARATOR,
    next_file_start,
)
from lapdesk.store import registry
from lapdesk.store.changes import Change, record
from lapdesk.store.database import Store

CHANNELS = ("email", "file", "paper", "other")
PARTS = ("body", "table", "footnote", "header", "footer")


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# --- reading -------------------------------------------------------------------------------

def contribution(store: Store, contribution_id: int) -> Contribution:
    """One contribution as :func:`list_contributions` gives it.

    :raises NotFoundError: there is no contribution of that number.
    """
    require(store, contribution_id)
    return _listing(store, contribution_id)[0]


def require(store: Store, contribution_id: int) -> None:
    """Check that the contribution exists, before a change that names it is recorded.

    :raises NotFoundError: there is no contribution of that number.
    """
    if store.query_one("SELECT 1 FROM contributions WHERE id = ?", (contribution_id,)) is None:
        raise NotFoundError(f"There is no contribution number {contribution_id}.")


_CONTRIBUTOR_COLUMNS = (
    "c.id, c.key, c.name, c.kind, c.status, c.iso3, c.regional_group AS \"group\","
    " cc.confidence, cc.reason, cc.confirmed, cc.chosen")


def _contributor(row: dict) -> ContributorRef:
    return ContributorRef(
        id=row["id"], key=row["key"], name=row["name"], kind=row["kind"],
        status=row["status"], iso3=row["iso3"], group=row["group"],
        confidence=row["confidence"], reason=row["reason"], confirmed=bool(row["confirmed"]),
        chosen=bool(row["chosen"]))


def contributors_of(store: Store, contribution_id: int, *,
                    chosen_only: bool = True) -> list[ContributorRef]:
    """The contribution's contributors, in the order detection or the user gave them (with
    ``chosen_only=False``, detection's other candidates after them)."""
    rows = store.query(
        f"SELECT {_CONTRIBUTOR_COLUMNS} FROM contribution_contributors cc"
        " JOIN contributors c ON c.id = cc.contributor_id WHERE cc.contribution_id = ?"
        + (" AND cc.chosen = 1" if chosen_only else "")
        + " ORDER BY cc.chosen DESC, cc.position, c.name",
        (contribution_id,),
    )
    return [_contributor(row) for row in rows]


_FILE_COLUMNS = ("id AS file_id, name, original_name, sha256, size, media_type, status, message,"
                 " pages, chars, ocr, ocr_confidence, parent_id, text_start")


def _file(row: dict) -> StoredFile:
    return StoredFile(**{**row, "ocr": bool(row["ocr"])})


def files_of(store: Store, contribution_id: int) -> list[StoredFile]:
    """The contribution's files, each after the file that holds it."""
    rows = store.query(f"SELECT {_FILE_COLUMNS} FROM files WHERE contribution_id = ?"
                       " ORDER BY position, id", (contribution_id,))
    return [_file(row) for row in rows]


def paragraphs_of(store: Store, contribution_id: int) -> list[dict]:
    return store.query(
        "SELECT id, file_id, idx AS \"index\", start, \"end\", page, heading_level, part, text"
        " FROM paragraphs WHERE contribution_id = ? ORDER BY idx",
        (contribution_id,),
    )


def text_of(store: Store, contribution_id: int) -> str:
    """The contribution's whole text, laid out as :mod:`lapdesk.core.text` says."""
    pieces: list[str] = []
    offset = 0
    for file in store.query("SELECT id, text_start FROM files WHERE contribution_id = ?"
                            " AND text_start >= 0 ORDER BY position, id", (contribution_id,)):
        texts = [
            r["text"] for r in store.query(
                "SELECT text FROM paragraphs WHERE file_id = ? ORDER BY idx", (file["id"],)
            )
        ]
        pieces.append(" " * (file["text_start"] - offset))  # keeps offsets exact if a gap exists
        pieces.append(PARAGRAPH_SEPARATOR.join(texts) + FILE_SEPARATOR)
        offset = next_file_start(file["text_start"], texts)
    return "".join(pieces)


def blob(store: Store, sha256: str) -> bytes:
    row = store.query_one("SELECT data, kept FROM blobs WHERE sha256 = ?", (sha256,))
    if row is None:
        raise NotFoundError("The original of this file is missing from the store.")
    if not row["kept"]:
        raise NotFoundError("The original of this file was too large to keep in the store.")
    return row["data"]


def derived_status(*, superseded_by: int | None, excerpts: int, reviewed: int) -> str:
    """new, mapped, reviewed or superseded, from the counts a listing computes."""
    if superseded_by:
        return "superseded"
    if excerpts and reviewed == excerpts:
        return "reviewed"
    return "mapped" if excerpts else "new"


def list_contributions(store: Store) -> list[Contribution]:
    """Every contribution, in the order received, with what the table and the CLI show,
    ``needs_attention`` included (:mod:`lapdesk.core.statuses`)."""
    return _listing(store, None)


def _listing(store: Store, only: int | None) -> list[Contribution]:
    """Every contribution, or only the one numbered ``only``."""
    params = () if only is None else (only,)
    rows = store.query(
        "SELECT c.*,"
        " (SELECT count(*) FROM excerpts e WHERE e.contribution_id = c.id) AS excerpts,"
        " (SELECT count(*) FROM excerpts e WHERE e.contribution_id = c.id AND e.reviewed = 1)"
        "   AS reviewed FROM contributions c" + ("" if only is None else " WHERE c.id = ?")
        + " ORDER BY c.received, c.id", params)
    file_rows: dict[int, list[StoredFile]] = {}
    for f in store.query(
        f"SELECT contribution_id, {_FILE_COLUMNS} FROM files"
        + ("" if only is None else " WHERE contribution_id = ?") + " ORDER BY position, id",
        params,
    ):
        file_rows.setdefault(f.pop("contribution_id"), []).append(_file(f))
    people: dict[int, list[ContributorRef]] = {}
    for p in store.query(
        f"SELECT cc.contribution_id, {_CONTRIBUTOR_COLUMNS} FROM contribution_contributors cc"
        " JOIN contributors c ON c.id = cc.contributor_id WHERE cc.chosen = 1"
        + ("" if only is None else " AND cc.contribution_id = ?")
        + " ORDER BY cc.position, c.name", params,
    ):
        people.setdefault(p.pop("contribution_id"), []).append(_contributor(p))
    result = []
    for row in rows:
        parts = {"contributors": tuple(people.get(row["id"], ())),
                 "files": tuple(file_rows.get(row["id"], ())), "language": row["language"],
                 "permission_to_publish": publication(row),
                 "superseded_by": row["superseded_by"]}
        result.append(Contribution(
            id=row["id"], title=row["title"], received=row["received"], channel=row["channel"],
            status=derived_status(superseded_by=row["superseded_by"], excerpts=row["excerpts"],
                                  reviewed=row["reviewed"]),
            sender=row["sender"], subject=row["subject"], excerpts=row["excerpts"],
            reviewed=row["reviewed"], notes=row["notes"], dated=row["dated"],
            received_source=row["received_source"], **parts,
            needs_attention=tuple(reasons_for(**parts))))
    return result


def excerpt_counts(store: Store) -> dict[int, tuple[int, int]]:
    """(excerpts, reviewed excerpts) of every contribution that has any: the two counts of
    :func:`list_contributions` that mapping changes, read in one query so that a view can
    refresh them after each mapping without listing everything again."""
    return {
        row["contribution_id"]: (row["excerpts"], row["reviewed"])
        for row in store.query(
            "SELECT contribution_id, count(*) AS excerpts, coalesce(sum(reviewed = 1), 0)"
            " AS reviewed FROM excerpts GROUP BY contribution_id"
        )
    }


# --- editing (recorded, undoable) ------------------------------------------------------------

EDITABLE = ("title", "received", "channel", "language", "notes", "permission_to_publish",
            "superseded_by", "sender", "subject", "dated", "received_source")
RECEIVED_SOURCES = ("email", "letter", "logged", "user")


def publication(row: dict) -> bool | None:
    """Permission to publish as the JSON gives it: ``None`` while nobody has decided."""
    value = row["permission_to_publish"]
    return None if value is None else bool(value)


def update_contribution(store: Store, contribution_id: int, **fields) -> Change:
    """Edit a contribution's metadata; a received date set by hand is marked as the user's."""
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise UsageError(f"A contribution has no field {sorted(unknown)[0]!r}.")
    if "channel" in fields and fields["channel"] not in CHANNELS:
        raise UsageError(f"{fields['channel']!r} is not a channel.")
    if "received" in fields:
        fields.setdefault("received_source", "user")
    if fields.get("received_source", "user") not in RECEIVED_SOURCES:
        raise UsageError(f"{fields['received_source']!r} is not where a date can come from.")
    if "permission_to_publish" in fields and fields["permission_to_publish"] is not None:
        fields["permission_to_publish"] = int(bool(fields["permission_to_publish"]))
    require(store, contribution_id)
    with record(store, f"Edit contribution {contribution_id}", id=contribution_id) as rec:
        rec.update("contributions", {"id": contribution_id}, fields)
    return rec.change


def set_chosen_contributors(store: Store, contribution_id: int,
                            contributor_ids: Sequence[int]) -> Change:
    """Make exactly these registry entries the contribution's contributors (user-confirmed)."""
    require(store, contribution_id)
    with record(store, f"Change the contributors of contribution {contribution_id}",
                id=contribution_id, contributors=list(contributor_ids)) as rec:
        existing = {
            r["contributor_id"]: r for r in store.query(
                "SELECT * FROM contribution_contributors WHERE contribution_id = ?",
                (contribution_id,),
            )
        }
        for contributor_id in existing:
            if contributor_id not in contributor_ids:
                rec.update("contribution_contributors",
                           {"contribution_id": contribution_id, "contributor_id": contributor_id},
                           {"chosen": 0, "confirmed": 0})
        for position, contributor_id in enumerate(contributor_ids):
            key = {"contribution_id": contribution_id, "contributor_id": contributor_id}
            values = {"chosen": 1, "confirmed": 1, "position": position}
            if contributor_id in existing:
                rec.update("contribution_contributors", key, values)
            else:
                rec.insert("contribution_contributors",
                           {**key, **values, "confidence": 1.0, "reason": "chosen by the user"})
    return rec.change


def delete_contribution(store: Store, contribution_id: int) -> Change:
    """Remove a contribution with its files, paragraphs and excerpts (undoable; blobs stay)."""
    row = contribution(store, contribution_id)
    with record(store, f"Delete contribution {contribution_id}", id=contribution_id,
                title=row.title) as rec:
        for excerpt in store.query(
            "SELECT id FROM excerpts WHERE contribution_id = ?", (contribution_id,)
        ):
            rec.delete_where("annotations", "excerpt_id = ?", (excerpt["id"],))
            rec.delete_where("mappings", "excerpt_id = ?", (excerpt["id"],))
        rec.delete_where("excerpts", "contribution_id = ?", (contribution_id,))
        rec.delete_where("suggestions", "contribution_id = ?", (contribution_id,))
        rec.delete_where("amendment_contributors", "amendment_id IN (SELECT id FROM amendments"
                         " WHERE contribution_id = ?)", (contribution_id,))
        rec.delete_where("amendments", "contribution_id = ?", (contribution_id,))
        # What reading found hangs on the files and paragraphs: removed first, so that undo
        # brings it back (a cascade would take it unrecorded).
        files = "file_id IN (SELECT id FROM files WHERE contribution_id = ?)"
        rec.delete_where("revisions", files, (contribution_id,))
        rec.delete_where("comments", f"{files} ORDER BY parent_id IS NULL, id DESC",
                         (contribution_id,))
        rec.delete_where("ocr_pages", files, (contribution_id,))
        rec.delete_where("paragraphs", "contribution_id = ?", (contribution_id,))
        # Attachments before what contains them (ids say nothing of order in a team).
        rec.delete_where("files", "contribution_id = ? ORDER BY parent_id IS NULL, id DESC",
                         (contribution_id,))
        rec.delete_where("contribution_contributors", "contribution_id = ?", (contribution_id,))
        for newer in store.query(
            "SELECT id FROM contributions WHERE superseded_by = ?", (contribution_id,)
        ):
            rec.update("contributions", {"id": newer["id"]}, {"superseded_by": None})
        rec.delete("contributions", {"id": contribution_id})
    return rec.change


def set_publication(store: Store, contribution_ids: Sequence[int],
                    permission: bool | None) -> Change:
    """Decide permission to publish for several contributions in one undoable change
    (``None``: back to "not yet decided").  ``change.result`` lists the ids it changed."""
    for contribution_id in contribution_ids:
        require(store, contribution_id)  # NotFoundError before anything is written
    value = None if permission is None else int(permission)
    word = {None: "not yet decided", 1: "may be published", 0: "may not be published"}[value]
    with record(store, f"Publication: {word}", ids=list(contribution_ids)) as rec:
        changed = []
        for contribution_id in dict.fromkeys(contribution_ids):
            before = len(rec.change.rows)
            rec.update("contributions", {"id": contribution_id},
                       {"permission_to_publish": value})
            if len(rec.change.rows) > before:
                changed.append(contribution_id)
    rec.change.result = changed
    return rec.change


def set_contributors_by_names(store: Store, contribution_id: int,
                              names: Sequence[str]) -> Change:
    """The contributors a person typed ("Autriche, Ghana"), each found in the registry by any
    of its names; nothing changes when they are the contributors already.

    :raises NotFoundError: a name is not in the registry (one sentence saying which).
    """
    ids: list[int] = []
    for name in (n.strip() for n in names):
        if not name:
            continue
        found = registry.find(store, name)
        if found is None:
            raise NotFoundError(f"“{name}” is not in the registry of contributors; add it "
                                "there first.")
        if found["id"] not in ids:
            ids.append(found["id"])
    if ids == [p.id for p in contributors_of(store, contribution_id)]:
        return Change("Contributors unchanged")
    return set_chosen_contributors(store, contribution_id, ids)
