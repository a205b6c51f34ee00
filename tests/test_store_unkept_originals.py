"""Originals too large to keep: logged with their SHA-256 and size, checked for what they are."""

import hashlib

import pytest

from lapdesk.core.errors import NotFoundError
from lapdesk.store import contributions as c
from lapdesk.store import intake, integrity


def _log_too_large(store, status="too_large"):
    digest = hashlib.sha256(b"imagine 300 MB here").hexdigest()
    with store.transaction():
        contribution_id = intake.create_contribution(store, title="huge.pdf")
        intake.record_unkept_blob(store, digest, 300 * 2**20)
        intake.add_file(store, contribution_id, name="huge.pdf", sha256=digest, size=300 * 2**20,
                   media_type="application/pdf", status=status, message="too large")
    return digest


def test_an_unkept_original_passes_the_check_and_says_why_it_cannot_be_opened(store):
    digest = _log_too_large(store)
    assert integrity.check(store) == {"ok": True, "problems": []}
    with pytest.raises(NotFoundError, match="too large to keep"):
        c.blob(store, digest)


def test_an_unkept_original_behind_a_readable_file_is_reported(store):
    _log_too_large(store, status="ok")
    result = integrity.check(store)
    assert not result["ok"]
    assert "huge.pdf" in result["problems"][0]


def test_kept_originals_are_still_verified(store):
    digest, existed = intake.store_blob(store, b"bytes")
    assert not existed and c.blob(store, digest) == b"bytes"
    store.conn.execute("UPDATE blobs SET data = ? WHERE sha256 = ?", (b"other", digest))
    assert not integrity.check(store)["ok"]
