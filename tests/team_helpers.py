"""Building teams of real replicas on disk, and comparing what they share."""

from __future__ import annotations

import hashlib
from pathlib import Path

from builders import add_text_contribution

from lapdesk.store.capture import SHARED_TABLES
from lapdesk.store.connection import open_store
from lapdesk.team import receive, replica, send

NAMES = ["Anne Bell", "Bruno Costa", "Chloé Dufour", "Diego Esteban", "Eva Fischer",
         "Farid Ghali"]
# Audit entries of a purge: each replica notes it in its own trail (none travels, for a purge
# keeps no trace in packs).
LOCAL_ACTIONS = ("Purge a contribution", "Purge a contribution (received)")


def make_team(folder: Path, count: int, *, contributions: int = 1) -> list:
    """``count`` open replicas of one team; the first logged ``contributions`` notes first."""
    first = open_store(folder / "r0.lapdesk", author=NAMES[0])
    for n in range(contributions):
        add_text_contribution(first, [f"Note {n}: the concept note is welcome.",
                                      f"Universalisation must remain first ({n}).",
                                      f"Victim assistance needs funding ({n})."],
                              contributors=["Austria"], name=f"note{n}.txt")
    replica.start_team(first, name=NAMES[0])
    stores = [first]
    for i in range(1, count):
        path = replica.make_copy(first, folder / f"r{i}.lapdesk", for_name=NAMES[i])
        stores.append(open_store(path, author=NAMES[i]))
    return stores


def exchange(stores: list, folder: Path, *, rounds: int = 5) -> int:
    """Everyone sends, then everyone receives everyone's packs, again until nobody has
    anything new to send (a merge made while receiving is a change to send); returns the
    rounds it took."""
    for done in range(rounds):
        sent = [s for s in (send.send(store, folder) for store in stores) if s is not None]
        if not sent:
            return done
        for store in stores:
            mine = store.capture.replica_id
            receive.receive(store, [s.path for s in sent if _origin(s.path) != mine])
    raise AssertionError(f"the replicas still had changes to send after {rounds} rounds")


def _origin(path: Path) -> str:
    from lapdesk.team import pack

    return pack.read_header(path.read_bytes())[0]["replica_id"]


def shared_content(store) -> dict[str, str]:
    """A digest of each shared table's rows (the audit trail less a replica's own notes)."""
    out = {}
    for table in sorted(SHARED_TABLES):
        where = (" WHERE action NOT IN (" + ", ".join("?" * len(LOCAL_ACTIONS)) + ")"
                 if table == "audit" else "")
        rows = store.conn.execute(f'SELECT * FROM "{table}"{where}',
                                  LOCAL_ACTIONS if where else ()).fetchall()
        out[table] = hashlib.sha256(repr(sorted(map(repr, rows))).encode()).hexdigest()[:16]
    return out


def differing(stores: list) -> dict[str, list[str]]:
    """The shared tables whose rows differ between replicas (nothing when they agree)."""
    digests = [shared_content(s) for s in stores]
    return {t: [d[t] for d in digests] for t in digests[0]
            if len({d[t] for d in digests}) > 1}
