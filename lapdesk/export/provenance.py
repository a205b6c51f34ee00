"""Word comments saying which excerpts a generated statement rests on (``--comments``).

For the team's own drafts: each "views expressed" and "addressed this section" paragraph gets
a comment listing its excerpts — contributor, file and paragraph — so that a reviewer can go
back to the source.  Comments carry a fixed date (the paper's), so re-exporting an unchanged
store gives the same file.  A contribution the paper may not name is listed by its LAPDesk
number only; an anonymised paper never has comments (the options refuse the combination).
"""

from __future__ import annotations

from datetime import UTC, datetime

from docx.oxml.ns import qn
from lxml.etree import SubElement

from lapdesk.export.boilerplate import parse_date
from lapdesk.export.sources import PaperData

AUTHOR, INITIALS = "LAPDesk", "LD"


class Provenance:
    def __init__(self, document, data: PaperData, *, when: str):
        self._comments = document.comments
        self._data = data
        day = parse_date(when)
        self._date = (datetime(day.year, day.month, day.day, tzinfo=UTC) if day
                      else datetime(2000, 1, 1, tzinfo=UTC))
        self._excerpts = {e["id"]: e for rows in data.excerpts_by_node.values() for e in rows}
        self.count = 0

    def _line(self, excerpt: dict) -> str:
        contribution = self._data.by_id[excerpt["contribution_id"]]
        if contribution["id"] in self._data.hidden:
            return (f"Contribution {contribution['number']} (LAPDesk no. {contribution['id']}, "
                    "not named in the paper)")
        who = ", ".join(p["name"] for p in contribution["contributors"]) or "unidentified"
        where = f", paragraph {excerpt['paragraph']}" if excerpt.get("paragraph") else ""
        page = f", page {excerpt['page']}" if excerpt.get("page") else ""
        return f"{who}: {excerpt['file'] or 'no file'}{where}{page}"

    def attach(self, paragraph, excerpt_ids) -> None:
        """Put a comment over ``paragraph`` (a ``w:p``) naming its excerpts."""
        lines = list(dict.fromkeys(self._line(self._excerpts[i]) for i in excerpt_ids
                                   if i in self._excerpts))
        if not lines:
            return
        comment = self._comments.add_comment("Rests on:\n" + "\n".join(lines), author=AUTHOR,
                                             initials=INITIALS)
        comment._comment_elm.set(qn("w:date"), self._date.strftime("%Y-%m-%dT%H:%M:%SZ"))
        cid = str(comment.comment_id)
        runs = paragraph.findall(qn("w:r"))
        if not runs:
            return
        start = paragraph.makeelement(qn("w:commentRangeStart"), {qn("w:id"): cid})
        runs[0].addprevious(start)
        end = paragraph.makeelement(qn("w:commentRangeEnd"), {qn("w:id"): cid})
        runs[-1].addnext(end)
        reference = SubElement(paragraph, qn("w:r"))
        SubElement(reference, qn("w:commentReference")).set(qn("w:id"), cid)
        self.count += 1
