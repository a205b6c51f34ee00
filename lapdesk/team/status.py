"""Where a replica stands: its team, each colleague's replica, what was last sent and
received, and what is missing (``lapdesk team status``, the desk's status line)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime

from lapdesk.team.receive import gaps
from lapdesk.team.replica import replica_of


@dataclass(frozen=True)
class Member:
    replica_id: str
    name: str
    initials: str
    applied_seq: int
    last_pack: int
    last_received_at: str | None


@dataclass(frozen=True)
class Status:
    team_id: str
    replica_id: str
    name: str
    initials: str
    unsent: int  # changes made here and not yet in a pack
    packs_sent: int
    last_sent_at: str | None
    members: list[Member]
    waiting: int
    gaps: list[str]
    open_conflicts: int

    def as_json(self) -> dict:
        return asdict(self)


def status(store) -> Status | None:
    """``None`` when the store works alone."""
    replica = replica_of(store)
    if replica is None:
        return None
    members = [Member(r["replica_id"], r["name"], r["initials"], r["applied_seq"],
                      int(r["last_pack"] or 0), r["last_received_at"])
               for r in store.query("SELECT * FROM team_members ORDER BY name")]
    return Status(
        replica.team_id, replica.replica_id, replica.name, replica.initials,
        unsent=replica.next_seq - 1 - replica.sent_seq, packs_sent=replica.packs_sent,
        last_sent_at=replica.last_sent_at, members=members,
        waiting=_count(store, "SELECT count(*) AS n FROM team_waiting"), gaps=gaps(store),
        open_conflicts=_count(store, "SELECT count(*) AS n FROM team_conflicts"
                                     " WHERE state = 'open'"))


def _count(store, sql: str) -> int:
    return store.query_one(sql)["n"]


def ago(when: str | None, now: datetime | None = None) -> str:
    """``2 h ago``, ``5 min ago``, ``3 days ago``: how long since an ISO time."""
    if not when:
        return "never"
    then = datetime.fromisoformat(when)
    seconds = ((now or datetime.now().astimezone()) - then).total_seconds()
    if seconds < 90:
        return "just now"
    if seconds < 3600:
        return f"{round(seconds / 60)} min ago"
    if seconds < 48 * 3600:
        return f"{round(seconds / 3600)} h ago"
    return f"{round(seconds / 86400)} days ago"


def status_line(state: Status | None) -> str:
    """One line for the desk: ``changes from BC received 2 h ago · 3 not sent · 1 conflict``."""
    if state is None:
        return ""
    parts = []
    latest = max((m for m in state.members if m.last_received_at),
                 key=lambda m: m.last_received_at, default=None)
    if latest is not None:
        parts.append(f"changes from {latest.initials or latest.name} received "
                     f"{ago(latest.last_received_at)}")
    else:
        parts.append("no changes received yet")
    if state.unsent:
        parts.append(f"{state.unsent} change{'s' * (state.unsent != 1)} not sent")
    if state.gaps:
        parts.append(state.gaps[0])
    if state.open_conflicts:
        parts.append(f"{state.open_conflicts} conflict{'s' * (state.open_conflicts != 1)} "
                     "to settle")
    return "Team: " + " · ".join(parts)
