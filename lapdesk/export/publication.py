"""Who the working paper will not name, said before it is written.

Kept apart from the paper's writer so that the export dialog can say it without loading Word's
libraries.
"""

from __future__ import annotations

from collections.abc import Iterable


def publication_warnings(permissions: Iterable[bool | None]) -> list[str]:
    """What anonymity the paper will apply, in sentences the GUI shows before it writes, from
    the permission to publish of each contribution it lists.

    Only an explicit yes names a contributor: a contribution nobody has decided on yet is
    attributed anonymously like one whose author declined.
    """
    permissions = list(permissions)
    undecided = sum(1 for p in permissions if p is None)
    declined = sum(1 for p in permissions if p is False)
    notes = []
    if undecided == 1:
        notes.append("1 contribution has no decision on publication: it will be anonymised.")
    elif undecided:
        notes.append(f"{undecided} contributions have no decision on publication: they will "
                     "be anonymised.")
    if declined == 1:
        notes.append("1 contribution may not be published: it will be anonymised.")
    elif declined:
        notes.append(f"{declined} contributions may not be published: they will be "
                     "anonymised.")
    return notes
