"""A real desk in a process of its own, driven line by line on stdin by
``test_desk_journal.py``: ``op NAME`` runs one of the desk's background operations the way the
window runs it and waits for it to end, ``edit TITLE`` retitles the contribution through the
desk's session (an ordinary quick edit).  Each command answers one line on stdout.

Usage: ``python desk_under_reader.py STORE WORKDIR``
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from lapdesk.export.options import ExportOptions  # noqa: E402
from lapdesk.store import contributions  # noqa: E402
from lapdesk.store.connection import open_store  # noqa: E402
from lapdesk.ui.dialogs.backups_dialog import BackupsDialog  # noqa: E402
from lapdesk.ui.main_window import MainWindow  # noqa: E402


def settle(window) -> None:
    """Run the event loop until the window's background work is over."""
    idle_rounds = 0
    while idle_rounds < 5:
        loop = QEventLoop()
        QTimer.singleShot(20, loop.quit)
        loop.exec()
        idle_rounds = 0 if window.service.busy else idle_rounds + 1


def main() -> int:
    store_path, work = Path(sys.argv[1]), Path(sys.argv[2])
    app = QApplication([sys.argv[0]])  # noqa: F841 - lives as long as the window
    store = open_store(store_path, lock=True)
    contribution_id = contributions.list_contributions(store)[0].id
    window = MainWindow(store)
    window.show()
    safety = window.reliability
    (work / "mail").mkdir(exist_ok=True)
    (work / "mail" / "letter.txt").write_text("Austria welcomes the concept note.\n",
                                              encoding="utf-8")

    def backups_dialog() -> BackupsDialog:
        return BackupsDialog(window.service, window.catalogue, window,
                             confirm=lambda _item: True)

    def search():
        window.search.field.setText("Austria")
        window.search.search_now()

    def save_original():
        window.open_contribution(contribution_id)
        settle(window)
        window.header.write_original(work / "original-copy.txt")

    operations = {
        "integrity": lambda: safety.integrity.start(),
        "auto-backup": lambda: safety.auto_backup.run("auto"),
        "backup-now": lambda: backups_dialog().back_up_now(),
        "restore": lambda: backups_dialog().restore_selected(),  # the newest, selected
        "import": lambda: window.importer.start_import([str(work / "mail")]),
        "import-the-store-folder": lambda: window.importer.start_import([str(store_path.parent)]),
        "export": lambda: window.exporter.start(work / "paper.docx",
                                                ExportOptions(overwrite=True)),
        "search": search,
        "save-copy": lambda: window.file_menu.save_copy(work / f"copy-{os.urandom(4).hex()}.lapdesk"),
        "overview": lambda: window.overview.refresh(),
        "save-original": save_original,
    }
    settle(window)  # the check and the backup every open starts
    print("ready", flush=True)
    for line in sys.stdin:
        command, _, argument = line.strip().partition(" ")
        if command == "op":
            operations[argument]()
            settle(window)
            print("done", flush=True)
        elif command == "edit":
            window.service.apply(contributions.update_contribution, contribution_id,
                                 title=argument)
            settle(window)
            print("edited", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
