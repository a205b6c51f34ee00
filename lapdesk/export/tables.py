"""The team's spreadsheets: the contributions tracker, the position matrix and coverage.

``lapdesk export --out FILE.xlsx --table contributions|positions|coverage`` (or ``.csv``).
A table is built once as a header and rows of plain values, then written as Excel (openpyxl,
imported only when asked for, so the CLI stays quick to start) or as CSV in UTF-8 with a byte
order mark, which Excel on Windows opens with accents intact.  Files are written through
:func:`lapdesk.export.atomic.write_atomically`, so a failure never leaves half a file.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from lapdesk.analysis import coverage, positions
from lapdesk.core.errors import LapdeskError, UsageError
from lapdesk.export.atomic import OutputExistsError, write_atomically
from lapdesk.store import settings
from lapdesk.store.contributions import list_contributions
from lapdesk.store.database import Store

TABLES = ("contributions", "positions", "coverage")
FORMATS = (".xlsx", ".csv")


@dataclass
class Table:
    title: str
    header: list[str]
    rows: list[list]


def contributions_table(store: Store) -> Table:
    """One row per contribution: who, when, on time, follow-up, permission, progress."""
    deadline = settings.get(store, "deadline")[:10]
    follow = {entry["id"]: entry for entry in coverage.follow_up(store)}
    header = ["ID", "Received", "On time", "Contributors", "Regional group", "Kind", "Language",
              "Channel", "Title", "Files", "Status", "Excerpts", "Reviewed", "Acknowledged on",
              "Reminder on", "Permission to publish", "Superseded by", "Notes"]
    rows = []
    for item in list_contributions(store):
        people = item.contributors
        received = (item.received or "")[:10]
        rows.append([
            # As text: a team's ids have 16 digits, past what a spreadsheet keeps of a number.
            str(item.id), received,
            ("yes" if received <= deadline else "no") if received and deadline else "",
            "; ".join(p.name for p in people),
            "; ".join(dict.fromkeys(p.group for p in people if p.group)),
            "; ".join(dict.fromkeys(p.kind for p in people)),
            item.language or "", item.channel, item.title,
            "; ".join(f.name for f in item.files), item.status, item.excerpts, item.reviewed,
            "; ".join(filter(None, (follow[p.id]["acknowledged_on"] for p in people))),
            "; ".join(filter(None, (follow[p.id]["reminder_on"] for p in people))),
            {True: "yes", False: "no", None: "not decided"}[item.permission_to_publish],
            str(item.superseded_by or ""), item.notes,
        ])
    return Table("Contributions", header, rows)


def positions_table(store: Store, *, include_superseded: bool = False) -> Table:
    """Topics x contributors with stances, after the support and opposition counts."""
    result = positions.matrix(store, include_superseded=include_superseded)
    people = result["contributors"]
    cells = {(c["topic_id"], c["contributor_id"]): ", ".join(c["stances"])
             for c in result["cells"]}
    header = ["Topic", "Node", "Support", "Opposition", "Concern", *(p["name"] for p in people)]
    rows = [
        [t["topic"], t["node"] or "", t["support"], t["opposition"], t["concern"],
         *(cells.get((t["topic_id"], p["id"]), "") for p in people)]
        for t in result["topics"]
    ]
    return Table("Positions", header, rows)


def coverage_table(store: Store, *, include_superseded: bool = False) -> Table:
    """Framework nodes x contributors: the number of excerpts each mapped there."""
    result = coverage.coverage_matrix(store, include_superseded=include_superseded)
    totals = {n["key"]: n for n in coverage.node_coverage(
        store, include_superseded=include_superseded)}
    people = result["contributors"]
    cells = {(c["node"], c["contributor_id"]): c["excerpts"] for c in result["cells"]}
    header = ["Key", "Section or question", "Contributions", *(p["name"] for p in people)]
    rows = [
        [n["key"], ("    " * n["depth"]) + n["title"], totals[n["key"]]["contributions"],
         *(cells.get((n["key"], p["id"]), "") for p in people)]
        for n in result["nodes"]
    ]
    return Table("Coverage", header, rows)


def build_table(store: Store, table: str, *, include_superseded: bool = False) -> Table:
    if table == "contributions":
        return contributions_table(store)
    if table == "positions":
        return positions_table(store, include_superseded=include_superseded)
    if table == "coverage":
        return coverage_table(store, include_superseded=include_superseded)
    raise UsageError(f"{table!r} is not a table; use one of {', '.join(TABLES)}.")


def _csv_bytes(table: Table) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(table.header)
    writer.writerows(table.rows)
    return buffer.getvalue().encode("utf-8-sig")


def _xlsx_bytes(table: Table) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    sheet = book.active
    sheet.title = table.title
    sheet.append(table.header)
    for row in table.rows:
        sheet.append(row)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "B2"
    for index, name in enumerate(table.header, start=1):
        values = [name, *(row[index - 1] for row in table.rows)]
        width = max(len(str(v)) for v in values if v is not None) if values else 10
        sheet.column_dimensions[sheet.cell(1, index).column_letter].width = min(60, max(8, width + 2))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def export_table(store: Store, out: Path, table: str, *, overwrite: bool = False,
                 include_superseded: bool = False) -> dict:
    """Write one table to ``out`` (.xlsx or .csv); returns ``{out, table, rows, columns}``."""
    out = Path(out).expanduser()
    suffix = out.suffix.lower()
    if suffix not in FORMATS:
        raise UsageError(f"{out.name} is neither .xlsx nor .csv; tables are written in those.")
    if table not in TABLES:
        raise UsageError(f"{table!r} is not a table; use one of {', '.join(TABLES)}.")
    if out.is_dir():
        raise LapdeskError(f"{out} is a folder; give the name of a {suffix} file to write.")
    if out.exists() and not overwrite:
        raise OutputExistsError(f"{out} already exists; use --overwrite to replace it.")
    if not out.parent.is_dir():
        raise LapdeskError(f"The folder {out.parent} does not exist.")
    built = build_table(store, table, include_superseded=include_superseded)
    data = _xlsx_bytes(built) if suffix == ".xlsx" else _csv_bytes(built)
    write_atomically(out, lambda handle: handle.write(data))
    return {"out": str(out), "table": table, "rows": len(built.rows),
            "columns": len(built.header)}
