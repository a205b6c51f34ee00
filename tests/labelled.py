"""The labelled set of fixture contributions (``tests/fixtures/labelled``), loaded into stores.

Shared by the check of the set itself and by the suggester's quality test.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from lapdesk.core.text import Paragraph
from lapdesk.store import intake, registry
from lapdesk.store.connection import Store

LABELLED = Path(__file__).parent / "fixtures" / "labelled"
# Written after the suggester, and scored once before any change to it (see its README).
HOLDOUT = Path(__file__).parent / "fixtures" / "labelled_holdout"


@dataclass
class LabelledContribution:
    name: str
    contributor: str
    language: str
    kind: str
    received: str
    paragraphs: list[dict]


def load_set(folder: Path = LABELLED) -> list[LabelledContribution]:
    result = []
    for path in sorted(folder.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        result.append(LabelledContribution(
            name=path.stem, contributor=data["contributor"], language=data["language"],
            kind=data["kind"], received=data["received"], paragraphs=data["paragraphs"],
        ))
    return result


def expected_sections(paragraph: dict) -> set[str]:
    """The sections a paragraph's labels name (a question names its section)."""
    return {label.split(".")[0] for label in paragraph["labels"] if label != "none"}


def add_labelled(store: Store, item: LabelledContribution) -> int:
    """Log one labelled contribution as ingest would: one text file, one paragraph each."""
    data = "\n".join(p["text"] for p in item.paragraphs).encode("utf-8")
    with store.transaction():
        contribution_id = intake.create_contribution(store, received=item.received,
                                                language=item.language, title=item.name)
        digest, _ = intake.store_blob(store, data)
        intake.add_file(store, contribution_id, name=f"{item.name}.txt", sha256=digest,
                   size=len(data), media_type="text/plain", status="ok",
                   paragraphs=[Paragraph(p["text"], heading_level=p.get("heading_level"))
                               for p in item.paragraphs])
        intake.set_contributors(store, contribution_id, [{
            "contributor_id": registry.find(store, item.contributor)["id"],
            "confidence": 1.0, "reason": "labelled set",
        }])
    return contribution_id
