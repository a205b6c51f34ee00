"""Sending: this replica's changes since the last pack, as one new pack file."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from lapdesk.core.clock import now_iso
from lapdesk.store.migrations import SCHEMA_VERSION
from lapdesk.team import pack as packs
from lapdesk.team.replica import require_replica


@dataclass(frozen=True)
class Sent:
    path: Path
    number: int
    first_seq: int
    last_seq: int
    changes: int
    size: int


def send(store, folder: Path, *, initials: str | None = None, passphrase: str | None = None,
         from_seq: int | None = None) -> Sent | None:
    """Write the changes not yet sent (or all from ``from_seq``, to send again what a
    colleague lost) into a new pack in ``folder``; ``None`` when there is nothing to send.

    :param initials: the sender's, for the pack's name (default: the replica's).
    """
    replica = require_replica(store)
    start = from_seq if from_seq is not None else replica.sent_seq + 1
    rows = store.query("SELECT * FROM team_outbox WHERE seq >= ? ORDER BY seq", (max(start, 1),))
    if not rows:
        return None
    initials = initials or replica.initials
    number = replica.packs_sent + 1
    while (Path(folder) / packs.file_name(store.name, initials, number)).exists():
        number += 1  # a replica restored from a backup had sent packs since: never overwrite
    needs = {row["replica_id"]: row["applied_seq"]
             for row in store.query("SELECT replica_id, applied_seq FROM team_members")}
    pack = packs.Pack(
        team_id=replica.team_id, schema=SCHEMA_VERSION, replica_id=replica.replica_id,
        name=replica.name, initials=initials, number=number, first_seq=rows[0]["seq"],
        last_seq=rows[-1]["seq"], created_at=now_iso(), needs=needs,
        entries=[packs.Entry(r["seq"], r["stamp"], r["author"], r["kind"], r["payload"],
                             json.loads(r["needs"])) for r in rows])
    data = packs.encode(pack, passphrase)
    path = packs.write_file(Path(folder), packs.file_name(store.name, initials, number), data)
    with store.capture.paused(), store.transaction():
        store.execute("UPDATE team_replica SET sent_seq = max(sent_seq, ?), packs_sent = ?,"
                      " last_sent_at = ?", (pack.last_seq, number, now_iso()))
    return Sent(path, number, pack.first_seq, pack.last_seq, len(rows), len(data))
