"""Killing a real import at random moments loses nothing and leaves nothing half there.

A folder of 200+ files (loose text and Word files, emails with attachments, one nesting another
email, scanned letters read by OCR with their pages spread over the workers, a photographed
letter, a Word file with tracked changes and comments, a two-column PDF) is imported by ``python -m lapdesk import`` into one store, and the process is killed
with SIGKILL (TerminateProcess on Windows) at seeded random moments, again and again.  After every kill the store must open
and pass ``lapdesk check``, every file in it must be whole (bytes matching the dropped file,
paragraphs present, an email's attachments all there), and no extraction worker may outlive
the killed import.  A last full import must then hold every dropped file exactly once.
"""

from __future__ import annotations

import hashlib
import io
import os
import random
import sqlite3
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
import samples
from conftest import ROOT, run_lapdesk
from windows_support import not_under_wine

from lapdesk.cli.main import main as cli_main
from lapdesk.store.connection import open_store
from lapdesk.store.lock import pid_alive

pytestmark = pytest.mark.slow

KILLS = 20
SEED = 20200605
TEXTS = 120
WORD_FILES = 40
EMAILS = 45


def _docx(paragraphs: list[str]) -> bytes:
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _email(number: int, attachments: list[tuple[str, bytes, str]]):
    return samples.email_message(
        subject=f"Contribution {number} on the Lausanne Action Plan",
        sender=f"Mission {number} <mission{number}@example.org>", to="presidency@example.org",
        date=f"Mon, {1 + number % 28:02d} Jun 2020 10:00:00 +0200",
        body=f"Excellency, please find attached contribution number {number}.\n\n"
             f"{samples.FRENCH}\n",
        attachments=attachments)


@pytest.fixture(scope="session")
def corpus(tmp_path_factory) -> tuple[Path, dict[str, dict]]:
    """The folder, and per file name its SHA-256 and, for an email, its attachment count."""
    folder = tmp_path_factory.mktemp("kill") / "inbox"
    folder.mkdir()
    expected: dict[str, dict] = {}

    def put(name: str, data: bytes, attachments: int = 0) -> None:
        (folder / name).write_bytes(data)
        expected[name] = {"sha256": hashlib.sha256(data).hexdigest(), "attachments": attachments}

    for i in range(TEXTS):
        put(f"text-{i:03d}.txt", f"Contribution {i}\n\n{samples.SPANISH}\n\nPoint {i}.\n".encode())
    for i in range(WORD_FILES):
        put(f"word-{i:03d}.docx", _docx([f"Views number {i}", samples.DOCX_BODY, f"End {i}."]))
    docx_mime = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    for i in range(EMAILS):
        attachments = [(f"annex-{i}.docx", _docx([f"Annex {i}", samples.DOCX_BODY]), docx_mime),
                       (f"note-{i}.txt", f"Note {i}: {samples.FRENCH}".encode(), "text/plain")]
        count = 2
        if i % 5 == 0:  # an email forwarding an email that has its own attachment
            inner = _email(1000 + i, [(f"inner-{i}.txt", f"Inner {i}.".encode(), "text/plain")])
            attachments.append((f"forwarded-{i}.eml", inner, "message/rfc822"))
            count += 2
        put(f"mail-{i:03d}.eml", bytes(_email(i, attachments)), attachments=count)
    from samples import revisions, scans

    for language in scans.LETTERS:
        put(f"scan-{language}.pdf", scans.image_only_pdf_bytes(
            scans.scan_images(scans.letter_pdf_bytes(language, pages=2))))
    put("photo.png", scans.picture_bytes(scans.scan_images(scans.letter_pdf_bytes("en"))[0]))
    put("tracked.docx", revisions.tracked_docx_bytes())
    put("columns.pdf", samples.pdf_two_columns_bytes())
    return folder, expected


def _start_import(store: Path, folder: Path, marker: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "lapdesk", "--store", str(store), "import", str(folder)],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        env={**os.environ, "LAPDESK_KILL_TEST": marker},
    )


def _living_processes_with(marker: str) -> list[int]:
    """Processes (not zombies) whose environment carries ``marker``: the import and its workers."""
    if sys.platform == "win32":
        return [pid for pid in _FAMILIES.get(marker, []) if pid_alive(pid)]
    found = []
    needle = f"LAPDESK_KILL_TEST={marker}".encode()
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/environ", "rb") as handle:
                if needle not in handle.read().split(b"\0"):
                    continue
            with open(f"/proc/{entry}/stat") as handle:
                if handle.read().rsplit(") ", 1)[1][0] == "Z":
                    continue
        except OSError:
            continue
        found.append(int(entry))
    return found


# On Windows another process's environment cannot be read: the import's process tree is
# noted just before the kill instead (by parent process ids, from a Toolhelp snapshot).
_FAMILIES: dict[str, list[int]] = {}


def _note_family(marker: str, pid: int) -> None:
    if sys.platform != "win32":
        return
    import ctypes
    from ctypes import wintypes

    class Entry(ctypes.Structure):
        _fields_ = [("size", wintypes.DWORD), ("usage", wintypes.DWORD),
                    ("pid", wintypes.DWORD), ("heap", ctypes.c_size_t),
                    ("module", wintypes.DWORD), ("threads", wintypes.DWORD),
                    ("parent", wintypes.DWORD), ("priority", wintypes.LONG),
                    ("flags", wintypes.DWORD), ("exe", wintypes.WCHAR * 260)]

    kernel32 = ctypes.windll.kernel32
    kernel32.CreateToolhelp32Snapshot.restype = wintypes.HANDLE
    snapshot = kernel32.CreateToolhelp32Snapshot(0x2, 0)  # TH32CS_SNAPPROCESS
    entry, parents = Entry(), {}
    entry.size = ctypes.sizeof(Entry)
    more = kernel32.Process32FirstW(wintypes.HANDLE(snapshot), ctypes.byref(entry))
    while more:
        parents[entry.pid] = entry.parent
        more = kernel32.Process32NextW(wintypes.HANDLE(snapshot), ctypes.byref(entry))
    kernel32.CloseHandle(wintypes.HANDLE(snapshot))
    family, grew = {pid}, True
    while grew:
        grown = family | {child for child, parent in parents.items() if parent in family}
        grew, family = grown != family, grown
    _FAMILIES[marker] = sorted(family)


def _wait_for_files(store_path: Path, count: int, process: subprocess.Popen) -> None:
    """Return once the store holds ``count`` dropped files (or the import has ended)."""
    while process.poll() is None:
        if store_path.exists():
            try:
                conn = sqlite3.connect(f"{store_path.as_uri()}?mode=ro", uri=True, timeout=1)
                try:
                    held = conn.execute("SELECT count(*) FROM files WHERE parent_id IS NULL")
                    if held.fetchone()[0] >= count:
                        return
                finally:
                    conn.close()
            except sqlite3.Error:  # not created or not migrated yet
                pass
        time.sleep(0.01)


def _assert_nothing_half_there(store_path: Path, expected: dict[str, dict]) -> int:
    """Check the store after a kill; returns how many dropped files it holds."""
    assert cli_main(["--store", str(store_path), "check"]) == 0
    with open_store(store_path) as store:
        assert store.query("SELECT id FROM contributions WHERE id NOT IN"
                           " (SELECT contribution_id FROM files)") == []
        assert store.query("SELECT f.id FROM files f WHERE f.status = 'ok' AND NOT EXISTS"
                           " (SELECT 1 FROM paragraphs p WHERE p.file_id = f.id)") == []
        tops = store.query("SELECT f.id, f.original_name, f.sha256, f.contribution_id,"
                           " length(b.data) AS stored, b.size FROM files f"
                           " JOIN blobs b ON b.sha256 = f.sha256 WHERE f.parent_id IS NULL")
        for top in tops:
            wanted = expected[top["original_name"]]
            assert top["sha256"] == wanted["sha256"], top["original_name"]
            assert top["stored"] == top["size"]
            inside = store.query_one("SELECT count(*) AS n FROM files WHERE contribution_id = ?"
                                     " AND id != ?", (top["contribution_id"], top["id"]))["n"]
            assert inside == wanted["attachments"], top["original_name"]
        names = [top["original_name"] for top in tops]
        assert len(names) == len(set(names)), "a dropped file was stored twice"
        return len(tops)


@not_under_wine("Wine hands a killed import's process id to the next process at once, so its "
                "lock looks held by a live LAPDesk until it is 3 minutes silent")
def test_sigkill_at_random_moments_loses_nothing_and_leaves_nothing_behind(corpus, tmp_path):
    folder, expected = corpus
    assert len(expected) >= 200
    store_path = tmp_path / "killed.lapdesk"
    rng = random.Random(SEED)
    held = 0
    for round_ in range(KILLS):
        marker = uuid.uuid4().hex
        process = _start_import(store_path, folder, marker)
        if round_ % 4 == 0:  # any moment: starting up, spawning workers, writing
            time.sleep(rng.uniform(0.0, 1.2))
        else:  # a moment spread over the batch: a few more files in, then a little later
            step = max(2, 2 * (len(expected) - held) // (KILLS - round_))
            _wait_for_files(store_path, held + rng.randint(1, step), process)
            time.sleep(rng.uniform(0.0, 0.02))
        _note_family(marker, process.pid)
        process.kill()  # SIGKILL; TerminateProcess on Windows: no handler, no clean-up runs
        process.wait()
        deadline = time.monotonic() + 5
        while _living_processes_with(marker) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert _living_processes_with(marker) == [], "a worker outlived the killed import"
        now = _assert_nothing_half_there(store_path, expected)
        assert now >= held
        held = now
    final = run_lapdesk("--store", store_path, "import", folder, "--json")
    assert final.code == 0, final.err
    statuses = {r["status"] for r in final.json()}
    assert statuses <= {"ok", "duplicate"}
    assert _assert_nothing_half_there(store_path, expected) == len(expected)
    with open_store(store_path) as store:
        row = store.query_one("SELECT count(*) AS files, count(DISTINCT sha256) AS distinct_"
                              " FROM files WHERE parent_id IS NULL")
    assert row == {"files": len(expected), "distinct_": len(expected)}
