"""Writing one unit of an import: its contribution, files and paragraphs in one transaction.

The transaction only writes what :mod:`lapdesk.ingest.contribution_plan` decided before it
opened (no detection, no language, no date reading inside), so it is short and an edit made
meanwhile never waits long on it.  Each input commits together with everything found inside
it, so an import killed at any moment leaves every finished input whole and nothing half
there.  What the results report of a stored contribution is read after the commit.
"""

from __future__ import annotations

from lapdesk.ingest.batch import FileNode, Input, Unit
from lapdesk.ingest.contribution_plan import Plan
from lapdesk.store import contributions as c
from lapdesk.store import intake
from lapdesk.store.changes import audit
from lapdesk.store.database import Store
from lapdesk.store.marks import add_marks


def write_unit(store: Store, unit: Unit, plan: Plan | None) -> None:
    """Store the unit's new files under one new contribution, in one transaction, then note
    on each input what its result reports."""
    stored: list[Input] = []
    contribution_id = None
    with store.transaction():
        for item in unit.inputs:
            if not item.readable:
                continue
            existing = intake.file_by_sha256(store, item.node.sha256)
            if existing is not None:  # its first copy was written before it
                item.duplicate_of = existing
                continue
            if contribution_id is None:
                contribution_id = intake.create_contribution(store, **plan.fields)
            _add_tree(store, contribution_id, item.node, None)
            stored.append(item)
        if contribution_id is not None:
            intake.set_contributors(store, contribution_id, plan.candidates)
            audit(store, "Import", contribution_id=contribution_id,
                  files=[str(item.source.path) for item in stored])
    for item in stored:
        item.contribution_id = contribution_id
        item.contributors = c.contributors_of(store, contribution_id)
        item.language = plan.language
    for item in unit.inputs:
        if item.duplicate_of is not None:  # its first copy's contribution, language, people
            item.contribution_id = item.duplicate_of["contribution_id"]
            item.language = c.contribution(store, item.contribution_id).language
            item.contributors = c.contributors_of(store, item.contribution_id)


def _add_tree(store: Store, contribution_id: int, node: FileNode, parent_id: int | None) -> None:
    """Store ``node`` and what it contains (its original, its row, its paragraphs, what
    reading it found beside them)."""
    extracted = node.extracted
    if node.data is None:
        intake.record_unkept_blob(store, node.sha256, node.size)
    else:
        intake.store_blob(store, node.data, node.sha256)
        node.data = None
    node.file_id = intake.add_file(
        store, contribution_id, name=node.name, original_name=node.original_name,
        sha256=node.sha256, size=node.size, media_type=extracted.media_type,
        status=extracted.status, message=extracted.message, parent_id=parent_id,
        pages=extracted.pages, paragraphs=extracted.paragraphs,
        ocr=extracted.ocr, ocr_confidence=extracted.ocr_confidence,
    )
    add_marks(store, node.file_id, extracted.paragraphs, comments=extracted.comments,
              ocr_pages=extracted.ocr_pages)
    for child in node.children:
        _add_tree(store, contribution_id, child, node.file_id)
