"""A process that has the store open never drops its own locks on it, so another process that
reads the store can never delete the live journal from under it.

On POSIX, closing any descriptor of a file drops every lock the process holds on it.  If the
desk's process did that (a header peek, an import walking the store's folder, an export or a
copy written over it), the next process to close the store would think itself the last user,
checkpoint and delete ``-wal`` and ``-shm``, and the desk's later edits would go into a deleted
journal that no other process sees and a crash loses.  Each operation below is one the desk
runs in its own process while it holds the store; after each, a real second process reads the
store, and the journal must still be there and the next edit visible to that process at once.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import samples
from conftest import run_lapdesk

from lapdesk.core.errors import LapdeskError
from lapdesk.export.options import ExportOptions
from lapdesk.export.working_paper import export_working_paper
from lapdesk.ingest.pipeline import import_paths
from lapdesk.store import backup, contributions, held, intake
from lapdesk.store.connection import open_store
from lapdesk.store.integrity import check


def _seen_by_another_process(store_path: Path) -> dict[int, str]:
    result = run_lapdesk("contributions", "--store", store_path, "--json")
    assert result.code == 0, result.err
    return {row["id"]: row["title"] for row in result.json()}


def _second_connection(store, folder):
    with open_store(store.path, create=False):
        pass


def _read_only_connection(store, folder):
    with open_store(store.path, readonly=True):
        pass


def _integrity_check(store, folder):
    with open_store(store.path, create=False, readonly=True) as other:
        assert check(other)["ok"]


def _backup(store, folder):
    backup.take_backup(store.conn, store.path, reason="manual", force=True)


def _import_the_stores_folder(store, folder):
    (store.path.parent / "letter.txt").write_text(samples.FRENCH, encoding="utf-8")
    results = import_paths(store, [store.path.parent])
    assert [Path(r.path).name for r in results] == ["letter.txt"]


def _import_a_link_to_the_store(store, folder):
    link = folder / "innocent-looking.db"
    os.link(store.path, link)
    results = import_paths(store, [link])
    assert results[0].status == "unreadable"
    assert "store LAPDesk has open" in results[0].message


def _export(store, folder):
    export_working_paper(store, folder / "paper.docx", options=ExportOptions())


def _export_over_the_store(store, folder):
    with pytest.raises(LapdeskError, match="store LAPDesk has open"):
        export_working_paper(store, store.path, options=ExportOptions(overwrite=True))


def _copy_onto_the_journal(store, folder):
    with pytest.raises(LapdeskError, match="store LAPDesk has open"):
        backup.take_backup(store.conn, store.path, out=Path(str(store.path) + "-wal"))


OPERATIONS = [_second_connection, _read_only_connection, _integrity_check, _backup,
              _import_the_stores_folder, _import_a_link_to_the_store, _export,
              _export_over_the_store, _copy_onto_the_journal]


@pytest.mark.parametrize("operation", OPERATIONS, ids=lambda f: f.__name__.strip("_"))
def test_the_journal_outlives_another_reader(tmp_path, operation):
    store_path = tmp_path / "desk" / "team.lapdesk"
    outside = tmp_path / "outside"
    outside.mkdir()
    with open_store(store_path, lock=True) as store:
        with store.transaction():
            contribution_id = intake.create_contribution(store, title="before")
        operation(store, outside)
        assert _seen_by_another_process(store_path)[contribution_id] == "before"
        wal = Path(str(store_path) + "-wal")
        assert wal.exists(), "the other process deleted the journal the store is writing to"
        contributions.update_contribution(store, contribution_id, title="after")
        assert _seen_by_another_process(store_path)[contribution_id] == "after"


def test_a_store_knows_its_own_files_and_links(tmp_path):
    store_path = tmp_path / "x.lapdesk"
    with open_store(store_path):
        assert held.is_held(store_path)
        assert held.is_held(Path(str(store_path) + "-wal"))
        assert held.is_held(Path(str(store_path) + "-journal"))  # even before it exists
        assert not held.is_held(tmp_path / "x.lapdesk.backups")
        assert not held.is_held(tmp_path / "y.lapdesk")
    assert not held.is_held(store_path)
