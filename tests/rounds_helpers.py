"""A store on the zero draft of tests/samples/drafts.py, for the tests of rounds."""

from __future__ import annotations

from samples.drafts import zero_draft_bytes

from lapdesk.rounds.draft_reader import read_draft
from lapdesk.rounds.round_start import start_round
from lapdesk.store.database import Store


def on_zero_draft(store: Store) -> int:
    """Start the zero draft's round in ``store``; returns the round's id."""
    return start_round(store, read_draft(zero_draft_bytes(), "zero.docx"),
                       source_name="zero.docx").result
