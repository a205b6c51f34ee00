"""What .eml and Outlook .msg share: a body (plain or HTML) turned into paragraphs."""

from __future__ import annotations

from lapdesk.core.text import Paragraph
from lapdesk.ingest.extracted import Limits


def body_paragraphs(*, plain: str | None, html: str | bytes | None) -> list[Paragraph]:
    """The body's paragraphs: plain text when the sender's client wrote it, else the HTML."""
    if plain and plain.strip():
        from lapdesk.ingest.formats.plain import text_paragraphs

        return text_paragraphs(plain)
    if html:
        from lapdesk.ingest.formats.html import html_paragraphs

        return html_paragraphs(html)[0]
    return []


def too_many_attachments(limits: Limits) -> str:
    return (f"This email has more than {limits.max_attachments} attachments; only the first "
            f"{limits.max_attachments} were taken.")
