"""What each status means in words, and why a contribution needs a person's attention.

Import guesses the author and the language and may not read every file; the desk ("3 need
attention"), its import summary and ``lapdesk contributions`` all show what is left for a
person to settle.  The rules and the words live here alone, so that the three always agree.
"""

from __future__ import annotations

from collections.abc import Sequence

from lapdesk.core.records import Contribution, ContributorRef, ImportResult, StoredFile

# A chosen contributor below this confidence is a guess the user should confirm.
CONFIRM_BELOW = 0.6

# What each file status is called in a table, and what a file of that status asks of the user.
FILE_STATUS_WORDS = {
    "ok": "Logged",
    "needs_ocr": "Needs OCR (scanned, no text)",
    "encrypted": "Encrypted",
    "unreadable": "Unreadable",
    "empty": "Empty",
    "duplicate": "Duplicate",
    "unsupported": "Not a supported format",
    "too_large": "Too large",
    "failed": "Failed",
}
# The same, short, beside a file's name in the reader's header ("✓" when it was read).
FILE_STATUS_SHORT = {"ok": "✓", "needs_ocr": "needs OCR", "encrypted": "encrypted",
                     "unreadable": "unreadable", "empty": "empty", "duplicate": "duplicate",
                     "unsupported": "unsupported", "too_large": "too large"}
FILE_PROBLEMS = {
    "needs_ocr": "is a scan without text (needs OCR)",
    "encrypted": "is password-protected",
    "unreadable": "could not be read",
    "empty": "holds no text",
    "duplicate": "duplicates a file already logged",
    "unsupported": "is of a type LAPDesk cannot read",
    "too_large": "is too large to keep",
}

# A contributor's kind as the team says it: a State by its status under the Convention.
STATE_WORDS = {"state_party": "State Party", "signatory": "Signatory",
               "observer": "Observer State"}
KIND_WORDS = {"international_organisation": "International organisation",
              "civil_society": "Civil society", "other": "Other"}


def kind_label(kind: str, status: str) -> str:
    """"State Party", "Signatory", "Observer State", "International organisation"…"""
    if kind == "state":
        return STATE_WORDS.get(status, "State")
    return KIND_WORDS.get(kind, kind.replace("_", " ").capitalize())


def to_confirm(person: ContributorRef) -> bool:
    """Whether detection's guess is too weak to rely on until a person confirms it."""
    return not person.confirmed and (person.confidence or 0) < CONFIRM_BELOW


def contributor_reasons(people: Sequence[ContributorRef]) -> list[str]:
    if not people:
        return ["contributor unknown"]
    return [f"contributor {p.name} to confirm (a weak match: "
            f"{p.reason or 'no reason recorded'})" for p in people if to_confirm(p)]


def attention_reasons(row: Contribution) -> list[str]:
    """The reasons, one plain phrase each, a person must look at a contribution."""
    return reasons_for(superseded_by=row.superseded_by, contributors=row.contributors,
                       files=row.files, language=row.language,
                       permission_to_publish=row.permission_to_publish)


def reasons_for(*, superseded_by: int | None, contributors: Sequence[ContributorRef],
                files: Sequence[StoredFile], language: str | None,
                permission_to_publish: bool | None) -> list[str]:
    """:func:`attention_reasons` from a contribution's parts, before its record is made.

    A superseded contribution needs nothing: its newer version is the one to work on.
    """
    if superseded_by:
        return []
    reasons = contributor_reasons(contributors)
    for file in files:
        if file.status != "ok":
            problem = FILE_PROBLEMS.get(file.status, f"has the status {file.status}")
            reasons.append(f"file {file.name} {problem}")
    if not language:
        reasons.append("language unknown")
    if permission_to_publish is None:
        reasons.append("publication not yet decided (attributed anonymously until it is)")
    return reasons


def import_caveat(result: ImportResult, *, attachment: bool = False) -> str:
    """What is left to settle on a file an import logged fine, in a few words ("" if
    nothing): the same rules as :func:`attention_reasons`, said of the file just imported."""
    if not result.contributors:
        return "contributor unknown"
    if any(to_confirm(p) for p in result.contributors):
        return "contributor to confirm"
    if not attachment and result.contribution_id and not result.language:
        return "language unknown"
    return ""
