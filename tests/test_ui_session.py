"""The store session: core changes become undoable commands, and every change is announced."""

from builders import add_text_contribution

from lapdesk.store import excerpts
from lapdesk.ui.session import StoreSession


def test_apply_pushes_an_undoable_command_and_announces_tables(qtbot, store):
    cid = add_text_contribution(store, ["Austria supports the draft."])
    session = StoreSession(store)
    with qtbot.waitSignal(session.store_changed) as seen:
        excerpt_id = session.apply(excerpts.map_span, cid, ["universalisation"], start=0, end=7)
    assert {"excerpts", "mappings"} <= seen.args[0]
    assert session.undo_stack.count() == 1
    assert session.undo_stack.undoText() == "Map excerpt to Universalisation"
    session.undo_stack.undo()
    assert excerpts.excerpts_of(store, cid) == []
    session.undo_stack.redo()
    assert [e["id"] for e in excerpts.excerpts_of(store, cid)] == [excerpt_id]


def test_a_user_error_becomes_one_sentence_not_an_exception(qtbot, store):
    cid = add_text_contribution(store, ["Short."])
    session = StoreSession(store)
    with qtbot.waitSignal(session.error) as seen:
        assert session.apply(excerpts.map_span, cid, ["universalisation"], start=0, end=99) is None
    assert "outside contribution" in seen.args[0]
    assert session.undo_stack.count() == 0


def test_notify_announces_work_done_elsewhere(qtbot, store):
    session = StoreSession(store)
    with qtbot.waitSignal(session.store_changed) as seen:
        session.notify(["contributions", "files"])
    assert seen.args[0] == {"contributions", "files"}
