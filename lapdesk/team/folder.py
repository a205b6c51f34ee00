"""A team folder (e.g. on the office share): each replica writes its packs there and reads
the others' from it, whenever it is reachable.  The live store never sits there."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from lapdesk.team import pack as packs
from lapdesk.team import receive, send
from lapdesk.team.replica import require_replica


@dataclass
class Exchange:
    sent: send.Sent | None
    report: receive.Report


def exchange(store, folder: Path, *, initials: str | None = None,
             passphrase: str | None = None) -> Exchange:
    """Send this replica's new changes into ``folder``, then receive every colleague's pack
    found there that is not applied yet (packs of other teams, and this replica's own, are
    left alone)."""
    mine = require_replica(store)
    sent = send.send(store, folder, initials=initials, passphrase=passphrase)
    theirs = []
    for path in sorted(Path(folder).glob(f"*{packs.SUFFIX}")):
        try:
            header = packs.read_header(path.read_bytes())[0]
        except (OSError, packs.PackError):
            continue  # being written, or not a pack: the next exchange will see it
        if header.get("team_id") == mine.team_id and header.get("replica_id") != mine.replica_id:
            applied = store.query_one("SELECT applied_seq FROM team_members WHERE"
                                      " replica_id = ?", (header.get("replica_id"),))
            if applied is None or header.get("last_seq", 0) > applied["applied_seq"]:
                theirs.append(path)
    return Exchange(sent, receive.receive(store, theirs, passphrase=passphrase))
