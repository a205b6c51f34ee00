"""Coverage of the framework, follow-up per registry entry, and who is still to be heard from."""

from builders import add_text_contribution

from lapdesk.analysis import coverage
from lapdesk.store import contributions, excerpts, registry, settings


def _map(store, contribution_id, node, index=0, stance=None):
    para = contributions.paragraphs_of(store, contribution_id)[index]
    excerpts.map_span(store, contribution_id, [node], start=para["start"], end=para["end"],
                      stance=stance)


def _setup(store):
    swiss = add_text_contribution(store, ["Indicators.", "Stockpiles."],
                                  contributors=["Switzerland"], received="2020-06-04")
    mexico = add_text_contribution(store, ["Indicadores."], contributors=["Mexico"],
                                   received="2020-06-08T17:30:00+02:00")
    late = add_text_contribution(store, ["Victims."], contributors=["Senegal"],
                                 received="2020-06-10")
    _map(store, swiss, "structure.q4", stance="supports")
    _map(store, swiss, "stockpile_destruction", index=1)
    _map(store, mexico, "structure.q5", stance="opposes")
    _map(store, late, "victim_assistance.q1")
    return swiss, mexico, late


def test_node_coverage_counts_contributions_and_names_contributors(store):
    _setup(store)
    by_key = {n["key"]: n for n in coverage.node_coverage(store)}
    assert by_key["structure"]["contributions"] == 2  # through its questions
    assert [p["name"] for p in by_key["structure"]["contributors"]] == ["Mexico", "Switzerland"]
    assert by_key["structure.q4"]["contributions"] == 1
    assert by_key["stockpile_destruction"]["excerpts"] == 1
    assert by_key["universalisation"]["contributions"] == 0
    assert by_key["victim_assistance"]["contributors"][0]["group"] == "African"


def test_superseded_contributions_leave_node_coverage(store):
    swiss, mexico, _ = _setup(store)
    contributions.update_contribution(store, mexico, superseded_by=swiss)
    by_key = {n["key"]: n for n in coverage.node_coverage(store)}
    assert by_key["structure.q5"]["contributions"] == 0
    with_old = {n["key"]: n for n in coverage.node_coverage(store, include_superseded=True)}
    assert with_old["structure.q5"]["contributions"] == 1


def test_coverage_matrix_cells_count_excerpts_and_stances(store):
    _setup(store)
    result = coverage.coverage_matrix(store)
    cells = {(c["node"], c["contributor_id"]): c for c in result["cells"]}
    swiss = registry.find(store, "Switzerland")["id"]
    assert cells[("structure", swiss)]["excerpts"] == 1
    assert cells[("structure", swiss)]["stances"] == {"supports": 1}
    assert cells[("stockpile_destruction", swiss)]["stances"] == {}
    assert [p["name"] for p in result["contributors"]] == ["Mexico", "Senegal", "Switzerland"]
    assert result["nodes"][0]["key"] == "structure"


def test_follow_up_deadline_acknowledgement_and_permission(store):
    swiss, mexico, late = _setup(store)
    assert settings.get(store, "deadline") == "2020-06-08"
    swiss_id = registry.find(store, "Switzerland")["id"]
    registry.update_contributor(store, swiss_id, acknowledged_on="2020-06-05")
    contributions.update_contribution(store, mexico, permission_to_publish=0)
    entries = {e["name"]: e for e in coverage.follow_up(store)}
    assert entries["Switzerland"]["on_time"] is True
    assert entries["Switzerland"]["acknowledged_on"] == "2020-06-05"
    assert entries["Switzerland"]["permission_to_publish"] is True
    assert entries["Mexico"]["on_time"] is True  # on the deadline day itself
    assert entries["Mexico"]["permission_to_publish"] is False
    assert entries["Senegal"]["on_time"] is False
    assert entries["Austria"]["received"] is False and entries["Austria"]["on_time"] is None
    assert entries["Switzerland"]["contributions"] == [swiss]


def test_not_heard_from_by_regional_group(store):
    _setup(store)
    austria = registry.find(store, "Austria")["id"]
    registry.update_contributor(store, austria, reminder_on="2020-06-09")
    chad = registry.find(store, "Chad")["id"]
    registry.update_contributor(store, chad, expected=0)
    missing = coverage.not_heard_from(store)
    weog = [p["name"] for p in missing["WEOG"]]
    assert "Austria" in weog and "Switzerland" not in weog
    assert next(p for p in missing["WEOG"] if p["name"] == "Austria")["reminder_on"] == \
        "2020-06-09"
    assert "Mexico" not in [p["name"] for p in missing["GRULAC"]]
    assert "Chad" not in [p["name"] for p in missing["African"]]
    assert "Cluster Munition Coalition" in [p["name"] for p in missing["civil_society"]]
    total = coverage.coverage(store)["totals"]
    assert total["received_from"] == 3 and total["late"] == 1
    expected = sum(1 for e in coverage.follow_up(store) if e["expected"])
    assert total["expected_not_received"] == expected - 3


def test_received_per_day_fills_the_gaps_and_marks_late_days(store):
    _setup(store)
    result = coverage.received_per_day(store)
    assert result["deadline"] == "2020-06-08"
    days = {d["date"]: d for d in result["days"]}
    assert result["days"][0]["date"] == "2020-05-15"  # the consultation opened
    assert result["days"][-1]["date"] == "2020-06-10"
    assert days["2020-06-04"]["count"] == 1 and days["2020-06-05"]["count"] == 0
    assert days["2020-06-08"] == {"date": "2020-06-08", "count": 1, "cumulative": 2,
                                  "after_deadline": False}
    assert days["2020-06-10"]["after_deadline"] is True
    assert days["2020-06-10"]["cumulative"] == 3


def test_received_per_day_of_an_empty_store(store):
    assert coverage.received_per_day(store)["days"] == []
