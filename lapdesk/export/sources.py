"""What one export reads from the store, gathered once with a handful of queries.

Reading everything up front (rather than per node) keeps a 3,000-excerpt export fast, and
deciding here who must stay anonymous means every part of the paper applies the same rule:

- a contribution is *hidden* when the export is anonymised or it has no permission to publish
  (no decision yet counts as no);
- in Annex I and Annex II (one row or quote per contribution) exactly the hidden
  contributions are anonymised;
- views and the per-section "who addressed this" merge contributions, so a contributor with
  any hidden contribution is never named there (:attr:`PaperData.unnamed`);
- the names and aliases of contributors who have no published contribution at all are
  removed from every text taken from the store (:attr:`PaperData.redacted_names`).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from lapdesk.core.errors import UsageError
from lapdesk.export.attribution import category, sort_key
from lapdesk.export.options import ExportOptions
from lapdesk.store import framework, registry, settings
from lapdesk.store.connection import Store
from lapdesk.store.contributions import list_contributions
from lapdesk.store.registry import attribution_rank


@dataclass
class PaperData:
    settings: dict[str, str]
    sections: list[dict]
    questions: dict[int, list[dict]]
    contributions: list[dict]                      # in Annex I order, each with "number"
    hidden: set[int]                               # contribution ids shown anonymously
    unnamed: set[int]                              # contributor ids never named in views
    redacted_names: list[str]                      # names and aliases removed from texts
    redacted_in_hidden: list[str]                  # also removed from hidden quotes
    excerpts_by_node: dict[int, list[dict]] = field(default_factory=dict)
    french: dict[int, tuple[str, str]] = field(default_factory=dict)  # id: (name, article)

    @property
    def by_id(self) -> dict[int, dict]:
        return {c["id"]: c for c in self.contributions}


def selected_sections(store: Store, keys: tuple[str, ...] | None) -> list[dict]:
    """The sections to export, in the framework's order."""
    sections = framework.sections(store)
    if keys is None:
        return sections
    known = {s["key"] for s in sections}
    unknown = [k for k in keys if k not in known]
    if unknown:
        raise UsageError(f"There is no section {unknown[0]!r}; the sections are "
                         f"{', '.join(s['key'] for s in sections)}.")
    return [s for s in sections if s["key"] in set(keys)]


def _questions(store: Store, sections: list[dict]) -> dict[int, list[dict]]:
    """Every node under each section (questions and any deeper node), in framework order."""
    nodes = framework.nodes(store)
    section_of: dict[int, int] = {}
    result: dict[int, list[dict]] = {s["id"]: [] for s in sections}
    for row in nodes:
        if row["id"] in result:
            section_of[row["id"]] = row["id"]
        elif row["parent_id"] in section_of:
            section_of[row["id"]] = section_of[row["parent_id"]]
            result[section_of[row["id"]]].append(row)
    return result


def _annex_order(contribution: dict, hidden: bool, names: dict[int, tuple[str, str]]) -> tuple:
    """Annex I's order: by the first contributor's rank, then name (``names``, when the
    paper is in French: "Allemagne" before "Autriche")."""
    def key(person: dict) -> tuple:
        return sort_key(person, names.get(person["id"], ("",))[0])

    people = sorted(contribution["contributors"], key=key)
    if not people:
        return (9, 1, "", contribution["received"], contribution["id"])
    first = people[0]
    rank = attribution_rank(first["kind"], first["status"])
    name = "" if hidden else key(first)[2]
    return (rank, int(hidden), name, contribution["received"], contribution["id"])


def _aliases(store: Store, contributor_ids: set[int]) -> list[str]:
    if not contributor_ids:
        return []
    ids = sorted(contributor_ids)
    marks = ",".join("?" for _ in ids)
    names = [name for r in store.query(
        f"SELECT name, name_fr FROM contributors WHERE id IN ({marks})", tuple(ids))
        for name in (r["name"], r["name_fr"]) if name]
    names += [r["alias"] for r in store.query(
        f"SELECT alias FROM contributor_aliases WHERE contributor_id IN ({marks})", tuple(ids))]
    return sorted(set(names))


def gather(store: Store, options: ExportOptions) -> PaperData:
    sections = selected_sections(store, options.sections)
    contributions = [c for c in list_contributions(store) if not c["superseded_by"]]
    hidden = {c["id"] for c in contributions
              if options.anonymise or c["permission_to_publish"] is not True}
    french = registry.french_names(store)
    names = french if options.lang == "fr" else {}
    contributions.sort(key=lambda c: _annex_order(c, c["id"] in hidden, names))
    for number, contribution in enumerate(contributions, start=1):
        contribution["number"] = number
        contribution["contributors"] = sorted(
            contribution["contributors"], key=lambda p: sort_key(p, names.get(p["id"], ("",))[0]))
    unnamed = {p["id"] for c in contributions if c["id"] in hidden for p in c["contributors"]}
    published = {p["id"] for c in contributions if c["id"] not in hidden
                 for p in c["contributors"]}
    data = PaperData(
        settings=settings.all_settings(store), sections=sections,
        questions=_questions(store, sections), contributions=contributions, hidden=hidden,
        unnamed=unnamed, redacted_names=_aliases(store, unnamed - published),
        redacted_in_hidden=_aliases(store, unnamed), french=french,
    )
    data.excerpts_by_node = _excerpts(store, data, reviewed_only=options.reviewed_only)
    return data


def _excerpts(store: Store, data: PaperData, *, reviewed_only: bool) -> dict[int, list[dict]]:
    """Excerpts of the contributions in scope, by node, each with where it comes from."""
    by_id = data.by_id
    node_ids = {s["id"] for s in data.sections}
    node_ids |= {q["id"] for qs in data.questions.values() for q in qs}
    rows = store.query(
        "SELECT e.id, e.contribution_id, e.start, e.\"end\", e.text, m.node_id"
        " FROM excerpts e JOIN mappings m ON m.excerpt_id = e.id"
        " JOIN contributions c ON c.id = e.contribution_id WHERE c.superseded_by IS NULL"
        + (" AND e.reviewed = 1" if reviewed_only else ""))
    rows = [r for r in rows if r["node_id"] in node_ids and r["contribution_id"] in by_id]
    locate = _locator(store, {r["contribution_id"] for r in rows})
    result: dict[int, list[dict]] = {}
    for row in rows:
        row["file"], row["page"], row["paragraph"] = locate(row["contribution_id"], row["start"])
        result.setdefault(row["node_id"], []).append(row)
    for excerpts in result.values():
        excerpts.sort(key=lambda r: (by_id[r["contribution_id"]]["number"], r["start"], r["id"]))
    return result


def _locator(store: Store, contribution_ids: set[int]):
    """A function giving (file name, page, paragraph number in its file) for an offset."""
    if not contribution_ids:
        return lambda contribution_id, offset: (None, None, None)
    ids = sorted(contribution_ids)
    marks = ",".join("?" for _ in ids)
    files = {r["id"]: r["name"] for r in store.query(
        f"SELECT id, name FROM files WHERE contribution_id IN ({marks})", tuple(ids))}
    starts: dict[int, list[int]] = {}
    info: dict[int, list[tuple]] = {}
    first_idx: dict[int, int] = {}
    for p in store.query(
        "SELECT contribution_id, file_id, idx, start, page FROM paragraphs"
        f" WHERE contribution_id IN ({marks}) ORDER BY contribution_id, start", tuple(ids)
    ):
        first_idx.setdefault(p["file_id"], p["idx"])
        first_idx[p["file_id"]] = min(first_idx[p["file_id"]], p["idx"])
        starts.setdefault(p["contribution_id"], []).append(p["start"])
        info.setdefault(p["contribution_id"], []).append((p["file_id"], p["idx"], p["page"]))

    def locate(contribution_id: int, offset: int):
        positions = starts.get(contribution_id)
        if not positions:
            return (None, None, None)
        index = max(0, bisect.bisect_right(positions, offset) - 1)
        file_id, idx, page = info[contribution_id][index]
        return (files.get(file_id), page, idx - first_idx[file_id] + 1)

    return locate


def contributors_in(data: PaperData, contribution_ids) -> list[dict]:
    """The distinct contributors of these contributions."""
    by_id = data.by_id
    people: dict[int, dict] = {}
    for cid in contribution_ids:
        for person in by_id[cid]["contributors"]:
            people.setdefault(person["id"], person)
    return list(people.values())


def category_counts(people: list[dict]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for person in people:
        counts[category(person)] = counts.get(category(person), 0) + 1
    return counts
