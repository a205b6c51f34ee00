"""Writing the output file so that a failure never leaves half a document behind.

The document is written to a temporary file in the target's folder, then renamed over the
target in one step (``os.replace``).  On Windows, Word keeps the files it has open locked, and
the rename fails with ``PermissionError``: that becomes a sentence the user can act on.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from lapdesk.core.errors import LapdeskError
from lapdesk.core.paths import long_path
from lapdesk.store import held


class OutputExistsError(LapdeskError):
    """The output file exists and the user did not ask to replace it."""


class OutputLockedError(LapdeskError):
    """Another program (Word, usually) holds the output file."""


def check_target(out: Path, *, overwrite: bool) -> None:
    """Refuse early, before any work, when the target cannot or should not be written."""
    out = long_path(out)
    if held.is_held(out):
        raise LapdeskError(held.held_message(out) + " Choose another file name.")
    if out.is_dir():
        raise LapdeskError(f"{out} is a folder; give the name of a .docx file to write.")
    if out.exists() and not overwrite:
        raise OutputExistsError(f"{out} already exists; use --overwrite to replace it.")
    if not out.parent.is_dir():
        raise LapdeskError(f"The folder {out.parent} does not exist.")


def write_atomically(out: Path, write: Callable[[BinaryIO], None]) -> None:
    """Call ``write(handle)`` on a temporary file beside ``out``, then rename it to ``out``."""
    out = long_path(out)
    if held.is_held(out):
        raise LapdeskError(held.held_message(out) + " Choose another file name.")
    try:
        descriptor, name = tempfile.mkstemp(dir=out.parent, prefix=f".~{out.stem}.",
                                            suffix=".tmp")
    except OSError as error:
        raise LapdeskError(f"{out.parent} cannot be written to: {error.strerror}.") from error
    temporary = Path(name)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.replace(temporary, out)
        except PermissionError as error:
            raise OutputLockedError(
                f"{out.name} is open in another program (Word?); close it and export again."
            ) from error
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
