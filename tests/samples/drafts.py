"""Drafts of an action plan and the replies delegations send on them, as real .docx files.

:func:`zero_draft_bytes` writes a short zero draft with python-docx: a masthead, headings
styled as Word headings, preambular paragraphs "PP1." ..., actions "Action 1." ... with
lettered subparagraphs, a chapeau, and plain numbered paragraphs in Word's automatic
numbering.  :func:`tracked_reply_bytes` writes the same draft back with a delegation's
tracked changes (``w:ins``/``w:del``, whole paragraphs inserted and deleted), as Word does.
:func:`oslo_draft_bytes` is a draft of another shape (an Oslo-Action-Plan-like plan with
numbered sections and actions "Action 4.1"), to show nothing is the LAP's.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

SYMBOL = "CCM/CONF/2021/WP.1"
TITLE = "Draft Lausanne Action Plan"


@dataclass(frozen=True)
class Line:
    style: str       # "Heading 1", "Normal", "List Number"
    text: str


ZERO_DRAFT = (
    Line("Heading 1", "Preamble"),
    Line("Normal", "PP1. Reaffirming our commitment to the Convention on Cluster Munitions."),
    Line("Normal", "PP2. Recognising the suffering caused by cluster munitions in a timely manner."),
    Line("Normal", "PP3. Determined to implement the Convention fully and effectively."),
    Line("Heading 1", "I. Universalisation"),
    Line("Normal", "Action 1. States Parties should promote adherence to the Convention as soon as possible."),
    Line("Normal", "Action 2. States Parties will encourage States not party to join, including by:"),
    Line("Normal", "(a) raising the issue in bilateral meetings;"),
    Line("Normal", "(b) offering assistance where appropriate."),
    Line("Heading 1", "II. Victim assistance"),
    Line("Normal", "By the Third Review Conference, States Parties will:"),
    Line("Normal", "Action 3. Ensure that victims have access to medical care and rehabilitation."),
    Line("Normal", "Action 4. Collect data on victims disaggregated by sex and age."),
    Line("Normal", "Action 5. Involve relevant stakeholders in national coordination."),
    Line("Heading 1", "III. Implementation"),
    Line("List Number", "States Parties will report annually on their progress."),
    Line("List Number", "The Implementation Support Unit will support States Parties on request."),
)

# What each node of the zero draft is: key, kind, number, label, text.
ZERO_DRAFT_NODES = (
    ("preamble", "section", "", "", ""),
    ("pp1", "question", "1", "PP1", "Reaffirming our commitment to the Convention on Cluster Munitions."),
    ("pp2", "question", "2", "PP2", "Recognising the suffering caused by cluster munitions in a timely manner."),
    ("pp3", "question", "3", "PP3", "Determined to implement the Convention fully and effectively."),
    ("universalisation", "section", "I", "", ""),
    ("action_1", "question", "1", "Action 1", "States Parties should promote adherence to the Convention as soon as possible."),
    ("action_2", "question", "2", "Action 2", "States Parties will encourage States not party to join, including by:"),
    ("action_2_a", "question", "(a)", "Action 2 (a)", "raising the issue in bilateral meetings;"),
    ("action_2_b", "question", "(b)", "Action 2 (b)", "offering assistance where appropriate."),
    ("victim_assistance", "section", "II", "", ""),
    ("victim_assistance_text1", "question", "", "", "By the Third Review Conference, States Parties will:"),
    ("action_3", "question", "3", "Action 3", "Ensure that victims have access to medical care and rehabilitation."),
    ("action_4", "question", "4", "Action 4", "Collect data on victims disaggregated by sex and age."),
    ("action_5", "question", "5", "Action 5", "Involve relevant stakeholders in national coordination."),
    ("implementation", "section", "III", "", ""),
    ("para_1", "question", "1", "1", "States Parties will report annually on their progress."),
    ("para_2", "question", "2", "2", "The Implementation Support Unit will support States Parties on request."),
)

OSLO_DRAFT = (
    Line("Heading 1", "I. Universal adherence"),
    Line("Normal", "Action 1.1 All States not party are encouraged to accede."),
    Line("Normal", "Action 1.2 States Parties will promote the norm in all fora."),
    Line("Heading 1", "II. Stockpile destruction"),
    Line("Normal", "Action 2.1 States Parties will destroy stockpiles within four years."),
)


def _masthead(document, symbol: str, title: str) -> None:
    document.add_paragraph(symbol)
    document.add_paragraph("15 January 2021")
    document.add_paragraph("Original: English")
    document.add_paragraph("Second Review Conference of the Convention on Cluster Munitions")
    document.add_paragraph(title)
    document.add_paragraph("Submitted by the President of the Second Review Conference")


def draft_bytes(lines=ZERO_DRAFT, *, symbol: str = SYMBOL, title: str = TITLE) -> bytes:
    import docx

    document = docx.Document()
    _masthead(document, symbol, title)
    for line in lines:
        document.add_paragraph(line.text, style=line.style)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def zero_draft_bytes() -> bytes:
    return draft_bytes()


def oslo_draft_bytes() -> bytes:
    return draft_bytes(OSLO_DRAFT, symbol="APLC/CONF/2019/WP.1", title="Draft Oslo Action Plan")


W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def tracked_reply_bytes(edits: dict[int, list[tuple[str, str]]], *, author: str,
                        inserted_after: dict[int, str] | None = None,
                        deleted: set[int] = frozenset(),
                        lines=ZERO_DRAFT) -> bytes:
    """The draft with tracked changes by ``author``.

    :param edits: line index -> ``(old, new)`` pairs: ``old`` deleted (empty: none) and
        ``new`` inserted (empty: none) where ``old`` stands, or for an insertion alone at the
        text ``old`` is written as ``"|words"``: inserted after ``words``.
    :param inserted_after: line index -> a whole paragraph inserted after it.
    :param deleted: line indexes deleted whole (paragraph mark too).
    """
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    _masthead(document, SYMBOL, TITLE)
    body = document.element.body
    stamp = f'w:author="{author}" w:date="2021-02-01T09:00:00Z"'
    ids = iter(range(100, 10_000))
    for index, line in enumerate(lines):
        p = document.add_paragraph("", style=line.style)._p
        text = line.text
        runs = []
        cursor = 0
        for old, new in edits.get(index, []):
            if old.startswith("|"):
                at = text.index(old[1:]) + len(old[1:])
                runs.append(("plain", text[cursor:at]))
                runs.append(("ins", new))
                cursor = at
                continue
            at = text.index(old, cursor)
            runs.append(("plain", text[cursor:at]))
            runs.append(("del", old))
            if new:
                runs.append(("ins", new))
            cursor = at + len(old)
        runs.append(("plain", text[cursor:]))
        mark = ""
        if index in deleted:
            runs = [("del", text)]
            mark = f'<w:pPr><w:rPr><w:del w:id="{next(ids)}" {stamp}/></w:rPr></w:pPr>'
        xml = []
        for kind, piece in runs:
            if not piece:
                continue
            if kind == "plain":
                xml.append(f'<w:r><w:t xml:space="preserve">{_esc(piece)}</w:t></w:r>')
            elif kind == "ins":
                xml.append(f'<w:ins w:id="{next(ids)}" {stamp}><w:r><w:t xml:space="preserve">'
                           f'{_esc(piece)}</w:t></w:r></w:ins>')
            else:
                xml.append(f'<w:del w:id="{next(ids)}" {stamp}><w:r><w:delText '
                           f'xml:space="preserve">{_esc(piece)}</w:delText></w:r></w:del>')
        for child in parse_xml(f'<w:root xmlns:w="{W}">{mark}{"".join(xml)}</w:root>'):
            if child.tag.endswith("}pPr"):
                existing = p.find(f"{{{W}}}pPr")
                if existing is None:
                    p.insert(0, child)
                else:
                    existing.append(child[0])
            else:
                p.append(child)
        if inserted_after and index in inserted_after:
            q = document.add_paragraph("", style=line.style)._p
            q.append(parse_xml(
                f'<w:pPr xmlns:w="{W}"><w:rPr><w:ins w:id="{next(ids)}" {stamp}/></w:rPr></w:pPr>'))
            q.append(parse_xml(
                f'<w:ins xmlns:w="{W}" w:id="{next(ids)}" {stamp}><w:r><w:t xml:space="preserve">'
                f'{_esc(inserted_after[index])}</w:t></w:r></w:ins>'))
    del body  # the paragraphs were appended through the document
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
