"""What one import works on: each input's tree of files, and the units that commit together.

A :class:`FileNode` is made once per file — a dropped file or something found inside one — by
:meth:`FileNode.make`, which names it (the safe name and the name as received), hashes it and
applies the size cap, so no later step does any of these again.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lapdesk.core.names import safe_name
from lapdesk.core.records import ContributorRef
from lapdesk.ingest.extracted import Extracted, Limits, too_large_message
from lapdesk.ingest.sources import Source


@dataclass
class FileNode:
    """One file to store, with what reading it found and, once stored, its id."""

    name: str  # the safe name it is stored and shown under
    original_name: str  # as the user's file system or the sender gave it
    size: int
    sha256: str
    depth: int  # 0 for a dropped file, 1 for an attachment of it, ...
    data: bytes | None = field(default=None, repr=False)  # None: not kept, or a repeat
    extracted: Extracted | None = None
    children: list[FileNode] = field(default_factory=list)
    repeats: bool = False  # the same bytes as a file stored before it (a duplicate)
    file_id: int | None = None

    @classmethod
    def make(cls, original_name: str, *, size: int, sha256: str, depth: int,
             data: bytes | None, limits: Limits) -> FileNode:
        """The node of a file whose bytes (``None`` when too large to read) were just hashed;
        a file over the size cap keeps only its hash and size, with the one message."""
        node = cls(safe_name(original_name), original_name, size, sha256, depth, data)
        if size > limits.max_file_bytes:
            node.data = None
            node.extracted = Extracted("too_large", too_large_message(limits.max_file_bytes))
        return node

    def tree(self) -> list[FileNode]:
        """This file and everything inside it, in storing order."""
        found = [self]
        for child in self.children:
            found.extend(child.tree())
        return found


@dataclass
class Input:
    """One input file of the import (one result object): its source and, once read, its tree;
    once written, what the result reports about it."""

    source: Source
    node: FileNode | None = None
    duplicate_of: dict | None = None  # the stored file it repeats
    contribution_id: int | None = None
    contributors: list[ContributorRef] = field(default_factory=list)
    language: str | None = None

    @property
    def readable(self) -> bool:
        return self.node is not None and not self.source.error


@dataclass
class Unit:
    """What commits in one transaction: one input, or all of them with ``together``."""

    index: int
    inputs: list[Input]
    outstanding: int = 0  # extractions not back yet
    held_bytes: int = 0  # of its files, read and held until the unit is written

    def new_inputs(self) -> list[Input]:
        """The inputs read and not repeating a file stored before them."""
        return [item for item in self.inputs if item.readable and not item.node.repeats]

    def files(self) -> list[FileNode]:
        """Every file of its new inputs, in storing order."""
        return [node for item in self.new_inputs() for node in item.node.tree()]
