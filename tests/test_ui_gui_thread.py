"""The GUI thread never runs SQL, even while an import of hundreds of files runs and the user
maps passages, edits positions and switches contributions — and those edits are written
between the import's files, not after its last one.

Every APSW connection the process opens is traced (``apsw.connection_hooks``): the thread
each connection is opened on and the thread of every statement run on it.  The store is
opened as the desk opens it (off the GUI thread), the window built on it, the import started,
and a timer works the desk every 60 ms until the import ends.
"""

from __future__ import annotations

import threading
from pathlib import Path

import apsw
import pytest
import samples
from builders import add_text_contribution
from desk_helpers import settle
from PySide6.QtCore import QTimer

from lapdesk.store import excerpts
from lapdesk.ui.main_window import MainWindow
from lapdesk.ui.store_opener import open_for_desk

TEXTS = ("Austria considers that the rate of ratification must rise through regional "
         "workshops led by the coordinators.",
         "Victim assistance should be integrated into national frameworks.")
FILES = 210


def _mail_folder(folder: Path) -> Path:
    folder.mkdir()
    for number in range(FILES - 10):
        (folder / f"letter-{number:03}.txt").write_text(
            f"Note verbale {number}\n\n{samples.FRENCH}\n\n{TEXTS[number % 2]}\n",
            encoding="utf-8")
    for number in range(10):
        message = samples.email_message(
            subject=f"Contribution {number}", body="Please find our views attached.",
            attachments=[("views.docx", samples.docx_bytes(), "application/vnd.openxmlformats-"
                          "officedocument.wordprocessingml.document")])
        (folder / f"mail-{number}.eml").write_bytes(message.as_bytes())
    return folder


class Tracer:
    """Where SQLite work happens: connections opened, statements run, by thread."""

    def __init__(self):
        self.opened: list[int] = []
        self.statements: list[tuple[int, str]] = []
        self._lock = threading.Lock()

    def hook(self, connection: apsw.Connection) -> None:
        with self._lock:
            self.opened.append(threading.get_ident())

        def traced(_cursor, sql, _bindings) -> bool:
            with self._lock:
                self.statements.append((threading.get_ident(), sql))
            return True

        connection.exec_trace = traced


@pytest.mark.slow
def test_no_sql_runs_on_the_gui_thread_while_the_desk_is_worked_during_an_import(
        qtbot, store, tmp_path):
    people = ["Austria", "Ghana", "Mexico", "France", "Chile"]
    ids = [add_text_contribution(store, list(TEXTS), contributors=[who]) for who in people]
    folder = _mail_folder(tmp_path / "mail")
    tracer = Tracer()
    apsw.connection_hooks.append(tracer.hook)
    gui = threading.get_ident()
    try:
        opened = []
        open_for_desk(store.path, author="tester", parent=None, then=opened.append,
                      failed=pytest.fail)
        qtbot.waitUntil(lambda: bool(opened), timeout=10_000)
        window = MainWindow(opened[0])
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        settle(window)
        actions = {"switch": 0, "map": 0, "annotate": 0}
        step = [0]

        def work() -> None:
            kind = ("switch", "map", "annotate")[step[0] % 3]
            contribution = ids[(step[0] // 3) % len(ids)]
            step[0] += 1
            if kind == "switch":
                window.open_contribution(contribution)
            elif kind == "map":
                found = window.reader.document().find("regional workshops")
                if found.isNull():
                    return
                window.reader.setTextCursor(found)
                window.mapping.map_selection_to("universalisation.q3")
            else:
                if window.strip.excerpt_id is None and window.reader.excerpts:
                    window.select_excerpt(window.reader.excerpts[0].id)
                if window.strip.excerpt_id is None:
                    return
                window.strip.summary.setText(f"Regional outreach, round {step[0]}")
                window.strip.summary.editingFinished.emit()
            actions[kind] += 1

        timer = QTimer()
        timer.setInterval(60)
        timer.timeout.connect(work)
        with qtbot.waitSignal(window.importer.import_finished, timeout=240_000) as finished:
            window.importer.start_import([str(folder)])
            timer.start()
        timer.stop()
        settle(window)
        window.close()
    finally:
        apsw.connection_hooks.remove(tracer.hook)

    assert len(finished.args[0]) >= 200
    assert all(actions[kind] >= 3 for kind in actions), actions
    assert tracer.statements and gui not in {thread for thread, _sql in tracer.statements}, [
        sql for thread, sql in tracer.statements if thread == gui][:5]
    assert gui not in tracer.opened
    # The edits made during the import were written between its files, not after the last.
    audit = store.query("SELECT action FROM audit ORDER BY id")
    actions_logged = [row["action"] for row in audit]
    last_import = max(i for i, action in enumerate(actions_logged) if action == "Import")
    first_edit = min(i for i, action in enumerate(actions_logged)
                     if action.startswith(("Map excerpt", "Annotate", "Edit annotation")))
    assert first_edit < last_import
    assert excerpts.excerpts_of(store, ids[0])  # the mappings are there
