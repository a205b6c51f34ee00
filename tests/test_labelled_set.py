"""The labelled set is well formed: enough paragraphs, three languages, real framework keys."""

from labelled import add_labelled, load_set

from lapdesk.store import framework
from lapdesk.store.contributions import paragraphs_of


def test_the_set_is_large_enough_and_covers_both_kinds_in_three_languages():
    items = load_set()
    assert sum(len(i.paragraphs) for i in items) >= 150
    for kind in ("structured", "unstructured"):
        assert {i.language for i in items if i.kind == kind} == {"en", "fr", "es"}


def test_every_label_is_a_framework_key_or_none(store):
    keys = {row["key"] for row in framework.nodes(store)}
    for item in load_set():
        for paragraph in item.paragraphs:
            labels = paragraph["labels"]
            assert labels, (item.name, paragraph["text"])
            assert labels == ["none"] or ("none" not in labels and set(labels) <= keys), (
                item.name, labels)


def test_a_labelled_contribution_loads_with_its_paragraphs(store):
    item = load_set()[0]
    contribution_id = add_labelled(store, item)
    stored = paragraphs_of(store, contribution_id)
    assert [p["text"] for p in stored] == [p["text"] for p in item.paragraphs]
