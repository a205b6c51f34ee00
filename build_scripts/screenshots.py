"""Render the README's screenshots from the demo store: ``make screenshots`` (under Xvfb).

Builds the demo store in a temporary folder, opens the real desk on it, and saves into
``docs/screenshots/``, at the screen size given (``--size 1366x768``, the team's laptops, and
``--size 1920x1080``, a desk monitor; the window fills the screen as a maximised one would):
the main window reading a contribution with its mapped passages, the section view with a
position being edited in place, the registry with a contributor just added, team work after
a colleague's pack — the Team menu and the status line, Team > Conflicts, View > History
(``screenshot_team.py``) — and (at the laptop size only) the overview (received per day,
coverage), the import summary after a drop that needs attention, and the search panel at
both sizes (``screenshot_search.py``).  Run under a real X server (``xvfb-run``, its screen the size given), not the offscreen
platform, so that fonts, menus and dialogs render as on a desktop.  Preferences go to a
temporary file, never the user's.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "screenshots"
LAPTOP = "1366x768"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default=LAPTOP, help="the screen's size, WIDTHxHEIGHT")
    size = parser.parse_args(argv).size
    work = Path(tempfile.mkdtemp(prefix="lapdesk-shots-"))
    os.environ["LAPDESK_SETTINGS"] = str(work / "settings.ini")
    os.environ.setdefault("LAPDESK_AUTHOR", "FB")
    sys.path.insert(0, str(ROOT))
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from lapdesk import APP_NAME
    from lapdesk.demo import build_demo, demo_dir
    from lapdesk.store import registry_edit
    from lapdesk.store.connection import open_store
    from lapdesk.ui.main_window import MainWindow

    app = QApplication([sys.argv[0]])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setStyle("Fusion")
    store = open_store(work / "lap-2020-demo.lapdesk", lock=True)
    build_demo(store)

    def settle(ms: int = 400) -> None:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    def wait_for(condition, ms: int = 20000) -> None:
        """Run the event loop until ``condition()``: the desk reads the store off its thread."""
        for _ in range(ms // 20):
            if condition():
                return
            settle(20)

    def shoot(name: str, widget) -> None:
        settle()
        frame = widget.frameGeometry()
        picture = widget.screen().grabWindow(0, frame.x(), frame.y(), frame.width(),
                                             frame.height())
        path = OUT / name
        picture.save(str(path))
        print(f"wrote {path.relative_to(ROOT)} ({picture.width()}x{picture.height()})")

    OUT.mkdir(parents=True, exist_ok=True)
    window = MainWindow(store)
    window.setGeometry(app.primaryScreen().availableGeometry())  # as maximised
    window.show()
    settle(800)

    # 1. Reading Austria's note verbale: passages tinted in their section's colour.
    austria = store.query_one(
        "SELECT c.id FROM contributions c JOIN files f ON f.contribution_id = c.id"
        " WHERE f.name LIKE '01_Austria%'")["id"]
    wait_for(lambda: len(window.contributions.model.rows) > 0)
    window.contributions.select_contribution(austria)
    wait_for(lambda: window.reader.contribution_id == austria and window.reader.excerpts)
    first = window.reader.excerpts[1]
    window.select_excerpt(first.id)
    window.reader.scroll_to_offset(0)
    shoot(f"main-window-{size}.png", window)

    # 2. The section view: a position's summary being edited where it is listed, the strip
    # below following the same excerpt.
    window.show_section("universalisation")
    wait_for(lambda: window.section_view._groups)
    view = window.section_view
    listed = next(row for _name, rows in view._groups for row in rows if row.annotations)
    view.edit("summary", listed.id, listed.annotations[0].id)
    view.edits.editor.setText("Regional workshops led by the coordinators, from 2021")
    view.edits.editor.end(False)
    shoot(f"section-view-{size}.png", window)
    view.edits.editor.close()
    window.back_to_contribution()

    # 3. The registry with a contributor just added (a national NGO the seed file lacks).
    window.service.apply(registry_edit.register_contributor, name="Mines Action Canada",
                         kind="civil_society", aliases=["Action Mines Canada"])
    window.registry_action.trigger()
    wait_for(lambda: any(row["name"] == "Mines Action Canada"
                         for row in window.catalogue.contributors))
    window.registry.name_filter.setText("Canada")
    added = next(row["id"] for row in window.catalogue.contributors
                 if row["name"] == "Mines Action Canada")
    window.registry.select_contributor(added)
    window.show_message("Mines Action Canada added to the registry.")
    shoot(f"registry-{size}.png", window)
    window.registry_dock.hide()

    if size == LAPTOP:
        overview_and_import_summary(window, work, settle, shoot, demo_dir)
    from screenshot_team import shoot_team  # the Team menu, Conflicts, History

    shoot_team(window, work, OUT, size, settle=settle, shoot=shoot, with_dialog=_with_dialog)
    if size == LAPTOP:
        from screenshot_search import shoot_search  # both sizes, by resizing the window

        shoot_search(window, OUT, settle)
    window.close()
    store.close()
    shutil.rmtree(work, ignore_errors=True)
    return 0


def overview_and_import_summary(window, work: Path, settle, shoot, demo_dir) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    # View > Overview: received per day against the deadline, coverage by stance.
    overview = window.overview
    overview.action.trigger()
    overview.dock.setFloating(True)
    overview.dock.resize(1300, 700)
    overview.dock.move(30, 30)
    overview.refresh()
    settle(1500)  # its read, on a reader lane
    overview.panel.sections_only.setChecked(True)
    overview.panel.mode.setCurrentIndex(1)
    shoot("overview.png", overview.dock)
    overview.dock.hide()

    # The import summary after a drop with things that need attention.
    drop = work / "drop"
    drop.mkdir()
    shutil.copy(demo_dir() / "01_Austria_note_verbale.docx", drop / "Austria NV (resent).docx")
    (drop / "Comments on the concept note.txt").write_text(
        "SAMPLE — fictional contribution for demonstration.\n\nWe welcome the concept note and "
        "support a concise Lausanne Action Plan with measurable actions.\n", encoding="utf-8")
    _scanned_pdf(drop / "Scanned letter.pdf")
    shutil.copy(demo_dir() / "12_Senegal_note_verbale.txt", drop / "Senegal (copy).txt")
    importer = window.importer
    finished = QEventLoop()
    importer.import_finished.connect(lambda _results: finished.quit())
    importer.start_import(sorted(str(p) for p in drop.iterdir()))
    QTimer.singleShot(60000, finished.quit)
    finished.exec()
    summary = importer.summary_dialog
    if summary is None:
        raise SystemExit("the import did not finish; no summary screenshot")
    summary.resize(980, 300)
    settle()
    _with_dialog(window, summary).save(str(OUT / "import-summary.png"))
    print("wrote docs/screenshots/import-summary.png")
    summary.close()


def _with_dialog(window, dialog):
    """The window with the dialog drawn over its centre, framed and titled as a desktop's
    window manager would (Xvfb runs none, so dialogs have no frame of their own)."""
    from PySide6.QtCore import QPoint, QRect, Qt
    from PySide6.QtGui import QColor, QFont, QPainter, QPen

    picture = window.grab()
    inner = dialog.grab()
    title_height = 28
    left = (picture.width() - inner.width()) // 2
    top = (picture.height() - inner.height() - title_height) // 2
    painter = QPainter(picture)
    painter.fillRect(QRect(left + 6, top + 6, inner.width(), inner.height() + title_height),
                     QColor(0, 0, 0, 60))
    bar = QRect(left, top, inner.width(), title_height)
    painter.fillRect(bar, QColor("#3b4252"))
    font = QFont(painter.font())
    font.setBold(True)
    painter.setFont(font)
    painter.setPen(QColor("white"))
    painter.drawText(bar.adjusted(10, 0, 0, 0), Qt.AlignmentFlag.AlignVCenter,
                     dialog.windowTitle())
    painter.drawPixmap(QPoint(left, top + title_height), inner)
    painter.setPen(QPen(QColor("#3b4252"), 1))
    painter.drawRect(QRect(left, top, inner.width() - 1, inner.height() + title_height - 1))
    painter.end()
    return picture


def _scanned_pdf(path: Path) -> None:
    """A PDF page with a drawing and no text, as a scanner makes: it needs OCR."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.set_fill_color(235, 235, 235)
    pdf.rect(20, 20, 170, 250, style="F")
    for row in range(40):
        pdf.set_fill_color(90, 90, 90)
        pdf.rect(30, 30 + row * 6, 150 - (row % 5) * 12, 2.5, style="F")
    path.write_bytes(bytes(pdf.output()))


if __name__ == "__main__":
    raise SystemExit(main())
