"""Every file LAPDesk writes about a store is readable by the user only (POSIX 0600/0700)."""

import os
import stat

import pytest
from builders import add_text_contribution

from lapdesk.store import backup
from lapdesk.store.connection import open_store
from lapdesk.store.lock import lock_path_for
from lapdesk.store.restore import restore
from lapdesk.store.salvage import salvage

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")


def _mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def permissive_umask():
    previous = os.umask(0o022)  # as on most desktops: new files readable by everybody
    yield
    os.umask(previous)


def test_store_lock_backups_salvage_and_restore_are_private(tmp_path, permissive_umask):
    path = tmp_path / "s.lapdesk"
    with open_store(path, lock=True) as store:
        add_text_contribution(store, ["Confidential views."])
        assert _mode(path) == 0o600
        assert _mode(lock_path_for(path)) == 0o600
        auto = backup.take_backup(store.conn, store.path)
        out = backup.take_backup(store.conn, store.path, out=tmp_path / "usb" / "copy.lapdesk")
        wal = path.with_name(path.name + "-wal")
        assert not wal.exists() or _mode(wal) == 0o600
    assert _mode(auto) == 0o600 and _mode(auto.parent) == 0o700
    assert _mode(out) == 0o600
    salvaged = tmp_path / "salvaged.lapdesk"
    salvage(path, salvaged)
    assert _mode(salvaged) == 0o600
    fresh = tmp_path / "restored.lapdesk"
    restore(fresh, out)
    assert _mode(fresh) == 0o600
