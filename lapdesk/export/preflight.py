"""What to settle before a working paper is written: the export's pre-flight list.

The paper once went out with eight "An unidentified contributor" rows in Annex I, and its
warnings came after the file was written.  Both faces now ask first: the desk lists these
findings, each with a way to it, before anything is written.  Kept apart from the paper's
writer so that the check loads no Word library.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from lapdesk.export.options import ExportOptions
from lapdesk.export.paper_date import dated_after_meeting
from lapdesk.store import framework, settings
from lapdesk.store.database import Store

UNIDENTIFIED, UNDECIDED, EMPTY_SECTION, LATE_DATE = (
    "unidentified", "undecided", "empty_section", "late_date")


@dataclass(frozen=True)
class Finding:
    """One thing to settle, said in a sentence, with what it concerns (the contributions to
    open, or the section)."""

    kind: str
    sentence: str
    contribution_ids: tuple[int, ...] = ()
    node_key: str | None = None


def _plural(count: int, one: str, many: str) -> str:
    return one if count == 1 else many.format(count=count)


def _contributions(store: Store, where: str) -> tuple[int, ...]:
    return tuple(row["id"] for row in store.query(
        "SELECT c.id FROM contributions c WHERE c.superseded_by IS NULL AND " + where
        + " ORDER BY c.received, c.id"))


def _empty_sections(store: Store, options: ExportOptions) -> list[Finding]:
    """Sections included that have no excerpt and no synthesis (they would be left out)."""
    reviewed = " AND e.reviewed = 1" if options.reviewed_only else ""
    found = []
    for section in framework.nodes(store):
        if section["depth"] != 0 or (options.sections and section["key"] not in options.sections):
            continue
        keys = framework.descendant_keys(store, section["key"])
        marks = ",".join("?" for _ in keys)
        mapped = store.query_one(
            f"SELECT count(*) AS n FROM mappings m JOIN framework_nodes n ON n.id = m.node_id"
            f" JOIN excerpts e ON e.id = m.excerpt_id JOIN contributions c"
            f" ON c.id = e.contribution_id WHERE n.key IN ({marks})"
            f" AND c.superseded_by IS NULL{reviewed}", tuple(keys))["n"]
        written = store.query_one(
            f"SELECT count(*) AS n FROM framework_nodes WHERE key IN ({marks})"
            f" AND trim(synthesis) != ''", tuple(keys))["n"]
        if not mapped and not written:
            title = section["short_title"] or section["title"]
            found.append(Finding(EMPTY_SECTION, f"“{title}” has no excerpt and no synthesis "
                                 "yet: the paper would leave it out.", node_key=section["key"]))
    return found


def preflight(store: Store, options: ExportOptions) -> list[Finding]:
    """Everything to settle before the paper is written, most serious first (empty when the
    paper can go as it is)."""
    findings = []
    unknown = _contributions(store, "NOT EXISTS (SELECT 1 FROM contribution_contributors cc"
                             " WHERE cc.contribution_id = c.id AND cc.chosen = 1)")
    if unknown:
        findings.append(Finding(UNIDENTIFIED, _plural(
            len(unknown), "1 contribution has no identified contributor: the paper would "
            "list it as “An unidentified contributor”.", "{count} contributions have no "
            "identified contributor: the paper would list them as “An unidentified "
            "contributor”."), unknown))
    undecided = _contributions(store, "c.permission_to_publish IS NULL")
    if undecided and not options.anonymise:
        findings.append(Finding(UNDECIDED, _plural(
            len(undecided), "1 contribution has no decision on publication: it would be "
            "anonymised.", "{count} contributions have no decision on publication: they "
            "would be anonymised."), undecided))
    findings += _empty_sections(store, options)
    values = settings.all_settings(store)
    when = options.date or values.get("paper_date") or date.today().isoformat()
    late = dated_after_meeting(values, when, options.meeting if options.meeting is not None
                               else values.get("meeting", ""), how="in the export's Date box")
    if late:
        findings.append(Finding(LATE_DATE, late))
    return findings
