"""Network paths: detected from UNC names and the mount table; such stores avoid WAL."""

from pathlib import Path

import pytest

from lapdesk.store import netpath
from lapdesk.store.connection import open_store

MOUNTS = """\
/dev/sda1 / ext4 rw,relatime 0 0
proc /proc proc rw,nosuid,nodev,noexec,relatime 0 0
//fileserver/presidency /mnt/presidency cifs rw,vers=3.0,uid=1000 0 0
nas:/export/ccm /srv/ccm nfs4 rw,relatime,vers=4.2 0 0
fb@gateway:/home/fb /home/fb/remote fuse.sshfs rw,nosuid,nodev 0 0
/dev/sdb1 /mnt/presidency/local\\040copy ext4 rw 0 0
tmpfs /mnt/presidency-scratch tmpfs rw 0 0
"""


@pytest.mark.parametrize(("path", "fstype"), [
    ("/home/fb/lap.lapdesk", "ext4"),
    ("/mnt/presidency/lap.lapdesk", "cifs"),
    ("/mnt/presidency/sub/dir/lap.lapdesk", "cifs"),
    ("/mnt/presidency/local copy/lap.lapdesk", "ext4"),  # a local disk mounted inside a share
    ("/mnt/presidency-scratch/lap.lapdesk", "tmpfs"),  # a name prefix is not a parent folder
    ("/srv/ccm/lap.lapdesk", "nfs4"),
    ("/home/fb/remote/lap.lapdesk", "fuse.sshfs"),
])
def test_the_mount_holding_a_path_is_the_longest_matching_mount_point(path, fstype):
    assert netpath.mount_fs_type(Path(path), MOUNTS) == fstype


@pytest.mark.parametrize("fstype", ["cifs", "nfs4", "fuse.sshfs", "smb3"])
def test_network_file_systems_are_known(fstype):
    assert fstype in netpath.NETWORK_FS_TYPES


@pytest.mark.parametrize("path", [r"\\server\share\lap.lapdesk", "//server/share/lap.lapdesk",
                                  r"\\?\UNC\server\share\lap.lapdesk"])  # a long one
def test_unc_paths_are_network_paths(path):
    assert netpath.is_network_path(path)


def test_a_local_temporary_folder_is_not_a_network_path(tmp_path):
    assert not netpath.is_network_path(tmp_path / "s.lapdesk")


def test_a_store_on_a_network_path_uses_the_rollback_journal(store_path, monkeypatch):
    monkeypatch.setattr(netpath, "is_network_path", lambda path: True)
    with open_store(store_path) as store:
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        with store.transaction():
            store.conn.execute("INSERT INTO settings VALUES ('x', 'y')")
    assert not Path(str(store_path) + "-wal").exists()
    assert not Path(str(store_path) + "-shm").exists()
    monkeypatch.setattr(netpath, "is_network_path", lambda path: False)
    with open_store(store_path) as store:
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
