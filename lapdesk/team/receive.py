"""Receiving packs: refusing what is not this team's, keeping what arrives early, applying
each pack whole in one transaction, in order, and saying what came in.

A pack that was applied already does nothing.  A pack that comes after one still missing
(``#12 of BC is missing``), or that needs changes of a third replica not yet received here,
waits in ``team_waiting`` and is applied, without loss, as soon as what it follows arrives.
A pack of another team, or of a newer LAPDesk, is refused with a clear message; one of an
older schema is upgraded as it is applied: SQLite's session extension gives the columns a
migration added since their defaults.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from lapdesk.core.clock import now_iso
from lapdesk.core.errors import LapdeskError
from lapdesk.store import held
from lapdesk.store.edits_back import edit_again
from lapdesk.store.migrations import SCHEMA_VERSION
from lapdesk.team import conflict_log, orphans, purge
from lapdesk.team import pack as packs
from lapdesk.team.apply import Applier
from lapdesk.team.replica import require_replica

# What a summary counts, in the words of the desk.
COUNTED = (("excerpts", "excerpt", "excerpts"), ("contributions", "contribution",
           "contributions"), ("annotations", "position", "positions"),
           ("mappings", "mapping", "mappings"), ("framework_nodes", "new section",
           "new sections"), ("edits", "edit", "edits"), ("deletions", "deletion", "deletions"))


@dataclass
class Outcome:
    """What became of one pack file."""

    name: str
    state: str  # applied, duplicate, waiting, refused
    origin: str = ""
    number: int = 0
    counts: dict = field(default_factory=dict)
    conflicts: int = 0
    message: str = ""

    def sentence(self) -> str:
        if self.state != "applied":
            return self.message
        parts = [f"{n} {one if n == 1 else many}" for table, one, many in COUNTED
                 if (n := self.counts.get(table, 0))]
        if self.conflicts:
            parts.append(f"{self.conflicts} need{'s' if self.conflicts == 1 else ''} your "
                         "decision")
        return f"From {self.origin}: " + (", ".join(parts) or "changes to settings and lists")


@dataclass
class Report:
    outcomes: list[Outcome] = field(default_factory=list)
    gaps: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        return [o.sentence() for o in self.outcomes] + self.gaps


def receive(store, paths: list[Path], *, passphrase: str | None = None) -> Report:
    """Take the packs at ``paths``, then apply every pack that can be applied."""
    require_replica(store)
    report = Report()
    for path in paths:
        report.outcomes.append(_take(store, Path(path), passphrase))
    for outcome in drain(store):
        same = next((o for o in report.outcomes if o.state in ("waiting", "applied")
                     and (o.origin, o.number) == (outcome.origin, outcome.number)), None)
        if same is None:
            report.outcomes.append(outcome)
        elif same.state == "waiting":
            report.outcomes[report.outcomes.index(same)] = outcome
        else:  # applied in parts, as what it builds on arrived
            same.counts = dict(Counter(same.counts) + Counter(outcome.counts))
            same.conflicts += outcome.conflicts
    report.gaps = gaps(store)
    return report


def _take(store, path: Path, passphrase: str | None) -> Outcome:
    if held.is_held(path):
        return Outcome(path.name, "refused", message=f"{path.name} is a store, not a pack.")
    try:
        data = path.read_bytes()
        pack = packs.decode(data, passphrase)
        _check(store, pack)
    except OSError as error:
        return Outcome(path.name, "refused", message=f"{path.name} cannot be read: {error}.")
    except LapdeskError as error:
        return Outcome(path.name, "refused", message=f"{path.name}: {error}")
    return take(store, pack, path.name)


def _check(store, pack: packs.Pack) -> None:
    replica = require_replica(store)
    if pack.team_id != replica.team_id:
        raise packs.PackError("this pack is from another team's store; it was not applied.")
    if pack.schema > SCHEMA_VERSION:
        raise packs.PackError("this pack was written by a newer version of LAPDesk; update "
                              "LAPDesk to receive it.")
    if pack.replica_id == replica.replica_id:
        raise packs.PackError("this pack holds your own changes; nothing to do.")


def take(store, pack: packs.Pack, name: str) -> Outcome:
    """Queue ``pack`` unless it was applied already."""
    origin = pack.initials or pack.name
    applied = _applied(store, pack.replica_id)
    if pack.last_seq <= applied:
        return Outcome(name, "duplicate", origin, pack.number,
                       message=f"#{pack.number} of {origin} was received already; nothing to do.")
    with store.capture.paused(), store.transaction():
        store.execute(
            "INSERT OR REPLACE INTO team_waiting (replica_id, first_seq, last_seq, name,"
            " received_at, pack) VALUES (?, ?, ?, ?, ?, ?)",
            (pack.replica_id, pack.first_seq, pack.last_seq, name, now_iso(),
             packs.encode(pack)))
    return Outcome(name, "waiting", origin, pack.number,
                   message=f"#{pack.number} of {origin} waits for the changes it follows.")


def drain(store) -> list[Outcome]:
    """Apply waiting packs, each as soon as what it follows is here; returns what applied."""
    done: list[Outcome] = []
    tombstones = {(r["tbl"], r["pk"]): (r["stamp"], r["deleted"], r["purged"])
                  for r in store.query("SELECT tbl, pk, stamp, deleted, purged"
                                       " FROM team_stamps WHERE col = ''")}
    progress = True
    while progress:
        progress = False
        for row in store.query("SELECT replica_id, first_seq, name FROM team_waiting"
                               " ORDER BY replica_id, first_seq"):
            pack = packs.decode(store.query_one(
                "SELECT pack FROM team_waiting WHERE replica_id = ? AND first_seq = ?",
                (row["replica_id"], row["first_seq"]))["pack"])
            if not _ready(store, pack):
                continue
            done.append(_apply(store, pack, row["name"], tombstones))
            progress = True
    return done


def _ready(store, pack: packs.Pack) -> bool:
    """Whether the pack's next entry can be applied: it follows what was applied of its
    replica, and this replica has applied as much of the others as its sender had."""
    applied = _applied(store, pack.replica_id)
    entry = next((e for e in pack.entries if e.seq > applied), None)
    return entry is not None and entry.seq == applied + 1 and _needs_met(store, entry)


def _needs_met(store, entry: packs.Entry) -> bool:
    own = store.capture.replica_id
    return all(seq <= _applied(store, replica) for replica, seq in entry.needs.items()
               if replica != own)


def _apply(store, pack: packs.Pack, name: str, tombstones: dict) -> Outcome:
    origin = pack.initials or pack.name
    applier = Applier(store, origin=origin, tombstones=tombstones)
    applied = _applied(store, pack.replica_id)
    last = applied
    with store.capture.paused(), store.transaction():
        for entry in pack.entries:
            if entry.seq <= applied:
                continue
            if entry.seq != last + 1 or not _needs_met(store, entry):
                break  # the rest waits for what it was made on top of
            last = entry.seq
            if entry.kind == "purge":
                purge.apply_purge(store, json.loads(entry.payload), tombstones,
                                  stamp=entry.stamp, author=entry.author)
            else:
                applier.apply(entry.payload, stamp=entry.stamp, author=entry.author)
            store.capture.see(entry.stamp)
            _set_applied(store, pack, last)
        conflict_log.write(store, applier.found)
        conflict_log.close_merged(store, by=origin)
        orphans.bring_back(store)
        edit_again(store)
        store.execute("DELETE FROM team_waiting WHERE replica_id = ? AND last_seq <= ?",
                      (pack.replica_id, last))
    return Outcome(name, "applied", origin, pack.number, dict(Counter(applier.counts)),
                   len(applier.found))


def _set_applied(store, pack: packs.Pack, seq: int) -> None:
    """How far ``pack``'s replica's changes are applied here (the pack's number once whole)."""
    store.execute(
        "INSERT INTO team_members (replica_id, name, initials, applied_seq, last_received_at,"
        " last_pack) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (replica_id) DO UPDATE SET"
        " name = excluded.name, initials = excluded.initials, applied_seq = excluded.applied_seq,"
        " last_received_at = excluded.last_received_at, last_pack = CASE WHEN ? THEN"
        " excluded.last_pack ELSE last_pack END",
        (pack.replica_id, pack.name, pack.initials, seq, now_iso(), str(pack.number),
         seq >= pack.last_seq))


def _applied(store, replica_id: str) -> int:
    row = store.query_one("SELECT applied_seq FROM team_members WHERE replica_id = ?",
                          (replica_id,))
    return row["applied_seq"] if row else 0


def gaps(store) -> list[str]:
    """What waiting packs wait for, in plain sentences (``#12 of BC is missing``)."""
    lines = []
    for row in store.query("SELECT replica_id, first_seq FROM team_waiting"
                           " ORDER BY replica_id, first_seq"):
        pack = packs.decode(store.query_one(
            "SELECT pack FROM team_waiting WHERE replica_id = ? AND first_seq = ?",
            (row["replica_id"], row["first_seq"]))["pack"])
        origin = pack.initials or pack.name
        member = store.query_one("SELECT last_pack FROM team_members WHERE replica_id = ?",
                                 (pack.replica_id,))
        last = int(member["last_pack"] or 0) if member else 0
        applied = _applied(store, pack.replica_id)
        if pack.first_seq > applied + 1:
            missing = range(last + 1, pack.number) if pack.number > last + 1 else [last + 1]
            lines.extend(f"#{n} of {origin} is missing; #{pack.number} waits for it."
                         for n in missing)
        else:
            lines.append(f"#{pack.number} of {origin} waits for changes from colleagues it "
                         "had received and this replica has not yet.")
    return list(dict.fromkeys(lines))
