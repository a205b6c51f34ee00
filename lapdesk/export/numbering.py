"""Word numbering for the working paper's lists.

The template links its numbered styles to ``numbering.xml`` (``w:numPr`` in the style), so
numbered paragraphs are plain paragraphs in the style "WP Numbered Paragraph" and Word counts
them — and renumbers them when someone inserts or deletes one.  A lettered list ((a), (b)...)
must start again at (a) each time: each one gets its own ``w:num`` pointing at the style's
abstract numbering with a start override.
"""

from __future__ import annotations

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from lapdesk.core.errors import LapdeskError


def style_num_id(style) -> int | None:
    """The ``w:numId`` a paragraph style is linked to, if any."""
    ppr = style.element.pPr
    num_pr = ppr.find(qn("w:numPr")) if ppr is not None else None
    num_id = num_pr.find(qn("w:numId")) if num_pr is not None else None
    return int(num_id.get(qn("w:val"))) if num_id is not None else None


class ListNumbering:
    """Creates list instances in the document's numbering part."""

    def __init__(self, document):
        self._numbering = document.part.numbering_part.element

    def _abstract_of(self, num_id: int) -> str:
        for num in self._numbering.findall(qn("w:num")):
            if num.get(qn("w:numId")) == str(num_id):
                return num.find(qn("w:abstractNumId")).get(qn("w:val"))
        raise LapdeskError(f"The working-paper template's numbering has no list {num_id}; "
                           "rebuild the template or restore its list styles.")

    def restart(self, style) -> int:
        """A new list instance of ``style``'s numbering that starts again at 1; its numId."""
        base = style_num_id(style)
        if base is None:
            raise LapdeskError(f"The template's style {style.name!r} is not a numbered style.")
        abstract = self._abstract_of(base)
        used = [int(n.get(qn("w:numId"))) for n in self._numbering.findall(qn("w:num"))]
        num_id = max(used) + 1
        self._numbering.append(parse_xml(
            f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="{abstract}"/>'
            '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'))
        return num_id


def set_num(paragraph, num_id: int) -> None:
    """Put ``paragraph`` (a ``w:p``) in list instance ``num_id`` (level 0)."""
    ppr = paragraph.get_or_add_pPr()
    ppr.append(parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/>'
                         f'<w:numId w:val="{num_id}"/></w:numPr>'))
    # numPr must follow pStyle and keepNext etc.; pStyle is always first, so move it after.
    style = ppr.find(qn("w:pStyle"))
    if style is not None:
        ppr.remove(style)
        ppr.insert(0, style)
