"""The briefing as a Word file (.docx, python-docx) that the office edits in Word or WPS before it goes out:
the same content model as the PDF, A4 with the GB/T 9704 margins, headings as Word headings (so that the
navigation pane lists them), tables as Word tables, the charts as PNG, and page numbers "— 1 —" as a PAGE
field in the footer. When any figure is synthetic, a watermark (Word's own kind: a text shape in the header,
which Word and WPS repeat on every page) and the sample note under the title."""
from __future__ import annotations

import io
import re

import docx
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt, RGBColor
from xml.sax.saxutils import escape, quoteattr

from scripts.outputs.briefing import charts, layout
from scripts.outputs.briefing.content import Briefing, Section, Table
from scripts.outputs.briefing.layout import SANS, SERIF

MARK_COLOUR = RGBColor.from_string(layout.MARK_COLOUR.lstrip("#").upper())
CHART_WIDTH = Mm(layout.TEXT_WIDTH_MM / 2 - 1)
# Word's watermark: a WordArt text path (VML) in the header, behind the text, rotated, light red.
VML_NAMESPACES = 'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office"'
WATERMARK_XML = (
    '<w:r {ns}><w:pict><v:shape id="briefing_watermark" o:spid="_x0000_s2049" type="#_x0000_t136" '
    'style="position:absolute;margin-left:0;margin-top:0;width:420pt;height:70pt;rotation:315;z-index:-251657216;'
    'mso-position-horizontal:center;mso-position-horizontal-relative:margin;mso-position-vertical:center;'
    'mso-position-vertical-relative:margin" fillcolor="#f2c4c9" stroked="f">'
    '<v:fill opacity=".5"/><v:textpath style="font-family:&quot;{font}&quot;;font-size:1pt" string={text}/>'
    '</v:shape></w:pict></w:r>')


# Characters XML 1.0 cannot hold (C0 controls but tab, line feed and carriage return; U+FFFE, U+FFFF; lone
# surrogates): python-docx refuses them, so a stray one in a figure's text would stop the whole file.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _xml_text(value: str) -> str:
    return NOT_XML.sub("", value)


def _run(paragraph, text: str, family: str, size: float, bold: bool = False, colour: RGBColor | None = None):
    """A run of `text` in the font, size and colour given."""
    run = paragraph.add_run(_xml_text(text))
    run.font.name, run.font.size, run.font.bold = family, Pt(size), bold
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), family)
    if colour is not None:
        run.font.color.rgb = colour
    return run


def _paragraph(document, text: str, *, size: float = layout.BODY_SIZE, family: str = SERIF, bold: bool = False,
               align=None, indent: bool = True, colour: RGBColor | None = None, style: str | None = None):
    paragraph = document.add_paragraph(style=style)
    if align is not None:
        paragraph.alignment = align
    if indent:
        paragraph.paragraph_format.first_line_indent = Pt(size * 2)
    paragraph.paragraph_format.space_after = Pt(3)
    _run(paragraph, text, family, size, bold, colour)
    return paragraph


def _table(document, table: Table) -> None:
    grid = document.add_table(rows=1, cols=len(table.header))
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    total = sum(table.widths)
    for cells in (grid.rows[0].cells,):
        for cell, text in zip(cells, table.header):
            _run(cell.paragraphs[0], text, SANS, layout.TABLE_SIZE, bold=True)
    for row in table.rows:
        for cell, text in zip(grid.add_row().cells, row):
            _run(cell.paragraphs[0], text, SERIF, layout.TABLE_SIZE)
    for column, width in zip(grid.columns, table.widths):
        for cell in column.cells:
            cell.width = Mm(layout.TEXT_WIDTH_MM * width / total)
    # The header row repeats on every page the table runs over.
    grid.rows[0]._tr.get_or_add_trPr().append(parse_xml(f'<w:tblHeader {nsdecls("w")}/>'))


def _charts(document, grid: tuple[charts.Chart, ...], rendered: dict[str, bytes]) -> None:
    cells = document.add_table(rows=(len(grid) + 1) // 2, cols=2)
    for index, chart in enumerate(grid):
        paragraph = cells.cell(index // 2, index % 2).paragraphs[0]
        paragraph.add_run().add_picture(io.BytesIO(rendered[chart.key]), width=CHART_WIDTH)


def _section(document, section: Section, rendered: dict[str, bytes], level: int) -> None:
    heading = document.add_heading(level=level)
    _run(heading, section.heading, SANS if level == 1 else SERIF,
          layout.HEADING_SIZE if level == 1 else layout.SUBHEADING_SIZE, bold=True,
          colour=RGBColor(0, 0, 0))
    for block in section.blocks:
        if isinstance(block, str):
            _paragraph(document, block)
        elif isinstance(block, Table):
            _table(document, block)
        else:
            _charts(document, block, rendered)
    for subsection in section.subsections:
        _section(document, subsection, rendered, level + 1)


def _page_number_footer(section, lang: str) -> None:
    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    before, after = layout.page_number_affixes(lang)
    _run(paragraph, before, SERIF, layout.BODY_SIZE)
    run = paragraph.add_run()
    for xml in (f'<w:fldChar {nsdecls("w")} w:fldCharType="begin"/>',
                f'<w:instrText {nsdecls("w")} xml:space="preserve"> PAGE </w:instrText>',
                f'<w:fldChar {nsdecls("w")} w:fldCharType="end"/>'):
        run._r.append(parse_xml(xml))
    _run(paragraph, after, SERIF, layout.BODY_SIZE)


def _watermark(section, text: str) -> None:
    paragraph = section.header.paragraphs[0]
    # Also as plain text: a reader sees it in WPS's outline.
    _run(paragraph, text, SANS, layout.MARK_SIZE, colour=MARK_COLOUR)
    paragraph._p.append(parse_xml(WATERMARK_XML.format(ns=f'{nsdecls("w")} {VML_NAMESPACES}', font=escape(SANS),
                                                       text=quoteattr(_xml_text(text)))))


def render(briefing: Briefing, rendered: dict[str, bytes]) -> bytes:
    document = docx.Document()
    document.core_properties.title = _xml_text(briefing.title)
    document.core_properties.language = "zh-CN" if briefing.lang == "zh" else "en"
    section = document.sections[0]
    section.page_width, section.page_height = Mm(layout.PAGE_WIDTH_MM), Mm(layout.PAGE_HEIGHT_MM)
    section.top_margin, section.bottom_margin = Mm(layout.MARGIN_TOP_MM), Mm(layout.MARGIN_BOTTOM_MM)
    section.left_margin, section.right_margin = Mm(layout.MARGIN_LEFT_MM), Mm(layout.MARGIN_RIGHT_MM)
    _page_number_footer(section, briefing.lang)
    if briefing.watermark:
        _watermark(section, briefing.watermark)
    _paragraph(document, briefing.title, size=layout.TITLE_SIZE, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False)
    _paragraph(document, briefing.subtitle, size=layout.SUBTITLE_SIZE, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False)
    _paragraph(document, briefing.issued, size=layout.ISSUED_SIZE, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False)
    if briefing.sample:
        _paragraph(document, briefing.mark_note, size=layout.MARK_SIZE, family=SANS, indent=False, colour=MARK_COLOUR)
    for part in briefing.sections:
        _section(document, part, rendered, 1)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
