"""Build the one-folder app and archive it; print the sizes against the limits.

``make package`` runs this on Linux: ``dist/LAPDesk/`` and
``dist/LAPDesk-<version>-linux.tar.gz`` with the .desktop file, the MIME type and an install
script.  Under Windows' Python (``make package-windows`` under Wine, or
``package-windows.ps1`` on a Windows machine) it writes ``dist/windows/LAPDesk/`` with
``install.ps1`` and ``dist/LAPDesk-<version>-windows.zip``, so the two builds never overwrite
each other.  Run it with an interpreter that holds only LAPDesk's runtime dependencies and
PyInstaller (``requirements_for_build()``): whatever else is installed may end up inside.
Exits 1 when the folder or the archive is over its limit.  ``--archive-only`` makes the
archive again from the folder (after signing its programs); ``--requirements`` prints what
the build environment holds.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tarfile
import time
import tomllib
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from lapdesk import APP_NAME, __version__  # noqa: E402

DIST = ROOT / "dist"
WINDOWS = sys.platform == "win32"
APP = (DIST / "windows" / APP_NAME) if WINDOWS else (DIST / APP_NAME)
WORK = ROOT / "build" / ("pyinstaller-windows" if WINDOWS else "pyinstaller")
# Room for what the OCR engine and its language data will add (issue #15's budget).
FOLDER_LIMIT_MB = 260
ARCHIVE_LIMIT_MB = 120
PYINSTALLER = "pyinstaller>=6.10"


def requirements_for_build() -> list[str]:
    """What the build environment holds: the runtime dependencies and PyInstaller, no dev tool."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return [*project["dependencies"], PYINSTALLER]


def folder_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file() and not f.is_symlink())


def build() -> None:
    subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
         "--distpath", str(APP.parent), "--workpath", str(WORK),
         str(ROOT / "build_scripts" / "lapdesk.spec")],
        check=True, cwd=ROOT,
    )


def add_linux_integration() -> None:
    share = APP / "share"
    share.mkdir(exist_ok=True)
    for name in ("lapdesk.desktop", "lapdesk-mime.xml"):
        shutil.copy(ROOT / "build_scripts" / "linux" / name, share / name)
    shutil.copy(ROOT / "resources" / "icons" / "lapdesk.png", share / "lapdesk.png")
    shutil.copy(ROOT / "build_scripts" / "linux" / "install.sh", APP / "install.sh")


def add_windows_integration() -> None:
    # The per-user install (Start menu, the .lapdesk file type) run from the unpacked zip.
    shutil.copy(ROOT / "build_scripts" / "windows" / "install.ps1", APP / "install.ps1")


def archive() -> Path:
    if WINDOWS:
        target = DIST / f"{APP_NAME}-{__version__}-windows.zip"
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
            for f in sorted(APP.rglob("*")):
                zf.write(f, f.relative_to(APP.parent))
        return target
    target = DIST / f"{APP_NAME}-{__version__}-{sys.platform}.tar.gz"
    with tarfile.open(target, "w:gz", compresslevel=9) as tf:
        tf.add(APP, arcname=APP_NAME)
    return target


def main(argv: list[str]) -> int:
    started = time.perf_counter()
    if "--requirements" in argv:  # what build_env.py installs, one a line
        print("\n".join(requirements_for_build()))
        return 0
    if "--archive-only" not in argv:  # --archive-only: zip a folder signed since the build
        build()
        if WINDOWS:
            add_windows_integration()
        elif sys.platform.startswith("linux"):
            add_linux_integration()
    target = archive()
    mb = 1024 * 1024
    folder_mb, archive_mb = folder_size(APP) / mb, target.stat().st_size / mb
    print(f"package: folder {APP.relative_to(ROOT).as_posix()} = {folder_mb:.1f} MB "
          f"(limit {FOLDER_LIMIT_MB} MB); archive {target.name} = {archive_mb:.1f} MB "
          f"(limit {ARCHIVE_LIMIT_MB} MB); built in {time.perf_counter() - started:.0f} s")
    if folder_mb > FOLDER_LIMIT_MB or archive_mb > ARCHIVE_LIMIT_MB:
        print("package: FAILED: over the size limit (is a dev tool's dependency inside?)",
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
