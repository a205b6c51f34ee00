"""The audit trail read back (``lapdesk history``): newest first, by contribution and author,
each entry with its author and replica — a colleague's named as the team knows them."""

from __future__ import annotations

import json

from builders import add_text_contribution
from conftest import run_lapdesk
from team_helpers import exchange, make_team

from lapdesk.store import contributions, excerpts
from lapdesk.store.changes import audit, undo
from lapdesk.store.connection import open_store
from lapdesk.store.history import history


def test_a_colleague_s_change_comes_with_their_author_and_replica(tmp_path):
    a, b = make_team(tmp_path, 2)
    try:
        contribution = b.query_one("SELECT id FROM contributions")["id"]
        excerpts.map_span(b, contribution, ["universalisation"], start=0, end=9)
        contributions.update_contribution(a, contribution, title="Austria's note")
        exchange([a, b], tmp_path / "packs")
        # (Entries made within one second have no order between replicas.)
        latest = {(e.action, e.author, e.replica, e.replica_name) for e in history(a, limit=2)}
        assert latest == {
            (f"Edit contribution {contribution}", "Anne Bell", a.capture.replica_id,
             "Anne Bell"),
            ("Map excerpt to Universalisation", "Bruno Costa", b.capture.replica_id,
             "Bruno Costa")}
        bruno = history(a, author="bruno costa")
        assert [e.action for e in bruno] == ["Map excerpt to Universalisation"]
        assert bruno[0].details["contributions"] == [contribution]
        assert [e.action for e in history(b, author="Anne Bell", limit=1)] == [
            f"Edit contribution {contribution}"]
    finally:
        a.close()
        b.close()


def test_history_is_newest_first_and_keeps_a_deleted_excerpt_s_contribution(store):
    first = add_text_contribution(store, ["Austria welcomes the note."], name="a.txt")
    other = add_text_contribution(store, ["Ghana asks for funding."], name="b.txt")
    excerpt = excerpts.map_span(store, first, ["universalisation"], start=0, end=7,
                                stance="supports").result
    excerpts.map_span(store, other, ["universalisation"], start=0, end=5)
    annotation = store.query_one("SELECT id FROM annotations WHERE excerpt_id = ?",
                                 (excerpt,))["id"]
    undo(store, excerpts.update_annotation(store, annotation, summary="welcome"))
    excerpts.delete_excerpt(store, excerpt)
    with store.transaction():  # as an import notes it (ingest/unit_writer.py)
        audit(store, "Import", contribution_id=first)
    assert [e.action for e in history(store, contribution_id=first)] == [
        "Import", "Delete excerpt", "Undo: Edit annotation", "Edit annotation",
        "Map excerpt to Universalisation"]
    assert [e.action for e in history(store, contribution_id=other)] == [
        "Map excerpt to Universalisation"]
    every = history(store)
    assert [e.action for e in history(store, limit=2)] == ["Import", "Delete excerpt"]
    assert len(every) == 6 and (every[0].replica, every[0].replica_name) == ("", "")


def test_the_cli_lists_the_history_as_json_and_as_text(store_path):
    with open_store(store_path, author="Anne Bell") as store:
        contribution = add_text_contribution(store, ["Austria welcomes the note."])
        excerpts.map_span(store, contribution, ["universalisation"], start=0, end=7)
    result = run_lapdesk("--store", store_path, "history", "--contribution", str(contribution),
                         "--json")
    assert result.code == 0, result.err
    entries = json.loads(result.out)
    assert [e["action"] for e in entries][0] == "Map excerpt to Universalisation"
    assert set(entries[0]) >= {"id", "at", "author", "replica", "replica_name", "action",
                               "details"}
    assert entries[0]["author"] == "Anne Bell"
    limited = json.loads(run_lapdesk("--store", store_path, "history", "--limit", "1",
                                     "--json").out)
    assert len(limited) == 1
    text = run_lapdesk("--store", store_path, "history")
    assert text.code == 0 and "Anne Bell  Map excerpt to Universalisation" in text.out
    assert run_lapdesk("--store", store_path, "history", "--limit", "-1").code == 2
