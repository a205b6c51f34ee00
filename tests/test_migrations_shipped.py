"""A migration that has shipped is never edited: each one's SQL is the same, byte for byte.

A store upgraded by an edited migration would differ from one created afresh.  The SQL may be
written through helpers (the search index's schema is ``search.index_sql``), but what it
produces stays exactly what shipped.  A new migration adds its own line here once it ships.
"""

import hashlib

import pytest

from lapdesk.store import migrations

SHIPPED = {
    1: "e8b978a8918e8550", 2: "85144dcbd360ccc6", 3: "9d8548604eca2361",
    4: "eb7115c5d47f486a", 5: "02b66d0860c3277d", 6: "efdea7ec50e396a1",
    7: "6c5af809315cfce1", 8: "472097dd2ef02c22", 9: "ffe8320a60534eb4",
}


@pytest.mark.parametrize("version", sorted(SHIPPED))
def test_a_shipped_migration_is_never_edited(version):
    script = migrations.MIGRATIONS[version - 1]
    assert hashlib.sha256(script.encode()).hexdigest()[:16] == SHIPPED[version]
