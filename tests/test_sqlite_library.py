"""One SQLite library per file: the store is APSW's, sqlite3 serves salvage only.

Two SQLite libraries in one process each keep their own table of POSIX locks, so one closing
its descriptor of a file drops the other's locks on it (see lapdesk/store/held.py and
docs/architecture.md).  These tests show that no process-level code path opens the live store
through both.
"""

from __future__ import annotations

import pytest
from module_graph import imports

from lapdesk.store import held, salvage
from lapdesk.store.connection import open_store


def test_an_open_store_is_held_through_apsw_alone(store_path):
    with open_store(store_path) as store:
        assert held.library_holding(store.path) == "apsw"
        with open_store(store_path, readonly=True):  # a second connection, same library
            assert held.library_holding(store_path) == "apsw"
        assert held.library_holding(store_path) == "apsw"
    assert held.library_holding(store_path) is None


def test_a_second_library_is_refused_a_file_the_first_has_open(store_path):
    with open_store(store_path):
        with pytest.raises(held.TwoLibrariesError), salvage._connect(store_path, readonly=True):
            pass
        assert held.library_holding(store_path) == "apsw"
    with salvage._connect(store_path, readonly=True) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] > 0
        with pytest.raises(held.TwoLibrariesError):
            open_store(store_path)
        assert held.library_holding(store_path) == "sqlite3"
    assert held.library_holding(store_path) is None


def test_salvaging_the_store_this_process_holds_happens_in_a_child_process(
        store_path, tmp_path, monkeypatch):
    opened = []
    real_hold = held.hold
    monkeypatch.setattr(held, "hold", lambda path, library: (opened.append((path, library)),
                                                               real_hold(path, library)))
    children = []
    real_child = salvage._in_child
    monkeypatch.setattr(salvage, "_in_child",
                        lambda src, dest: children.append(src) or real_child(src, dest))
    with open_store(store_path) as store:
        result = salvage.salvage(store.path, tmp_path / "saved.lapdesk")
        assert held.library_holding(store.path) == "apsw"
    assert result["ok"] and result["tables"]["framework_nodes"]["copied"] > 0
    assert children == [store_path]
    assert not [library for _path, library in opened if library != "apsw"]


def test_salvaging_a_store_nobody_holds_happens_here(store_path, tmp_path, monkeypatch):
    with open_store(store_path):
        pass
    monkeypatch.setattr(salvage, "_in_child", lambda src, dest: pytest.fail("a child"))
    assert salvage.salvage(store_path, tmp_path / "saved.lapdesk")["ok"]


def test_only_salvage_imports_sqlite3_and_only_the_sqlite_module_imports_apsw():
    users: dict[str, set[str]] = {"sqlite3": set(), "sqlite_utils": set(), "apsw": set()}
    for item in imports():
        root = item.target.split(".")[0]
        if root in users:
            users[root].add(item.module)
    assert users == {"sqlite3": {"lapdesk.store.salvage"},
                     "sqlite_utils": {"lapdesk.store.salvage"},
                     "apsw": {"lapdesk.store.sqlite"}}
