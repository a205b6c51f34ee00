"""Counts beside the framework tree: excerpts and distinct contributors, rolled up to sections."""

from builders import add_text_contribution

from lapdesk.store import excerpts, framework


def test_counts_roll_up_and_count_each_contributor_once(store):
    austria = add_text_contribution(store, ["Austria supports universalisation."],
                                    contributors=["Austria"])
    joint = add_text_contribution(store, ["We propose regional workshops."],
                                  contributors=["Austria", "France"])
    excerpts.map_span(store, austria, ["universalisation.q3"], start=0, end=7)
    excerpts.map_span(store, austria, ["universalisation"], start=8, end=16)
    excerpts.map_span(store, joint, ["universalisation.q3", "transparency"], start=3, end=10)
    counts = framework.mapping_counts(store)
    assert counts["universalisation.q3"] == {"excerpts": 2, "contributors": 2}
    assert counts["universalisation"] == {"excerpts": 3, "contributors": 2}
    assert counts["transparency"] == {"excerpts": 1, "contributors": 2}
    assert counts["structure"] == {"excerpts": 0, "contributors": 0}


def test_descendant_keys_lists_the_node_and_what_is_below_it(store):
    keys = framework.descendant_keys(store, "universalisation")
    assert keys == ["universalisation"] + [f"universalisation.q{i}" for i in range(1, 6)]
    assert framework.descendant_keys(store, "universalisation.q2") == ["universalisation.q2"]
