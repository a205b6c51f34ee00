"""What one export reads from the store, gathered once with a handful of queries.

Reading everything up front (rather than per node) keeps a 3,000-excerpt export fast, and
deciding here who must stay anonymous (:mod:`lapdesk.export.anonymity`) means every part of
the paper applies the same rule:

- in Annex I and Annex II (one row or quote per contribution) exactly the hidden
  contributions are anonymised, and Annex I gives them as counts;
- views and the per-section "who addressed this" merge contributions, so a contributor with
  any hidden contribution is never named there (:attr:`PaperData.unnamed`);
- the names, aliases and nationality adjectives of contributors who have no published
  contribution at all are replaced in every text taken from the store
  (:attr:`PaperData.redact`); a hidden contribution's own quotes lose every unnamed one's.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from lapdesk.core.errors import UsageError
from lapdesk.export.anonymity import Anonymity, published
from lapdesk.export.attribution import category, sort_key
from lapdesk.export.options import ExportOptions
from lapdesk.export.redaction import Redactor
from lapdesk.ingest.reference import Reference, detect_reference
from lapdesk.store import framework, registry, settings
from lapdesk.store.contributions import list_contributions
from lapdesk.store.database import Store
from lapdesk.store.registry import attribution_rank

# A paragraph the delegation numbered itself: "3.", "3)", and its sub-items "(b)", "b)".
_OWN_NUMBER = re.compile(r"^\s*(\d{1,3})[.)]\s")
_OWN_LETTER = re.compile(r"^\s*\(?([a-z])\)\s")
AMENDMENT_TAGS = {"amendment", "amends", "amend", "amendement", "enmienda", "modification"}
REFERENCE_PARAGRAPHS = 12  # head paragraphs read for the reference, plus the tail's


@dataclass
class PaperData:
    settings: dict[str, str]
    sections: list[dict]
    questions: dict[int, list[dict]]
    contributions: list[dict]                      # in Annex I order, each with "number"
    anonymity: Anonymity
    redact: Redactor                               # names removed from every kept text
    redact_hidden: Redactor                        # also from a hidden contribution's quotes
    excerpts_by_node: dict[int, list[dict]] = field(default_factory=dict)
    french: dict[int, tuple[str, str]] = field(default_factory=dict)  # id: (name, article)
    amending: set[tuple[int, int]] = field(default_factory=set)   # (topic id, contributor id)

    @property
    def hidden(self) -> set[int]:
        return self.anonymity.hidden

    @property
    def unnamed(self) -> set[int]:
        return self.anonymity.unnamed

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


def _annex_order(contribution: dict, withheld: bool, names: dict[int, tuple[str, str]]) -> tuple:
    """The contributions' numbering: publishable ones by their first contributor's rank and
    name (``names``, when the paper is in French: "Allemagne" before "Autriche"), then the
    withheld ones by date of receipt, whose names must not order anything."""
    if withheld:
        return (1, 0, "", contribution["received"], contribution["id"])

    def key(person: dict) -> tuple:
        return sort_key(person, names.get(person["id"], ("",))[0])

    people = sorted(contribution["contributors"], key=key)
    if not people:
        return (0, 9, "", contribution["received"], contribution["id"])
    first = people[0]
    return (0, attribution_rank(first["kind"], first["status"]), key(first)[2],
            contribution["received"], contribution["id"])


def _aliases(store: Store, contributor_ids: set[int]) -> tuple[list[str], list[str]]:
    """Every name and alias, and every nationality adjective, of these contributors."""
    if not contributor_ids:
        return [], []
    ids = sorted(contributor_ids)
    marks = ",".join("?" for _ in ids)
    rows = store.query(f"SELECT name, name_fr, adjectives FROM contributors WHERE id IN ({marks})",
                       tuple(ids))
    names = [n for r in rows for n in (r["name"], r["name_fr"]) if n]
    names += [r["alias"] for r in store.query(
        f"SELECT alias FROM contributor_aliases WHERE contributor_id IN ({marks})", tuple(ids))]
    adjectives = [a for r in rows for a in (r.get("adjectives") or "").split("|") if a]
    return sorted(set(names)), sorted(set(adjectives))


def _dated(store: Store) -> dict[int, str]:
    """The date each letter bears, where the store records it (``contributions.dated``)."""
    columns = {r["name"] for r in store.query("PRAGMA table_info(contributions)")}
    if "dated" not in columns:
        return {}
    return {r["id"]: r["dated"] for r in store.query(
        "SELECT id, dated FROM contributions WHERE dated IS NOT NULL AND dated != ''")}


def gather(store: Store, options: ExportOptions) -> PaperData:
    sections = selected_sections(store, options.sections)
    # The paper numbers and re-sorts what it lists: it works on the contributions' JSON.
    contributions = [c.to_json() for c in list_contributions(store) if not c.superseded_by]
    anonymity = Anonymity.decide(contributions, anonymise=options.anonymise)
    french = registry.french_names(store)
    names = french if options.lang == "fr" else {}
    contributions.sort(key=lambda c: _annex_order(c, not published(c), names))
    dated = _dated(store)
    for number, contribution in enumerate(contributions, start=1):
        contribution["number"] = number
        contribution["contributors"] = sorted(
            contribution["contributors"], key=lambda p: sort_key(p, names.get(p["id"], ("",))[0]))
        contribution["dated"] = dated.get(contribution["id"])
    unnamed = anonymity.unnamed
    shown = {p["id"] for c in contributions if c["id"] not in anonymity.hidden
             for p in c["contributors"]}
    redacted, adjectives = _aliases(store, unnamed - shown)
    in_hidden, hidden_adjectives = _aliases(store, unnamed)
    data = PaperData(
        settings=settings.all_settings(store), sections=sections,
        questions=_questions(store, sections), contributions=contributions,
        anonymity=anonymity, redact=Redactor(redacted, adjectives=adjectives),
        redact_hidden=Redactor(in_hidden, adjectives=hidden_adjectives), french=french,
    )
    data.excerpts_by_node = _excerpts(store, data, reviewed_only=options.reviewed_only)
    data.amending = _amending(store)
    return data


def _amending(store: Store) -> set[tuple[int, int]]:
    """(topic, contributor) pairs whose "proposes" annotations are tagged as amendments."""
    rows = store.query(
        "SELECT a.topic_id, a.tags, cc.contributor_id FROM annotations a"
        " JOIN excerpts e ON e.id = a.excerpt_id JOIN contribution_contributors cc"
        " ON cc.contribution_id = e.contribution_id AND cc.chosen = 1"
        " WHERE a.stance = 'proposes' AND a.topic_id IS NOT NULL AND a.tags != ''")
    return {(r["topic_id"], r["contributor_id"]) for r in rows
            if AMENDMENT_TAGS & {t.strip().lower() for t in re.split(r"[,;]", r["tags"])}}


def _excerpts(store: Store, data: PaperData, *, reviewed_only: bool) -> dict[int, list[dict]]:
    """Excerpts of the contributions in scope, by node, each with where it comes from, its
    language and the team's summaries of it."""
    by_id = data.by_id
    node_ids = {s["id"] for s in data.sections}
    node_ids |= {q["id"] for qs in data.questions.values() for q in qs}
    rows = store.query(
        "SELECT e.id, e.contribution_id, e.start, e.\"end\", e.text, m.node_id"
        " FROM excerpts e JOIN mappings m ON m.excerpt_id = e.id"
        " JOIN contributions c ON c.id = e.contribution_id WHERE c.superseded_by IS NULL"
        + (" AND e.reviewed = 1" if reviewed_only else ""))
    rows = [r for r in rows if r["node_id"] in node_ids and r["contribution_id"] in by_id]
    summaries: dict[int, list[str]] = {}
    for r in store.query("SELECT excerpt_id, summary FROM annotations WHERE summary != ''"
                         " ORDER BY id"):
        summaries.setdefault(r["excerpt_id"], []).append(r["summary"].strip())
    locate = _locator(store, data, {c["id"] for c in data.contributions})
    result: dict[int, list[dict]] = {}
    for row in rows:
        row["file"], row["page"], row["paragraph"] = locate(row["contribution_id"], row["start"])
        row["language"] = by_id[row["contribution_id"]]["language"]
        row["summaries"] = summaries.get(row["id"], [])
        result.setdefault(row["node_id"], []).append(row)
    for excerpts in result.values():
        excerpts.sort(key=lambda r: (by_id[r["contribution_id"]]["number"], r["start"], r["id"]))
    return result


def _own_numbers(texts: list[tuple[int, str, int | None]]) -> list[str | None]:
    """For each paragraph (file id, text, heading level), the number the delegation gave
    the paragraph it sits in ("3", "3 (b)"), when the file numbers its paragraphs."""
    numbered = sum(1 for _, text, level in texts if level is None and _OWN_NUMBER.match(text))
    result: list[str | None] = []
    current: str | None = None
    current_file = None
    for file_id, text, level in texts:
        if file_id != current_file:
            current, current_file = None, file_id
        if numbered >= 2 and level is None:
            if match := _OWN_NUMBER.match(text):
                current = match[1]
            elif current and (letter := _OWN_LETTER.match(text)):
                result.append(f"{current} ({letter[1]})")
                continue
        result.append(current if numbered >= 2 else None)
    return result


def _locator(store: Store, data: PaperData, contribution_ids: set[int]):
    """A function giving (file name, page, own paragraph number) for an offset, and, as a
    side effect, each contribution's detected :class:`Reference`."""
    if not contribution_ids:
        return lambda contribution_id, offset: (None, None, None)
    ids = sorted(contribution_ids)
    marks = ",".join("?" for _ in ids)
    files = {r["id"]: r for r in store.query(
        f"SELECT id, name, media_type, pages FROM files WHERE contribution_id IN ({marks})",
        tuple(ids))}
    starts: dict[int, list[int]] = {}
    info: dict[int, list[tuple]] = {}
    heads: dict[int, list[tuple[int, str, int | None]]] = {}
    for p in store.query(
        "SELECT contribution_id, file_id, start, page, heading_level, substr(text, 1, 240)"
        f" AS text FROM paragraphs WHERE contribution_id IN ({marks})"
        " ORDER BY contribution_id, start", tuple(ids)
    ):
        starts.setdefault(p["contribution_id"], []).append(p["start"])
        info.setdefault(p["contribution_id"], []).append((p["file_id"], p["page"]))
        heads.setdefault(p["contribution_id"], []).append(
            (p["file_id"], p["text"], p["heading_level"]))
    own = {cid: _own_numbers(texts) for cid, texts in heads.items()}
    by_id = data.by_id
    for cid in ids:
        texts = [t for _, t, _ in heads.get(cid, [])]
        sample = texts[:REFERENCE_PARAGRAPHS] + texts[REFERENCE_PARAGRAPHS:][-4:]
        by_id[cid]["reference"] = detect_reference(sample, subject=by_id[cid].get("subject"))

    def locate(contribution_id: int, offset: int):
        positions = starts.get(contribution_id)
        if not positions:
            return (None, None, None)
        index = max(0, bisect.bisect_right(positions, offset) - 1)
        file_id, page = info[contribution_id][index]
        file = files.get(file_id) or {}
        paginated = "pdf" in (file.get("media_type") or "") or (file.get("pages") or 0) > 1
        return (file.get("name"), page if paginated else None, own[contribution_id][index])

    return locate


def reference_of(contribution: dict) -> Reference:
    return contribution.get("reference") or Reference()


def contributors_in(data: PaperData, contribution_ids) -> list[dict]:
    """The distinct contributors of these contributions."""
    by_id = data.by_id
    people: dict[int, dict] = {}
    for cid in contribution_ids:
        for person in by_id[cid]["contributors"]:
            people.setdefault(person["id"], person)
    return list(people.values())


def category_counts(people: list[dict], anonymity: Anonymity | None = None) -> dict[str, int]:
    """How many contributors of each category, anonymous ones under the category the paper
    counts them in."""
    counts: dict[str, int] = {}
    for person in people:
        cat = (anonymity.counted_as(person) if anonymity and person["id"] in anonymity.unnamed
               else category(person))
        counts[cat] = counts.get(cat, 0) + 1
    return counts
