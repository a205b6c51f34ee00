"""The domain's records: what the store reads out, the desk shows and the CLI prints.

Each is a frozen dataclass built in one place (the store's reading functions, the import's
result) and printed by one ``to_json``, whose keys and their order are the JSON contract of
``docs/cli.md``.  Where the contract gives one kind of record a shorter shape in one place
than in another (a contributor in ``import`` and in ``contributions`` names less than in
``show``), the shapes are named field lists here, so that every one of them is a projection
of the same record rather than a dict assembled by hand.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import ClassVar


def _json(value):
    if isinstance(value, tuple):
        return [_json(item) for item in value]
    to_json = getattr(value, "to_json", None)
    return to_json() if to_json is not None else value


def _project(record, names: tuple[str, ...]) -> dict:
    return {name: _json(getattr(record, name)) for name in names}


@dataclass(frozen=True, slots=True)
class ContributorRef:
    """A contributor as named on one contribution: who (from the registry), how sure
    detection was and why, whether a person confirmed it, and whether it is chosen (a
    candidate not chosen is a name detection also found)."""

    id: int
    name: str
    kind: str
    status: str
    confidence: float | None = None
    reason: str | None = None
    confirmed: bool = False
    chosen: bool = True
    key: str = ""
    iso3: str | None = None
    group: str | None = None

    DETECTED = ("id", "name", "kind", "status", "confidence", "reason")  # import, re-read
    LISTED = ("id", "name", "kind", "status", "group", "confidence", "reason", "confirmed")
    FULL = ("id", "key", "name", "kind", "status", "iso3", "group", "confidence", "reason",
            "confirmed", "chosen")  # show

    def to_json(self, shape: tuple[str, ...] = FULL) -> dict:
        return _project(self, shape)


@dataclass(frozen=True, slots=True)
class StoredFile:
    """One file of a contribution as stored: its original's digest and what reading it gave.
    ``name`` is safe for any file system; ``original_name`` what the sender called it."""

    file_id: int
    name: str
    sha256: str
    size: int
    media_type: str | None
    status: str
    message: str
    pages: int | None
    chars: int
    ocr: bool
    ocr_confidence: float | None
    original_name: str | None = None
    parent_id: int | None = None
    text_start: int = 0

    LISTED = ("file_id", "name", "sha256", "size", "media_type", "status", "message", "pages",
              "chars", "ocr", "ocr_confidence")  # contributions, import attachments
    FULL = ("file_id", "name", "original_name", "sha256", "size", "media_type", "status",
            "message", "pages", "chars", "ocr", "ocr_confidence", "parent_id",
            "text_start")  # show

    def to_json(self, shape: tuple[str, ...] = FULL) -> dict:
        return _project(self, shape)


@dataclass(frozen=True, slots=True)
class Contribution:
    """A contribution as the list shows it: metadata, contributors, files, how far the
    mapping went, and ``needs_attention``, what a person must still settle."""

    id: int
    title: str | None
    received: str
    channel: str
    status: str
    language: str | None
    sender: str | None
    subject: str | None
    contributors: tuple[ContributorRef, ...]
    files: tuple[StoredFile, ...]
    excerpts: int
    reviewed: int
    permission_to_publish: bool | None
    superseded_by: int | None
    notes: str
    dated: str | None
    received_source: str | None
    needs_attention: tuple[str, ...] = ()

    def to_json(self) -> dict:
        shaped = {f.name: _json(getattr(self, f.name)) for f in fields(self)}
        # The list has said whether a person confirmed a contributor as 0 or 1 from the
        # start (``show`` as true or false): scripts compare it, so it stays so.
        shaped["contributors"] = [{**p.to_json(ContributorRef.LISTED), "confirmed": int(p.confirmed)}
                                  for p in self.contributors]
        shaped["files"] = [f.to_json(StoredFile.LISTED) for f in self.files]
        return shaped


@dataclass(frozen=True, slots=True)
class Annotation:
    """A position recorded on an excerpt: the stance, topic and summary a person gave it."""

    id: int
    stance: str
    topic: str | None
    summary: str
    note: str
    tags: str
    author: str | None
    updated_at: str | None

    def to_json(self) -> dict:
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass(frozen=True, slots=True)
class Excerpt:
    """A passage of a contribution (``start``..``end`` of its text) mapped to framework nodes
    (their keys), with the positions recorded on it."""

    id: int
    contribution_id: int
    start: int
    end: int
    text: str
    nodes: tuple[str, ...]
    reviewed: bool
    origin: str
    annotations: tuple[Annotation, ...] = ()

    suggested: ClassVar[bool] = False  # a person made it (or accepted a suggestion)

    def to_json(self) -> dict:
        return {f.name: _json(getattr(self, f.name)) for f in fields(self)}


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A paragraph that the suggester thinks speaks to a node, waiting for a person's yes or
    no (``state`` pending, accepted or rejected), with how sure it is and why."""

    id: int
    contribution_id: int
    file_id: int | None
    start: int
    end: int
    paragraph: int | None
    node: str
    node_title: str
    confidence: float
    reason: str
    state: str
    stance_hint: str | None = None

    suggested: ClassVar[bool] = True

    @property
    def nodes(self) -> tuple[str, ...]:
        """The node as a mapping's nodes, so that the reader tints both alike."""
        return (self.node,)

    def to_json(self) -> dict:
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass(frozen=True, slots=True)
class ImportedFile(StoredFile):
    """A file an import stored (an input's own file or an attachment found in it), with the
    attachments found in it."""

    attachments: tuple[ImportedFile, ...] = ()

    def to_json(self) -> dict:
        shaped = StoredFile.to_json(self, StoredFile.LISTED)
        if self.attachments:
            shaped["attachments"] = [a.to_json() for a in self.attachments]
        return shaped


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What became of one input file of an import (``lapdesk import``'s JSON)."""

    path: str
    status: str = "ok"
    message: str = ""
    contribution_id: int | None = None
    file_id: int | None = None
    sha256: str | None = None
    media_type: str | None = None
    pages: int | None = None
    chars: int = 0
    ocr: bool = False
    ocr_confidence: float | None = None
    language: str | None = None
    contributors: tuple[ContributorRef, ...] = ()
    attachments: tuple[ImportedFile, ...] = ()

    @property
    def logged(self) -> bool:
        """Whether the input is in the store (as itself, or as the duplicate it is)."""
        return self.file_id is not None

    def to_json(self) -> dict:
        shaped = {f.name: _json(getattr(self, f.name)) for f in fields(self)}
        shaped["contributors"] = [p.to_json(ContributorRef.DETECTED) for p in self.contributors]
        return shaped


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """One entry of the audit trail: when, who (``author``: the initials or name the change
    was made under), on which replica (its id, and ``replica_name``, the colleague's name
    for it when known; both empty in a store that works alone), what (``action``) and its
    ``details`` (``contributions``: the contributions it touched)."""

    id: int
    at: str
    author: str
    replica: str
    replica_name: str
    action: str
    details: dict

    def to_json(self) -> dict:
        return {f.name: getattr(self, f.name) for f in fields(self)}
