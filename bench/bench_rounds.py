"""Benchmark: the round's documents for a draft of 100 nodes with 1,000 amendments.

A draft of 10 sections of 10 actions is read from a real .docx, 50 contributions each
propose 20 amendments (replacements, insertions, deletions, redrafts, new actions, comments)
and about half are retained; then the compilation, Rev.1 and Rev.1 with changes are written,
three times each, and the best times printed.  Target: the compilation and Rev.1 with changes
together under 3 s.  The baseline, measured in the same run, is reading the round (the
store's part of every document), so that a loaded machine shows as a loaded baseline.
Run with ``.venv/bin/python bench/bench_rounds.py`` (``make bench`` runs every benchmark).
"""

from __future__ import annotations

import io
import random
import sys
import tempfile
import time
from pathlib import Path

import docx

from lapdesk.core.text import Paragraph
from lapdesk.export.compilation import export_compilation
from lapdesk.export.options import ExportOptions
from lapdesk.export.revision_paper import export_revision
from lapdesk.export.round_sources import gather_round
from lapdesk.rounds.amendment_writes import decide, record_amendment
from lapdesk.rounds.draft_reader import read_draft
from lapdesk.rounds.round_start import start_round
from lapdesk.store import framework, intake, registry
from lapdesk.store.connection import open_store

SECTIONS, ACTIONS, CONTRIBUTIONS, EACH = 10, 10, 50, 20
TARGET_SECONDS = 3.0
SENTENCE = ("States Parties should, as soon as possible and in cooperation with relevant "
            "stakeholders, strengthen national capacities for {what} and report on progress "
            "made at each Meeting of States Parties ({n}).")
TOPICS = ["clearance", "victim assistance", "stockpile destruction", "universalisation",
          "cooperation", "transparency", "national implementation", "risk education",
          "gender and diversity", "survivors' participation"]


def draft_bytes() -> bytes:
    document = docx.Document()
    document.add_paragraph("CCM/CONF/2021/WP.1")
    document.add_paragraph("Draft action plan")
    document.add_paragraph("Submitted by the President")
    number = 0
    for s in range(SECTIONS):
        document.add_paragraph(f"{TOPICS[s].capitalize()}", style="Heading 1")
        for _ in range(ACTIONS):
            number += 1
            document.add_paragraph(f"Action {number}. " + SENTENCE.format(what=TOPICS[s],
                                                                          n=number))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def build(store) -> None:
    rng = random.Random(2021)
    start_round(store, read_draft(draft_bytes(), "draft.docx"), source_name="draft.docx")
    nodes = [n for n in framework.nodes(store) if n["kind"] != "section"]
    sections = framework.sections(store)
    people = [p for p in registry.contributors(store) if p["kind"] == "state"][:CONTRIBUTIONS]
    with store.transaction():
        for index, person in enumerate(people):
            text = f"Amendments of {person['name']}."
            cid = intake.create_contribution(store, received="2021-02-01", title=f"{index}.txt",
                                             permission_to_publish=index % 5 != 0)
            digest, _ = intake.store_blob(store, text.encode())
            intake.add_file(store, cid, name=f"{index}.txt", sha256=digest, size=len(text),
                            media_type="text/plain", status="ok", paragraphs=[Paragraph(text)])
            intake.set_contributors(store, cid, [{"contributor_id": person["id"]}])
            for n in range(EACH):
                node = rng.choice(nodes)
                kind = rng.choice(["replace", "replace", "insert", "delete_text", "redraft",
                                   "new_node_after", "comment"])
                fields = {"replace": {"old": "should", "new": "shall"},
                          "insert": {"new": "and survivors", "span": (70, 70)},
                          "delete_text": {"old": "as soon as possible and "},
                          "redraft": {"new": node["text"].replace("strengthen", "build")},
                          "new_node_after": {"new": f"Report on {TOPICS[n % 10]}."},
                          "comment": {"justification": "Too general."}}[kind]
                if kind == "comment" and n % 4 == 0:
                    node = rng.choice(sections)
                a = record_amendment(store, node_key=node["key"], op=kind, contribution_id=cid,
                                     start=0, end=len(text), **fields).result
                if kind in ("comment",):
                    continue
                choice = rng.random()
                if choice < 0.5 and kind in ("replace", "insert", "delete_text"):
                    try:
                        decide(store, a, "retained")
                    except Exception:  # overlapping with one retained before: written out
                        decide(store, a, "retained", text=node["text"])
                elif choice < 0.6:
                    decide(store, a, "withdrawn")
                elif choice < 0.8:
                    decide(store, a, "not_retained")


def best(run, times: int = 3) -> float:
    found = []
    for attempt in range(times):
        start = time.perf_counter()
        run(attempt)
        found.append(time.perf_counter() - start)
    return min(found)


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        with open_store(folder / "bench.lapdesk") as store:
            started = time.perf_counter()
            build(store)
            built = time.perf_counter() - started
            count = store.query_one("SELECT count(*) AS n FROM amendments")["n"]
            options = ExportOptions(date="2021-03-01", overwrite=True)
            baseline = best(lambda _: gather_round(store))
            compilation = best(lambda i: export_compilation(store, folder / f"c{i}.docx",
                                                            options=options))
            clean = best(lambda i: export_revision(store, folder / f"r{i}.docx", tracked=False,
                                                   options=options))
            changes = best(lambda i: export_revision(store, folder / f"t{i}.docx",
                                                     tracked=True, options=options))
            book = best(lambda i: export_compilation(store, folder / f"c{i}.xlsx",
                                                     options=options))
    both = compilation + changes
    print(f"round: {SECTIONS * ACTIONS} actions, {count} amendments (built in {built:.1f} s)")
    print(f"baseline (reading the round and deciding Rev.1): {baseline:.2f} s")
    print(f"compilation .docx {compilation:.2f} s ({compilation / baseline:.1f} x baseline), "
          f".xlsx {book:.2f} s; Rev.1 clean {clean:.2f} s; Rev.1 with changes {changes:.2f} s "
          f"({changes / baseline:.1f} x baseline)")
    print(f"compilation + Rev.1 with changes: {both:.2f} s; target < {TARGET_SECONDS:.0f} s: "
          f"{'met' if both < TARGET_SECONDS else 'MISSED'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
