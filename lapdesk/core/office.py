"""Finding and driving LibreOffice, used to read legacy Word files and to render exports.

The frozen app looks where the source tree looks: ``LAPDESK_SOFFICE``, then ``PATH``, then the
places the LibreOffice installers use on Windows and macOS.  Each conversion runs ``soffice``
headless in a private temporary folder with its own throw-away profile (two conversions at once
must not share one, nor disturb a LibreOffice the user has open), under a time limit after
which it and the process it forks are killed.  ``soffice`` exits 0 even when a conversion
fails: success is judged by the converted file alone.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from lapdesk.core.errors import LapdeskError

_INSTALLED = {
    "win32": (r"C:\Program Files\LibreOffice\program\soffice.exe",
              r"C:\Program Files (x86)\LibreOffice\program\soffice.exe"),
    "darwin": ("/Applications/LibreOffice.app/Contents/MacOS/soffice",),
}


class ConversionError(LapdeskError):
    """LibreOffice is missing, timed out, or produced nothing."""


class ConversionTimeout(ConversionError):
    """LibreOffice was still converting when the time limit passed (it was stopped)."""


def find_soffice() -> Path | None:
    """The LibreOffice executable, or None when it is not installed."""
    override = os.environ.get("LAPDESK_SOFFICE")
    if override:
        return Path(override) if Path(override).exists() else None
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return Path(found)
    return next((Path(p) for p in _INSTALLED.get(sys.platform, ()) if Path(p).exists()), None)


def convert_bytes(data: bytes, *, suffix: str, target: str, timeout: float = 120.0) -> bytes:
    """``data`` (a file ending in ``suffix``, e.g. ``.doc``) converted by LibreOffice to
    ``target`` (e.g. ``"docx:MS Word 2007 XML"`` or ``"pdf"``); nothing is left on disk.

    :raises ConversionError: LibreOffice is missing, took too long, or wrote nothing.
    """
    with tempfile.TemporaryDirectory(prefix="lapdesk-lo-") as folder:
        source = Path(folder) / f"input{suffix}"
        source.write_bytes(data)
        out = Path(folder) / "out"
        out.mkdir()
        return convert(source, target, out_dir=out, timeout=timeout).read_bytes()


def convert(source: Path, target: str, *, out_dir: Path, timeout: float = 120.0) -> Path:
    """Convert the file ``source`` into ``out_dir``; returns the converted file.

    :raises ConversionError: LibreOffice is missing, took too long, or wrote nothing.
    """
    soffice = find_soffice()
    if soffice is None:
        raise ConversionError("LibreOffice is needed for this and is not installed.")
    expected = out_dir / f"{source.stem}.{target.split(':')[0]}"
    with tempfile.TemporaryDirectory(prefix="lapdesk-lo-profile-") as profile:
        command = [str(soffice), f"-env:UserInstallation={Path(profile).as_uri()}",
                   "--headless", "--norestore", "--nolockcheck", "--nodefault",
                   "--convert-to", target, "--outdir", str(out_dir), str(source)]
        try:
            process = subprocess.Popen(
                command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL, cwd=out_dir, start_new_session=(os.name == "posix"),
                creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0))
        except OSError as error:
            raise ConversionError(f"LibreOffice could not be started: {error}.") from error
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired as error:
            _kill(process)
            raise ConversionTimeout(
                f"LibreOffice took longer than {timeout:.0f} s to convert {source.name}."
            ) from error
    if not expected.exists() or expected.stat().st_size == 0:
        raise ConversionError(f"LibreOffice could not convert {source.name}.")
    return expected


def _kill(process: subprocess.Popen) -> None:
    """Stop the conversion and everything it started (soffice forks a child)."""
    if os.name == "posix":
        import signal

        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    else:  # soffice.exe starts soffice.bin: end the whole tree
        subprocess.run(["taskkill", "/F", "/T", "/PID", str(process.pid)], check=False,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0))
        process.kill()
    process.wait()
