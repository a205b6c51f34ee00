"""Building real stores through the public core functions, for tests of later layers."""

from __future__ import annotations

from lapdesk.core.text import Paragraph
from lapdesk.store import intake, registry
from lapdesk.store.connection import Store


def add_text_contribution(store: Store, paragraphs: list[str], *, name: str = "note.txt",
                          contributors: list[str] = (), received: str = "2020-06-05",
                          language: str = "en", data: bytes | None = None,
                          publish: bool | None = True) -> int:
    """Log a contribution with one text file holding ``paragraphs``; returns its id.

    :param publish: its permission to publish (``None``: not yet decided).
    """
    data = data if data is not None else "\n".join(paragraphs).encode("utf-8")
    with store.transaction():
        contribution_id = intake.create_contribution(store, received=received, language=language,
                                                channel="file", title=name,
                                                permission_to_publish=publish)
        digest, _ = intake.store_blob(store, data)
        intake.add_file(store, contribution_id, name=name, sha256=digest, size=len(data),
                   media_type="text/plain", status="ok",
                   paragraphs=[Paragraph(p) for p in paragraphs])
        intake.set_contributors(store, contribution_id, [
            {"contributor_id": registry.find(store, who)["id"], "confidence": 1.0,
             "reason": "test"} for who in contributors
        ])
    return contribution_id
