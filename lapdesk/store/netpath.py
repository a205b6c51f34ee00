"""Whether a store lives on a network drive, where SQLite must not use WAL.

WAL keeps its index in shared memory (``X.lapdesk-shm``), which only works between processes
of one machine; on a share, two laptops would each see their own index and could corrupt the
store.  Stores on a network path therefore use the rollback journal (``journal_mode=DELETE``).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

# File-system types of network mounts, as /proc/mounts names them.
NETWORK_FS_TYPES = frozenset({
    "nfs", "nfs4", "cifs", "smb", "smb2", "smb3", "smbfs", "fuse.sshfs", "sshfs", "afs",
    "ncpfs", "9p", "davfs", "fuse.davfs2", "ceph", "glusterfs", "fuse.glusterfs", "lustre",
})

DRIVE_REMOTE = 4  # GetDriveTypeW


def is_network_path(path: str | os.PathLike) -> bool:
    """True for a UNC path (``\\\\server\\share``), a mapped network drive on Windows, or a
    path under an NFS/SMB/SSHFS mount on POSIX."""
    text = os.fspath(path)
    if text.upper().startswith(("\\\\?\\UNC\\", "//?/UNC/")):  # a long path on a share
        return True
    if text.startswith(("\\\\", "//")) and not text.startswith(("\\\\?\\", "\\\\.\\")):
        return True
    if sys.platform == "win32":
        return _windows_drive_is_remote(text)
    try:
        with open("/proc/mounts", encoding="utf-8", errors="replace") as handle:
            mounts = handle.read()
    except OSError:
        return False  # no mount table (macOS, BSD): assume a local disk
    fstype = mount_fs_type(Path(text).resolve(), mounts)
    return fstype in NETWORK_FS_TYPES


def mount_fs_type(path: Path, mounts: str) -> str | None:
    """The file-system type of the mount holding ``path``, from a /proc/mounts table."""
    best, best_type = -1, None
    target = path.as_posix()
    for line in mounts.splitlines():
        fields = line.split()
        if len(fields) < 3:
            continue
        mount_point = _unescape(fields[1])
        prefix = mount_point.rstrip("/") + "/"
        if (target == mount_point or target.startswith(prefix) or mount_point == "/") and len(
            mount_point
        ) > best:
            best, best_type = len(mount_point), fields[2]
    return best_type


def _unescape(field: str) -> str:
    """/proc/mounts writes space, tab, newline and backslash as octal escapes (``\\040``)."""
    for code, char in (("\\040", " "), ("\\011", "\t"), ("\\012", "\n"), ("\\134", "\\")):
        field = field.replace(code, char)
    return field


def _windows_drive_is_remote(text: str) -> bool:
    import ctypes

    drive = os.path.splitdrive(os.path.abspath(text))[0].removeprefix("\\\\?\\")
    if not drive:
        return False
    return ctypes.windll.kernel32.GetDriveTypeW(drive + "\\") == DRIVE_REMOTE  # type: ignore[attr-defined]
