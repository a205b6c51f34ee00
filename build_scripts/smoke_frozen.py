"""Smoke-test the packaged app through its own binaries, as a user would.

``smoke_frozen.py`` tests the build of this platform (``dist/LAPDesk/`` here, or
``dist\\windows\\LAPDesk\\`` when run by Windows' Python); ``smoke_frozen.py --windows`` tests
``dist/windows/LAPDesk/`` from Linux, each program run under Wine in a fresh session of the
prefix ``make package-windows`` prepared (``build_scripts/windows/prefix.py``).

Runs ``lapdesk-cli --version``, then every CLI command the build has among framework, check,
import (a file of each format from tests/samples, one of them named ``Polska-Łódź.txt``, the
JSON read from a pipe), map and export (a .docx), on a new store, and finally ``lapdesk
--smoke-test`` on the windowed binary (offscreen on Linux; on Windows Qt's own ``windows``
platform plugin, under Xvfb from Linux).  On Windows it also checks that ``lapdesk.exe`` is a
windowed program whose import workers run (``multiprocessing.freeze_support`` in a program
without a console) and that the build-only icuuc stub is not in the package.  Exits 1 on the
first failure with what went wrong; prints one line per step with its figures.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path, PureWindowsPath

ROOT = Path(__file__).resolve().parents[1]
NON_ASCII_NAME = "Polska-Łódź.txt"  # the ANSI code page of a Windows pipe cannot write it


class SmokeFailure(Exception):
    pass


class Frozen:
    """The packaged app of one platform and the way to start its programs."""

    def __init__(self, *, under_wine: bool):
        self.under_wine = under_wine
        self.windows = under_wine or sys.platform == "win32"
        self.app = ROOT / "dist" / ("windows" if self.windows else "") / "LAPDesk"
        exe = ".exe" if self.windows else ""
        self.cli, self.gui = self.app / f"lapdesk-cli{exe}", self.app / f"lapdesk{exe}"
        self.label = "smoke-windows" if under_wine else "smoke"
        if under_wine:
            sys.path.insert(0, str(ROOT / "build_scripts" / "windows"))
            import prefix

            self.prefix = prefix

    def start(self, binary: Path, args: list, *, env: dict | None = None, window: bool = False,
              timeout: float = 300) -> subprocess.CompletedProcess:
        """Run ``binary ARGS``; stdout and stderr are pipes, as when a script reads the JSON."""
        args = [str(a) for a in args]
        if not self.under_wine:
            return subprocess.run([str(binary), *args], capture_output=True, text=True,
                                  encoding="utf-8", timeout=timeout,
                                  env={**os.environ, **(env or {})})
        wrapper = ["xvfb-run", "-a", "-s", "-screen 0 1440x900x24"] if window else []
        return self.prefix.run([binary, *args], env=self.prefix.environ(extra=env),
                               timeout=timeout, check=False, wrapper=wrapper)

    def run(self, args: list, *, binary: Path | None = None, env: dict | None = None,
            window: bool = False) -> subprocess.CompletedProcess:
        binary = binary or self.cli
        result = self.start(binary, args, env=env, window=window)
        if result.returncode != 0:
            raise SmokeFailure(f"{binary.name} {' '.join(map(str, args))} exited "
                               f"{result.returncode}: {result.stderr.strip()[-800:]}")
        return result

    def file_name(self, path: str) -> str:
        return PureWindowsPath(path).name if self.windows else Path(path).name

    def say(self, text: str) -> None:
        print(f"{self.label}: {text}", flush=True)


def check_commands(frozen: Frozen) -> None:
    """Every command the smoke test drives is in the build (each answers its --help)."""
    missing = [name for name in ("framework", "check", "import", "map", "export", "team",
                                 "annotate")
               if frozen.start(frozen.cli, [name, "--help"], timeout=120).returncode != 0]
    if missing:
        raise SmokeFailure(f"the packaged CLI lacks {', '.join(missing)}")


def write_inputs(folder: Path) -> int:
    """One real file of each format; the UTF-8 text one under a name outside any code page."""
    sys.path.insert(0, str(ROOT / "tests"))
    import samples  # the same real sample files the tests use

    folder.mkdir()
    written = samples.write_all(folder, legacy_doc=shutil.which("soffice") is not None)
    written["txt_utf8"].rename(folder / NON_ASCII_NAME)
    return len(written)


def smoke(frozen: Frozen, folder: Path) -> None:
    store = folder / "smoke.lapdesk"
    frozen.say(frozen.run(["--version"]).stdout.strip())
    check_commands(frozen)
    roots = json.loads(frozen.run(["--store", store, "framework", "--json"]).stdout)
    if len(roots) != 9:
        raise SmokeFailure(f"framework lists {len(roots)} sections, expected 9")
    frozen.say(f"framework ok ({len(roots)} sections)")
    inputs = folder / "inputs"
    count = write_inputs(inputs)
    started = time.perf_counter()
    results = json.loads(frozen.run(["--store", store, "import", inputs, "--json"]).stdout)
    took = time.perf_counter() - started
    names = {frozen.file_name(r["path"]) for r in results}
    unreadable = [frozen.file_name(r["path"]) for r in results if r["status"] == "unreadable"]
    if len(results) != count or unreadable:
        raise SmokeFailure(f"import of {count} sample files gave {len(results)} "
                           f"results; unreadable: {unreadable}")
    if NON_ASCII_NAME not in names:
        raise SmokeFailure(f"the import's JSON does not name {NON_ASCII_NAME}: {sorted(names)}")
    statuses = sorted({r["status"] for r in results})
    frozen.say(f"import ok ({len(results)} files, one per format, {NON_ASCII_NAME} among them, "
               f"JSON through a pipe; statuses {statuses}; {took:.1f} s)")
    check_ocr_and_password(frozen, folder, store)
    contribution_id = next((r["contribution_id"] for r in results
                            if r["status"] == "ok" and r["chars"] > 40), None)
    if contribution_id is None:
        raise SmokeFailure("no imported sample has text to map")
    mapped = json.loads(frozen.run(["--store", store, "map", contribution_id, "universalisation",
                                    "--start", 0, "--end", 20, "--stance", "supports",
                                    "--json"]).stdout)
    frozen.say(f"map ok (excerpt {mapped['excerpt_id']})")
    check_team(frozen, folder, store, mapped["excerpt_id"])
    check = json.loads(frozen.run(["--store", store, "check", "--json"]).stdout)
    if not check["ok"]:
        raise SmokeFailure(f"check found problems: {check['problems']}")
    frozen.say("check ok")
    out = folder / "working-paper.docx"
    frozen.run(["--store", store, "export", "--out", out, "--json"])
    with zipfile.ZipFile(out) as docx:
        if "word/document.xml" not in docx.namelist():
            raise SmokeFailure("the exported .docx has no word/document.xml")
    frozen.say(f"export ok ({out.stat().st_size} bytes)")
    if frozen.windows:
        windows_checks(frozen, folder)
    env = {"QT_QPA_PLATFORM": "windows" if frozen.under_wine else "offscreen"}
    shown = frozen.run(["--smoke-test"], binary=frozen.gui, env=env, window=frozen.under_wine)
    line = next((ln for ln in shown.stdout.splitlines() if ln.startswith("shown_ms=")), None)
    if line is None:
        raise SmokeFailure(f"lapdesk --smoke-test printed no shown_ms: {shown.stdout!r}")
    frozen.say(f"window {line} (Qt platform {env['QT_QPA_PLATFORM']})")


def check_team(frozen: Frozen, folder: Path, store: Path, excerpt_id: int) -> None:
    """Team work in the package: a copy for a colleague, an edit there, a pack encrypted with
    the team passphrase (cryptography's AES-GCM and scrypt), received by the first replica."""
    copy, packs = folder / "colleague.lapdesk", folder / "packs"
    env = {"LAPDESK_AUTHOR": "Bruno Costa", "LAPDESK_TEAM_PASSPHRASE": "smoke passphrase"}
    frozen.run(["--store", store, "team", "start", "--name", "Anne Bell", "--json"])
    frozen.run(["--store", store, "team", "copy", "--for", "Bruno Costa", "--out", copy,
                "--json"])
    frozen.run(["--store", copy, "annotate", excerpt_id, "--summary", "From the colleague",
                "--json"], env=env)
    sent = json.loads(frozen.run(["--store", copy, "team", "send", "--out", packs, "--json"],
                                 env=env).stdout)
    received = json.loads(frozen.run(["--store", store, "team", "receive", sent["file"],
                                      "--json"], env=env).stdout)
    states = [p["state"] for p in received["packs"]]
    if states != ["applied"]:
        raise SmokeFailure(f"team receive of {sent['file']} gave {received}")
    frozen.say(f"team ok (pack of {sent['bytes']} bytes, encrypted, sent and received: "
               f"{received['packs'][0]['summary']})")


def check_ocr_and_password(frozen: Frozen, folder: Path, store: Path) -> None:
    """The frozen workers read a scanned page by OCR (engine and models bundled) and open a
    protected Word document with its password."""
    import samples
    from samples import scans

    bundled = [m for m in ("eng", "fra", "spa", "osd")
               if not any(frozen.app.rglob(f"tessdata/{m}.traineddata"))]
    if bundled:
        raise SmokeFailure(f"the package lacks the OCR models {', '.join(bundled)}")
    inputs = folder / "mail"
    inputs.mkdir()
    (inputs / "scan.pdf").write_bytes(scans.scan_pdf_bytes("fr"))
    (inputs / "locked.docx").write_bytes(samples.docx_encrypted_bytes())
    results = json.loads(frozen.run(["--store", store, "import", inputs, "--password",
                                     samples.DOCX_PASSWORD, "--json"],
                                    env={"LAPDESK_TESSDATA": ""}).stdout)
    by_name = {frozen.file_name(r["path"]): r for r in results}
    scan, locked = by_name["scan.pdf"], by_name["locked.docx"]
    if scan["status"] != "ok" or not scan["ocr"] or scan["language"] != "fr":
        raise SmokeFailure(f"the scanned page was not read by OCR: {scan['status']}, "
                           f"{scan['message']}")
    if locked["status"] != "ok" or locked["chars"] < 100:
        raise SmokeFailure(f"the protected .docx was not opened: {locked['message']}")
    frozen.say(f"OCR ok (a French scan, {scan['chars']} characters, confidence "
               f"{scan['ocr_confidence']:.0f}%); protected .docx opened ({locked['chars']} "
               "characters)")


def pe_subsystem(path: Path) -> int:
    """The PE header's subsystem: 2 a windowed program, 3 a console one."""
    data = path.read_bytes()[:4096]
    header = struct.unpack_from("<I", data, 0x3C)[0]
    return struct.unpack_from("<H", data, header + 24 + 68)[0]


def windows_checks(frozen: Frozen, folder: Path) -> None:
    kinds = {exe.name: pe_subsystem(exe) for exe in (frozen.gui, frozen.cli)}
    if kinds != {"lapdesk.exe": 2, "lapdesk-cli.exe": 3}:
        raise SmokeFailure(f"expected a windowed lapdesk.exe and a console lapdesk-cli.exe, "
                           f"subsystems {kinds}")
    stray = [p.name for p in frozen.app.rglob("*") if p.name.lower() == "icuuc.dll"]
    if stray:
        raise SmokeFailure("the build-only icuuc stub is inside the package")
    # The windowed program's import workers are the windowed program again (no console to
    # show); without freeze_support they would start a second desk instead of reading.
    store = folder / "windowed.lapdesk"
    results = json.loads(frozen.run(["--store", store, "import", folder / "inputs", "--json"],
                                    binary=frozen.gui).stdout)
    if not results or any(r["status"] == "unreadable" for r in results):
        raise SmokeFailure(f"the windowed lapdesk.exe's import failed: {results}")
    frozen.say(f"lapdesk.exe is windowed, lapdesk-cli.exe a console program; the windowed "
               f"program's workers read {len(results)} files")
    install_for_user(frozen, folder)


def install_for_user(frozen: Frozen, folder: Path) -> None:
    """What install.ps1 runs: the app copied for this user, the file type and Start-menu
    entry registered, then all of it removed again (in the Wine prefix's own profile)."""
    if not frozen.under_wine:
        return  # on a real laptop the smoke test leaves the user's registration alone
    key = "HKCU\\Software\\Classes\\LAPDesk.Store\\shell\\open\\command"
    said = frozen.run(["--install"]).stdout.strip()
    query = frozen.prefix.run(["reg", "query", key], check=False).stdout
    command = re.search(r'"(C:\\[^"]+\\lapdesk\.exe)" --store "%1"', query)
    installed = command and frozen.prefix.DRIVE_C / command[1][3:].replace("\\", "/")
    if not installed or not installed.exists():
        raise SmokeFailure(f"lapdesk-cli.exe --install did not install: {said!r} {query!r}")
    frozen.run(["--uninstall"])
    shutil.rmtree(installed.parent)  # as install.ps1 -Uninstall does
    if frozen.prefix.run(["reg", "query", key], check=False).returncode == 0:
        raise SmokeFailure("lapdesk-cli.exe --uninstall left the file type registered")
    frozen.say(f"install for the user ok ({installed.parent.name} in the profile's "
               "Programs, .lapdesk opens it), uninstall ok")


def main(argv: list[str]) -> int:
    frozen = Frozen(under_wine="--windows" in argv)
    if frozen.under_wine and frozen.prefix.missing_tools():
        sys.path.insert(0, str(ROOT / "build_scripts" / "windows"))
        from package_windows import skipped

        return skipped(frozen.label)
    if not frozen.cli.exists():
        target = "package-windows" if frozen.under_wine else "package"
        print(f"{frozen.label}: {frozen.cli} is missing; run `make {target}` first.",
              file=sys.stderr)
        return 1
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="lapdesk-smoke-") as folder:
        try:
            if frozen.under_wine:
                with frozen.prefix.locked():
                    frozen.prefix.end_session()  # a fresh session, see prefix.end_session
                    try:
                        smoke(frozen, Path(folder))
                    finally:
                        frozen.prefix.end_session()
            else:
                smoke(frozen, Path(folder))
        except (SmokeFailure, subprocess.TimeoutExpired) as failure:
            print(f"{frozen.label}: FAILED: {failure}", file=sys.stderr)
            return 1
    frozen.say(f"all passed in {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
