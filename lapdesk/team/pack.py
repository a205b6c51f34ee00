"""A pack: one immutable file carrying a run of one replica's changes.

``LAP-2020 · BC · #17.lapdesk-changes``: a header in clear (team, schema, replica, the range of
sequence numbers, what the sender had received of the others) and a body of entries, each a
changeset SQLite's session extension made of one transaction (or a purge), compressed and,
with a team passphrase, encrypted (:mod:`lapdesk.team.crypto`).  The header is checked
against the body (its SHA-256, or the cipher's tag), so a damaged file is refused whole.
"""

from __future__ import annotations

import hashlib
import json
import os
import struct
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from lapdesk.core.errors import LapdeskError
from lapdesk.team import crypto

MAGIC = b"LAPDESK-CHANGES 1\n"
SUFFIX = ".lapdesk-changes"


class PackError(LapdeskError):
    """A file that is not a pack this replica can take."""


@dataclass
class Entry:
    """One transaction of the sender (``kind`` ``changes``) or a purge."""

    seq: int
    stamp: str
    author: str
    kind: str
    payload: bytes
    # How far the sender had applied each colleague's changes when it made this one: a
    # receiver applies it only once it has applied as much.
    needs: dict[str, int] = field(default_factory=dict)


@dataclass
class Pack:
    team_id: str
    schema: int
    replica_id: str
    name: str
    initials: str
    number: int
    first_seq: int
    last_seq: int
    created_at: str
    # What the sender had applied of each other replica when it sent the pack.
    needs: dict[str, int] = field(default_factory=dict)
    entries: list[Entry] = field(default_factory=list)

    def header(self) -> dict:
        return {"team_id": self.team_id, "schema": self.schema, "replica_id": self.replica_id,
                "name": self.name, "initials": self.initials, "number": self.number,
                "first_seq": self.first_seq, "last_seq": self.last_seq,
                "created_at": self.created_at, "needs": self.needs}


def encode(pack: Pack, passphrase: str | None = None) -> bytes:
    body = bytearray()
    for entry in pack.entries:
        meta = json.dumps({"seq": entry.seq, "stamp": entry.stamp, "author": entry.author,
                           "kind": entry.kind, "needs": entry.needs}).encode()
        body += struct.pack(">II", len(meta), len(entry.payload)) + meta + entry.payload
    data = zlib.compress(bytes(body), 6)
    header = pack.header()
    if passphrase:
        header["encryption"] = crypto.new_parameters()
        clear = _header_bytes(header)
        data = crypto.encrypt(data, passphrase, header["encryption"], clear)
    else:
        header["body_sha256"] = hashlib.sha256(data).hexdigest()
        clear = _header_bytes(header)
    return MAGIC + struct.pack(">I", len(clear)) + clear + data


def read_header(data: bytes) -> tuple[dict, bytes, bytes]:
    """The header, its bytes and the body of a pack file's contents.

    :raises PackError: not a pack, or cut short.
    """
    if not data.startswith(MAGIC):
        raise PackError("This file is not a LAPDesk pack of changes.")
    try:
        (length,) = struct.unpack_from(">I", data, len(MAGIC))
        start = len(MAGIC) + 4
        clear = data[start:start + length]
        header = json.loads(clear)
    except (struct.error, ValueError) as error:
        raise PackError("This pack is damaged (its header cannot be read).") from error
    return header, clear, data[start + length:]


def decode(data: bytes, passphrase: str | None = None) -> Pack:
    """:raises PackError: damaged.  :raises PassphraseError: protected and not opened."""
    header, clear, body = read_header(data)
    if "encryption" in header:
        body = crypto.decrypt(body, passphrase, header["encryption"], clear)
    elif hashlib.sha256(body).hexdigest() != header.get("body_sha256"):
        raise PackError("This pack is damaged or incomplete (its contents do not match its "
                        "header); ask for it to be sent again.")
    try:
        raw = zlib.decompress(body)
        fields = {k: header[k] for k in ("team_id", "schema", "replica_id", "name", "initials",
                                         "number", "first_seq", "last_seq", "created_at")}
    except (zlib.error, KeyError) as error:
        raise PackError("This pack is damaged (its contents cannot be read).") from error
    pack = Pack(**fields, needs=header.get("needs", {}))
    offset = 0
    while offset < len(raw):
        meta_len, payload_len = struct.unpack_from(">II", raw, offset)
        offset += 8
        meta = json.loads(raw[offset:offset + meta_len])
        offset += meta_len
        pack.entries.append(Entry(meta["seq"], meta["stamp"], meta["author"], meta["kind"],
                                  raw[offset:offset + payload_len], meta.get("needs", {})))
        offset += payload_len
    return pack


def file_name(store_name: str, initials: str, number: int) -> str:
    stem = store_name.removesuffix(".lapdesk")
    return f"{stem} · {initials or 'XX'} · #{number}{SUFFIX}"


def write_file(folder: Path, name: str, data: bytes) -> Path:
    """Write a new pack, for the user only, never over an existing file (packs are
    immutable); the file appears whole or not at all."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / name
    if target.exists():
        raise PackError(f"{target} exists already; a pack is never overwritten.")
    partial = folder / f".{name}.partial"
    fd = os.open(partial, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(data)
        out.flush()
        os.fsync(out.fileno())
    os.replace(partial, target)
    return target


def _header_bytes(header: dict) -> bytes:
    return json.dumps(header, ensure_ascii=False, sort_keys=True).encode("utf-8")
