"""What a unit's new contribution will be, decided before its write transaction opens.

Everything here is CPU work on what the workers extracted — the contribution's language from
its files' own, the date its letter bears, where its received date comes from, and who wrote
it — so that the transaction only writes, and an edit made meanwhile never waits on it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lapdesk.ingest import sniff
from lapdesk.ingest.batch import FileNode, Unit
from lapdesk.ingest.detect import DetectionIndex, detect_contributors
from lapdesk.ingest.language import dominant_language
from lapdesk.ingest.letter_date import letter_date

EMAIL_TYPES = (sniff.EML, sniff.MSG)


@dataclass(frozen=True)
class Plan:
    """The new contribution's fields (:func:`lapdesk.store.intake.create_contribution`'s
    arguments) and detection's candidates for its contributors."""

    fields: dict
    candidates: list[dict] = field(default_factory=list)

    @property
    def language(self) -> str | None:
        return self.fields["language"]


def plan(unit: Unit, index: DetectionIndex) -> Plan | None:
    """The plan of the unit's contribution, or ``None`` when it brings no new file."""
    inputs = unit.new_inputs()
    if not inputs:
        return None
    files = [node for node in unit.files() if node.extracted]
    first = inputs[0].node
    return Plan(_fields(first, files), _candidates(first, unit.files(), index))


def _fields(first: FileNode, files: list[FileNode]) -> dict:
    meta = first.extracted.meta
    is_email = first.extracted.media_type in EMAIL_TYPES
    # Each file's language was found once, by its worker.
    language = dominant_language([(node.extracted.language, _chars(node)) for node in files])
    dated = next((found for node in files if (found := letter_date(
        [p.text for p in node.extracted.paragraphs])) is not None), None)
    if is_email and meta.get("date"):
        received, source = meta["date"], "email"
    elif dated is not None:
        received, source = dated.isoformat(), "letter"
    else:
        received, source = None, "logged"
    return {
        "received": received, "received_source": source,
        "dated": dated.isoformat() if dated else None,
        "channel": "email" if is_email else "file", "language": language,
        "sender": meta.get("sender") or None, "subject": meta.get("subject") or None,
        "title": (meta.get("subject") if is_email else None) or first.name,
    }


def _candidates(first: FileNode, files: list[FileNode], index: DetectionIndex) -> list[dict]:
    meta = first.extracted.meta
    texts: list[str] = []
    file_starts: list[int] = []
    for node in files:
        if texts:
            file_starts.append(len(texts))
        texts.extend(p.text for p in (node.extracted.paragraphs if node.extracted else ()))
    return detect_contributors(
        index, paragraphs=texts, file_starts=file_starts, sender=meta.get("sender"),
        sender_name=meta.get("sender_name"), file_name=first.original_name,
        attachment_names=[node.original_name for node in files if node is not first],
    )


def _chars(node: FileNode) -> int:
    return sum(len(p.text) for p in node.extracted.paragraphs)
