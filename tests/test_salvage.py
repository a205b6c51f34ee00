"""Salvage: every readable row of a damaged store goes into a new store that passes check."""

import sqlite3

import pytest
from builders import add_text_contribution

from lapdesk.core.errors import StoreError
from lapdesk.store.connection import open_store
from lapdesk.store.integrity import check
from lapdesk.store.salvage import salvage


def _damaged_store(path, *, contributions=60):
    with open_store(path) as store:
        for n in range(contributions):
            add_text_contribution(store, [f"Contribution {n}, paragraph {i}: " + "text " * 40
                                          for i in range(6)], name=f"c{n}.txt")
    conn = sqlite3.connect(path)
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'paragraphs'").fetchone()[0]
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    pages = _leaf_pages(path.read_bytes(), root, page_size)
    victim = pages[len(pages) // 2]
    with open(path, "r+b") as handle:
        handle.seek((victim - 1) * page_size)
        handle.write(b"\xa5" * page_size)
    return path


def _leaf_pages(data: bytes, root: int, page_size: int) -> list[int]:
    """The leaf pages of the table b-tree rooted at ``root``, read from the file itself
    (python.org's SQLite for Windows has no dbstat table)."""
    offset = (root - 1) * page_size + (100 if root == 1 else 0)
    kind, cells = data[offset], int.from_bytes(data[offset + 3:offset + 5], "big")
    if kind == 0x0D:  # a leaf of a table b-tree
        return [root]
    assert kind == 0x05, f"page {root} is not part of a table b-tree"
    children = []
    for i in range(cells):  # each interior cell starts with its left child's page number
        cell = int.from_bytes(data[offset + 12 + 2 * i:offset + 14 + 2 * i], "big")
        start = (root - 1) * page_size + cell
        children.append(int.from_bytes(data[start:start + 4], "big"))
    children.append(int.from_bytes(data[offset + 8:offset + 12], "big"))  # the right-most
    return sorted(p for child in children for p in _leaf_pages(data, child, page_size))


def test_salvage_copies_every_readable_row_into_a_sound_store(tmp_path, cli):
    damaged = _damaged_store(tmp_path / "damaged.lapdesk")
    with open_store(damaged, readonly=True) as store:
        assert not check(store)["ok"]
        total = 60 * 6
    before = damaged.read_bytes()
    result = cli("--store", damaged, "--json", "salvage", "--out", tmp_path / "new.lapdesk")
    assert result.code == 0, result.err
    report = result.json()
    assert report["ok"] and report["problems"] == []
    assert report["tables"]["contributions"]["copied"] == 60
    assert report["tables"]["paragraphs"]["read_errors"] >= 1
    assert 0.8 * total < report["tables"]["paragraphs"]["copied"] < total
    with open_store(tmp_path / "new.lapdesk") as new:
        assert check(new)["ok"]
        assert new.query_one("SELECT count(*) AS n FROM paragraphs")["n"] == (
            report["tables"]["paragraphs"]["copied"])
        # The search index was rebuilt from the rows that survived.
        hits = new.query("SELECT rowid FROM paragraphs_fts WHERE paragraphs_fts MATCH "
                         "'\"Contribution 59\"'")
        assert hits
    assert damaged.read_bytes() == before  # the damaged store is only read


def test_salvage_of_a_sound_store_copies_everything(store, tmp_path):
    add_text_contribution(store, ["Only paragraph."])
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    report = salvage(store.path, tmp_path / "copy.lapdesk")
    assert report["ok"]
    assert all(stats["read_errors"] == 0 and stats["dropped"] == 0
               for stats in report["tables"].values())
    with open_store(tmp_path / "copy.lapdesk") as copy:
        for table in ("contributions", "files", "paragraphs", "blobs", "framework_nodes",
                      "contributors", "settings"):
            assert copy.query_one(f"SELECT count(*) AS n FROM {table}")["n"] == (
                store.query_one(f"SELECT count(*) AS n FROM {table}")["n"])


def test_an_original_whose_bytes_changed_is_left_out_with_its_file(store, tmp_path):
    cid = add_text_contribution(store, ["Kept text."])
    store.conn.execute("UPDATE blobs SET data = X'00', size = 1")
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    report = salvage(store.path, tmp_path / "copy.lapdesk")
    assert report["ok"]
    assert report["tables"]["blobs"]["dropped"] == 1
    assert report["tables"]["files"]["dropped"] == 1
    with open_store(tmp_path / "copy.lapdesk") as copy:
        assert copy.query_one("SELECT id FROM contributions WHERE id = ?", (cid,))


def test_salvage_never_overwrites(store, tmp_path):
    existing = tmp_path / "exists.lapdesk"
    existing.write_bytes(b"mine")
    with pytest.raises(StoreError, match="already exists"):
        salvage(store.path, existing)
    assert existing.read_bytes() == b"mine"


def test_a_store_from_an_older_lapdesk_is_salvaged_at_its_schema_then_migrated(tmp_path):
    import shutil
    from pathlib import Path

    from lapdesk.store import migrations

    old = tmp_path / "v1.lapdesk"
    shutil.copy(Path(__file__).parent / "fixtures" / "stores" / "v1-basic.lapdesk", old)
    report = salvage(old, tmp_path / "new.lapdesk")
    assert report["schema_version"] == 1 and report["ok"]
    assert report["tables"]["contributions"]["copied"] >= 1
    with open_store(tmp_path / "new.lapdesk") as new:
        assert migrations.schema_version(new.conn) == migrations.SCHEMA_VERSION
