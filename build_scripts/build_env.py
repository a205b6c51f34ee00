"""The clean environment the package is built from: ``python build_env.py FOLDER``.

Makes (or reuses) a virtual environment in FOLDER holding LAPDesk's runtime dependencies and
PyInstaller, nothing else, and prints the path of its Python.  The development environment
(.venv) is not fit for it: whatever a dev tool pulls in (Pillow came in through a test
dependency, 20 MB) would be found by PyInstaller and end up in the package.  The environment
is made again only when the requirements change (a stamp in FOLDER names them).  Used by
``make package`` and ``package-windows.ps1``; the Wine build has its own in the prefix.
Standard library only.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import venv
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from package import requirements_for_build  # noqa: E402


def python_of(folder: Path) -> Path:
    return folder / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python")


def ensure(folder: Path) -> Path:
    requirements = requirements_for_build()
    wanted = "\n".join([sys.version.split()[0], *requirements]) + "\n"
    stamp = folder / ".lapdesk-requirements"
    python = python_of(folder)
    if python.exists() and stamp.exists() and stamp.read_text(encoding="utf-8") == wanted:
        return python
    shutil.rmtree(folder, ignore_errors=True)
    venv.create(folder, with_pip=True)
    listing = folder / "requirements.txt"
    listing.write_text("\n".join(requirements) + "\n", encoding="utf-8")
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", "-r", str(listing)],
                   check=True, stdout=sys.stderr)
    stamp.write_text(wanted, encoding="utf-8")
    return python


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print("usage: build_env.py FOLDER", file=sys.stderr)
        raise SystemExit(2)
    print(ensure(Path(sys.argv[1]).resolve()))
