"""Screenshots of a drafting round for ``docs/screenshots/``: ``make round-screenshots``.

Starts a round on the zero draft of the test samples (``tests/samples/drafts.py``), imports
three replies (two with tracked changes, one note in prose), accepts the suggested
amendments and decides them, then saves: the desk's amendment view of Action 1
(``round-amendment-view.png``), and the first pages of the compilation of amendments and of
Rev.1 with changes, rendered by LibreOffice (``round-compilation-page-1.png``,
``round-rev1-changes-page-1.png``).  Run under Xvfb, like ``make screenshots``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "screenshots"
SIZE = (1440, 900)
RESOLUTION = 80


def build(store, work: Path) -> None:
    from samples.drafts import tracked_reply_bytes, zero_draft_bytes

    from lapdesk.ingest.pipeline import import_paths
    from lapdesk.rounds.amendment_writes import accept, decide
    from lapdesk.rounds.amendments import amendments_of_round
    from lapdesk.rounds.round_start import start_round_from_file
    from lapdesk.rounds.suggest_amendments import suggest_all
    from lapdesk.store import contributions, settings

    draft = work / "zero-draft.docx"
    draft.write_bytes(zero_draft_bytes())
    start_round_from_file(store, draft)
    settings.update(store, {"meeting": "Second Preparatory Meeting",
                            "meeting_date": "2021-03-15"})
    replies = {
        "Austria_reply.docx": (tracked_reply_bytes(
            {5: [("should", "shall")], 2: [(" in a timely manner", "")]}, author="Austria",
            inserted_after={12: "Action 4 bis. Report annually on progress made."}),
            ["Austria"], True),
        "Chile_reply.docx": (tracked_reply_bytes(
            {12: [("sex and age", "sex, age and disability")]}, author="Chile"), ["Chile"],
            None),
        "Mexico_note.txt": (b"The Permanent Mission of Mexico presents its compliments.\n"
                            b"Action 1: replace 'as soon as possible' with 'by 2026'.\n"
                            b"Justification: a date can be measured.\n"
                            b"Delete Action 5.\n", ["Mexico"], True),
    }
    for name, (data, who, publish) in replies.items():
        (work / name).write_bytes(data)
        cid = import_paths(store, [work / name], workers=1)[0].contribution_id
        contributions.set_contributors_by_names(store, cid, who)
        if publish is not None:
            contributions.set_publication(store, [cid], publish)
    suggest_all(store)
    accept(store, [a.id for a in amendments_of_round(store, status="suggested")])
    for a in amendments_of_round(store):
        if a.node == "action_5":
            decide(store, a.id, "not_retained")
        elif a.node != "action_4":
            decide(store, a.id, "retained")


def main() -> int:
    work = Path(tempfile.mkdtemp(prefix="lapdesk-round-shots-"))
    os.environ["LAPDESK_SETTINGS"] = str(work / "settings.ini")
    os.environ.setdefault("LAPDESK_AUTHOR", "FB")
    sys.path[:0] = [str(ROOT), str(ROOT / "tests")]
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from lapdesk.core import office
    from lapdesk.export.compilation import export_compilation
    from lapdesk.export.options import ExportOptions
    from lapdesk.export.revision_paper import export_revision
    from lapdesk.store.connection import open_store
    from lapdesk.ui.main_window import MainWindow

    app = QApplication([sys.argv[0]])
    app.setStyle("Fusion")
    store = open_store(work / "round.lapdesk", lock=True)
    build(store, work)
    options = ExportOptions(date="2021-03-01", overwrite=True)
    export_compilation(store, work / "compilation.docx", options=options)
    export_revision(store, work / "rev1-changes.docx", tracked=True, options=options)

    def settle(ms: int = 500) -> None:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    OUT.mkdir(parents=True, exist_ok=True)
    window = MainWindow(store)
    window.resize(*SIZE)
    window.show()
    settle(1500)
    window.show_section("action_1")
    settle(1500)
    frame = window.frameGeometry()
    picture = window.screen().grabWindow(0, frame.x(), frame.y(), frame.width(), frame.height())
    picture.save(str(OUT / "round-amendment-view.png"))
    print(f"wrote docs/screenshots/round-amendment-view.png ({picture.width()}x"
          f"{picture.height()})")
    window.close()
    settle()
    if office.find_soffice() is None or not shutil.which("pdftoppm"):
        print("LibreOffice and pdftoppm are needed for the pages.", file=sys.stderr)
        return 1
    for stem, name in (("compilation", "round-compilation"),
                       ("rev1-changes", "round-rev1-changes")):
        pdf = office.convert(work / f"{stem}.docx", "pdf", out_dir=work, timeout=300)
        subprocess.run(["pdftoppm", "-png", "-r", str(RESOLUTION), "-f", "1", "-l", "1",
                        "-singlefile", str(pdf), str(OUT / f"{name}-page-1")], check=True)
        print(f"wrote docs/screenshots/{name}-page-1.png")
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
