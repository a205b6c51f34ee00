"""Telling Windows from Wine, for the few tests that fail only because of Wine.

``make test-windows`` runs the whole suite under python.org's CPython for Windows in Wine.  A
test that fails there for a real Windows reason is fixed; one that fails only because Wine
is not Windows is skipped under Wine alone, with :func:`not_under_wine` and the reason in the
marker, so on a real Windows laptop it still runs.  Wine is recognised by what its ntdll
exports (``wine_get_version``), not by guessing from the environment.
"""

from __future__ import annotations

import sys

import pytest


def wine_version() -> str | None:
    """Wine's version when this Windows process runs under Wine, else ``None``."""
    if sys.platform != "win32":
        return None
    import ctypes

    try:
        function = ctypes.WinDLL("ntdll").wine_get_version
    except (OSError, AttributeError):
        return None  # real Windows: ntdll has no such export
    function.restype = ctypes.c_char_p
    return function().decode("ascii", "replace")


UNDER_WINE = wine_version() is not None


def not_under_wine(reason: str) -> pytest.MarkDecorator:
    """Skip a test under Wine only; ``reason`` says what Wine does differently."""
    return pytest.mark.skipif(UNDER_WINE, reason=f"Wine only: {reason}")


windows_only = pytest.mark.skipif(sys.platform != "win32",
                                  reason="Windows only (make test-windows runs it under Wine)")
