"""What makes a contribution need attention, as list_contributions reports it."""

from builders import add_text_contribution

from lapdesk.store import contributions as c
from lapdesk.store import intake, registry


def attention(store, contribution_id):
    return list(next(r for r in c.list_contributions(store)
                     if r.id == contribution_id).needs_attention)


def test_a_confident_known_readable_contribution_needs_nothing(store):
    cid = add_text_contribution(store, ["Austria welcomes the plan."], contributors=["Austria"])
    assert attention(store, cid) == []


def test_unknown_contributor_and_unknown_language(store):
    cid = add_text_contribution(store, ["..."], language=None)
    assert attention(store, cid) == ["contributor unknown", "language unknown"]


def test_weak_match_needs_confirmation_until_the_user_confirms(store):
    cid = add_text_contribution(store, ["Comments."])
    austria = registry.find(store, "Austria")["id"]
    with store.transaction():
        intake.set_contributors(store, cid, [{"contributor_id": austria, "confidence": 0.5,
                                         "reason": "file name: 'AT.pdf'", "chosen": True}])
    assert attention(store, cid) == [
        "contributor Austria to confirm (a weak match: file name: 'AT.pdf')"]
    c.set_chosen_contributors(store, cid, [austria])
    assert attention(store, cid) == []


def test_a_file_that_was_not_read_needs_attention(store):
    cid = add_text_contribution(store, ["Covering note."], contributors=["Chile"])
    with store.transaction():
        digest, _ = intake.store_blob(store, b"%PDF-1.7 scanned")
        intake.add_file(store, cid, name="scan.pdf", sha256=digest, size=16,
                   media_type="application/pdf", status="needs_ocr")
    assert attention(store, cid) == ["file scan.pdf is a scan without text (needs OCR)"]


def test_a_superseded_contribution_needs_nothing(store):
    old = add_text_contribution(store, ["Draft."], language=None)
    new = add_text_contribution(store, ["Final."], contributors=["Chile"])
    c.update_contribution(store, old, superseded_by=new)
    assert attention(store, old) == []
