"""Why a contribution needs the desk officer's attention before it can be relied on.

Import guesses the author and the language and may not read every file; the desk ("3 need
attention") and ``lapdesk contributions`` both show what is left for a person to settle, from
the same rules, so they always agree.
"""

from __future__ import annotations

# A chosen contributor below this confidence is a guess the user should confirm.
CONFIRM_BELOW = 0.6

# What each file status other than "ok" asks of the user.
FILE_PROBLEMS = {
    "needs_ocr": "is a scan without text (needs OCR)",
    "encrypted": "is password-protected",
    "unreadable": "could not be read",
    "empty": "holds no text",
    "duplicate": "duplicates a file already logged",
    "unsupported": "is of a type LAPDesk cannot read",
    "too_large": "is too large to keep",
}


def attention_reasons(row: dict) -> list[str]:
    """The reasons, one plain phrase each, for a row of ``list_contributions``.

    A superseded contribution needs nothing: its newer version is the one to work on.
    """
    if row.get("superseded_by"):
        return []
    reasons = []
    people = row.get("contributors") or []
    if not people:
        reasons.append("contributor unknown")
    for person in people:
        if not person.get("confirmed") and (person.get("confidence") or 0) < CONFIRM_BELOW:
            reasons.append(f"contributor {person['name']} to confirm (a weak match: "
                           f"{person.get('reason') or 'no reason recorded'})")
    for file in row.get("files") or []:
        if file["status"] != "ok":
            problem = FILE_PROBLEMS.get(file["status"], f"has the status {file['status']}")
            reasons.append(f"file {file['name']} {problem}")
    if not row.get("language"):
        reasons.append("language unknown")
    if row.get("permission_to_publish") is None:
        reasons.append("publication not yet decided (attributed anonymously until it is)")
    return reasons
