"""The team's spreadsheets (.xlsx and .csv), read back from the files written."""

import csv

import openpyxl
import pytest
from builders import add_text_contribution

from lapdesk.export.tables import export_table
from lapdesk.store import contributions, excerpts, registry
from lapdesk.store.connection import open_store


def _fill(store):
    swiss = add_text_contribution(store, ["La Suisse soutient un indicateur par action.",
                                          "Stocks."], contributors=["Switzerland"],
                                  received="2020-06-04", language="fr")
    mexico = add_text_contribution(store, ["México se opone."], contributors=["Mexico"],
                                   received="2020-06-12", language="es")
    para = contributions.paragraphs_of(store, swiss)
    excerpts.map_span(store, swiss, ["structure.q4"], start=para[0]["start"],
                      end=para[0]["end"], stance="supports", topic="Un indicateur par action")
    excerpts.map_span(store, swiss, ["stockpile_destruction"], start=para[1]["start"],
                      end=para[1]["end"])
    para = contributions.paragraphs_of(store, mexico)[0]
    excerpts.map_span(store, mexico, ["structure.q4"], start=para["start"], end=para["end"],
                      stance="opposes", topic="Un indicateur par action")
    registry.update_contributor(store, registry.find(store, "Switzerland")["id"],
                                acknowledged_on="2020-06-05")
    contributions.update_contribution(store, mexico, permission_to_publish=0)
    return swiss, mexico


def _xlsx_rows(path):
    sheet = openpyxl.load_workbook(path).active
    return [[c.value for c in row] for row in sheet.iter_rows()]


def test_contributions_tracker_in_excel(store, tmp_path):
    swiss, mexico = _fill(store)
    out = tmp_path / "tracker.xlsx"
    result = export_table(store, out, "contributions")
    assert result == {"out": str(out), "table": "contributions", "rows": 2, "columns": 18}
    rows = _xlsx_rows(out)
    header = rows[0]
    by_id = {row[0]: dict(zip(header, row, strict=True)) for row in rows[1:]}
    swiss, mexico = str(swiss), str(mexico)  # ids are text: a team's have 16 digits
    assert by_id[swiss]["Contributors"] == "Switzerland"
    assert by_id[swiss]["On time"] == "yes" and by_id[mexico]["On time"] == "no"
    assert by_id[swiss]["Acknowledged on"] == "2020-06-05"
    assert by_id[mexico]["Permission to publish"] == "no"
    assert by_id[swiss]["Excerpts"] == 2 and by_id[swiss]["Regional group"] == "WEOG"


def test_position_matrix_in_csv_keeps_accents(store, tmp_path):
    _fill(store)
    out = tmp_path / "positions.csv"
    export_table(store, out, "positions")
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][:5] == ["Topic", "Node", "Support", "Opposition", "Concern"]
    assert rows[0][5:] == ["Mexico", "Switzerland"]
    assert rows[1] == ["Un indicateur par action", "structure.q4", "1", "1", "0", "opposes",
                       "supports"]


def test_coverage_nodes_by_contributors(store, tmp_path):
    _fill(store)
    out = tmp_path / "coverage.xlsx"
    export_table(store, out, "coverage")
    rows = _xlsx_rows(out)
    assert rows[0] == ["Key", "Section or question", "Contributions", "Mexico", "Switzerland"]
    by_key = {row[0]: row for row in rows[1:]}
    assert by_key["structure"][2:] == [2, 1, 1]
    assert by_key["stockpile_destruction"][2:] == [1, None, 1]
    assert by_key["universalisation"][2:] == [0, None, None]
    assert by_key["structure.q4"][1].startswith("    ")


def test_refusals(store, tmp_path):
    out = tmp_path / "t.xlsx"
    out.write_bytes(b"keep me")
    with pytest.raises(Exception, match="already exists"):
        export_table(store, out, "coverage")
    assert out.read_bytes() == b"keep me"
    export_table(store, out, "coverage", overwrite=True)
    assert out.read_bytes() != b"keep me"
    with pytest.raises(Exception, match="neither .xlsx nor .csv"):
        export_table(store, tmp_path / "t.ods", "coverage")


def test_export_command_table_branch(cli, store_path, tmp_path):
    with open_store(store_path) as store:
        _fill(store)
    out = tmp_path / "matrix.xlsx"
    result = cli("--store", store_path, "export", "--out", out, "--table", "positions", "--json")
    assert result.code == 0, result.err
    assert result.json()["rows"] == 1
    assert _xlsx_rows(out)[1][0] == "Un indicateur par action"
    again = cli("--store", store_path, "export", "--out", out, "--table", "positions")
    assert again.code == 1 and "already exists" in again.err
    wrong = cli("--store", store_path, "export", "--out", tmp_path / "x.txt", "--table",
                "coverage")
    assert wrong.code == 2
