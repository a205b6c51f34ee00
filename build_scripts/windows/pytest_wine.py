"""``make test-windows``: the whole test suite under python.org's CPython for Windows, in Wine.

The environment ``C:\\lapdesk\\test-env`` holds LAPDesk's runtime and dev dependencies as
Windows wheels; LAPDesk itself is imported from this checkout (``PYTHONPATH``), so one prefix
serves every checkout.  pytest runs in a fresh Wine session, headless (Qt's offscreen
plugin), with its bytecode and cache kept apart from the Linux run's.  Tests that fail only
because of Wine are skipped there alone (``tests/windows_support.py``).  Arguments are passed
to pytest.  Without Wine it says what is missing and skips, like ``make package-windows``.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import prefix  # noqa: E402
from package_windows import skipped  # noqa: E402


def main(args: list[str]) -> int:
    if prefix.missing_tools():
        return skipped("test-windows")
    started = time.perf_counter()
    with prefix.locked():
        prefix.prepare()
        python = prefix.ensure_env("test-env", prefix.project_requirements("dev"))
        prefix.end_session()  # a fresh session, see prefix.end_session
        env = prefix.environ(extra={
            "PYTHONPATH": prefix.windows_path(prefix.ROOT),
            "PYTHONPYCACHEPREFIX": prefix.windows_path(prefix.LAPDESK_C / "pycache"),
            "QT_QPA_PLATFORM": "offscreen",
            "LAPDESK_NETWORK_DRIVE": prefix.NETWORK_DRIVE,
        })
        print(f"test-windows: ready in {time.perf_counter() - started:.0f} s; pytest under Wine",
              flush=True)
        try:
            result = prefix.run([python, "-m", "pytest", "-p", "no:cacheprovider", *args],
                                env=env, echo=True, timeout=3600, check=False)
        finally:
            prefix.end_session()
    return result.returncode


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
