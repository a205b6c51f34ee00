"""What "Open original" may do: hand a private copy to the operating system, warn first for
anything that could run code.

LAPDesk never executes or renders an original itself.  The desk writes the original's bytes
to a fresh folder only the user can read (:func:`private_copy`) and asks the operating system
to open that copy with its default application, so the stored original cannot be altered and
nothing is opened from the store's own folder.  For a name the operating system would *run*
rather than display, or an Office file that can carry macros, the desk asks first
(:func:`is_executable_name`).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path, PurePath

from lapdesk.core.names import safe_name

# Extensions Windows executes, or opens in something that executes scripts or macros.
EXECUTABLE_EXTENSIONS = frozenset({
    # programs and installers
    "exe", "com", "scr", "pif", "msi", "msp", "msix", "appx", "cpl", "dll", "sys", "gadget",
    # scripts and shell files
    "bat", "cmd", "ps1", "psm1", "psd1", "vbs", "vbe", "js", "jse", "wsf", "wsh", "wsc",
    "hta", "sh", "py", "pyw", "reg", "inf", "scf", "jar", "application", "msc",
    # shortcuts and links
    "lnk", "url", "website", "settingcontent-ms",
    # documents with macros
    "docm", "dotm", "xlsm", "xltm", "xlam", "xlsb", "pptm", "potm", "ppam", "ppsm", "sldm",
    # containers Windows mounts and opens as folders of the above
    "iso", "img", "vhd", "vhdx",
})

PREFIX = "lapdesk-original-"


def extension_of(name: str) -> str:
    """The lower-case last extension, ignoring the trailing dots and spaces Windows drops."""
    cleaned = PurePath(name.replace("\\", "/")).name.rstrip(" .")
    return cleaned.rsplit(".", 1)[1].lower() if "." in cleaned else ""


def is_executable_name(name: str) -> bool:
    """Whether opening a file of this name could run code, so the user must be warned first.

    Both the name as received and the safe name the copy gets are judged, so a right-to-left
    override (``invoice\u202efdp.exe`` shows as "invoiceexe.pdf") cannot disguise a program.
    """
    return (extension_of(name) in EXECUTABLE_EXTENSIONS
            or extension_of(safe_name(name)) in EXECUTABLE_EXTENSIONS)


def private_copy(data: bytes, name: str) -> Path:
    """Write ``data`` as ``name`` (made safe) into a new folder readable by the user only
    (0700, the file 0600), and return the file's path, ready for the OS default application.

    Each call makes its own folder, so two originals with the same name never collide and no
    copy overwrites another.  The folders live in the system's temporary folder.
    """
    folder = Path(tempfile.mkdtemp(prefix=PREFIX))  # mkdtemp creates it 0700
    target = folder / safe_name(name)
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0),
                 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    return target
