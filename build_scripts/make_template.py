"""Build ``resources/templates/working-paper.docx``, the Word template of the working paper.

Run with ``.venv/bin/python build_scripts/make_template.py``; the .docx is committed, so the
export never needs this script.  The team may restyle the committed template in Word instead:
the export only relies on the style *names* below, on the numbering linked to the styles, on
the footnotes part, and on the ``{symbol}`` placeholder in the footer.

The look follows UN conference documents: A4, Times New Roman 10 pt, text indented 2 cm from
the margin, chapter headings with Roman numerals (14 pt) and capital letters (12 pt),
paragraphs numbered 1., 2., ... continuously through the body (Word numbering, so they
renumber when someone edits), sub-items (a), (b); a first page of its own (the masthead, no
running header or footer), then the symbol as running header and the page number in the
footer.  Only parts the ISO/IEC 29500 transitional schemas describe are kept (python-docx's
default template also carries a bibliography item and Word 2010's ``stylesWithEffects``).
"""

from __future__ import annotations

import io
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, Twips

OUT = Path(__file__).resolve().parents[1] / "resources" / "templates" / "working-paper.docx"

INDENT = 1134      # 2 cm: where UN body text starts
TEXT_WIDTH = 9071  # 16 cm between the margins
# The contents table: number, and title with its dotted leader to the page number, from the
# body's indent (twips); the page's right tab sits at the cell's edge less its margins.
CONTENTS_COLUMNS = (680, TEXT_WIDTH - INDENT - 680)
CONTENTS_TITLE_WIDTH = CONTENTS_COLUMNS[1] - 2 * 57 - 20
TAB = 567          # 1 cm: number-to-text distance
RIGHT = 1134       # body text also stops 2 cm before the right margin

# Numbering definitions: (abstractNum id, num id, [(level, format, text, pStyle, left, hanging)])
NUMBERING = {
    "headings": (10, 10, [(0, "upperRoman", "%1.", "WP Heading 1", INDENT, TAB),
                          (1, "upperLetter", "%2.", "WP Heading 2", INDENT, TAB)]),
    "paragraphs": (11, 11, [(0, "decimal", "%1.", "WP Numbered Paragraph", INDENT, 0)]),
    "lettered": (12, 12, [(0, "lowerLetter", "(%1)", "WP Lettered", INDENT + TAB, TAB)]),
    "bullets": (13, 13, [(0, "bullet", "\u2022", "WP Bullet", INDENT + TAB, 284)]),
}
STYLE_IDS = {  # python-docx derives ids from names; fixed ids keep the XML predictable
    "WP Heading 1": "WPHeading1", "WP Heading 2": "WPHeading2",
    "WP Numbered Paragraph": "WPNumberedParagraph", "WP Lettered": "WPLettered",
    "WP Bullet": "WPBullet",
}


def paragraph_style(doc, name: str, *, size: float = 10, bold: bool = False,
                    italic: bool = False, align=None, left: int = 0, right: int = 0,
                    first_line: int = 0, before: float = 0, after: float = 0,
                    keep_next: bool = False, outline: int | None = None):
    style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = doc.styles["Normal"]
    style.quick_style = True
    font = style.font
    font.size, font.bold, font.italic = Pt(size), bold, italic
    fmt = style.paragraph_format
    fmt.left_indent, fmt.right_indent = Twips(left), Twips(right)
    fmt.first_line_indent = Twips(first_line)
    fmt.space_before, fmt.space_after = Pt(before), Pt(after)
    fmt.keep_with_next = keep_next
    if align is not None:
        fmt.alignment = align
    if outline is not None:
        style.element.get_or_add_pPr().append(parse_xml(
            f'<w:outlineLvl {nsdecls("w")} w:val="{outline}"/>'))
    return style


def character_style(doc, name: str, *, size: float | None = None, superscript: bool = False,
                    bold: bool = False):
    style = doc.styles.add_style(name, WD_STYLE_TYPE.CHARACTER)
    if size:
        style.font.size = Pt(size)
    style.font.superscript = superscript or None
    style.font.bold = bold or None
    return style


def set_normal(doc) -> None:
    normal = doc.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(10)
    rpr = normal.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), "Times New Roman")
    fmt = normal.paragraph_format
    fmt.space_before, fmt.space_after = Pt(0), Pt(0)
    fmt.line_spacing = Pt(12)
    # The default template's theme fonts would otherwise win in some Word versions.
    styles = doc.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is not None:
        for fonts in defaults.iter(qn("w:rFonts")):
            for attr in list(fonts.attrib):
                del fonts.attrib[attr]
            for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
                fonts.set(qn(attr), "Times New Roman")


def add_styles(doc) -> None:
    set_normal(doc)
    body = dict(left=INDENT, right=RIGHT)
    paragraph_style(doc, "WP Symbol", size=14, bold=True, align=WD_ALIGN_PARAGRAPH.RIGHT)
    paragraph_style(doc, "WP Body Name", size=12, bold=True)
    paragraph_style(doc, "WP Document Info", align=WD_ALIGN_PARAGRAPH.RIGHT)
    rule = paragraph_style(doc, "WP Rule", size=4, after=12)
    rule.element.get_or_add_pPr().append(parse_xml(
        f'<w:pBdr {nsdecls("w")}><w:bottom w:val="single" w:sz="12" w:space="1"'
        ' w:color="000000"/></w:pBdr>'))
    paragraph_style(doc, "WP Conference", size=12, bold=True, after=12)
    paragraph_style(doc, "WP Meeting", bold=True)
    paragraph_style(doc, "WP Agenda Item", after=0)
    paragraph_style(doc, "WP Title", size=14, bold=True, before=24, after=12, keep_next=True,
                    **body)
    paragraph_style(doc, "WP Submitted By", size=12, bold=True, after=18, **body)
    h1 = paragraph_style(doc, "WP Heading 1", size=14, bold=True, before=18, after=12,
                         keep_next=True, outline=0, left=INDENT, right=RIGHT,
                         first_line=-TAB)
    h2 = paragraph_style(doc, "WP Heading 2", size=12, bold=True, before=12, after=6, keep_next=True,
                         outline=1, left=INDENT, right=RIGHT, first_line=-TAB)
    paragraph_style(doc, "WP Annex Heading", size=12, bold=True, before=12, after=6,
                    keep_next=True, outline=1, **body)
    paragraph_style(doc, "WP Heading 3", bold=True, before=6, after=6, keep_next=True,
                    outline=2, **body)
    # "Annex I" is the outline entry; the annex's title under it is not a second one.
    paragraph_style(doc, "WP Annex Title", size=14, bold=True, before=0, after=6,
                    keep_next=True, outline=0, **body)
    paragraph_style(doc, "WP Annex Subtitle", size=12, bold=True, before=0, after=12,
                    keep_next=True, **body)
    paragraph_style(doc, "WP Body Text", align=WD_ALIGN_PARAGRAPH.JUSTIFY, after=6, **body)
    numbered = paragraph_style(doc, "WP Numbered Paragraph", align=WD_ALIGN_PARAGRAPH.JUSTIFY,
                               after=6, **body)
    numbered.paragraph_format.tab_stops.add_tab_stop(Twips(INDENT + TAB),
                                                     WD_TAB_ALIGNMENT.LEFT)
    paragraph_style(doc, "WP Lettered", align=WD_ALIGN_PARAGRAPH.JUSTIFY, after=6,
                    left=INDENT + TAB, right=RIGHT, first_line=-TAB)
    paragraph_style(doc, "WP Bullet", align=WD_ALIGN_PARAGRAPH.JUSTIFY, after=6,
                    left=INDENT + TAB, right=RIGHT, first_line=-284)
    paragraph_style(doc, "WP Attribution", bold=True, before=6, after=2, keep_next=True,
                    **body)
    paragraph_style(doc, "WP Quote", align=WD_ALIGN_PARAGRAPH.JUSTIFY, after=6,
                    left=INDENT + TAB, right=RIGHT)
    # A withheld contribution's passage given by the team's summary instead of its words.
    paragraph_style(doc, "WP Paraphrase", italic=True, align=WD_ALIGN_PARAGRAPH.JUSTIFY,
                    after=6, left=INDENT + TAB, right=RIGHT)
    paragraph_style(doc, "WP Footnote Text", size=9, left=INDENT, right=RIGHT,
                    first_line=-284)
    character_style(doc, "WP Footnote Reference", superscript=True)
    paragraph_style(doc, "WP Table Text", size=9)
    paragraph_style(doc, "WP Table Heading", size=9, italic=True)
    paragraph_style(doc, "WP Contents Heading", size=14, bold=True, after=6, **body)
    # The contents list is a table (number; title, dotted leader and page), so that it lays
    # out alike in Word and LibreOffice; its text sits at the body's indent.
    paragraph_style(doc, "WP Contents Page", size=8, italic=True, after=2,
                    align=WD_ALIGN_PARAGRAPH.RIGHT)
    paragraph_style(doc, "WP Contents Group", bold=True, before=6, after=4, keep_next=True)
    entry = paragraph_style(doc, "WP Contents Entry", after=4, right=0)
    entry.paragraph_format.tab_stops.add_tab_stop(Twips(CONTENTS_TITLE_WIDTH),
                                                  WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
    paragraph_style(doc, "WP Contents Number", after=4, align=WD_ALIGN_PARAGRAPH.RIGHT)
    paragraph_style(doc, "WP Header", size=9, bold=True, align=WD_ALIGN_PARAGRAPH.RIGHT)
    paragraph_style(doc, "WP Footer", size=9, bold=True, align=WD_ALIGN_PARAGRAPH.RIGHT)
    paragraph_style(doc, "WP End Rule", align=WD_ALIGN_PARAGRAPH.CENTER, before=24, **body)
    for style, num in ((h1, "headings"), (h2, "headings")):
        level = 0 if style is h1 else 1
        style.element.get_or_add_pPr().insert(0, parse_xml(
            f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/>'
            f'<w:numId w:val="{NUMBERING[num][1]}"/></w:numPr>'))
    for name, num in (("WP Numbered Paragraph", "paragraphs"), ("WP Lettered", "lettered"),
                      ("WP Bullet", "bullets")):
        doc.styles[name].element.get_or_add_pPr().insert(0, parse_xml(
            f'<w:numPr {nsdecls("w")}><w:numId w:val="{NUMBERING[num][1]}"/></w:numPr>'))
    for name, style_id in STYLE_IDS.items():
        doc.styles[name].element.set(qn("w:styleId"), style_id)
    add_table_style(doc)
    order_paragraph_properties(doc)


# The order CT_PPr requires (ECMA-376 §17.3.1.26); Word refuses some misordered files.
PPR_ORDER = ["pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl",
             "numPr", "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens",
             "kinsoku", "wordWrap", "overflowPunct", "topLinePunct", "autoSpaceDE",
             "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid", "spacing", "ind",
             "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc", "textDirection",
             "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr",
             "sectPr", "pPrChange"]


def order_paragraph_properties(doc) -> None:
    """Put every style's ``w:pPr`` children in schema order after the edits above."""
    rank = {qn(f"w:{name}"): i for i, name in enumerate(PPR_ORDER)}
    for ppr in doc.styles.element.iter(qn("w:pPr")):
        children = sorted(ppr, key=lambda child: rank.get(child.tag, len(rank)))
        for child in children:
            ppr.append(child)


def add_table_style(doc) -> None:
    """A UN-like table: rules above and below, a rule under the heading row, no grid."""
    doc.styles.element.append(parse_xml(
        f'<w:style {nsdecls("w")} w:type="table" w:customStyle="1" w:styleId="WPTable">'
        '<w:name w:val="WP Table"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="59"/>'
        '<w:qFormat/><w:pPr><w:spacing w:before="40" w:after="40"/></w:pPr>'
        '<w:rPr><w:sz w:val="18"/></w:rPr>'
        '<w:tblPr><w:tblInd w:w="1134" w:type="dxa"/><w:tblBorders>'
        '<w:top w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
        '<w:bottom w:val="single" w:sz="12" w:space="0" w:color="000000"/>'
        '</w:tblBorders><w:tblCellMar><w:left w:w="57" w:type="dxa"/>'
        '<w:right w:w="57" w:type="dxa"/></w:tblCellMar></w:tblPr>'
        '<w:tblStylePr w:type="firstRow"><w:rPr><w:i/></w:rPr><w:tcPr><w:tcBorders>'
        '<w:bottom w:val="single" w:sz="12" w:space="0" w:color="000000"/>'
        '</w:tcBorders></w:tcPr></w:tblStylePr></w:style>'))


def add_numbering(doc) -> None:
    numbering = doc.part.numbering_part.element
    for child in list(numbering):
        numbering.remove(child)
    abstracts, nums = [], []
    for abstract_id, num_id, levels in NUMBERING.values():
        lvls = []
        for level, fmt, text, style, left, hanging in levels:
            style_id = STYLE_IDS[style]
            indent = (f'<w:ind w:left="{left}" w:hanging="{hanging}"/>' if hanging
                      else f'<w:ind w:left="{left}" w:firstLine="0"/>')
            # An explicit tab stop after the number: LibreOffice does not infer it.
            tabs = f'<w:tabs><w:tab w:val="num" w:pos="{left if hanging else left + TAB}"/></w:tabs>'
            font = ('<w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman"/>'
                    '</w:rPr>') if fmt == "bullet" else ""
            lvls.append(
                f'<w:lvl w:ilvl="{level}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
                f'<w:pStyle w:val="{style_id}"/><w:suff w:val="tab"/>'
                f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
                f'<w:pPr>{tabs}{indent}</w:pPr>{font}</w:lvl>')
        kind = "multilevel" if len(levels) > 1 else "singleLevel"
        abstracts.append(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">'
            f'<w:multiLevelType w:val="{kind}"/>{"".join(lvls)}</w:abstractNum>')
        nums.append(f'<w:num {nsdecls("w")} w:numId="{num_id}">'
                    f'<w:abstractNumId w:val="{abstract_id}"/></w:num>')
    for xml in abstracts + nums:  # every abstractNum must precede every num
        numbering.append(parse_xml(xml))


FOOTNOTES_XML = (
    f'<w:footnotes {nsdecls("w", "r")}>'
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0"'
    ' w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0"'
    ' w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p>'
    '</w:footnote></w:footnotes>'
)


def add_footnotes_part(doc) -> None:
    """python-docx has no footnotes API: add the part the export fills through lxml."""
    part = Part(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES,
                FOOTNOTES_XML.encode("utf-8"), doc.part.package)
    doc.part.relate_to(part, RT.FOOTNOTES)
    settings = doc.settings.element
    settings.append(parse_xml(
        f'<w:footnotePr {nsdecls("w")}><w:footnote w:id="-1"/><w:footnote w:id="0"/>'
        '</w:footnotePr>'))
    _order_settings(settings)


def _order_settings(settings) -> None:
    """footnotePr must come where the schema puts it (before compat and rsids)."""
    pr = settings.find(qn("w:footnotePr"))
    for name in ("w:endnotePr", "w:compat", "w:docVars", "w:rsids", "m:mathPr",
                 "w:themeFontLang", "w:clrSchemeMapping", "w:shapeDefaults",
                 "w:decimalSymbol", "w:listSeparator"):
        anchor = settings.find(qn(name))
        if anchor is not None:
            anchor.addprevious(pr)
            return


def set_page(doc) -> None:
    """A4, a first page without running header or footer (the masthead stands alone), then
    the symbol as running header and the page number in the footer."""
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(1.7), Cm(2.0)
    section.left_margin, section.right_margin = Cm(2.5), Cm(2.5)
    section.header_distance, section.footer_distance = Cm(1.0), Cm(1.0)
    section.different_first_page_header_footer = True
    for part in (section.first_page_header, section.first_page_footer):
        part.is_linked_to_previous = False
        part.paragraphs[0].style = doc.styles["WP Header"]
    header = section.header.paragraphs[0]
    header.style = doc.styles["WP Header"]
    header.add_run("{symbol}")
    footer = section.footer.paragraphs[0]
    footer.style = doc.styles["WP Footer"]
    run = footer.add_run()
    for xml in ('<w:fldChar {} w:fldCharType="begin"/>',
                '<w:instrText {} xml:space="preserve"> PAGE </w:instrText>',
                '<w:fldChar {} w:fldCharType="separate"/>', '<w:t {}>2</w:t>',
                '<w:fldChar {} w:fldCharType="end"/>'):
        run._r.append(parse_xml(xml.format(nsdecls("w"))))


def set_languages(doc) -> None:
    """British English by default (the export sets French for a French paper), and a zoom
    the schema accepts (``w:percent`` is required)."""
    for lang in doc.styles.element.iter(qn("w:lang")):
        lang.set(qn("w:val"), "en-GB")
        lang.set(qn("w:eastAsia"), "en-GB")
    settings = doc.settings.element
    zoom = settings.find(qn("w:zoom"))
    if zoom is not None:
        zoom.attrib.clear()
        zoom.set(qn("w:percent"), "100")
    theme_lang = settings.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:val"), "en-GB")
        theme_lang.set(qn("w:eastAsia"), "en-GB")


# Parts of python-docx's default template that the transitional schemas do not describe or
# the paper does not need: a sample bibliography (customXml) and Word 2010's stylesWithEffects.
DROPPED = (RT.CUSTOM_XML, "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects")


def drop_extra_parts(doc) -> None:
    for rel_id, rel in list(doc.part.rels.items()):
        if rel.reltype in DROPPED:
            del doc.part.rels[rel_id]
    for rel_id, rel in list(doc.part.package.rels.items()):
        if rel.reltype == RT.THUMBNAIL:  # python-docx's sample thumbnail shows another text
            del doc.part.package.rels[rel_id]


def main(out: Path = OUT) -> None:
    doc = Document()
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    add_styles(doc)
    add_numbering(doc)
    add_footnotes_part(doc)
    set_page(doc)
    set_languages(doc)
    drop_extra_parts(doc)
    props = doc.core_properties
    props.title, props.author, props.last_modified_by = "Working paper", "LAPDesk", "LAPDesk"
    props.comments = "Template of the LAPDesk working paper; restyle freely, keep style names."
    props.subject = props.keywords = props.category = ""
    buffer = io.BytesIO()
    doc.save(buffer)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(buffer.getvalue())
    print(f"wrote {out} ({len(buffer.getvalue())} bytes)")


if __name__ == "__main__":
    main()
