"""The pieces every page is built from: page header with the sample banner and the page's stylesheet, charts
with target lines and a source line, tables with a CSV download, the region switch and status badges."""
from __future__ import annotations

import datetime as dt
import html
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import TypeVar

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard import data, safe_text

from scripts.configuration import regions as region_choice
from scripts.configuration.regions import PARTNER_REGION_CODE
from scripts.outputs import wording
from scripts.outputs.palette import PARTNER_COLOUR, PATH_COLOURS, PILOT_COLOUR, TARGET_COLOUR  # noqa: F401
from dashboard.i18n import language, pick, t

# Chromium falls back to these for CJK glyphs; Noto CJK comes from Debian's fonts-noto-cjk, nothing is fetched.
FONT_FAMILY = '"Source Sans Pro", "Noto Sans CJK SC", "Noto Sans SC", sans-serif'
OFFICIAL = "official"
# One colour per region, the same on every page and whichever regions are chosen: the pilot zone green, Guang'an
# (the partner the plan names: 长寿府办发〔2023〕12号 calls for cooperation with 广安市) blue, every other region
# the next colour of PEER_PALETTE in region-code order. None is red (targets) or the grey/orange of target paths.
PEER_PALETTE = ("#762a83", "#8c510a", "#01665e", "#c51b7d", "#4d4d4d", "#5e3c99", "#bf812d", "#35978f")
# Up to this many regions the region switch is a row of buttons; beyond it a drop-down, which stays one line
# wide on a phone.
MAX_REGION_BUTTONS = 4

# What a table shows for a missing value: never "None", "nan" or "NaT".
MISSING_TEXT = "—"
# How `table` draws a table on screen. On paper it is always the HTML table: a grid is a canvas that prints only
# the rows scrolled into view.
GRID = "grid"        # a sortable grid at every width; on a phone it scrolls sideways (long lists of figures)
CARDS = "cards"      # the sortable grid on a wide screen, one card per row on a phone
WRAPPED = "wrapped"  # an HTML table whose cells wrap at every width, one card per row on a phone: for tables of
#                      sentences (tasks, statuses), whose last columns a grid would cut off
TABLE_LAYOUTS = (GRID, CARDS, WRAPPED)
# Streamlit gives a keyed container the class st-key-<key>: PAGE_CSS shows or hides a table's grid and its HTML
# by these keys' prefixes, per layout.
GRID_KEY, HTML_KEY = "gfgrid", "gfhtml"
# Below this width (Streamlit's own: its sidebar folds away) a screen is a phone's: tables become cards.
NARROW_SCREEN = "max-width: 640px"

# Every page's stylesheet (page_style): the HTML tables, which become one card per row on a phone, and print:
# no sidebar, header, toolbars or buttons, the content full width, no page break inside a chart, card or row.
PAGE_CSS = f"""
.gf-table {{ overflow-x: auto; margin-bottom: 0.5rem; }}
.gf-table table {{ width: 100%; border-collapse: collapse; font-size: 0.875rem; line-height: 1.45; }}
.gf-table th, .gf-table td {{ padding: 0.35rem 0.5rem; border-bottom: 1px solid rgba(49, 51, 63, 0.12);
  text-align: left; vertical-align: top; }}
.gf-table th {{ font-weight: 600; color: rgba(49, 51, 63, 0.7); background: rgba(240, 242, 246, 0.7);
  min-width: 4.5em; }}
.gf-table td.gf-name:not(.gf-number) {{ min-width: 8em; }}
.gf-table .gf-details {{ font-size: 0.8rem; color: rgba(49, 51, 63, 0.65); margin-top: 0.2rem; font-weight: 400; }}
.gf-table .gf-detail-label {{ color: rgba(49, 51, 63, 0.5); margin-right: 0.25em; }}
.gf-table .gf-card-end {{ display: none; }}
.gf-table td.gf-number {{ text-align: right; font-variant-numeric: tabular-nums; }}
.gf-table td.gf-number, .gf-table td.gf-short {{ white-space: nowrap; }}
.gf-table td.gf-status span {{ display: inline-block; }}
[class*="st-key-{HTML_KEY}_{GRID}_"], [class*="st-key-{HTML_KEY}_{CARDS}_"] {{ display: none; }}
@media screen and ({NARROW_SCREEN}) {{
  [class*="st-key-{GRID_KEY}_{CARDS}_"] {{ display: none; }}
  [class*="st-key-{HTML_KEY}_{CARDS}_"] {{ display: flex; }}
  .gf-table thead {{ display: none; }}
  .gf-table table, .gf-table tbody, .gf-table tr, .gf-table td {{ display: block; }}
  .gf-table tr {{ border: 1px solid rgba(49, 51, 63, 0.2); border-radius: 0.5rem; padding: 0.5rem 0.75rem;
    margin-bottom: 0.6rem; }}
  .gf-table td, .gf-table td.gf-number, .gf-table td.gf-short {{ border: none; padding: 0.1rem 0; text-align: left;
    white-space: normal; }}
  .gf-table td.gf-name {{ display: inline; font-weight: 600; }}
  .gf-table td.gf-name.gf-empty {{ display: inline; }}
  .gf-table td.gf-name + td.gf-name::before {{ content: " "; }}
  .gf-table td:not(.gf-name)::before {{ content: attr(data-label); color: rgba(49, 51, 63, 0.6);
    margin-right: 0.25em; }}
  .gf-table td.gf-empty {{ display: none; }}
  .gf-table .gf-under-name {{ display: none; }}
  .gf-table td.gf-card-end {{ display: block; margin-top: 0.2rem; }}
  .gf-table td.gf-card-end::before {{ content: none; }}
  .gf-table td.gf-card-end:empty {{ display: none; }}
}}
@page {{ size: A4 landscape; margin: 12mm; }}
@media print {{
  [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
  [data-testid="stToolbar"], [data-testid="stDecoration"], [data-testid="stStatusWidget"],
  [data-testid="stDownloadButton"], [data-testid="stElementToolbar"], .modebar-container {{
    display: none !important; }}
  html, body, .stApp, [data-testid="stAppViewContainer"], [data-testid="stMain"] {{ height: auto !important;
    overflow: visible !important; position: static !important; }}
  [data-testid="stMain"], [data-testid="stMainBlockContainer"] {{ width: 100% !important; max-width: none !important;
    margin: 0 !important; padding: 0 !important; }}
  .stPlotlyChart, [data-testid="stMetric"], [data-testid="stAlert"], [data-testid="stExpander"],
  [data-testid="stVerticalBlockBorderWrapper"], .gf-table tr {{ break-inside: avoid; }}
  h1, h2, h3, h4 {{ break-after: avoid; }}
  [class*="st-key-{GRID_KEY}_"] {{ display: none !important; }}
  [class*="st-key-{HTML_KEY}_"] {{ display: flex !important; }}
  .gf-table thead {{ display: table-header-group; }}
}}
"""

# Plotly draws its toolbar (the modebar, 27 px high) over the chart's top-right corner: titles start this far
# below the chart's top, clear of it, and the room above the plot grows by as much. Plotly centres a title of
# several lines on its anchor, so each line past the first moves it up by half a line: the pad makes up for it.
MODEBAR_ROOM_PX = 34
TITLE_LINE_PX = 22
NOTE_LINE_PX = 14
# Plotly never wraps text. Titles and notes are broken into lines of at most this many columns (a Chinese
# character takes two), which fit the narrowest chart: a phone's, about 340 px for a title and 290 px for a
# note under the plot.
TITLE_WRAP_COLUMNS = 38
NOTE_WRAP_COLUMNS = 50
# Zoom and pan stay; box and lasso selection select nothing on these charts.
CHART_CONFIG = {"displaylogo": False, "modeBarButtonsToRemove": ["select2d", "lasso2d"]}
# Where a word longer than a line breaks: before and after any CJK character, keeping opening brackets with what
# follows and closing punctuation with what precedes.
CJK = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef"
CHART_TEXT_PIECE = re.compile(f"[（《「『“‘]*[{CJK}][）》」』”’，。、：；！？]*|[^{CJK}]+")


def is_sample(*provenance_columns: Iterable) -> bool:
    """True when any figure comes from anything but official statistics (sample or mixed)."""
    return any(value is not None and not pd.isna(value) and value != OFFICIAL
               for column in provenance_columns for value in column)


def require_database() -> None:
    if not data.database_exists():
        st.error(t("no_database", path=data.database_path()))
        st.stop()


def page_header(title_key: str, *, sample: bool, title: str | None = None) -> None:
    """The page's title (`title`, or the text of `title_key`), the as-of note and the sample banner."""
    page_title(title_key, title)
    as_at_note()
    sample_banner(sample)


def page_title(title_key: str, title: str | None = None) -> None:
    """The page's title (`title`, or the text of `title_key`), and the stylesheet every page needs (tables,
    print): every page's header calls it."""
    page_style()
    st.title(title or t(title_key))


def page_style() -> None:
    """PAGE_CSS on this page. Only this constant goes through st.html unescaped: no data is ever part of it."""
    st.html(f"<style>{PAGE_CSS}</style>")


def sample_banner(sample: bool) -> None:
    """Shown whenever any figure on the page is synthetic."""
    if sample:
        st.warning(t("sample_banner"))


def region_page(title_key: str, key: str) -> pd.Series:
    """The top of a page about one region: its title and the region switch; returns the region chosen."""
    require_database()
    page_title(title_key)
    as_at_note()
    return region_selector(key)


def banner_and_source(source_keys: Iterable[str], *provenance_columns: Iterable) -> str:
    """The sample banner if any of the page's figures is synthetic; returns the source line for its charts."""
    sample = is_sample(*provenance_columns)
    sample_banner(sample)
    return source_line(source_keys, sample)


def stop_if_empty(frame: pd.DataFrame, message_key: str = "no_data") -> None:
    if frame.empty:
        st.info(t(message_key))
        st.stop()


def source_line(source_keys: Iterable[str], sample: bool) -> str:
    """"Source: A; B · sample data (synthetic)" for captions."""
    sources = "; ".join(t(key) for key in source_keys)
    return f"{t('source')}: {sources} · {t('synthetic') if sample else t('official')}"


def finish_chart(figure: go.Figure, *, title: str, y_title: str, source: str, key: str,
                 x_title: str | None = None, height: int = 380, top: int = 80) -> None:
    """The figure finished (finished_figure), then drawn."""
    draw_chart(finished_figure(figure, title=title, y_title=y_title, source=source, x_title=x_title,
                               height=height, top=top), key)


def draw_chart(figure: go.Figure, key: str) -> None:
    st.plotly_chart(figure, key=key, config=CHART_CONFIG)


def finished_figure(figure: go.Figure, *, title: str, y_title: str, source: str, x_title: str | None = None,
                    height: int = 380, top: int = 80) -> go.Figure:
    """Title, axis names with units, the source under the plot (one line per source, so that half-width
    charts do not cut it off). `top` is the room above the plot, for a two-line title and a legend that wraps
    on a phone. Titles and notes are wrapped to fit a phone (chart_lines); the title starts below Plotly's
    toolbar."""
    title_text = chart_lines(title, TITLE_WRAP_COLUMNS)
    source_text = chart_lines(source.replace("; ", "<br>"), NOTE_WRAP_COLUMNS)
    source_lines = source_text.count("<br>") + 1
    title_lines = title_text.count("<br>") + 1
    extra_top = MODEBAR_ROOM_PX + TITLE_LINE_PX * (title_lines - 1 - title.count("<br>"))
    extra_bottom = NOTE_LINE_PX * (source_lines - 1)
    figure.update_layout(
        title={"text": title_text, "x": 0, "xanchor": "left", "y": 1, "yref": "container", "yanchor": "top",
               "pad": {"t": MODEBAR_ROOM_PX + TITLE_LINE_PX * (title_lines - 1) // 2, "l": 4}},
        font={"family": FONT_FAMILY}, height=height + extra_top + extra_bottom,
        xaxis_title=x_title, yaxis_title=y_title,
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "xanchor": "left", "x": 0, "title": None},
        margin={"t": top + extra_top, "b": 84 + extra_bottom},
    )
    for annotation in figure.layout.annotations:  # target labels and notes (draw_target)
        annotation.text = chart_lines(annotation.text, NOTE_WRAP_COLUMNS)
    # Pinned in pixels below the plot area: under the axis title whatever the chart's height. Right-aligned with
    # the plot: horizontal bars push the plot's left edge right by their labels' width, past which a note
    # starting there would be cut off on a phone.
    figure.add_annotation(text=source_text, xref="paper", yref="paper", x=1, y=0, yshift=-58,
                          showarrow=False, xanchor="right", yanchor="top", align="right",
                          font={"size": 11, "color": "#666666"})
    return figure


T = TypeVar("T")
# What pages draw, kept for every session (shared_by_readers): for each region, as-at date and language.
SHARED_KEPT = 512


def shared_by_readers(build: Callable[..., T]) -> Callable[..., T]:
    """`build`, a function that makes what a page draws (its figures, or the texts and tables of the overview)
    from its arguments, the reader's language and the published marts alone (and draws nothing), made once for
    all sessions that ask with the same arguments, language and published file, and kept. Plotly checks every
    property it is given as a figure is built: ~0.1 s of the server's CPU a chart, for every reader opening every
    page, where drawing a finished figure costs a tenth of that; the overview's cards, matrix and tables cost
    the server more to compose from the marts' rows than to draw. Its arguments should be small (codes, dates,
    words): they are hashed on every call, and a data frame costs as much to hash as a figure to build; `build`
    reads its frames itself (data.py). What it makes is shared: whoever gets it draws it (draw_chart,
    draw_table, …) and never changes it."""
    name = f"{build.__code__.co_filename}:{build.__qualname__}"

    def shared(*args, **kwargs) -> T:
        return _shared_by_readers(name, language(), data.published_version(), *args, _build=build, **kwargs)

    return shared


@st.cache_resource(show_spinner=False, max_entries=SHARED_KEPT)
def _shared_by_readers(name: str, language: str, version: tuple, *args, _build: Callable[..., T], **kwargs) -> T:
    return _build(*args, **kwargs)


def chart_lines(text: str | None, columns: int) -> str | None:
    """`text` for Plotly, which never wraps, with a <br> wherever a line would pass `columns` (a Chinese
    character counts two): at a space, or, inside a word longer than a line (Chinese is written without
    spaces), between two Chinese characters. Lines the caller marked up (<sup>…</sup>) are left as they are."""
    if not text:
        return text
    lines = []
    for line in text.split("<br>"):
        lines += [line] if "<" in line else _wrapped(line, columns)
    return "<br>".join(lines)


def _wrapped(line: str, columns: int) -> list[str]:
    lines, current, used = [], "", 0
    for word in line.split():
        width = _text_columns(word)
        if current and used + 1 + width <= columns:
            current, used = f"{current} {word}", used + 1 + width
            continue
        if current:
            lines.append(current)
        current, used = "", 0
        for piece in CHART_TEXT_PIECE.findall(word):
            piece_width = _text_columns(piece)
            if current and used + piece_width > columns:
                lines.append(current)
                current, used = "", 0
            current, used = current + piece, used + piece_width
    return [*lines, current] if current else lines


def _text_columns(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(character) in "WF" else 1 for character in text)


def note_on_chart(figure: go.Figure, text: str) -> None:
    """Where a target line would be but is not: "to be set by the city", "Changshou only"."""
    figure.add_annotation(text=text, xref="paper", yref="paper", x=1, y=1.02, showarrow=False, xanchor="right",
                          yanchor="bottom", font={"color": TARGET_COLOUR})


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """UTF-8 with BOM (Excel then reads the Chinese correctly), no cell a spreadsheet would run as a formula."""
    return safe_text.spreadsheet_frame(frame).to_csv(index=False).encode("utf-8-sig")


@dataclass(frozen=True)
class Number:
    """How a table writes a column's figures: `decimals` places, thousands separated; `unit` after each figure
    where the column's label does not carry it ("%" close up: 12.5%; others spaced: 3.00 亿元); `change` for a
    change, written as a rise or a fall: 降低 4.1%, never -4.1%."""
    decimals: int = 2
    unit: str = ""
    change: bool = False


# A column's Number, or a function of the row that gives each cell's (a column of figures in different units).
NumberFormat = Number | Callable[[pd.Series], Number]


def number_text(value, number: Number = Number()) -> str:
    """The one place a table's figure is written (see Number); a missing one is MISSING_TEXT."""
    if wording.missing(value):
        return MISSING_TEXT
    value = float(value)
    if number.change:
        return wording.change(value, digits=number.decimals, unit=number.unit)
    if round(value, number.decimals) == 0:
        value = 0.0  # no "-0.00"
    text = f"{value:,.{number.decimals}f}"
    if number.unit:
        text += number.unit if number.unit.startswith("%") else f" {number.unit}"
    return text


def cell_text(value, number: Number | None = None) -> str:
    """A table cell as the reader sees it: a figure by `number` (two decimals if none is given), a count or a
    year as it is, yes/no, a date as YYYY-MM-DD, MISSING_TEXT for a missing value, anything else as its text."""
    if isinstance(value, (list, tuple, np.ndarray)):
        return "、".join(cell_text(item) for item in value) if len(value) else MISSING_TEXT
    if wording.missing(value):
        return MISSING_TEXT
    if isinstance(value, (bool, np.bool_)):
        return t("yes") if value else t("no")
    if number is not None:
        return number_text(value, number)
    if isinstance(value, (int, np.integer)):
        return str(value)
    if isinstance(value, (float, np.floating, Decimal)):
        return number_text(value)
    if isinstance(value, dt.datetime):  # pd.Timestamp too
        return f"{value:%Y-%m-%d}" if value.time() == dt.time() else f"{value:%Y-%m-%d %H:%M}"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _column_numbers(frame: pd.DataFrame, column: str, number: NumberFormat | None) -> list[Number | None]:
    """Each cell's Number in one column. A column of whole figures without one (counts that a missing value
    turned into floats) is written without decimals."""
    if callable(number):
        return [number(row) for _, row in frame.iterrows()]
    if number is None and pd.api.types.is_float_dtype(frame[column]):
        figures = frame[column].dropna()
        if not figures.empty and (figures == figures.round()).all():
            number = Number(decimals=0)
    return [number] * len(frame)


def table(frame: pd.DataFrame, columns: dict, *, file_name: str | None, key: str,
          numbers: dict[object, NumberFormat] | None = None, statuses: dict[object, dict[str, str]] | None = None,
          details: Iterable = (), layout: str = GRID, column_config: dict | None = None) -> None:
    """`frame`'s `columns` (source name -> label, with the unit where all figures share one), then a CSV
    download of them (none if `file_name` is None).

    Every cell is written by cell_text: `numbers` gives a column's Number (source name -> Number, or a function
    of the row), other figures get two decimals, a missing value shows as MISSING_TEXT. A grid shows that text
    and sorts on the figures themselves. `statuses` names the status columns (source name -> {status as shown:
    colour}), drawn in their colour: put them right after the row's name, since the columns before the first
    status are what heads a phone's card. `details` (source names of `columns`) are, in the HTML table, small
    lines under the row's name rather than columns of their own (secondary facts: a wide screen keeps room for
    the main ones). `layout`: GRID, CARDS or WRAPPED (TABLE_LAYOUTS). Text that a spreadsheet would run as a
    formula is shown neutralised in a grid, so that its own download button (Streamlit's) is safe too, and in
    the CSV."""
    draw_table(table_content(frame, columns, numbers=numbers, statuses=statuses, details=details, layout=layout,
                             with_csv=file_name is not None),
               key=key, file_name=file_name, column_config=column_config)


@dataclass(frozen=True)
class TableContent:
    """A table made ready to draw (table_content), drawn by draw_table: it can be made once and drawn for many
    readers (shared_by_readers)."""
    layout: str
    grid: object | None  # the Styler of the sortable grid; None in the WRAPPED layout, which has none
    html: str
    csv: bytes | None  # the download's bytes; None for a table without one


def table_content(frame: pd.DataFrame, columns: dict, *, numbers: dict[object, NumberFormat] | None = None,
                  statuses: dict[object, dict[str, str]] | None = None, details: Iterable = (),
                  layout: str = GRID, with_csv: bool = True) -> TableContent:
    """What `table` draws, made without drawing (its arguments are `table`'s)."""
    assert layout in TABLE_LAYOUTS, layout
    frame = frame.reset_index(drop=True)
    numbers, statuses = numbers or {}, statuses or {}
    cell_numbers = {column: _column_numbers(frame, column, numbers.get(column)) for column in columns}
    texts = {column: [cell_text(value, number) for value, number in zip(frame[column], cell_numbers[column])]
             for column in columns}
    grid = None if layout == WRAPPED else _styled_grid(safe_text.spreadsheet_frame(frame[list(columns)]), columns,
                                                        cell_numbers, statuses)
    return TableContent(layout, grid,
                        html_table(frame, texts, columns, statuses=statuses, details=set(details), layout=layout),
                        csv_bytes(frame[list(columns)].rename(columns=columns)) if with_csv else None)


def draw_table(content: TableContent, *, key: str, file_name: str | None, column_config: dict | None = None) -> None:
    if content.grid is not None:
        with st.container(key=f"{GRID_KEY}_{content.layout}_{key}"):
            st.dataframe(content.grid, hide_index=True, column_config=column_config, placeholder=MISSING_TEXT,
                         key=f"{key}_table")
    with st.container(key=f"{HTML_KEY}_{content.layout}_{key}"):
        st.html(content.html)
    if file_name is not None and content.csv is not None:
        download_csv(content.csv, file_name=file_name, key=key)


def _styled_grid(shown: pd.DataFrame, columns: dict, cell_numbers: dict[object, list[Number | None]],
                 statuses: dict[object, dict[str, str]]):
    """The grid's frame, labelled, showing each cell as cell_text writes it (a Styler's display values: the
    grid still sorts on the figures), the status columns in their colour."""
    styler = shown.rename(columns=columns).style
    for column, label in columns.items():
        by_number: dict[Number | None, list[int]] = {}
        for position, number in enumerate(cell_numbers[column]):
            by_number.setdefault(number, []).append(position)
        for number, positions in by_number.items():
            styler = styler.format(lambda value, number=number: cell_text(value, number),
                                   subset=pd.IndexSlice[positions, [label]])
    for column, colours in statuses.items():
        styler = styler.map(lambda value, colours=colours: f"color: {colours.get(value, '#31333f')}; "
                            "font-weight: bold", subset=[columns[column]])
    return styler


def html_table(frame: pd.DataFrame, texts: dict[object, list[str]], columns: dict, *,
               statuses: dict[object, dict[str, str]], details: set, layout: str) -> str:
    """The table as HTML: a plain table whose cells wrap, on a wide screen and on paper, and one card per row
    on a phone (PAGE_CSS), headed by the columns before the first status column, `details` under the name.
    Every text is escaped: data is shown as the characters it is, never run as HTML."""
    shown = [column for column in columns if column not in details]
    first_status = next((position for position, column in enumerate(shown) if column in statuses), None)
    names = shown[:first_status] if first_status else [column for column in shown[:1] if column not in statuses]
    header = "".join(f"<th>{html.escape(str(columns[column]))}</th>" for column in shown)
    values = {column: frame[column].tolist() for column in shown}  # a cell at a time through .iloc costs more
    rows = []
    for position in range(len(frame)):
        cells = []
        for column in shown:
            value, text = values[column][position], texts[column][position]
            kinds = [kind for kind, applies in (("gf-name", column in names), ("gf-status", column in statuses),
                                                ("gf-number", _is_figure(value)), ("gf-short", _is_short(value)),
                                                ("gf-empty", text in ("", MISSING_TEXT))) if applies]
            colour = statuses[column].get(value) if column in statuses else None
            content = status_badge(text, colour) if colour and text != MISSING_TEXT else html.escape(text)
            if details and column == names[-1]:
                content += f'<div class="gf-details gf-under-name">{_details(columns, texts, details, position)}</div>'
            cells.append(f'<td class="{" ".join(kinds)}" data-label="{_card_label(columns[column])}">{content}</td>')
        if details:  # the same lines at the end of a phone's card, after the status and the main facts
            cells.append(f'<td class="gf-details gf-card-end">{_details(columns, texts, details, position)}</td>')
        rows.append(f"<tr>{''.join(cells)}</tr>")
    if details:
        header += f'<th class="gf-card-end">{html.escape(t("details"))}</th>'
    return (f'<div class="gf-table gf-{layout}"><table><thead><tr>{header}</tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table></div>")


def _details(columns: dict, texts: dict[object, list[str]], details: set, position: int) -> str:
    """A row's `details`, one "label: text" line each, the empty ones left out."""
    return "".join(f'<div><span class="gf-detail-label">{_card_label(columns[column])}</span>'
                   f"{html.escape(texts[column][position])}</div>"
                   for column in columns if column in details and texts[column][position] not in ("", MISSING_TEXT))


def _card_label(label) -> str:
    """"状态：" / "Status: ", escaped (an attribute's value too)."""
    return html.escape(t("card_label", label=label))


def _is_figure(value) -> bool:
    return isinstance(value, (int, float, Decimal, np.integer, np.floating)) and not isinstance(value, (bool, np.bool_))


def _is_short(value) -> bool:
    """Dates and yes/no: never broken across lines."""
    return isinstance(value, (dt.date, pd.Timestamp, bool, np.bool_))


def download(frame: pd.DataFrame, columns: dict, *, file_name: str, key: str) -> None:
    """The columns as CSV, figures unrounded (for a spreadsheet), under the labels shown."""
    download_csv(csv_bytes(frame[list(columns)].rename(columns=columns)), file_name=file_name, key=key)


def download_csv(data: bytes, *, file_name: str, key: str) -> None:
    st.download_button(t("download_csv"), data, file_name=file_name, mime="text/csv", key=f"{key}_download",
                       on_click="ignore")


def localised(frame: pd.DataFrame, *fields: str) -> pd.DataFrame:
    """`frame` with each `<field>_zh`/`<field>_en` pair also as `<field>` in the reader's language; where a
    translation is missing, the other language's name (a name in Chinese beats an empty cell)."""
    other = "en" if language() == "zh" else "zh"
    return frame.assign(**{field: frame[f"{field}_{language()}"].where(frame[f"{field}_{language()}"].notna(),
                                                                       frame[f"{field}_{other}"])
                           for field in fields})


def local_time(stamp: str | None) -> str:
    """An ISO timestamp (UTC, as the run reports and the submission history keep it) in the server's time."""
    if not stamp:
        return ""
    return f"{dt.datetime.fromisoformat(stamp).astimezone():%Y-%m-%d %H:%M:%S}"


def channel_name(channel: str) -> str:
    """How a submission came in (the audit log's channel: "upload page", "command line") in the reader's language."""
    return t(f"channel_{channel.replace(' ', '_')}")


def figure_source(submission_ids: object) -> str | None:
    """"Source: submission 3 (file, who, when)" for a figure built from accepted submissions; None if the
    figure rests only on the raw folder's files (e.g. the sample)."""
    if wording.missing(submission_ids):
        return None
    listed = data.submissions().set_index("submission_id")
    parts = []
    for submission_id in (int(part) for part in str(submission_ids).split(",")):
        entry = listed.loc[submission_id]
        parts.append(t("figure_submission", id=submission_id, file=safe_text.markdown_text(entry["original_filename"]),
                       who=safe_text.markdown_text(entry["submitted_by"]), when=entry["submitted_at_text"]))
    return t("figure_source", submissions="；".join(parts) if language() == "zh" else "; ".join(parts))


def status_badge(label: str, colour: str) -> str:
    """A coloured pill for a status name (from the data: escaped, shown as the characters it is)."""
    return (f'<span style="background:{colour};color:{_text_colour(colour)};padding:2px 10px;'
            f'border-radius:10px;font-size:0.9em">{html.escape(str(label))}</span>')


def _text_colour(background: str) -> str:
    red, green, blue = (int(background[index:index + 2], 16) for index in (1, 3, 5))
    return "#000000" if 0.299 * red + 0.587 * green + 0.114 * blue > 150 else "#ffffff"


def region_colours(regions: pd.DataFrame) -> dict[str, str]:
    """region_code -> colour for every region of `regions` (dim_region rows); see PILOT_COLOUR."""
    colours = {code: PILOT_COLOUR for code in regions.loc[regions["is_pilot_zone"], "region_code"]}
    if PARTNER_REGION_CODE in set(regions["region_code"]) and PARTNER_REGION_CODE not in colours:
        colours[PARTNER_REGION_CODE] = PARTNER_COLOUR
    others = sorted(code for code in regions["region_code"] if code not in colours)
    # Past the palette's end colours repeat: more lines than that on one chart are unreadable anyway.
    return colours | {code: PEER_PALETTE[index % len(PEER_PALETTE)] for index, code in enumerate(others)}


def region_colour(region_code: str) -> str:
    """The colour of one region's figures, on its own pages and in the comparison."""
    return region_colours(data.regions())[region_code]


def default_peers(regions: pd.DataFrame) -> list[str]:
    """The region the pilot zone is compared with unless the reader chooses: Guang'an, or failing it the first
    other region."""
    return region_choice.default_peers(regions["region_code"], regions.loc[regions["is_pilot_zone"], "region_code"])


def region_name(row: pd.Series) -> str:
    """A region's name in the reader's language, as Markdown-safe text (names come from the data)."""
    return safe_text.markdown_text(pick(row, "region_name"))


def region_selector(key: str) -> pd.Series:
    """Pick one region of dim_region (the pilot zone first, the default); returns its row."""
    regions = data.regions()
    codes = list(regions["region_code"])
    by_code = {row["region_code"]: row for _, row in regions.iterrows()}
    if len(codes) <= MAX_REGION_BUTTONS:
        # The buttons' labels are Markdown: the names are escaped.
        code = st.segmented_control(t("region"), codes, format_func=lambda value: region_name(by_code[value]),
                                    default=codes[0], required=True, key=key)
    else:  # a drop-down's options are plain text
        code = st.selectbox(t("region"), codes, format_func=lambda value: pick(by_code[value], "region_name"),
                            index=0, key=key)
    return by_code[code]


def regions_multiselect(key: str) -> pd.DataFrame:
    """Pick regions to compare from every region of dim_region, the pilot zone and its default peer at first;
    returns their rows in dim_region's order (pilot zone first).

    A multiselect keeps its choice as the labels shown, which change with the language: the widget is one per
    language (`<key>_<lang>`) and the choice, as region codes, lives in session state under `key`, so that it
    holds across the language switch and across pages."""
    regions = data.regions()
    lang = language()
    by_code = {row["region_code"]: row for _, row in regions.iterrows()}
    pilots = list(regions.loc[regions["is_pilot_zone"], "region_code"])
    remembered = st.session_state.get(key)
    default = [code for code in remembered if code in by_code] if remembered is not None \
        else pilots + default_peers(regions)
    chosen = st.multiselect(t("compare_regions"), list(by_code), default=default, key=f"{key}_{lang}",
                            format_func=lambda code: pick(by_code[code], "region_name", lang))
    st.session_state[key] = list(chosen)
    return regions[regions["region_code"].isin(chosen)]


# The colour of each task status (seeds/task_statuses.csv codes), on the task page and the overview.
TASK_STATUS_COLOURS = {"completed": "#1b7837", "in_progress": "#4393c3", "behind": "#b2182b",
                       "not_started": "#f1a340", "not_reported": "#999999"}
TARGET_LINE_PREFIX = "target_line"
# A status colour comes from seeds/progress_statuses.csv; anything but a #rrggbb value is drawn grey, so that a
# colour can never carry markup into the page.
HEX_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")
FALLBACK_COLOUR = "#878787"


def safe_colour(colour: object) -> str:
    return colour if isinstance(colour, str) and HEX_COLOUR.fullmatch(colour) else FALLBACK_COLOUR


def judged_target(progress: pd.DataFrame, target_code: str, region_code: str) -> pd.Series | None:
    """The region's row of the progress picture (fct_indicator_progress_as_of) for a target, or None where the
    target does not apply to the region: the mart decides which targets apply."""
    rows = progress[(progress["target_code"] == target_code) & (progress["region_code"] == region_code)]
    return None if rows.empty else rows.iloc[0]


def target_line_name(row: pd.Series) -> str:
    """The name a target line carries in the figure ("target_line|GL_BALANCE_2025|500115"), so that a test can
    read every line drawn back and compare it with the mart."""
    return f"{TARGET_LINE_PREFIX}|{row['target_code']}|{row['region_code']}"


def draw_target(figure: go.Figure, row: pd.Series | None, level: float | None, label: str, *,
                label_position: str = "top left") -> None:
    """The target line at the level the mart judges `row` on, or say why there is none (not set by the city,
    not for this region, no level without a baseline)."""
    if row is None:
        note_on_chart(figure, t("target_not_for_region"))
    elif wording.missing(row["target_value"]):
        note_on_chart(figure, t("target_not_set_line"))
    elif level is None or wording.missing(level):
        note_on_chart(figure, t("target_level_unknown"))
    else:
        figure.add_hline(y=float(level), line_dash="dash", line_color=TARGET_COLOUR, annotation_text=label,
                         annotation_position=label_position, annotation_font_color=TARGET_COLOUR,
                         name=target_line_name(row))


def draw_target_level(figure: go.Figure, row: pd.Series | None, unit: str, *,
                      label_position: str = "top left") -> None:
    """The line at the target level in the measure's unit ("目标 90 亿元（2025 年末）"; a change target also
    says which: "目标 较 2020 年增长 200%：92.07 亿元（2025 年末）")."""
    level = None if row is None else row["target_level"]
    label = ""
    if row is not None and not wording.missing(level):
        value = wording.exact(round(float(level), 2), unit)
        if row["target_kind"] == "pct_change_vs_baseline" and not wording.missing(row["target_value"]):
            value = t("target_change_level", target=wording.target_text(row), level=value)
        label = t("target_line", value=f"{value} ({wording.period_label(row['target_deadline'])})")
    draw_target(figure, row, level, label, label_position=label_position)


def draw_path(figure: go.Figure, paths: pd.DataFrame, row: pd.Series | None, *, path_kind: str, name: str,
              colour: str, x_of=None) -> None:
    """The path fct_target_paths requires for `row`'s target, on the statistics basis `row` is judged on."""
    if row is None:
        return
    basis = "single_basis" if wording.missing(row["statistics_basis"]) else row["statistics_basis"]
    path = paths[(paths["target_code"] == row["target_code"]) & (paths["path_kind"] == path_kind)
                 & (paths["path_basis"] == basis)]
    if path.empty:
        return
    x = [x_of(day) for day in path["period_end"]] if x_of else list(path["period_end"])
    figure.add_scatter(x=x, y=path["path_value"], mode="lines", name=name, line={"dash": "dot", "color": colour},
                       meta={"target_code": row["target_code"], "path_kind": path_kind})


STATUS_BAR_HTML = ('<div style="background:#e6e6e6;border-radius:4px;height:8px;margin:4px 0 2px 0">'
                   '<div style="background:{colour};width:{width:.0f}%;height:8px;border-radius:4px"></div></div>'
                   '<div style="font-size:0.8em;color:#555">{text}</div>')


def status_bar_html(share: float, colour: str, text: str) -> str:
    """A progress bar in the status's colour (st.progress is always the theme's colour), for st.markdown with
    unsafe_allow_html: `text` is escaped."""
    width = 100 * min(max(share, 0.0), 1.0)
    return STATUS_BAR_HTML.format(colour=safe_colour(colour), width=width, text=html.escape(text))


AS_AT_KEY = "as_at_choice"
# The selector's first option: the latest picture, whichever quarter that is when the page is drawn. (A None
# option would be drawn as the widget's empty placeholder.)
LATEST = "latest"


def as_at_selector() -> None:
    """The sidebar's 数据截至 selector: the latest picture (the default, which follows new quarters as they are
    published) or any earlier quarter end. The choice lives in session state under AS_AT_KEY, so it holds on
    every page; the widget is one per language (`<key>_<lang>`) because a selectbox keeps its choice as the
    label shown, which the language switch changes."""
    quarters = data.as_at_quarters()
    if quarters.empty:
        return
    dates = list(quarters["as_at_date"])
    options = [LATEST, *dates[1:]]
    if st.session_state.get(AS_AT_KEY) not in options:
        st.session_state[AS_AT_KEY] = LATEST
    lang = language()
    widget_key = f"{AS_AT_KEY}_{lang}"

    def remember() -> None:
        st.session_state[AS_AT_KEY] = st.session_state[widget_key]

    st.selectbox(t("as_at_selector"), options, index=options.index(st.session_state[AS_AT_KEY]), key=widget_key,
                 on_change=remember,
                 format_func=lambda day: wording.as_at_label(None if day == LATEST else day, dates[0], lang))


def as_at() -> dt.date:
    """The quarter end every page shows the data at: the reader's choice, or the latest."""
    chosen = st.session_state.get(AS_AT_KEY, LATEST)
    return data.as_at_quarters()["as_at_date"].iloc[0] if chosen == LATEST else chosen


def looking_back() -> bool:
    return st.session_state.get(AS_AT_KEY, LATEST) != LATEST


def reference_day() -> dt.date:
    """The day deadlines are counted from: today, or the chosen quarter end when looking back."""
    return as_at() if looking_back() else dt.date.today()


def as_at_note() -> None:
    """Under each page title when an earlier quarter is chosen: the reader must not take it for today."""
    if looking_back():
        st.info(t("as_at_past_note", quarter=wording.quarter_name(as_at())))


MATRIX_CSS = """
<style>
.status-matrix {width:100%;border-collapse:collapse;table-layout:fixed;font-size:0.9rem}
.status-matrix th, .status-matrix td {border:1px solid #ddd;padding:4px 6px;vertical-align:middle;
  overflow-wrap:anywhere;word-break:break-word}
.status-matrix th {background:#f4f4f4;font-weight:600}
.status-matrix td.status {text-align:center;font-weight:600}
.status-matrix col.target {width:40%}
.status-legend span {display:inline-block;margin:2px 6px 2px 0}
@media (max-width: 640px) { .status-matrix {font-size:0.78rem} .status-matrix th, .status-matrix td {padding:3px} }
</style>
"""


def status_matrix_html(progress: pd.DataFrame, regions: pd.DataFrame, targets: pd.DataFrame,
                       statuses: pd.DataFrame) -> tuple[str, str]:
    """Targets × regions, each cell the status word on its status colour (not colour alone); a target that does
    not apply to a region says so; then the legend, always shown. Two blocks for st.html; every name comes from
    the data: escaped."""
    lang = language()
    # Rows as dicts, not iterrows' Series: a Series per row is most of what drawing the matrix costs the server.
    region_rows = regions.to_dict("records")
    by_cell = {(row["target_code"], row["region_code"]): row for row in progress.to_dict("records")}
    header = "".join(f"<th>{html.escape(pick(region, 'region_name'))}</th>" for region in region_rows)
    body = []
    for target in targets.to_dict("records"):
        cells = []
        for region in region_rows:
            row = by_cell.get((target["target_code"], region["region_code"]))
            if row is None:
                cells.append(f'<td class="status" style="color:#777">{html.escape(t("matrix_not_applicable"))}</td>')
                continue
            colour = safe_colour(row["status_colour"])
            cells.append(f'<td class="status" data-target="{html.escape(target["target_code"])}" '
                         f'style="background:{colour};color:{_text_colour(colour)}">'
                         f'{html.escape(str(row[f"status_name_{lang}"]))}</td>')
        body.append(f"<tr><td>{html.escape(pick(target, 'target_name'))}</td>{''.join(cells)}</tr>")
    columns = '<col class="target">' + "<col>" * len(regions)
    matrix = (f'{MATRIX_CSS}<table class="status-matrix"><colgroup>{columns}</colgroup>'
              f'<thead><tr><th>{html.escape(t("matrix_target"))}</th>{header}</tr></thead>'
              f'<tbody>{"".join(body)}</tbody></table>')
    used = statuses[statuses["status_code"].isin(set(progress["status_code"]))]
    legend = " ".join(f"<span>{status_badge(pick(status, 'status_name'), safe_colour(status['colour']))} "
                      f"{html.escape(pick(status, 'meaning'))}</span>" for status in used.to_dict("records"))
    return matrix, f'{MATRIX_CSS}<div class="status-legend"><b>{html.escape(t("matrix_legend"))}</b> {legend}</div>'
