"""Contributor detection: building the index once, then 1,000 detections.

Prints the index build time and the mean and worst time per detection over 1,000 realistic
inputs (note verbale, joint submission, e-mail with attachment, organisation letter, long
report, empty scan with only a file name), against the full registry of a fresh store.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from lapdesk.ingest.detect import DetectionIndex, detect_contributors
from lapdesk.ingest.language import detect_language
from lapdesk.store.connection import open_store

RUNS = 1_000

NOTE = [
    "PERMANENT MISSION OF AUSTRIA TO THE UNITED NATIONS OFFICE AT GENEVA",
    "The Permanent Mission of Austria presents its compliments to the Permanent Mission of "
    "Switzerland and has the honour to transmit the comments of Austria on the concept note.",
    *["Austria believes that the plan should address clearance in Lao PDR and Viet Nam, as "
      "Chile proposed, and thanks the ICRC for its work on victim assistance."] * 20,
    "The Permanent Mission of Austria avails itself of this opportunity to renew to the "
    "Permanent Mission of Switzerland the assurances of its highest consideration.",
]
JOINT = ["Joint submission", "Submitted on behalf of Austria, Ireland, Mexico and New Zealand.",
         *["We welcome the concept note and its focus on universalisation."] * 10]
EMAIL = ["Dear colleagues,", "Please find attached our comments.", "Best regards",
         "Misión Permanente de México", "La Misión Permanente de México saluda atentamente a "
         "la Misión Permanente de Suiza y tiene el honor de remitir sus comentarios.",
         *["México apoya la universalización de la Convención."] * 15]
ICRC = ["International Committee of the Red Cross", "The ICRC welcomes the draft plan.",
        *["States should report on clearance and risk education."] * 12]
REPORT = ["Comments on the draft Lausanne Action Plan",
          *[f"Paragraph {n}: clearance and stockpile destruction." for n in range(400)],
          "Permanent Representative of Chile"]
INPUTS = [
    {"paragraphs": NOTE, "file_name": "Austria_LAP_comments.docx"},
    {"paragraphs": JOINT, "file_name": "joint.docx"},
    {"paragraphs": EMAIL, "sender": "onuginebra@sre.gob.mx", "sender_name": "Misión de México",
     "file_name": "message.eml", "file_starts": [3], "attachment_names": ["NV_Mexico.pdf"]},
    {"paragraphs": ICRC, "file_name": "ICRC_LAP.pdf"},
    {"paragraphs": REPORT, "file_name": "LAP comments.pdf"},
    {"paragraphs": [], "file_name": "CH_LAP_contribution.pdf"},
]


def main() -> None:
    with tempfile.TemporaryDirectory() as folder, open_store(Path(folder) / "b.lapdesk") as store:
        started = time.perf_counter()
        index = DetectionIndex.from_store(store)
        build_ms = (time.perf_counter() - started) * 1000
    times = []
    for n in range(RUNS):
        started = time.perf_counter()
        detect_contributors(index, **INPUTS[n % len(INPUTS)])
        times.append((time.perf_counter() - started) * 1000)
    print(f"detect: index build {build_ms:.1f} ms ({len(index.ids_by_name)} names); "
          f"{RUNS} detections in {sum(times):.0f} ms, mean {statistics.mean(times):.2f} ms, "
          f"median {statistics.median(times):.2f} ms, worst {max(times):.2f} ms")
    texts = ["\n".join(i["paragraphs"]) for i in INPUTS]
    started = time.perf_counter()
    for n in range(RUNS):
        detect_language(texts[n % len(texts)])
    total = (time.perf_counter() - started) * 1000
    print(f"language: {RUNS} detections in {total:.0f} ms, mean {total / RUNS:.3f} ms")


if __name__ == "__main__":
    main()
