"""Whether a paper's date falls after its meeting: the check both faces make before circulating.

Kept apart from the masthead (which needs python-docx) so that the desk's export dialog can
warn before anything is written without loading Word's library at start.
"""

from __future__ import annotations

from lapdesk.export.boilerplate import format_date, meeting_dates, parse_date


def dated_after_meeting(values: dict[str, str], when: str, meeting: str, *,
                        how: str = "with --date or in Settings") -> str | None:
    """A sentence when the paper's date falls after its meeting (a paper dated the day of
    export for a meeting long past), else ``None``; ``how`` says where to give the date."""
    paper = parse_date(when)
    start = parse_date(values.get("meeting_date", ""))
    end = parse_date(values.get("meeting_end_date", "")) or start
    if paper is None or end is None or paper <= end:
        return None
    held = meeting_dates(values.get("meeting_date", ""), values.get("meeting_end_date", ""),
                         "en")
    who = f"{meeting}, {held}" if meeting else held
    return (f"The paper is dated {format_date(paper, 'en')}, after its meeting ({who}); "
            f"give the paper's date {how}.")
