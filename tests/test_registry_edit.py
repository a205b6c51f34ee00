"""The team's own registry (#19, point 2): adding, editing and merging contributors, in the
store (undoable) and from ``lapdesk contributors --add``."""

from __future__ import annotations

import pytest
from builders import add_text_contribution

from lapdesk.core.errors import UsageError
from lapdesk.store import changes, contributions, registry, registry_edit


def test_a_new_organisation_is_added_with_its_names_and_found_by_each(store):
    change = registry_edit.register_contributor(
        store, name="Mines Action Canada", kind="civil_society",
        aliases=["Action Mines Canada", "Acción contra las Minas Canadá"])
    added = registry.contributor(store, change.result)
    assert (added["key"], added["kind"], added["status"]) == (
        "mines_action_canada", "civil_society", "other")
    for name in ("mines action canada", "ACTION MINES CANADA", "Accion contra las minas canada"):
        assert registry.find(store, name)["id"] == change.result
    # The name typed in a contribution's header now credits it.
    contribution = add_text_contribution(store, ["A letter."])
    contributions.set_contributors_by_names(store, contribution, ["Action Mines Canada"])
    assert [p.name for p in contributions.contributors_of(store, contribution)] == [
        "Mines Action Canada"]


def test_a_second_entry_of_the_same_name_gets_a_key_of_its_own_but_not_the_same_name(store):
    first = registry_edit.register_contributor(store, name="Geneva Call", kind="civil_society")
    with pytest.raises(UsageError, match="already in the registry, as Geneva Call"):
        registry_edit.register_contributor(store, name="geneva call", kind="other")
    with pytest.raises(UsageError, match="as Austria"):
        registry_edit.register_contributor(store, name="Ginebra", kind="other",
                                           aliases=["Autriche"])
    other = registry_edit.register_contributor(store, name="Geneva-Call!", kind="other",
                                               aliases=[])
    assert registry.contributor(store, first.result)["key"] == "geneva_call"
    assert registry.contributor(store, other.result)["key"] == "geneva_call_2"


def test_bad_kinds_and_empty_names_are_refused_in_a_sentence(store):
    with pytest.raises(UsageError, match="not a kind"):
        registry_edit.register_contributor(store, name="X", kind="ngo")
    with pytest.raises(UsageError, match="needs a name"):
        registry_edit.register_contributor(store, name="  ", kind="other")


def test_an_edit_replaces_the_aliases_in_one_undoable_change(store):
    added = registry_edit.register_contributor(store, name="Survivors Net Ghana", kind="civil_society",
                                               aliases=["SNG"])
    change = registry_edit.edit_contributor(store, added.result, name="Survivors Network Ghana",
                                            aliases=["Réseau des survivants du Ghana", "SNG"])
    row = next(r for r in registry.contributors(store) if r["id"] == added.result)
    assert (row["name"], row["aliases"]) == ("Survivors Network Ghana",
                                             ["Réseau des survivants du Ghana", "SNG"])
    changes.undo(store, change)
    row = next(r for r in registry.contributors(store) if r["id"] == added.result)
    assert (row["name"], row["aliases"]) == ("Survivors Net Ghana", ["SNG"])


def test_merging_credits_the_contributions_and_keeps_the_names_undoably(store):
    duplicate = registry_edit.register_contributor(store, name="Austrian Permanent Mission",
                                                   kind="state", aliases=["Mission permanente autrichienne"])
    austria = registry.find(store, "Austria")["id"]
    theirs = add_text_contribution(store, ["A note verbale."])
    contributions.set_chosen_contributors(store, theirs, [duplicate.result])
    both = add_text_contribution(store, ["A joint note."])
    contributions.set_chosen_contributors(store, both, [duplicate.result, austria])

    change = registry_edit.merge_contributors(store, duplicate.result, austria)
    assert [p.id for p in contributions.contributors_of(store, theirs)] == [austria]
    assert [p.id for p in contributions.contributors_of(store, both)] == [austria]
    assert registry.find(store, "Austrian Permanent Mission")["id"] == austria
    assert registry.find(store, "mission permanente autrichienne")["id"] == austria
    assert store.query_one("SELECT 1 AS x FROM contributors WHERE id = ?",
                           (duplicate.result,)) is None

    changes.undo(store, change)
    assert [p.id for p in contributions.contributors_of(store, theirs)] == [duplicate.result]
    assert registry.find(store, "Mission permanente autrichienne")["id"] == duplicate.result
    with pytest.raises(UsageError):
        registry_edit.merge_contributors(store, austria, austria)


def test_the_cli_adds_a_contributor_and_lists_it(cli, store_path):
    result = cli("contributors", "--store", store_path, "--add", "Mines Action Canada",
                 "--kind", "civil_society", "--alias", "Action Mines Canada", "--alias",
                 "MAC", "--json")
    assert result.code == 0, result.err
    added = result.json()
    assert added["name"] == "Mines Action Canada" and added["kind"] == "civil_society"
    assert added["aliases"] == ["Action Mines Canada", "MAC"]
    assert set(added) >= {"id", "key", "name", "kind", "status", "iso3", "group", "aliases",
                          "expected"}
    listed = cli("contributors", "--store", store_path, "--json").json()
    assert any(row["name"] == "Mines Action Canada" for row in listed)
    again = cli("contributors", "--store", store_path, "--add", "MAC", "--kind", "other")
    assert again.code == 2 and "already in the registry, as Mines Action Canada" in again.err
    no_kind = cli("contributors", "--store", store_path, "--add", "Someone")
    assert no_kind.code == 2 and "--kind" in no_kind.err
    text = cli("contributors", "--store", store_path, "--add", "Geneva Call", "--kind",
               "civil_society")
    assert text.out.strip() == "Added Geneva Call to the registry as geneva_call."
