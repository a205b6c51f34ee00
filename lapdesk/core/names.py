"""Safe display names for received files.

Names arrive from email headers and archive members, i.e. from strangers: they may carry
directories (``../../x``), control characters, Windows reserved device names or characters
Windows refuses.  A file's name is only ever shown and used for a temporary file, so it is
reduced to one harmless component that is valid on Windows and never empty.
"""

from __future__ import annotations

import re
import unicodedata

MAX_NAME_CHARS = 120
FALLBACK_NAME = "unnamed"

_INVALID = re.compile(r'[<>:"/\\|?*]')
_RESERVED = {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$",
             *(f"COM{i}" for i in range(10)), *(f"LPT{i}" for i in range(10)),
             "COM¹", "COM²", "COM³", "LPT¹", "LPT²", "LPT³"}
_MAX_EXTENSION_CHARS = 16


def _visible(name: str) -> str:
    """Drop control and format characters (bidi overrides can disguise an extension)."""
    return "".join(c for c in name if unicodedata.category(c) not in ("Cc", "Cf", "Cs", "Co"))


def safe_name(name: str) -> str:
    """A safe display name for ``name``: one component, valid on Windows, at most 120 chars.

    :param name: the name as received (may be a path, may be hostile, may be empty).
    """
    name = _visible(unicodedata.normalize("NFC", name or ""))
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = _INVALID.sub("_", name)
    name = re.sub(r"\s+", " ", name).strip().rstrip(". ").lstrip(".").strip()
    stem, dot, extension = name.rpartition(".")
    if not dot:
        stem, extension = name, ""
    if stem.split(".")[0].strip().upper() in _RESERVED or name.upper() in _RESERVED:
        name = f"_{name}"
    if len(name) > MAX_NAME_CHARS:
        if extension and len(extension) <= _MAX_EXTENSION_CHARS:
            keep = MAX_NAME_CHARS - len(extension) - 1
            name = f"{name[:-len(extension) - 1][:keep].rstrip('. ')}.{extension}"
        else:
            name = name[:MAX_NAME_CHARS].rstrip(". ")
    return name or FALLBACK_NAME
