"""Read a data steward's file for one raw source into rows of the raw-data contract.

Accepted: XLSX, or CSV in UTF-8 (with or without BOM) or GBK; Chinese or English headers, possibly below a
title and a 单位：万元 line; amounts in 万元 or 亿元 as the file declares (a unit column, the amount's header
or the line above the header); thousands separators; dates as 2025-12-31, 2025/12/31, 2025年12月31日 or an
Excel date, quarters as 2025Q4 or 2025年四季度; names in place of codes (长寿区, 中国工商银行重庆长寿支行);
a final 合计 row, which must equal the sum of the rows above it (allowing for the rounding of what is written)
and is then dropped; blank rows. Numbers are read as the steward wrote them: an Excel number as the decimal
Excel shows in its formula bar (text_of), never with the binary noise of the float it is stored as.

Reading never stops at the first problem: every problem of the file is collected, and the rows are still
returned as well as they could be read, so that the quality gate can report its own findings in the same
answer (scripts/publishing/ingest.py). Values are not judged here (that is the gate's job); only what reading must
decide: which sheet and row hold the data, which column is which, the unit, the total.
"""
from __future__ import annotations

import csv
import datetime as dt
import difflib
import io
import math
import re
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from scripts.configuration import quarters, raw_contract, submission_format
from scripts.configuration.text import either, joined, pair, words
from scripts.configuration.submission_format import (AMOUNT_COLUMNS, CODE_LISTS, COLUMN_HEADERS_ZH, DATE_COLUMNS,
                                       MIXED_UNIT_SOURCES, OPTIONAL_COLUMNS, PERIOD_COLUMNS, PROVENANCE_NAMES, QUARTER_END_COLUMNS,
                                       SOURCE_NAMES, SUBTOTAL_ROW_LABELS, TOTAL_ROW_LABELS, code_for, coverage_key, money_factors,
                                       normalised_text)

HEADER_SEARCH_ROWS = 10  # a title, a unit line and blank rows may sit above the header
THOUSANDS = re.compile(r"^[+-]?\d{1,3}([,，]\d{3})+(\.\d+)?$")
UNIT_IN_HEADER = re.compile(r"^(.*)\(([^()]+)\)$")
UNIT_LINE = re.compile(r"(?:单位|unit):([^()]+)\)?$", re.IGNORECASE)
CHINESE_QUARTERS = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
QUARTER = re.compile(r"^(\d{4})(?:q|年第?)([1-4一二三四])(?:季度|季)?$", re.IGNORECASE)
MONTH = re.compile(r"^(\d{4})年(\d{1,2})月(?:末)?$")
DAY = re.compile(r"^(\d{4})(?:[-/.]|年)(\d{1,2})(?:[-/.]|月)(\d{1,2})日?$")
COMPACT_DAY = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
# An amount written 15,000 in a CSV without quotes arrives as two cells, 15 and 000.
SPLIT_THOUSANDS = (re.compile(r"^[+-]?\d{1,3}$"), re.compile(r"^\d{3}(\.\d+)?$"))
UNKNOWN_SOURCE = "unknown"  # a package file none of whose sheets could be read
# Headers as a Big5 (Traditional Chinese) file writes them; read as GBK they are mojibake.
TRADITIONAL_HEADER_WORDS = ("地區", "機構", "報告期", "統計", "餘額", "貸款", "單位", "債券", "發行", "數值", "指標")
# Excel keeps 15 significant digits of what is typed (more are cut off) and shows at most 15: a float read from
# a workbook is the number written at 15 significant digits, whatever noise its binary form carries.
EXCEL_DIGITS = 15
YEAR_SUFFIX = "年"  # a year written 2025年


@dataclass(frozen=True)
class SubmissionProblem:
    """One thing wrong with a submitted file, located as precisely as it can be, in Chinese and English (the rule
    as the text catalog, scripts/configuration/text.py, words it)."""
    file: str
    sheet: str | None
    row: int | None
    column: str | None
    value: str | None
    rule_zh: str
    rule_en: str

    def __str__(self) -> str:
        where = [f"file {self.file}"] + ([f"sheet {self.sheet}"] if self.sheet else []) + (
            [f"row {self.row}"] if self.row is not None else []) + ([f"column {self.column}"] if self.column else [])
        value = f", value {self.value!r}" if self.value is not None else ""
        return f"{', '.join(where)}{value}: {self.rule_zh} / {self.rule_en}"

    @classmethod
    def of(cls, key: str, file: str, sheet: str | None = None, row: int | None = None, column: str | None = None,
           value: object = None, **values) -> "SubmissionProblem":
        """The problem the catalog's `key` states, with `values` filled in, at a file's sheet, row and column."""
        return cls(file, sheet, row, column, None if value is None else str(value), *pair(key, **values))


@dataclass
class ParsedSubmission:
    source: str
    filename: str
    sheet: str | None = None
    encoding: str | None = None
    header_row: int | None = None
    headers: dict[str, str] = field(default_factory=dict)  # contract column -> header as written in the file
    ignored_headers: list[str] = field(default_factory=list)
    header_unit: str | None = None  # a unit written in the amount's header: 余额（万元）
    declared_unit: str | None = None  # the unit of every row that has none of its own
    total_row: int | None = None
    total: str | None = None  # the verified total, as written, in `total_unit`
    total_unit: str | None = None
    rows: list[dict[str, str | int]] = field(default_factory=list)
    problems: list[SubmissionProblem] = field(default_factory=list)
    covers: tuple[dt.date, dt.date] | None = None  # bonds: the issue dates the file reports in full
    # (row, position) -> formula, for the workbook's formula cells that have no saved value (read as blank)
    unsaved_formulas: dict[tuple[int, int], str] = field(default_factory=dict)
    # Submitted regions and institutions (submission_format.SUBMITTED_REFERENCE) whose names may stand for codes
    reference: dict[str, list[dict]] | None = field(default=None, repr=False)

    @property
    def label(self) -> str:
        """How the quality gate names this file in its messages: Excel's [book]sheet notation for a workbook."""
        return f"[{self.filename}]{self.sheet}" if self.sheet else self.filename

    def problem(self, key: str, row: int | None = None, column: str | None = None, value: object = None,
                **values) -> None:
        """The problem the catalog's `key` states (with `values`), at `row`, `column` and `value` of this file."""
        shown_column = None if column is None else self.column_label(column)
        self.problems.append(SubmissionProblem.of(key, self.filename, self.sheet, row, shown_column, value, **values))

    def column_label(self, column: str) -> str:
        written = self.headers.get(column)
        return f"{written} ({column})" if written and written != column else column

    def coverage(self) -> list[tuple[str, ...]]:
        """The slices of the source this file replaces (scripts/submission_format.coverage_key)."""
        if self.source != "green_bonds":
            return sorted({coverage_key(self.source, row) for row in self.rows})
        window = self.covers or self.issue_date_span()
        if window is None:
            return sorted({coverage_key(self.source, row) for row in self.rows})
        regions = sorted({str(row["region_code"]) for row in self.rows})
        return [(region, quarter) for region in regions for quarter in quarters.quarters_between(*window)]

    def issue_date_span(self) -> tuple[dt.date, dt.date] | None:
        days = [parsed for row in self.rows if (parsed := iso_date(str(row["issue_date"])))]
        return (min(days), max(days)) if days else None

    def periods(self) -> list[str]:
        """The periods the file covers, as a steward names them."""
        if self.source == "green_bonds":
            return sorted({quarter for _, quarter in self.coverage()})
        column = PERIOD_COLUMNS.get(self.source)
        return sorted({str(row[column]) for row in self.rows}) if column else []

    def regions(self) -> list[str]:
        return sorted({str(row["region_code"]) for row in self.rows if row.get("region_code")})


def iso_date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def read_submission(content: bytes, filename: str, source: str, covers: tuple[dt.date, dt.date] | None = None,
                    reference: dict[str, list[dict]] | None = None) -> ParsedSubmission:
    """Every row of the file in the contract's columns (as text), plus every problem found. `reference`: the
    submitted regions and institutions, whose names may be written in place of their codes as the seeds' may."""
    parsed = ParsedSubmission(source=source, filename=filename, covers=covers, reference=reference)
    grid = read_grid(content, parsed)
    if grid is None:
        return parsed
    return read_rows(grid, parsed)


def read_package(content: bytes, filename: str, source: str | None = None,
                 covers: tuple[dt.date, dt.date] | None = None,
                 reference: dict[str, list[dict]] | None = None) -> list[ParsedSubmission]:
    """The parts of one file of a reporting round: with `source` given, the file's one data sheet; without,
    every sheet (or the CSV) whose header names a source's columns, each read as that source. A sheet that
    looks like no source (a notes sheet) is skipped; a file where none does is one problem."""
    if source:
        return [read_submission(content, filename, source, covers, reference)]
    probe = ParsedSubmission(source=UNKNOWN_SOURCE, filename=filename, covers=covers)
    sheets = read_sheets(content, probe)
    if sheets is None:
        return [probe]
    parts = []
    for title, grid in sheets:
        told = source_of_sheet(title, grid)
        if told is None:
            continue
        if isinstance(told, list):
            probe.sheet = title
            probe.problem("sub_sheet_ambiguous", sources=joined(told))
            continue
        parsed = ParsedSubmission(source=told, filename=filename, sheet=title, encoding=probe.encoding,
                                  covers=covers, reference=reference)
        if parsed.encoding == "XLSX":
            find_unsaved_formulas(content, grid, parsed)
        parts.append(read_rows(grid, parsed))
    if not parts and not probe.problems:
        known = "; ".join(f"{name}: {zh}" for name, (zh, _) in SOURCE_NAMES.items())
        probe.problem("sub_no_known_sheet", known=known)
    return parts + ([probe] if probe.problems else [])


def source_of_sheet(title: str | None, grid: list[tuple[int, list]]) -> str | list[str] | None:
    """The source a sheet holds: the one its name gives (green_loans, 绿色贷款专项统计), else the one whose
    required columns its header has, the most specific first (a green-loan header also has every column of
    all loans). A list when two equally specific sources fit; None when none does."""
    named = {normalised_text(name): source for source, names in SOURCE_NAMES.items()
             for name in (source, *names)}
    fitting = [source for source in raw_contract.source_names()
               if any(header_columns(cells, source)[0] >= required_columns(source)
                      for _, cells in grid[:HEADER_SEARCH_ROWS])]
    if title and (by_name := named.get(normalised_text(title))) in fitting:
        return by_name
    if not fitting:
        return None
    widest = max(len(required_columns(source)) for source in fitting)
    best = [source for source in fitting if len(required_columns(source)) == widest]
    return best[0] if len(best) == 1 else best


def read_rows(grid: list[tuple[int, list]], parsed: ParsedSubmission) -> ParsedSubmission:
    """The rows of one sheet (or CSV) read as `parsed.source`."""
    header_index = find_header(grid, parsed)
    if header_index is None:
        report_unsaved_formulas(parsed, {})
        return parsed
    positions = map_header(grid[header_index][1], parsed)
    report_unsaved_formulas(parsed, positions)
    parsed.header_row = grid[header_index][0]
    parsed.declared_unit = declared_unit(grid[:header_index], parsed)
    body = [(number, cells) for number, cells in grid[header_index + 1:] if any(text_of(cell) for cell in cells)]
    width = filled_width(grid[header_index][1])
    for number, cells in body:
        check_row_width(number, cells, width, parsed)
    body = split_total(body, positions, parsed)
    for number, cells in body:
        parsed.rows.append(contract_row(number, cells, positions, parsed))
    if not parsed.rows:
        parsed.problem("sub_no_data_rows")
    check_units(parsed)
    if parsed.total is not None:
        check_total(parsed)
    return parsed


# --- the grid: (row number, cells) as a spreadsheet shows them ----------------------------------------------

def read_grid(content: bytes, parsed: ParsedSubmission) -> list[tuple[int, list]] | None:
    """The one sheet (or CSV) holding `parsed.source`'s data."""
    sheets = read_sheets(content, parsed)
    if sheets is None:
        return None
    if parsed.encoding != "XLSX":
        return sheets[0][1]
    return pick_sheet(content, sheets, parsed)


def read_sheets(content: bytes, parsed: ParsedSubmission) -> list[tuple[str | None, list[tuple[int, list]]]] | None:
    """Every sheet of a workbook as (title, grid), or a CSV as one untitled grid; None, with the problem said,
    when the file cannot be read."""
    name = parsed.filename.lower()
    if name.endswith(".xls") or content[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        parsed.problem("sub_old_xls")
        return None
    if content[:4] == b"PK\x03\x04" or name.endswith((".xlsx", ".xlsm")):
        return read_workbook(content, parsed)
    grid = read_csv(content, parsed)
    return None if grid is None else [(None, grid)]


def read_csv(content: bytes, parsed: ParsedSubmission) -> list[tuple[int, list]] | None:
    text = decoded(content, parsed)
    if text is None:
        return None
    records = []
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        for record in reader:
            if not within_bounds(reader.line_num, len(record), parsed):
                return None
            records.append(record)
    except csv.Error as error:  # e.g. a single cell longer than 128 KB, or a stray NUL
        parsed.problem("sub_csv_unreadable", row=reader.line_num, error=error)
        return None
    if not any(any(cell.strip() for cell in record) for record in records):
        parsed.problem("sub_empty_file")
        return None
    return list(enumerate(records, start=1))


def decoded(content: bytes, parsed: ParsedSubmission) -> str | None:
    """The CSV's text: UTF-8 (with or without BOM) or GBK, as Excel saves CSV; a Big5 file is named as such."""
    if content.startswith(b"\xef\xbb\xbf"):
        parsed.encoding = "UTF-8 (BOM)"
        return content[3:].decode("utf-8", errors="replace")
    try:
        text, parsed.encoding = content.decode("utf-8"), "UTF-8"
        return text
    except UnicodeDecodeError:
        pass
    try:  # GB18030 reads every GBK (and GB2312) file, as Excel saves CSV on Chinese Windows
        text = content.decode("gb18030")
    except UnicodeDecodeError as error:
        parsed.problem("sub_unknown_encoding", reason=error.reason)
        return None
    if looks_like_big5(content, text):
        parsed.problem("sub_big5")
        return None
    parsed.encoding = "GBK"
    return text


def looks_like_big5(content: bytes, as_gbk: str) -> bool:
    """Big5 bytes decode as GBK without error, into nonsense: a Big5 file is one whose Big5 reading has the
    traditional forms of our headers while its GBK reading has none of the simplified ones."""
    try:
        as_big5 = content.decode("big5")
    except UnicodeDecodeError:
        return False
    simplified = {header for headers in COLUMN_HEADERS_ZH.values() for header in headers if len(header) > 1}
    return (any(word in as_big5 for word in TRADITIONAL_HEADER_WORDS)
            and not any(header in as_gbk for header in simplified))


def within_bounds(row_number: int, cell_count: int, parsed: ParsedSubmission) -> bool:
    """False, with the problem said, once a sheet has more rows or a row more cells than the bounds allow."""
    if row_number > submission_format.MAX_ROWS:
        parsed.problem("sub_too_many_rows", row=row_number, limit=submission_format.MAX_ROWS)
        return False
    if cell_count > submission_format.MAX_COLUMNS:
        parsed.problem("sub_too_many_cells", row=row_number, count=cell_count, limit=submission_format.MAX_COLUMNS)
        return False
    return True


def read_workbook(content: bytes, parsed: ParsedSubmission) -> list[tuple[str, list[tuple[int, list]]]] | None:
    import openpyxl  # only workbooks need it

    parsed.encoding = "XLSX"
    try:
        if unpacks_too_large(content, parsed):
            return None
        workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        parsed.problem("sub_workbook_unopenable", error=error)
        return None
    try:
        sheets = {}
        for sheet in workbook.worksheets:
            sheet.reset_dimensions()  # the size a file declares is not trusted: only its cells are read
            rows = []
            for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
                if not within_bounds(number, filled_width(values), parsed):
                    return None
                rows.append((number, list(values)))
            sheets[sheet.title] = rows
    finally:
        workbook.close()
    if not any(text_of(cell) for grid in sheets.values() for _, cells in grid for cell in cells):
        parsed.problem("sub_empty_file")
        return None
    return list(sheets.items())


def pick_sheet(content: bytes, sheets: list[tuple[str, list[tuple[int, list]]]],
               parsed: ParsedSubmission) -> list | None:
    """The workbook's one sheet with a header of `parsed.source` (or its first sheet, for the header problem)."""
    with_data = [title for title, grid in sheets
                 if any(header_columns(cells, parsed.source)[0] >= required_columns(parsed.source)
                        for _, cells in grid[:HEADER_SEARCH_ROWS])]
    if len(with_data) > 1:
        parsed.problem("sub_several_data_sheets", sheets=joined(with_data))
        return None
    parsed.sheet = with_data[0] if with_data else sheets[0][0]
    grid = dict(sheets)[parsed.sheet]
    find_unsaved_formulas(content, grid, parsed)
    return grid


def find_unsaved_formulas(content: bytes, grid: list[tuple[int, list]], parsed: ParsedSubmission) -> None:
    """A formula cell whose value was never calculated and saved (a file written by a program and not opened in
    Excel) reads as blank. Its formula is looked up in a second pass over the data sheet, with formulas instead
    of values, made only when the first pass met a cell that is present in the file but has no value."""
    import openpyxl

    if not any(cell is None for _, cells in grid for cell in cells):
        return
    read = dict(grid)
    workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=False)
    try:
        sheet = workbook[parsed.sheet]
        sheet.reset_dimensions()
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            cells = read.get(number, [])
            for position, value in enumerate(values):
                formula = getattr(value, "text", value)  # an array formula is an object holding its text
                if (isinstance(formula, str) and formula.startswith("=") and position < len(cells)
                        and cells[position] is None):
                    parsed.unsaved_formulas[number, position] = formula
    finally:
        workbook.close()


def report_unsaved_formulas(parsed: ParsedSubmission, positions: dict[str, int]) -> None:
    from openpyxl.utils import get_column_letter

    columns = {position: column for column, position in positions.items()}
    for (number, position), formula in sorted(parsed.unsaved_formulas.items()):
        column = columns.get(position) or get_column_letter(position + 1)
        parsed.problem("sub_unsaved_formula", row=number, column=column, value=formula)


def unpacks_too_large(content: bytes, parsed: ParsedSubmission) -> bool:
    """An XLSX is a zip: its parts are unpacked here, counting, before any is parsed, so that a small file that
    unpacks to gigabytes (a zip bomb) is refused in a second, whatever sizes the zip declares."""
    limit = submission_format.MAX_UNPACKED_BYTES
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        members = archive.infolist()
        unpacked = 0
        if len(members) <= submission_format.MAX_ZIP_MEMBERS:
            for member in members:
                with archive.open(member) as part:
                    while chunk := part.read(1 << 20):
                        unpacked += len(chunk)
                        if unpacked > limit:
                            break
                if unpacked > limit:
                    break
    if len(members) > submission_format.MAX_ZIP_MEMBERS or unpacked > limit:
        parsed.problem("sub_unpacks_too_large", limit_mb=limit // (1 << 20))
        return True
    return False


def filled_width(cells) -> int:
    """How many cells a row spans up to its last non-empty one."""
    return next((index + 1 for index in range(len(cells) - 1, -1, -1) if text_of(cells[index])), 0)


def text_of(cell: object) -> str:
    """A cell as text: integral numbers without '.0' (Excel stores codes such as 500115 as numbers), dates
    as YYYY-MM-DD, other numbers as the decimal the steward typed and Excel shows: the float at 15 significant
    digits (6468334.97 is stored as 6468334.9699999997…, and read back as 6468334.97). This is repr(float)
    for every number typed with up to 15 significant digits, and what Excel shows for a formula's result
    (0.1+0.2 is 0.3). A cell's display format (0.00) is not applied: it rounds only what is shown, and Excel's
    own sums work with the number stored."""
    if cell is None:
        return ""
    if isinstance(cell, dt.datetime):
        return cell.date().isoformat()
    if isinstance(cell, dt.date):
        return cell.isoformat()
    if isinstance(cell, bool):
        return str(cell)
    if isinstance(cell, int):
        return str(cell)
    if isinstance(cell, float):
        if not math.isfinite(cell):
            return str(cell)
        return f"{Decimal(f'{cell:.{EXCEL_DIGITS}g}').normalize() + 0:f}"  # + 0: -0 is 0
    return str(cell).strip()


# --- the header ---------------------------------------------------------------------------------------------

def required_columns(source: str) -> set[str]:
    """The columns a file must have; the unit column may be replaced by a declaration."""
    unit_column = AMOUNT_COLUMNS.get(source, (None, None))[1]
    return set(raw_contract.column_names(source)) - set(OPTIONAL_COLUMNS) - {unit_column}


def header_columns(cells: list, source: str) -> tuple[set[str], dict[int, tuple[str, str | None]]]:
    """Which contract columns a row's cells name: (the set, position -> (column, unit in brackets))."""
    found = {}
    for position, cell in enumerate(cells):
        label = normalised_text(text_of(cell))
        unit = None
        if match := UNIT_IN_HEADER.match(label):
            label, unit = match.group(1), match.group(2)
        for column in raw_contract.column_names(source):
            names = {column, *(normalised_text(zh) for zh in COLUMN_HEADERS_ZH.get(column, ()))}
            names |= {zh + column for zh in names}  # the templates' bilingual header: 地区 region_code
            if label in names and column not in {taken for taken, _ in found.values()}:
                found[position] = (column, unit)
                break
    return {column for column, _ in found.values()}, found


def find_header(grid: list[tuple[int, list]], parsed: ParsedSubmission) -> int | None:
    needed = required_columns(parsed.source)
    best_index, best = None, set()
    for index, (_, cells) in enumerate(grid[:HEADER_SEARCH_ROWS]):
        columns, _ = header_columns(cells, parsed.source)
        if columns >= needed:
            return index
        if len(columns) > len(best):
            best_index, best = index, columns
    missing = sorted(needed - best)
    accepted = "; ".join(f"{column}: {' / '.join(COLUMN_HEADERS_ZH.get(column, ()))}" for column in missing)
    if best_index is None:  # nothing recognised: the first row with text is taken for the header
        best_index = next((index for index, (_, cells) in enumerate(grid[:HEADER_SEARCH_ROWS])
                           if any(text_of(cell) for cell in cells)), None)
    row = grid[best_index][0] if best_index is not None else None
    typos = header_typos(grid[best_index][1], missing, parsed.source) if best_index is not None else []
    typos = joined([words("sub_header_typo", written=written, meant=meant) for written, meant in typos], "", "")
    parsed.problem("sub_no_header", row=row, count=len(missing), searched=HEADER_SEARCH_ROWS, missing=joined(missing),
                   accepted=accepted, typos=typos)
    return None


def header_typos(cells: list, missing: list[str], source: str) -> list[tuple[str, str]]:
    """(header as written, accepted header it is close to) for the row's unrecognised cells, among the headers
    of the missing columns: a misspelt header (instituton_code, 机够名称) is pointed at, not just reported missing."""
    _, found = header_columns(cells, source)
    accepted = {}  # normalised -> as the templates and the list of accepted headers write it
    for column in missing:
        for name in (column, *COLUMN_HEADERS_ZH.get(column, ())):
            accepted[normalised_text(name)] = name
        for zh in COLUMN_HEADERS_ZH.get(column, ()):
            accepted[normalised_text(zh + column)] = f"{zh} {column}"
    typos = []
    for position, cell in enumerate(cells):
        written = text_of(cell)
        label = normalised_text(written)
        if match := UNIT_IN_HEADER.match(label):
            label = match.group(1)
        if position in found or not label:
            continue
        if close := difflib.get_close_matches(label, list(accepted), n=1):
            typos.append((written, accepted[close[0]]))
    return typos


def map_header(cells: list, parsed: ParsedSubmission) -> dict[str, int] | None:
    """Contract column -> position. Columns the contract does not know (序号, 备注) are ignored and listed."""
    _, found = header_columns(cells, parsed.source)
    positions = {}
    amount_column = AMOUNT_COLUMNS.get(parsed.source, (None, None))[0]
    for position, (column, unit) in found.items():
        positions[column] = position
        parsed.headers[column] = text_of(cells[position])
        if unit and column == amount_column:
            parsed.header_unit = unit
        elif unit:
            parsed.problem("sub_unit_on_other_header", row=None, column=column, value=text_of(cells[position]))
    used = set(positions.values())
    parsed.ignored_headers = [text_of(cell) for position, cell in enumerate(cells)
                              if position not in used and text_of(cell)]
    return positions


def declared_unit(rows_above: list[tuple[int, list]], parsed: ParsedSubmission) -> str | None:
    """The unit declared for the whole file: in the amount's header, or on a line above the header."""
    header_unit = parsed.header_unit
    line_units = {(number, match.group(1)) for number, cells in rows_above for cell in cells
                  if (match := UNIT_LINE.search(normalised_text(text_of(cell))))}
    units = {unit for _, unit in line_units} | ({header_unit} if header_unit else set())
    if len(units) > 1:
        parsed.problem("sub_conflicting_units", units=joined(sorted(units)),
                       row=min(number for number, _ in line_units) if line_units else parsed.header_row)
        return None
    return units.pop() if units else None


# --- the rows -----------------------------------------------------------------------------------------------

def is_labelled(cells: list, labels: tuple[str, ...]) -> bool:
    return any(normalised_text(text_of(cell)) in labels for cell in cells)


def check_row_width(number: int, cells: list, width: int, parsed: ParsedSubmission) -> None:
    """A row must fit under its header: a cell beyond the header's last column, or (in a CSV, where every row
    has all its cells) a row with fewer cells than the header, means the columns have shifted."""
    filled = filled_width(cells)
    short = parsed.encoding != "XLSX" and len(cells) < width
    if filled <= width and not short:
        return
    count = len(cells) if parsed.encoding != "XLSX" else filled
    texts = [text_of(cell) for cell in cells]
    split = next((f"{first},{second}" for first, second in zip(texts, texts[1:])
                  if SPLIT_THOUSANDS[0].match(first) and SPLIT_THOUSANDS[1].match(second)), None)
    cause = words("sub_split_thousands", split=split) if split and not short else ""
    parsed.problem("sub_row_too_wide", row=number, value=",".join(texts[:width + 3])[:200], count=count, width=width,
                   cause=cause)


def split_total(body: list[tuple[int, list]], positions: dict[str, int],
                parsed: ParsedSubmission) -> list[tuple[int, list]]:
    """The data rows without the final 合计 row, which is kept (as written) to be checked against them."""
    kept = []
    for index, (number, cells) in enumerate(body):
        if is_labelled(cells, SUBTOTAL_ROW_LABELS):
            parsed.problem("sub_subtotal_row", row=number)
        elif is_labelled(cells, TOTAL_ROW_LABELS):
            if index != len(body) - 1:
                parsed.problem("sub_total_not_last", row=number)
            elif parsed.source in MIXED_UNIT_SOURCES:
                parsed.problem("sub_total_of_indicators", row=number)
            elif parsed.source not in AMOUNT_COLUMNS:
                parsed.problem("sub_total_without_amounts", row=number)
            else:
                amount_column, unit_column = AMOUNT_COLUMNS[parsed.source]
                parsed.total = amount_text(cell_text(cells, positions.get(amount_column)))
                parsed.total_unit = cell_text(cells, positions.get(unit_column)) or None
                parsed.total_row = number
        else:
            kept.append((number, cells))
    return kept


def cell_text(cells: list, position: int | None) -> str:
    """The text of a row's cell at a header position; a workbook row ends at its last written cell."""
    return text_of(cells[position]) if position is not None and position < len(cells) else ""


def amount_text(text: str) -> str:
    """1,234.56 -> 1234.56 (only a well-formed thousands grouping; anything else is left for the gate)."""
    compact = "".join(text.split())
    return compact.replace(",", "").replace("，", "") if THOUSANDS.match(compact) else text


def is_impossible_date(text: str) -> bool:
    """Written as a day (2025-02-29, 2025年2月29日, 20250229) that the calendar does not have."""
    compact = "".join(text.split())
    if match := DAY.match(compact) or COMPACT_DAY.match(compact):
        try:
            dt.date(*(int(part) for part in match.groups()))
        except ValueError:
            return True
    return False


def date_text(text: str, quarter_end: bool) -> str:
    compact = "".join(text.split())
    if match := DAY.match(compact) or COMPACT_DAY.match(compact):
        try:
            return dt.date(*(int(part) for part in match.groups())).isoformat()
        except ValueError:  # reported by contract_row (is_impossible_date); left as written for the gate
            return text
    if quarter_end and (match := QUARTER.match(compact)):
        return quarters.quarter_end(int(match.group(1)), CHINESE_QUARTERS[match.group(2)]).isoformat()
    if quarter_end and (match := MONTH.match(compact)):
        year, month = int(match.group(1)), int(match.group(2))
        if 1 <= month <= 12:
            return quarters.month_end(year, month).isoformat()
    return text


def contract_row(number: int, cells: list, positions: dict[str, int], parsed: ParsedSubmission) -> dict:
    amount_column, unit_column = AMOUNT_COLUMNS.get(parsed.source, (None, None))
    row: dict[str, str | int] = {}
    for column in raw_contract.column_names(parsed.source):
        position = positions.get(column)
        text = cell_text(cells, position)
        if column in DATE_COLUMNS:
            if is_impossible_date(text):
                parsed.problem("sub_impossible_date", row=number, column=column, value=text)
            text = date_text(text, column in QUARTER_END_COLUMNS)
        elif column == "year":
            text = text.removesuffix(YEAR_SUFFIX)
        elif column == amount_column:
            text = amount_text(text)
        elif column == unit_column:
            text = text.strip()
        elif column == "provenance":  # a blank cell means what leaving the column out means: official
            text = PROVENANCE_NAMES.get(text, text) if text else OPTIONAL_COLUMNS[column]
        row[column] = text
    for column in CODE_LISTS:  # after the row is read: a category's name is looked up within its basis
        if column in row and row[column]:
            row[column] = code_for(column, str(row[column]), row, parsed.reference)
    row["_source_file"], row["_source_row"] = parsed.label, number
    return row


def check_units(parsed: ParsedSubmission) -> None:
    """Every row gets a unit: its own, else the file's declaration; the two must not disagree."""
    if parsed.source not in AMOUNT_COLUMNS:  # nothing to measure
        return
    _, unit_column = AMOUNT_COLUMNS[parsed.source]
    undeclared = []
    for row in parsed.rows:
        own = str(row[unit_column])
        if own and parsed.declared_unit and own != parsed.declared_unit:
            parsed.problem("sub_row_unit_differs", row=int(row["_source_row"]), column=unit_column, value=own,
                           declared=parsed.declared_unit)
        elif not own and parsed.declared_unit:
            row[unit_column] = parsed.declared_unit
        elif not own:
            undeclared.append(int(row["_source_row"]))
    if undeclared:
        amount_column = AMOUNT_COLUMNS[parsed.source][0]
        example = f"{COLUMN_HEADERS_ZH[amount_column][0]}（万元）"
        parsed.problem("sub_no_unit", column=unit_column, count=len(undeclared), lines=rows_text(undeclared),
                       unit_column=either(COLUMN_HEADERS_ZH[unit_column][0], unit_column), example=example)


def rows_text(numbers: list[int]) -> str:
    return ", ".join(map(str, numbers[:10])) + (f" … ({len(numbers)})" if len(numbers) > 10 else "")


def check_total(parsed: ParsedSubmission) -> None:
    """The 合计 row must equal the sum of the rows above it, allowing for rounding: each figure written with n
    decimals stands for a number within half a unit of its last digit (0.005 for 2 decimals, 0.5 for none),
    the rows and the total alike. So the written total may differ from the sum of the written rows by at most
    the sum of those half units (each row's in the total's unit, plus the total's own): a total rounded from
    unrounded figures passes, a total off by more than rounding can explain (100 万元 in rows written to the
    万元 or finer) is rejected. Every number in the message is as written, or an exact sum of numbers as written."""
    amount_column, unit_column = AMOUNT_COLUMNS[parsed.source]
    total_row = parsed.total_row
    unit = parsed.total_unit or parsed.declared_unit or next(iter({str(row[unit_column]) for row in parsed.rows}))
    try:
        total = Decimal(parsed.total)
    except InvalidOperation:
        if not parsed.total and any(number == total_row for number, _ in parsed.unsaved_formulas):
            return  # an unsaved formula, already named (report_unsaved_formulas)
        parsed.problem("sub_total_not_a_number", row=total_row, column=amount_column, value=parsed.total)
        return
    factors = money_factors()
    summed, tolerance = Decimal(0), half_unit(total)
    for row in parsed.rows:
        try:
            written = Decimal(str(row[amount_column]))
            factor = factors[str(row[unit_column])] / factors[unit]
        except (InvalidOperation, KeyError):
            parsed.problem("sub_total_uncheckable", row=total_row, column=amount_column, value=parsed.total,
                           line=row["_source_row"])
            return
        summed += written * factor
        tolerance += half_unit(written) * factor
    if unit not in factors:
        return
    if abs(total - summed) > tolerance:
        parsed.problem("sub_total_mismatch", row=total_row, column=amount_column, value=parsed.total,
                       total=parsed.total, unit=unit, summed=f"{summed.normalize():f}",
                       difference=f"{(total - summed).normalize():f}")
    else:
        parsed.total_unit = unit


def half_unit(written: Decimal) -> Decimal:
    """Half a unit of a written number's last decimal: 0.005 for 1234.56, 0.5 for 1234 (and for 1.2E+3)."""
    return Decimal(5).scaleb(min(written.as_tuple().exponent, 0) - 1)


def check_department(parsed: ParsedSubmission, department: str) -> None:
    """A department account (scripts/administration/accounts.py) reports only for itself: every row's reporting department
    must be its own (a blank one is taken to be it)."""
    for row in parsed.rows:
        written = str(row.get("reporting_department") or "")
        if not written:
            row["reporting_department"] = department
        elif written != department:
            parsed.problem("sub_other_department", row=int(row["_source_row"]), column="reporting_department",
                           value=written, department=department)
