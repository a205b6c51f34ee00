"""Ids of new rows in a team's replica: random integers below 2**53, so that two replicas
never give two different rows the same id, and ids stay integers the CLI takes as handles
and JSON carries exactly.

A store that works alone keeps SQLite's own ids (one more than the largest).  Once the store
is a team's, every row two replicas can create gets a random id above 2**31 — above every id
a store made alone can have reached, so no old row is ever hit — except the rows with a
natural key (a contributor's, a section's), whose id is derived from that key: two replicas
that add the same contributor make the same row.  Nothing may take id order for creation
order.
"""

from __future__ import annotations

import hashlib
import secrets

LOWEST = 2**31
LIMIT = 2**53


def random_id() -> int:
    return LOWEST + secrets.randbelow(LIMIT - LOWEST)


def natural_id(table: str, key: str) -> int:
    """The id every replica gives the row of ``table`` whose natural key is ``key``."""
    digest = hashlib.sha256(f"{table}\0{key}".encode()).digest()
    return LOWEST + int.from_bytes(digest[:8], "big") % (LIMIT - LOWEST)
