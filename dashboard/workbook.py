"""The whole published dataset as one Excel workbook, for leaders and analysts: a 说明 / About sheet (what this
is, when it was published, how recent each source is, whether any figure is synthetic), one sheet per mart of
data.WORKBOOK_MART_SQL, and a 数据字典 / Data dictionary sheet read from the published file itself (the dbt
descriptions the pipeline persists as DuckDB comments).

Every sheet's first line says whether the workbook holds sample data, above the header, where nobody scrolls
past it. Cells are typed as the marts are (numbers, real Excel dates, booleans); an empty value is an empty
cell; text a spreadsheet would run as a formula is neutralised (dashboard/safe_text.py), data and labels alike.

The marts are small (the sample's largest, fct_green_loans_quarterly, has about 6,500 rows; the workbook is
about 1 MB), so the workbook is built whole in memory, only when a reader clicks the download, and kept per
published file version and language.

Usage (`make workbook`): python -m dashboard.workbook [--lang zh|en] [--out FILE]
Writes the workbook of the published file (default: data/exports/) and prints where.
"""
from __future__ import annotations

import argparse
import datetime as dt
import decimal
import functools
import io
import math
import re
import sys
from pathlib import Path

import openpyxl
import pandas as pd
import streamlit as st
import streamlit.logger
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

if __name__ == "__main__":  # `make workbook`: outside a server each cache warns at import that it has no runtime
    streamlit.logger.set_log_level("error")

from dashboard import components, data, safe_text  # noqa: E402
from dashboard.i18n import DEFAULT_LANGUAGE, LANGUAGES, TEXT, language, pick, t  # noqa: E402
from scripts.configuration import paths  # noqa: E402

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Column-name endings that say the unit (the marts' naming convention), each with its i18n key.
UNIT_SUFFIXES = {
    "_100m_cny": "workbook_unit_100m_cny",
    "_pct": "workbook_unit_pct",
    "_10k_tce": "workbook_unit_10k_tce",
    "_10k_t": "workbook_unit_10k_t",
    "_10k_m3": "workbook_unit_10k_m3",
    "_tce_per_10k_cny": "workbook_unit_tce_per_10k_cny",
    "_t_per_10k_cny": "workbook_unit_t_per_10k_cny",
}
# The marts' descriptions end with their grain, "Grain: one row per …" (dbt_project/models/marts/<domain>/_<domain>__models.yml).
GRAIN = re.compile(r"Grain:\s*(.+?)\s*$", re.DOTALL)
# The two queries beside the marts, read from the same file version; names no mart can have.
COLUMN_COMMENTS, SOURCE_FRESHNESS = "column comments", "source freshness"
MARK_FONT = Font(bold=True, color="9C0006")
MARK_FILL = PatternFill("solid", fgColor="FFEB9C")
HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
TITLE_FONT = Font(bold=True, size=14)
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
MIN_WIDTH, MAX_WIDTH = 10, 60
MART_HEADER_ROW = 2  # under the sample mark


def published_workbook(lang: str) -> bytes:
    """The workbook of every mart of data.WORKBOOK_MART_SQL, in `lang`, as .xlsx bytes. Takes the language as
    an argument and reads no session state: it runs in Streamlit's download thread too."""
    snapshot = data.query_together({**data.WORKBOOK_MART_SQL, COLUMN_COMMENTS: data.COLUMN_COMMENTS_SQL,
                                    SOURCE_FRESHNESS: data.SOURCE_FRESHNESS_SQL})
    marts = {name: snapshot.frames[name] for name in data.WORKBOOK_MART_SQL}
    sample = components.is_sample(*(frame["provenance"] for frame in marts.values() if "provenance" in frame))
    comments = snapshot.frames[COLUMN_COMMENTS]
    book = openpyxl.Workbook()
    about_sheet(book.active, lang, snapshot, marts, comments, sample)
    for name, frame in marts.items():
        mart_sheet(book.create_sheet(name), frame, mark(lang, sample, with_provenance="provenance" in frame))
    dictionary_sheet(book.create_sheet(t("workbook_dictionary_sheet", lang)), lang, comments, sample)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@st.cache_data(ttl=data.CACHE_TTL_SECONDS, show_spinner=False, max_entries=4)
def _workbook_of_version(version: tuple, lang: str) -> bytes:
    """`version` is only the cache key: a file published meanwhile has a new one, so what a key holds is never
    asked for again once the file it names is replaced."""
    return published_workbook(lang)


def workbook_download(lang: str) -> bytes:
    """published_workbook, built once per published file version and language."""
    return _workbook_of_version(data.published_version(), lang)


def download_button() -> None:
    """下载全部数据（Excel）. Streamlit calls the data function only when the button is clicked, on a thread of its
    own without the reader's session: the language is bound now."""
    st.download_button(t("download_workbook"), functools.partial(workbook_download, language()),
                       file_name=t("workbook_file_name", date=f"{data.published_at():%Y-%m-%d}"), mime=XLSX_MIME,
                       help=t("download_workbook_help"), key="download_workbook", on_click="ignore")


def mark(lang: str, sample: bool, with_provenance: bool) -> str:
    """The line above every sheet: sample or official, and where a row's provenance is said."""
    line = t("workbook_sample_mark" if sample else "workbook_official_mark", lang)
    return f"{line} {t('workbook_provenance_note', lang)}" if with_provenance else line


def about_sheet(sheet: Worksheet, lang: str, snapshot: data.Snapshot, marts: dict[str, pd.DataFrame],
                comments: pd.DataFrame, sample: bool) -> None:
    sheet.title = t("workbook_about_sheet", lang)
    sheet.append([t("workbook_title", lang)])
    sheet["A1"].font = TITLE_FONT
    write_mark(sheet, mark(lang, sample, with_provenance=True))
    sheet.append([])
    sheet.append([t("workbook_published_at", lang), snapshot.published_at.replace(microsecond=0)])
    sheet.cell(sheet.max_row, 2).number_format = DATETIME_FORMAT
    sheet.append([t("workbook_formula_note", lang)])
    sheet.append([])
    regions = {row["region_code"]: pick(row, "region_name", lang) for _, row in marts["dim_region"].iterrows()}
    freshness = snapshot.frames[SOURCE_FRESHNESS]
    table(sheet, t("workbook_as_of_title", lang),
          [t("source_name", lang), t("region", lang), t("latest_period", lang), t("rows", lang)],
          [[t(f"src_{source}", lang) if f"src_{source}" in TEXT else source, regions.get(region, region), latest,
            count] for source, region, latest, count in freshness[
              ["source", "region_code", "latest_period", "row_count"]].itertuples(index=False)])
    sheet.append([])
    descriptions = comments.groupby("table_name")["table_comment"].first()
    table(sheet, t("workbook_sheets_title", lang),
          [t("col_sheet", lang), t("rows", lang), t("workbook_description", lang)],
          [[name, len(frame), described(descriptions.get(name), lang)] for name, frame in marts.items()]
          + [[t("workbook_dictionary_sheet", lang), None, t("workbook_dictionary_note", lang)]])
    widths(sheet, [30, 24, 16, 12])  # longer text runs on over the empty cells to its right


def table(sheet: Worksheet, title: str, header: list[str], rows: list[list]) -> None:
    """A titled block of the About sheet."""
    sheet.append([title])
    sheet.cell(sheet.max_row, 1).font = HEADER_FONT
    append_header(sheet, header)
    for row in rows:
        sheet.append([cell_value(value) for value in row])


def mart_sheet(sheet: Worksheet, frame: pd.DataFrame, mark_line: str) -> None:
    write_mark(sheet, mark_line)
    append_header(sheet, list(frame.columns))
    for row in frame.itertuples(index=False):
        sheet.append([cell_value(value) for value in row])
    sheet.freeze_panes = sheet.cell(MART_HEADER_ROW + 1, 1)
    sheet.auto_filter.ref = f"A{MART_HEADER_ROW}:{get_column_letter(max(len(frame.columns), 1))}{sheet.max_row}"
    widths(sheet, [len(column) + 2 for column in frame.columns])


def dictionary_sheet(sheet: Worksheet, lang: str, comments: pd.DataFrame, sample: bool) -> None:
    """Per mart of the workbook, its description (whole-table row) and every column's, with type, unit and the
    mart's grain on each row, so that a filter on one sheet name shows all of it."""
    write_mark(sheet, mark(lang, sample, with_provenance=False))
    append_header(sheet, [t("col_sheet", lang), t("column", lang), t("workbook_data_type", lang), t("unit", lang),
                          t("workbook_description", lang), t("workbook_grain", lang)])
    by_table = dict(tuple(comments.groupby("table_name", sort=False)))
    for name in data.WORKBOOK_MART_SQL:
        columns = by_table[name].sort_values("column_index")
        description = columns["table_comment"].iloc[0]
        found = GRAIN.search(description or "")
        grain = found.group(1) if found else t("workbook_not_described", lang)
        rows = [[name, t("workbook_whole_table", lang), None, None, described(description, lang), grain]]
        rows += [[name, column, data_type, unit(column, lang), described(comment, lang), grain]
                 for column, data_type, comment in columns[
                     ["column_name", "data_type", "column_comment"]].itertuples(index=False)]
        for row in rows:
            sheet.append([cell_value(value) for value in row])
    sheet.freeze_panes = sheet.cell(MART_HEADER_ROW + 1, 1)
    sheet.auto_filter.ref = f"A{MART_HEADER_ROW}:F{sheet.max_row}"
    widths(sheet, [30, 34, 16, 16, 90, 60])


def described(text: object, lang: str) -> str:
    """A description as written (one line), or an explicit "no description" rather than a blank."""
    words = " ".join(str(text).split()) if isinstance(text, str) else ""
    return words or t("workbook_not_described", lang)


def unit(column: str, lang: str) -> str | None:
    key = next((key for suffix, key in UNIT_SUFFIXES.items() if column.endswith(suffix)), None)
    return t(key, lang) if key else None


def write_mark(sheet: Worksheet, line: str) -> None:
    sheet.append([line])
    cell = sheet.cell(sheet.max_row, 1)
    cell.font, cell.fill = MARK_FONT, MARK_FILL


def append_header(sheet: Worksheet, names: list[str]) -> None:
    sheet.append(names)
    for cell in sheet[sheet.max_row]:
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL


def widths(sheet: Worksheet, characters: list[int]) -> None:
    for index, width in enumerate(characters, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = min(max(width, MIN_WIDTH), MAX_WIDTH)


def cell_value(value: object) -> object:
    """A Python value openpyxl writes as the cell it is: missing values empty (never "None" or "nan"), numbers as
    numbers, dates as dates, text never as a formula; anything else as its text."""
    if isinstance(value, str):
        # XLSX cannot hold control characters (openpyxl refuses the whole file): each shows as U+FFFD instead.
        return safe_text.spreadsheet_cell(ILLEGAL_CHARACTERS_RE.sub("\ufffd", value))
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if hasattr(value, "item"):  # numpy scalars
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, decimal.Decimal):
        return float(value)
    if isinstance(value, (bool, int, float, dt.date)):  # dt.datetime is a dt.date too
        return value
    return str(value)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", choices=list(LANGUAGES), default=DEFAULT_LANGUAGE)
    parser.add_argument("--out", type=Path, default=None, help="file to write (default: data/exports/<name>.xlsx)")
    args = parser.parse_args()
    if not data.database_exists():
        print(t("no_database", args.lang, path=data.database_path()), file=sys.stderr)
        return 1
    out = args.out or paths.data_dir() / "exports" / t("workbook_file_name", args.lang,
                                                         date=f"{data.published_at():%Y-%m-%d}")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(published_workbook(args.lang))
    print(f"Workbook: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
