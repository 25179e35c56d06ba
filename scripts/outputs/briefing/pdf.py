"""The briefing as a PDF: the content model laid out as HTML and CSS in the manner of GB/T 9704 (A4, the
official margins, a centred title, numbered headings, page numbers "— 1 —" outside on odd and even pages) and
rendered by WeasyPrint with Debian's Noto CJK fonts, which it embeds (subset). Nothing is fetched: the charts
are inline SVG from charts.render. Every text is escaped: data is text, never markup.

When any figure is synthetic, a watermark is fixed on every page (a position: fixed element repeats on each
page in WeasyPrint), the same words run in every page's top margin (level text, which survives a black-and-white
copy and a text extraction; the rotated overlay comes out of pdftotext in pieces), and the sample note stands
under the title."""
from __future__ import annotations

import base64
import html

import weasyprint

from scripts.outputs.briefing import charts, layout
from scripts.outputs.briefing.content import Briefing, Section, Table

WATERMARK_WIDTH_MM, WATERMARK_LARGEST_PT = 180, 40
SERIF = f"'{layout.SERIF}', serif"
SANS = f"'{layout.SANS}', sans-serif"
STYLE = f"""
@page {{ size: {layout.PAGE_WIDTH_MM}mm {layout.PAGE_HEIGHT_MM}mm;
  margin: {layout.MARGIN_TOP_MM}mm {layout.MARGIN_RIGHT_MM}mm {layout.MARGIN_BOTTOM_MM}mm {layout.MARGIN_LEFT_MM}mm; }}
body {{ font-family: {SERIF}; font-size: {layout.BODY_SIZE}pt; line-height: 1.55; color: #000; }}
h1 {{ font-family: {SERIF}; font-weight: bold; font-size: {layout.TITLE_SIZE}pt; text-align: center; margin: 0 0 2pt;
  line-height: 1.4; }}
.subtitle {{ text-align: center; font-size: {layout.SUBTITLE_SIZE}pt; margin: 0 0 6pt; }}
.issued {{ text-align: center; font-size: {layout.ISSUED_SIZE}pt; color: #333; margin: 0 0 8pt; }}
.mark {{ border: 1.5pt solid {layout.MARK_COLOUR}; color: {layout.MARK_COLOUR}; padding: 3pt 6pt; font-family: {SANS};
  font-size: {layout.MARK_SIZE}pt; }}
h2 {{ font-family: {SANS}; font-size: {layout.HEADING_SIZE}pt; font-weight: bold; margin: 10pt 0 3pt; }}
h3 {{ font-family: {SERIF}; font-size: {layout.SUBHEADING_SIZE}pt; font-weight: bold; margin: 6pt 0 3pt; }}
p {{ text-indent: 2em; margin: 0 0 3pt; }}
table {{ width: 100%; border-collapse: collapse; font-size: {layout.TABLE_SIZE}pt; line-height: 1.35;
  margin: 3pt 0 6pt; }}
th, td {{ border: 0.6pt solid #444; padding: 2pt 3pt; vertical-align: top; }}
th {{ font-family: {SANS}; background: #eee; font-weight: bold; }}
thead {{ display: table-header-group; }}
tr {{ page-break-inside: avoid; }}
.charts {{ display: flex; flex-wrap: wrap; justify-content: space-between; page-break-inside: avoid; }}
.charts img {{ width: 49%; margin-bottom: 4pt; }}
.watermark {{ position: fixed; top: 95mm; left: -10mm; width: {WATERMARK_WIDTH_MM}mm; text-align: center;
  white-space: nowrap; transform: rotate(-30deg); font-family: {SANS}; font-weight: bold;
  color: {layout.MARK_COLOUR}; opacity: 0.16; z-index: 10; }}
"""


def _text(value: str) -> str:
    return html.escape(value, quote=True)


def _css_string(value: str) -> str:
    """A CSS string literal: quotes and backslashes escaped, "<" as a CSS escape (no "</style>" can close the
    style element), line breaks dropped."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3c ").replace("\n", " ") + '"'


def _page_numbers(lang: str) -> str:
    """"— 1 —" outside: bottom right on odd pages, bottom left on even ones."""
    before, after = (_css_string(part) for part in layout.page_number_affixes(lang))
    return "".join(f"@page :{side} {{ @bottom-{side} {{ content: {before} counter(page) {after}; "
                   f"font: {layout.BODY_SIZE}pt {SERIF}; }} }}" for side in ("right", "left"))


def _watermark_size(words: str) -> float:
    """The watermark's size in points: as large as fits on one line across the page (a CJK character is about
    1 em wide, a Latin one about 0.6)."""
    width_em = sum(1 if ord(character) > 0x2E80 else 0.6 for character in words) or 1
    return min(WATERMARK_LARGEST_PT, WATERMARK_WIDTH_MM / 25.4 * 72 * 0.95 / width_em)


def _running_mark(words: str) -> str:
    """The sample words in the top margin of every page."""
    return (f"@page {{ @top-center {{ content: {_css_string(words)}; font: bold {layout.MARK_SIZE}pt {SANS}; "
            f"color: {layout.MARK_COLOUR}; }} }}"
            if words else "")


def _table(table: Table) -> str:
    columns = "".join(f'<col style="width:{width}%">' for width in table.widths)
    header = "".join(f"<th>{_text(cell)}</th>" for cell in table.header)
    rows = "".join("<tr>" + "".join(f"<td>{_text(cell)}</td>" for cell in row) + "</tr>" for row in table.rows)
    return f"<table><colgroup>{columns}</colgroup><thead><tr>{header}</tr></thead><tbody>{rows}</tbody></table>"


def _charts(grid: tuple[charts.Chart, ...], rendered: dict[str, bytes]) -> str:
    images = "".join(
        f'<img alt="{_text(chart.title)}" src="data:image/svg+xml;base64,'
        f'{base64.b64encode(rendered[chart.key]).decode("ascii")}">' for chart in grid)
    return f'<div class="charts">{images}</div>'


def _section(section: Section, rendered: dict[str, bytes], level: int) -> str:
    parts = [f"<h{level}>{_text(section.heading)}</h{level}>"]
    for block in section.blocks:
        if isinstance(block, str):
            parts.append(f"<p>{_text(block)}</p>")
        elif isinstance(block, Table):
            parts.append(_table(block))
        else:
            parts.append(_charts(block, rendered))
    parts += [_section(subsection, rendered, level + 1) for subsection in section.subsections]
    return "".join(parts)


def document_html(briefing: Briefing, rendered: dict[str, bytes]) -> str:
    watermark = (f'<div class="watermark" style="font-size: {_watermark_size(briefing.watermark):.1f}pt">'
                 f'{_text(briefing.watermark)}</div>' if briefing.watermark else "")
    mark = f'<p class="mark">{_text(briefing.mark_note)}</p>' if briefing.sample else ""
    body = "".join(_section(section, rendered, 2) for section in briefing.sections)
    style = STYLE + _page_numbers(briefing.lang) + _running_mark(briefing.watermark)
    return (f'<!DOCTYPE html><html lang="{"zh-CN" if briefing.lang == "zh" else "en"}"><head><meta charset="utf-8">'
            f"<title>{_text(briefing.title)}</title><style>{style}</style></head><body>{watermark}"
            f"<h1>{_text(briefing.title)}</h1><div class=\"subtitle\">{_text(briefing.subtitle)}</div>"
            f"<div class=\"issued\">{_text(briefing.issued)}</div>{mark}{body}</body></html>")


# Only the document's own data: URIs (the charts) are read; nothing is fetched from a network or the disk.
DATA_ONLY = {"allowed_protocols": ("data",), "fail_on_errors": True}


def render(briefing: Briefing, rendered: dict[str, bytes]) -> bytes:
    """The PDF's bytes."""
    return weasyprint.HTML(string=document_html(briefing, rendered),
                           url_fetcher=weasyprint.URLFetcher(**DATA_ONLY)).write_pdf()
