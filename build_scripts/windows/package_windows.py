"""``make package-windows``: LAPDesk's Windows package, built on Linux under Wine.

The same ``build_scripts/package.py`` and spec as the Linux build, run by python.org's
CPython for Windows in a clean environment (LAPDesk's runtime dependencies and PyInstaller,
installed by the Windows pip), write ``dist/windows/LAPDesk/`` (windowed ``lapdesk.exe``,
console ``lapdesk-cli.exe``, ``install.ps1``) and ``dist/LAPDesk-<version>-windows.zip``; the
Linux build's ``dist/LAPDesk/`` is left alone.  Without Wine and the other tools (see
``prefix.TOOLS``) it says which Debian packages are missing and skips (exit 0), so a machine
without them still runs the rest of ``make test``; ``LAPDESK_REQUIRE_WINDOWS=1`` makes that an
error (CI, where ``make windows-deps`` installs them).
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))
import prefix  # noqa: E402
from package import requirements_for_build  # noqa: E402


def skipped(what: str) -> int:
    """Say plainly why the Windows step cannot run here; fail only where it must run."""
    missing = prefix.missing_tools()
    print(f"{what}: skipped: the Debian packages {', '.join(missing)} are missing "
          "(`make windows-deps` as root installs them).", flush=True)
    return 1 if os.environ.get("LAPDESK_REQUIRE_WINDOWS") == "1" else 0


def main() -> int:
    if prefix.missing_tools():
        return skipped("package-windows")
    started = time.perf_counter()
    with prefix.locked():
        prefix.prepare()
        python = prefix.ensure_env("build-env", requirements_for_build())
        try:
            result = prefix.run([python, "build_scripts/package.py"], echo=True, timeout=1800,
                                check=False)
        finally:
            prefix.end_session()  # what runs next starts a fresh session
    print(f"package-windows: {time.perf_counter() - started:.0f} s in all", flush=True)
    return result.returncode


if __name__ == "__main__":
    raise SystemExit(main())
