"""Smoke-test the packaged app in dist/LAPDesk/ through its own binaries, as a user would.

Runs ``lapdesk-cli --version``, then every CLI command the build has among framework, check,
import (a file of each format from tests/samples), map and export (a .docx), on a new
store, and finally ``lapdesk --smoke-test`` on the windowed binary (offscreen).  Exits 1 on
the first failure with what went wrong; prints one line per step with its figures.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "dist" / "LAPDesk"
EXE = ".exe" if sys.platform == "win32" else ""
CLI = APP / f"lapdesk-cli{EXE}"
GUI = APP / f"lapdesk{EXE}"


class SmokeFailure(Exception):
    pass


def run(args: list, *, binary: Path = CLI, env: dict | None = None) -> subprocess.CompletedProcess:
    result = subprocess.run([str(binary), *map(str, args)], capture_output=True, text=True,
                            timeout=300, env={**os.environ, **(env or {})})
    if result.returncode != 0:
        raise SmokeFailure(f"{binary.name} {' '.join(map(str, args))} exited "
                           f"{result.returncode}: {result.stderr.strip()[-500:]}")
    return result


def check_commands() -> None:
    """Every command the smoke test drives is in the build (each answers its --help)."""
    missing = [name for name in ("framework", "check", "import", "map", "export")
               if subprocess.run([str(CLI), name, "--help"], capture_output=True,
                                 timeout=60).returncode != 0]
    if missing:
        raise SmokeFailure(f"the packaged CLI lacks {', '.join(missing)}")


def smoke(folder: Path) -> None:
    store = folder / "smoke.lapdesk"
    print(f"smoke: {run(['--version']).stdout.strip()}")
    check_commands()
    roots = json.loads(run(["--store", store, "framework", "--json"]).stdout)
    if len(roots) != 9:
        raise SmokeFailure(f"framework lists {len(roots)} sections, expected 9")
    print(f"smoke: framework ok ({len(roots)} sections)")
    sys.path.insert(0, str(ROOT / "tests"))
    import samples  # the same real sample files the tests use

    inputs = folder / "inputs"
    inputs.mkdir()
    written = samples.write_all(inputs)
    results = json.loads(run(["--store", store, "import", inputs, "--json"]).stdout)
    unreadable = [Path(r["path"]).name for r in results if r["status"] == "unreadable"]
    if len(results) != len(written) or unreadable:
        raise SmokeFailure(f"import of {len(written)} sample files gave {len(results)} "
                           f"results; unreadable: {unreadable}")
    statuses = sorted({r["status"] for r in results})
    print(f"smoke: import ok ({len(results)} files, one per format; statuses {statuses})")
    check_ocr_and_password(folder, store)
    contribution_id = next((r["contribution_id"] for r in results
                            if r["status"] == "ok" and r["chars"] > 40), None)
    if contribution_id is None:
        raise SmokeFailure("no imported sample has text to map")
    mapped = json.loads(run(["--store", store, "map", contribution_id, "universalisation",
                             "--start", 0, "--end", 20, "--stance", "supports",
                             "--json"]).stdout)
    print(f"smoke: map ok (excerpt {mapped['excerpt_id']})")
    check = json.loads(run(["--store", store, "check", "--json"]).stdout)
    if not check["ok"]:
        raise SmokeFailure(f"check found problems: {check['problems']}")
    print("smoke: check ok")
    out = folder / "working-paper.docx"
    run(["--store", store, "export", "--out", out, "--json"])
    with zipfile.ZipFile(out) as docx:
        if "word/document.xml" not in docx.namelist():
            raise SmokeFailure("the exported .docx has no word/document.xml")
    print(f"smoke: export ok ({out.stat().st_size} bytes)")
    shown = run(["--smoke-test"], binary=GUI, env={"QT_QPA_PLATFORM": "offscreen"})
    line = next((ln for ln in shown.stdout.splitlines() if ln.startswith("shown_ms=")), None)
    if line is None:
        raise SmokeFailure(f"lapdesk --smoke-test printed no shown_ms: {shown.stdout!r}")
    print(f"smoke: window {line}")


def check_ocr_and_password(folder: Path, store: Path) -> None:
    """The frozen workers read a scanned page by OCR (engine and models bundled) and open a
    protected Word document with its password."""
    import samples
    from samples import scans

    bundled = [m for m in ("eng", "fra", "spa", "osd")
               if not any(APP.rglob(f"tessdata/{m}.traineddata"))]
    if bundled:
        raise SmokeFailure(f"the package lacks the OCR models {', '.join(bundled)}")
    inputs = folder / "mail"
    inputs.mkdir()
    (inputs / "scan.pdf").write_bytes(scans.scan_pdf_bytes("fr"))
    (inputs / "locked.docx").write_bytes(samples.docx_encrypted_bytes())
    results = json.loads(run(["--store", store, "import", inputs, "--password",
                              samples.DOCX_PASSWORD, "--json"],
                             env={"LAPDESK_TESSDATA": ""}).stdout)
    by_name = {Path(r["path"]).name: r for r in results}
    scan, locked = by_name["scan.pdf"], by_name["locked.docx"]
    if scan["status"] != "ok" or not scan["ocr"] or scan["language"] != "fr":
        raise SmokeFailure(f"the scanned page was not read by OCR: {scan['status']}, "
                           f"{scan['message']}")
    if locked["status"] != "ok" or locked["chars"] < 100:
        raise SmokeFailure(f"the protected .docx was not opened: {locked['message']}")
    print(f"smoke: OCR ok (a French scan, {scan['chars']} characters, confidence "
          f"{scan['ocr_confidence']:.0f}%); protected .docx opened ({locked['chars']} "
          "characters)")


def main() -> int:
    if not CLI.exists():
        print(f"smoke: {CLI} is missing; run `make package` first.", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="lapdesk-smoke-") as folder:
        try:
            smoke(Path(folder))
        except (SmokeFailure, subprocess.TimeoutExpired) as failure:
            print(f"smoke: FAILED: {failure}", file=sys.stderr)
            return 1
    print("smoke: all passed")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
