"""Tracked changes and comments in Word and OpenDocument files: the text as accepted, each
passage once, the revisions and comments kept with their authors, dates and spans — in a file
written with python-docx/lxml and the same file saved again by LibreOffice (.docx, .odt)."""

from __future__ import annotations

import pytest
from samples import revisions as rv

from lapdesk.ingest.formats import extract
from lapdesk.ingest.pipeline import import_paths
from lapdesk.store.contributions import text_of
from lapdesk.store.marks import comments_of, revisions_of
from lapdesk.store.search import search


@pytest.fixture(scope="module")
def files():
    ours = rv.tracked_docx_bytes()
    found = {"python-docx": ("tracked.docx", ours)}
    for target in ("docx", "odt"):
        data = rv.libreoffice_bytes(ours, target)
        if data is not None:
            found[f"libreoffice-{target}"] = (f"tracked-lo.{target}", data)
    return found


WRITERS = ["python-docx", "libreoffice-docx", "libreoffice-odt"]


def read(files, writer):
    if writer not in files:
        pytest.skip("LibreOffice is not installed")
    name, data = files[writer]
    result = extract(data, name)
    assert result.status == "ok", result.message
    return result


def revisions_by_paragraph(result):
    return {p.text: [(r.kind, r.text, r.author, r.start, r.end, r.whole_paragraph)
                     for r in p.revisions or ()] for p in result.paragraphs}


@pytest.mark.parametrize("writer", WRITERS)
def test_the_text_is_what_the_author_sees_with_every_change_accepted(files, writer):
    result = read(files, writer)
    texts = [p.text for p in result.paragraphs]
    assert sorted(texts) == sorted(rv.ACCEPTED)
    whole = " ".join(texts)
    assert whole.count("Moved sentence.") == 1  # a move is read once, where it arrived
    assert "should" not in whole and "Stockpiles may be kept" not in whole
    assert [p.part for p in result.paragraphs if p.text in ("Action",
                                                            "Clear contaminated land")] == \
        ["table", "table"]


@pytest.mark.parametrize("writer", WRITERS)
def test_each_change_is_kept_with_its_author_and_span(files, writer):
    found = revisions_by_paragraph(read(files, writer))
    assert found[rv.ACCEPTED[0]] == [("delete", "should ", "Mexico", 15, 15, False),
                                     ("insert", "shall", "Austria", 15, 20, False)]
    assert found["Other text. Moved sentence."] == [("move", "Moved sentence.", "Mexico", 12,
                                                     27, False)]
    inserted = rv.ACCEPTED[2]
    assert found[inserted] == [("insert", inserted, "Austria", 0, len(inserted), True)]
    # The deleted paragraph has no text left: its deletion opens the paragraph after it.
    assert found["Cooperation remains essential."] == [
        ("delete", "Stockpiles may be kept for training.", "Mexico", 0, 0, True)]
    assert found["See the Convention's website for details."] == [  # inside a hyperlink
        ("insert", "Convention's", "Austria", 8, 20, False)]
    assert found["Clear contaminated land"] == [("delete", "all ", "Mexico", 6, 6, False)]
    assert found["Reporting is due annually."] == []


@pytest.mark.parametrize("writer", WRITERS)
def test_dates_are_kept_as_written(files, writer):
    result = read(files, writer)
    dates = {r.date[:16] for p in result.paragraphs for r in p.revisions or ()}
    assert dates == {"2020-06-01T10:00", "2020-06-02T11:30"}


@pytest.mark.parametrize("writer", WRITERS)
def test_comments_are_read_with_their_span_and_their_text_is_not_the_document_s(files,
                                                                                 writer):
    result = read(files, writer)
    whole = " ".join(p.text for p in result.paragraphs)
    assert rv.COMMENT not in whole and rv.REPLY not in whole
    texts = [c.text for c in result.comments]
    assert rv.COMMENT in texts and rv.POINT_COMMENT in texts
    first = next(c for c in result.comments if c.text == rv.COMMENT)
    assert (first.author, first.date[:10]) == ("Austria", "2020-06-01")
    moved = next(c for c in result.comments if c.text == rv.POINT_COMMENT)
    assert moved.done is True  # resolved
    anchors = {(a.key, a.edge): a.offset for p in result.paragraphs
               for a in p.anchors or ()}
    assert (anchors[(first.key, "start")], anchors[(first.key, "end")]) == \
        (0, len(rv.ACCEPTED[0]))


def test_a_reply_is_nested_under_its_comment(files):
    """Word writes the reply's parent in commentsExtended.xml (LibreOffice 7.4 does not
    write it at all, so its files have no replies to read)."""
    result = read(files, "python-docx")
    first, point = result.comments
    assert [(r.author, r.text) for r in first.replies] == [("Mexico", rv.REPLY)]
    assert point.replies == []


def test_revisions_and_comments_are_stored_shown_and_searchable(store, tmp_path, files):
    name, data = files["python-docx"]
    path = tmp_path / name
    path.write_bytes(data)
    result, = import_paths(store, [path])
    contribution = result.contribution_id
    text = text_of(store, contribution)
    revisions = revisions_of(store, contribution)
    assert {frozenset(r) for r in revisions} == {frozenset(
        {"file_id", "paragraph", "kind", "text", "author", "date", "start", "end",
         "whole_paragraph"})}
    for revision in revisions:
        if revision["kind"] != "delete":
            assert text[revision["start"]:revision["end"]] == revision["text"]
        else:
            assert revision["start"] == revision["end"]
    assert [r["kind"] for r in revisions].count("move") == 1
    comments = comments_of(store, contribution)
    first = next(c for c in comments if c["text"] == rv.COMMENT)
    assert text[first["start"]:first["end"]] == rv.ACCEPTED[0]
    assert [(r["author"], r["text"]) for r in first["replies"]] == [("Mexico", rv.REPLY)]
    hits = search(store, "earlier date")  # the reply's text
    assert [(h["kind"], h["contribution_id"], h["start"], h["end"]) for h in hits] == \
        [("comment", contribution, first["start"], first["end"])]
    assert "«earlier» «date»" in hits[0]["snippet"]


def test_show_json_has_revisions_and_comments(tmp_path, files):
    from conftest import run_lapdesk

    name, data = files["python-docx"]
    (tmp_path / name).write_bytes(data)
    store = tmp_path / "s.lapdesk"
    imported = run_lapdesk("--store", store, "import", tmp_path / name, "--json").json()
    shown = run_lapdesk("--store", store, "show", imported[0]["contribution_id"], "--json")
    assert shown.code == 0, shown.err
    body = shown.json()
    assert {r["kind"] for r in body["revisions"]} == {"insert", "delete", "move"}
    assert {frozenset(c) for c in body["comments"]} == {frozenset(
        {"id", "file_id", "author", "date", "text", "start", "end", "done", "replies"})}
    people = run_lapdesk("--store", store, "show", imported[0]["contribution_id"])
    assert "Tracked changes:" in people.out and "reply by Mexico" in people.out


def test_deleting_a_contribution_and_undoing_it_keeps_its_revisions_and_comments(
        store, tmp_path, files):
    from lapdesk.store.changes import undo
    from lapdesk.store.contributions import delete_contribution

    name, data = files["python-docx"]
    (tmp_path / name).write_bytes(data)
    contribution = import_paths(store, [tmp_path / name])[0].contribution_id
    before = (revisions_of(store, contribution), comments_of(store, contribution))
    change = delete_contribution(store, contribution)
    assert store.query_one("SELECT count(*) AS n FROM revisions")["n"] == 0
    undo(store, change)
    assert (revisions_of(store, contribution), comments_of(store, contribution)) == before
    assert search(store, "earlier date")[0]["kind"] == "comment"
