"""Legacy Word .doc (Word 97-2003), converted to .docx by LibreOffice when it is installed.

No pure-Python reader handles old .doc files well, so LibreOffice converts them in a private
temporary folder with its own throw-away profile (two imports at once must not share one), under
a time limit.  ``soffice`` exits 0 even when a conversion fails, so success is judged by the
converted file existing.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from lapdesk.ingest.extracted import Extracted, Limits
from lapdesk.ingest.formats.common import ExtractionFailure, unreadable

_WINDOWS_LOCATIONS = (r"C:\Program Files\LibreOffice\program\soffice.exe",
                      r"C:\Program Files (x86)\LibreOffice\program\soffice.exe")
_MAX_SECONDS = 90.0


def find_soffice() -> str | None:
    """The LibreOffice command, from PATH or (on Windows) its usual install folders."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found or sys.platform != "win32":
        return found
    return next((path for path in _WINDOWS_LOCATIONS if Path(path).exists()), None)


def extract(data: bytes, *, limits: Limits, password: str | None = None) -> Extracted:
    soffice = find_soffice()
    if soffice is None:
        return Extracted("unsupported", "This is an old Word 97-2003 document (.doc); "
                         "LibreOffice must be installed for LAPDesk to read it, or save it "
                         "as .docx in Word.")
    from lapdesk.ingest.formats import docx

    converted = convert_to_docx(data, soffice=soffice,
                                timeout_s=min(limits.timeout_s, _MAX_SECONDS))
    return docx.extract(converted, limits=limits)


def convert_to_docx(data: bytes, *, soffice: str, timeout_s: float) -> bytes:
    """The .docx LibreOffice makes of ``data``; raises ExtractionFailure when it cannot."""
    with tempfile.TemporaryDirectory(prefix="lapdesk-doc-") as folder:
        work = Path(folder)
        source = work / "input.doc"
        source.write_bytes(data)
        (work / "out").mkdir()
        command = [soffice, f"-env:UserInstallation={(work / 'profile').as_uri()}",
                   "--headless", "--norestore", "--nolockcheck", "--nodefault",
                   "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(work / "out"),
                   str(source)]
        process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL, cwd=work,
                                   start_new_session=(os.name == "posix"),
                                   creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0))
        try:
            process.wait(timeout=timeout_s)
        except subprocess.TimeoutExpired as error:
            _kill(process)
            raise ExtractionFailure("unreadable", "LibreOffice took too long to convert this "
                                    "old Word document; it may be damaged.") from error
        result = work / "out" / "input.docx"
        if not result.exists() or result.stat().st_size == 0:
            raise unreadable("LibreOffice could not convert this old Word document; it may be "
                             "damaged or protected by a password.")
        return result.read_bytes()


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
