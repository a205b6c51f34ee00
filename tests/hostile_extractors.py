"""Extractors that misbehave the way a broken parser does, for the worker pool's tests.

The pool spawns workers that import these by name, so they live in an importable module.  Each
one hands every ordinary file to the real extractor and misbehaves only on names that ask for
it, so a test sees the real replacement path next to real extractions in the same pool.
"""

from __future__ import annotations

import ctypes
import faulthandler
import os
import sys
import time

from lapdesk.ingest.formats import extract


def misbehave_by_name(data: bytes, name: str, *, limits, password=None):
    if name.startswith("segfault"):
        if sys.platform == "win32":
            # ctypes turns an access violation into OSError on Windows: crash for real.
            faulthandler._sigsegv()
        ctypes.string_at(0)  # a real SIGSEGV, as a crashing C parser would cause
    if name.startswith("exit"):
        os._exit(3)
    if name.startswith("oom"):
        raise MemoryError
    if name.startswith("hang"):
        while True:  # a parser looping forever on a crafted file
            time.sleep(0.05)
    if name.startswith("pid"):
        from lapdesk.ingest.extracted import Extracted

        return Extracted("ok", str(os.getpid()))
    return extract(data, name, limits=limits, password=password)
