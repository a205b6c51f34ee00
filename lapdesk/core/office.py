"""Finding and driving LibreOffice, used to read legacy Word files and to render exports.

The frozen app looks where the source tree looks: ``PATH`` first, then the places the
LibreOffice installers use on Windows and macOS.  Each conversion runs ``soffice`` headless in
a subprocess with a time limit and its own throw-away profile, so it neither waits for nor
disturbs a LibreOffice the user has open.  ``soffice`` exits 0 even when a conversion fails:
success is judged by the output file alone.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from lapdesk.core.errors import LapdeskError

_CANDIDATES = {
    "win32": [
        r"C:\Program Files\LibreOffice\program\soffice.exe",
        r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
    ],
    "darwin": ["/Applications/LibreOffice.app/Contents/MacOS/soffice"],
}


class ConversionError(LapdeskError):
    """LibreOffice is missing, timed out, or produced nothing."""


def find_soffice() -> Path | None:
    """The LibreOffice executable, or None when it is not installed."""
    override = os.environ.get("LAPDESK_SOFFICE")
    if override:
        return Path(override) if Path(override).exists() else None
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return Path(found)
    for candidate in _CANDIDATES.get(sys.platform, []):
        if Path(candidate).exists():
            return Path(candidate)
    return None


def convert(source: Path, target_format: str, *, out_dir: Path, timeout: float = 120.0) -> Path:
    """Convert ``source`` with LibreOffice (e.g. ``"pdf"``, ``"docx"``); returns the new file.

    :raises ConversionError: when LibreOffice is missing, takes too long or writes nothing.
    """
    soffice = find_soffice()
    if soffice is None:
        raise ConversionError("LibreOffice is needed for this and is not installed.")
    expected = out_dir / f"{source.stem}.{target_format.split(':')[0]}"
    with tempfile.TemporaryDirectory(prefix="lapdesk-lo-") as profile:
        command = [str(soffice), f"-env:UserInstallation={Path(profile).as_uri()}",
                   "--headless", "--norestore", "--convert-to", target_format,
                   "--outdir", str(out_dir), str(source)]
        try:
            subprocess.run(command, capture_output=True, timeout=timeout, check=False,
                           stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired as error:
            raise ConversionError(
                f"LibreOffice took longer than {timeout:.0f} s to convert {source.name}."
            ) from error
        except OSError as error:
            raise ConversionError(f"LibreOffice could not be started: {error}.") from error
    if not expected.exists() or expected.stat().st_size == 0:
        raise ConversionError(f"LibreOffice could not convert {source.name}.")
    return expected
