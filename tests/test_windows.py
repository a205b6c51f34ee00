"""What LAPDesk does differently on Windows, tested where Wine can.

``make test-windows`` runs these under python.org's CPython for Windows in Wine; the tests
marked ``windows_only`` are skipped on Linux, the others run on both.  What Wine cannot tell
(a real SMB share, SmartScreen, signing, long paths on a laptop without them enabled) is
listed in the README for the release check on a real laptop.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from builders import add_text_contribution
from conftest import ROOT
from windows_support import UNDER_WINE, windows_only

from lapdesk.core.names import safe_name
from lapdesk.core.open_policy import private_copy
from lapdesk.core.paths import WINDOWS_LONG_PATH, data_dir, long_path, settings_file
from lapdesk.ingest.pipeline import import_paths
from lapdesk.store import netpath
from lapdesk.store.connection import open_store
from lapdesk.store.lock import lock_path_for

NON_ASCII = "Polska-Łódź.txt"


def _lapdesk(*args, env=None) -> subprocess.CompletedProcess:
    """``python -m lapdesk ARGS`` with its output to pipes, read as bytes."""
    return subprocess.run([sys.executable, "-m", "lapdesk", *map(str, args)],
                          capture_output=True, timeout=180, cwd=ROOT,
                          env={**os.environ, **(env or {})})


def test_json_output_is_utf8_whatever_the_code_page(tmp_path):
    """On Windows, Python writes a pipe in the ANSI code page (cp1252), where 'Ł' does not
    exist: the import's JSON must be UTF-8 all the same (PYTHONIOENCODING stands in for the
    code page on Linux)."""
    source = tmp_path / NON_ASCII
    source.write_text("The Republic of Poland supports universalisation.", encoding="utf-8")
    done = _lapdesk("--store", tmp_path / "s.lapdesk", "import", source, "--json",
                    env={"PYTHONIOENCODING": "cp1252"})
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    results = json.loads(done.stdout.decode("utf-8"))
    assert Path(results[0]["path"]).name == NON_ASCII and results[0]["status"] == "ok"
    second = tmp_path / "Česká republika – příspěvek.txt"
    second.write_text("The Czech Republic supports the plan.", encoding="utf-8")
    told = _lapdesk("--store", tmp_path / "s.lapdesk", "import", second,
                    env={"PYTHONIOENCODING": "cp1252"})  # the text for people, too
    assert told.returncode == 0 and second.name.encode("utf-8") in told.stdout


def test_the_start_time_probe_is_this_process_s_creation():
    """The smoke test's shown_ms counts from the process's creation, found by platform (under
    Wine a Windows program also sees Linux's /proc, which must not be taken)."""
    probe = ("import time; from lapdesk.ui.application import process_start_time; "
             "print(time.time() - process_start_time())")
    started = time.time()
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          timeout=120, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, done.stderr
    age = float(done.stdout)
    assert 0 <= age <= time.time() - started + 1


def test_data_and_settings_live_in_the_user_s_folders():
    if sys.platform == "win32":
        assert data_dir() == Path(os.environ["LOCALAPPDATA"]) / "LAPDesk"
        assert settings_file() == Path(os.environ["APPDATA"]) / "LAPDesk" / "LAPDesk.ini"
    from PySide6.QtCore import QSettings

    # Where QSettings kept them before: nobody's preferences are lost in the move.
    native = QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "LAPDesk",
                       "LAPDesk").fileName()
    assert Path(native) == settings_file()


@pytest.mark.parametrize("name", ["CON.txt", "aux.docx", "nul", "LPT1.pdf", "com1.eml",
                                  'what "is" this?.txt', "a<b>c|d.docx", "trailing dot. "])
def test_a_name_windows_reserves_becomes_a_file_that_opens(name):
    """An attachment's name goes to disk only made safe ("Open original"): on Windows a file
    named CON.txt would be the console and a.txt? cannot exist."""
    safe = safe_name(name)
    copy = private_copy(b"the original's bytes", name)
    assert copy.name == safe and copy.read_bytes() == b"the original's bytes"
    assert [p.name for p in copy.parent.iterdir()] == [safe]


def _deep_folder(base: Path) -> Path:
    folder = base
    while len(str(folder)) < WINDOWS_LONG_PATH + 40:
        folder = folder / "Contributions on the Lausanne Action Plan"
    os.makedirs(long_path(folder))
    return folder


def test_a_store_a_contribution_and_an_export_deeper_than_260_characters(tmp_path, cli):
    folder = _deep_folder(tmp_path)
    store_path = folder / "consultation.lapdesk"
    source = folder / "Réponse de la Suisse à la consultation sur le plan d'action.txt"
    assert len(str(store_path)) > 260 and len(str(source)) > 260
    with open(long_path(source), "w", encoding="utf-8") as handle:
        handle.write("Switzerland welcomes the Lausanne Action Plan.")
    with open_store(store_path, lock=True) as store:
        assert lock_path_for(store.path).exists()
        result = import_paths(store, [source])[0]
        assert result.status == "ok", result
    out = folder / "working-paper.docx"
    exported = cli("--store", store_path, "export", "--out", out, "--json")
    assert exported.code == 0, exported.err
    assert long_path(out).stat().st_size > 0
    backups = cli("--store", store_path, "backup", "--json")
    assert backups.code == 0, backups.err


@windows_only
def test_long_paths_take_the_extended_form_and_short_ones_stay():
    short = Path("C:\\Users\\me\\Documents\\consultation.lapdesk")
    assert long_path(short) == short
    deep = "C:\\" + "\\".join(["Contributions on the Lausanne Action Plan"] * 7) + "\\s.lapdesk"
    assert str(long_path(deep)) == "\\\\?\\" + deep
    share = "\\\\server\\share\\" + "\\".join(["folder name of thirty characters"] * 8)
    assert str(long_path(share)) == "\\\\?\\UNC\\server\\share\\" + share[len("\\\\server\\share\\"):]
    assert netpath.is_network_path(long_path(share))


@pytest.mark.skipif(not os.environ.get("LAPDESK_NETWORK_DRIVE"),
                    reason="needs a network drive: LAPDESK_NETWORK_DRIVE=N: (make test-windows "
                           "declares one in Wine's registry)")
@windows_only
def test_a_store_on_a_network_drive_uses_the_rollback_journal_and_a_lock_file(tmp_path):
    """Wine answers GetDriveTypeW from HKLM\\Software\\Wine\\Drives: N: is declared a network
    drive there, as a mapped share is on a laptop."""
    drive = os.environ["LAPDESK_NETWORK_DRIVE"]
    folder = Path(f"{drive}\\") / f"lapdesk-test-{os.getpid()}-{tmp_path.name}"
    folder.mkdir()
    try:
        store_path = folder / "shared.lapdesk"
        assert netpath.is_network_path(store_path)
        assert not netpath.is_network_path(tmp_path / "local.lapdesk")
        with open_store(store_path, lock=True) as store:
            assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
            assert lock_path_for(store_path).exists()
            add_text_contribution(store, ["Austria supports the plan."])
        names = sorted(p.name for p in folder.iterdir())
        assert "shared.lapdesk" in names and not any(n.endswith(("-wal", "-shm")) for n in names)
        with open_store(tmp_path / "local.lapdesk") as local:
            assert local.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        for child in sorted(folder.rglob("*"), reverse=True):
            child.rmdir() if child.is_dir() else child.unlink()
        folder.rmdir()


@windows_only
def test_the_installer_registers_the_file_type_and_a_start_menu_entry_for_the_user(tmp_path):
    import winreg

    from lapdesk.core import windows_install as wi

    try:
        winreg.OpenKey(winreg.HKEY_CURRENT_USER, rf"{wi.CLASSES}\{wi.PROG_ID}").Close()
        if not UNDER_WINE:
            pytest.skip("LAPDesk is installed for this user: the test would replace it")
    except FileNotFoundError:
        pass
    source = tmp_path / "unpacked" / "LAPDesk"
    (source / "_internal").mkdir(parents=True)
    for name in ("lapdesk.exe", "lapdesk-cli.exe", "install.ps1", "_internal/python311.dll"):
        (source / name).write_bytes(b"stand-in for " + name.encode())
    target, start_menu = tmp_path / "Programs" / "LAPDesk", tmp_path / "Start Menu"
    done = wi.install(source, folder=target, start_menu=start_menu)
    try:
        assert (target / "_internal" / "python311.dll").exists()
        gui = target / "lapdesk.exe"

        def value(key, name=""):
            with winreg.OpenKey(winreg.HKEY_CURRENT_USER, key) as handle:
                return winreg.QueryValueEx(handle, name)[0]

        assert value(rf"{wi.CLASSES}\.lapdesk") == wi.PROG_ID
        assert value(rf"{wi.CLASSES}\{wi.PROG_ID}\shell\open\command") == f'"{gui}" --store "%1"'
        assert value(rf"{wi.CLASSES}\{wi.PROG_ID}\DefaultIcon") == f'"{gui}",0'
        assert value(wi.UNINSTALL_KEY, "InstallLocation") == str(target)
        assert "install.ps1" in value(wi.UNINSTALL_KEY, "UninstallString")
        link = done.shortcut.read_bytes()
        # A shell link (MS-SHLLINK: header size 0x4C, then the ShellLink CLSID) to lapdesk.exe.
        assert done.shortcut == start_menu / "LAPDesk.lnk"
        assert link[:4] == b"\x4c\0\0\0" and link[4:20] == bytes.fromhex(
            "0114020000000000c000000000000046")
        assert str(gui).encode("utf-16-le") in link or str(gui).encode("mbcs") in link
    finally:
        removed = wi.uninstall(start_menu=start_menu)
    assert len(removed) == 4 and not done.shortcut.exists()
    with pytest.raises(FileNotFoundError):
        winreg.OpenKey(winreg.HKEY_CURRENT_USER, rf"{wi.CLASSES}\{wi.PROG_ID}")
