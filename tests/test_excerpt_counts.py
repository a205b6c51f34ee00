"""The excerpt counts a view refreshes after each mapping agree with the full listing."""

from builders import add_text_contribution

from lapdesk.store import contributions, excerpts


def test_excerpt_counts_match_list_contributions(store):
    first = add_text_contribution(store, ["Austria supports universalisation."])
    second = add_text_contribution(store, ["France agrees."])
    add_text_contribution(store, ["Nothing mapped here."])
    kept = excerpts.map_span(store, first, ["universalisation"], start=0, end=7).result
    excerpts.map_span(store, first, ["transparency"], start=8, end=16)
    excerpts.map_span(store, second, ["transparency"], start=0, end=6)
    excerpts.set_reviewed(store, kept)
    counts = contributions.excerpt_counts(store)
    assert counts == {first: (2, 1), second: (1, 0)}
    listed = {r.id: (r.excerpts, r.reviewed)
              for r in contributions.list_contributions(store) if r.excerpts}
    assert counts == listed
