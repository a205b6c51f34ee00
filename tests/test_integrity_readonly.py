"""``check`` on a store opened read-only (the desk's background check on open)."""

from builders import add_text_contribution

from lapdesk.store import sqlite
from lapdesk.store.connection import open_store
from lapdesk.store.integrity import check


def test_a_sound_store_passes_check_when_opened_read_only(store):
    add_text_contribution(store, ["First paragraph.", "Second paragraph."])
    with open_store(store.path, readonly=True) as reader:
        assert check(reader) == {"ok": True, "problems": []}


def test_a_damaged_search_index_is_found_through_a_read_only_connection(store):
    add_text_contribution(store, ["First paragraph.", "Second paragraph."])
    conn = sqlite.connect(store.path)  # the store is open here: the same library, APSW
    conn.execute("DELETE FROM paragraphs_fts_docsize WHERE id = (SELECT max(id) FROM paragraphs)")
    conn.close()
    with open_store(store.path, readonly=True) as reader:
        result = check(reader)
    assert not result["ok"]
    assert result["problems"] == [
        "The search index is damaged (1 entries for 2 paragraphs); rebuild it."]
