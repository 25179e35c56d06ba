"""Both files of one briefing from one content model: the marts read once, the charts rendered once, in an
order that overlaps the slow parts (Chromium starting while the marts are read; the PNGs rendering while the
PDF is laid out)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import duckdb

from scripts.outputs.briefing import charts, content

PDF_MIME = "application/pdf"
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@dataclass(frozen=True)
class Files:
    briefing: content.Briefing
    pdf: bytes
    docx: bytes


def chart_grid(briefing: content.Briefing) -> tuple[charts.Chart, ...]:
    return tuple(chart for section in briefing.sections for block in section.blocks
                 if isinstance(block, tuple) for chart in block)


def make(connection: duckdb.DuckDBPyConnection, as_at: dt.date, lang: str, published_at: dt.datetime,
         today: dt.date | None = None) -> Files:
    with charts.Renderer() as renderer:
        briefing = content.build(connection, as_at, lang, published_at, today)
        # Imported here, while Chromium starts: WeasyPrint alone takes about a second to import.
        from scripts.outputs.briefing import pdf, word
        grid = chart_grid(briefing)
        svgs = renderer.svgs(grid)
        pngs = renderer.pngs(grid)
        pdf_bytes = pdf.render(briefing, svgs.result())
        docx_bytes = word.render(briefing, pngs.result())
    return Files(briefing=briefing, pdf=pdf_bytes, docx=docx_bytes)
