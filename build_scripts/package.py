"""Build the one-folder app into dist/LAPDesk/ and archive it; print the sizes.

``make package`` runs this.  On Linux the archive is ``dist/LAPDesk-<version>-linux.tar.gz``
with the .desktop file, the MIME type and an install script; on Windows a .zip (see
``package-windows.ps1``).  Figures printed: folder size and archive size in MB.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tarfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from lapdesk import APP_NAME, __version__  # noqa: E402

DIST = ROOT / "dist"
APP = DIST / APP_NAME


def folder_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file() and not f.is_symlink())


def build() -> None:
    subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
         "--distpath", str(DIST), "--workpath", str(ROOT / "build" / "pyinstaller"),
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


def archive() -> Path:
    if sys.platform == "win32":
        target = DIST / f"{APP_NAME}-{__version__}-windows.zip"
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
            for f in sorted(APP.rglob("*")):
                zf.write(f, f.relative_to(DIST))
        return target
    target = DIST / f"{APP_NAME}-{__version__}-{sys.platform}.tar.gz"
    with tarfile.open(target, "w:gz", compresslevel=9) as tf:
        tf.add(APP, arcname=APP_NAME)
    return target


def main() -> int:
    started = time.perf_counter()
    build()
    if sys.platform.startswith("linux"):
        add_linux_integration()
    target = archive()
    mb = 1024 * 1024
    print(f"package: folder {APP.relative_to(ROOT)} = {folder_size(APP) / mb:.1f} MB "
          f"(limit 260 MB); archive {target.name} = {target.stat().st_size / mb:.1f} MB "
          f"(limit 120 MB); built in {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
