"""Ingestion: load every raw file into the `raw` schema of a DuckDB file, unchanged.

Two kinds of input. Each source has a folder <raw_dir>/<source>/ holding CSV files in the contract's format
(UTF-8, header row first; the sample data lands there). On top of them come the data stewards' accepted
submissions (scripts/ingestion/submission_store.py), in the order they were accepted: each replaces, in the slices it
covers, every row loaded before it. Cells are loaded as text exactly as submitted, plus the file and row
they came from and the submission they belong to, so that every later check can point a data steward to the
exact cell. This step checks structure only (readable file, expected header, no ragged rows); the values
are checked by the quality gate and the dbt tests on the raw sources. The accepted submissions themselves
are listed in `ingestion.submissions`.

A well-formed file is read by DuckDB itself, straight into the table (memory stays flat for millions of rows);
any other file (a blank line, a header that is not exactly the contract's, a ragged row, not UTF-8) goes to the
row-by-row reader, which names every fault with its row. Both number rows as records (header = row 1) and
leave out rows with no cell filled in.

Usage: python -m scripts.ingestion.load_raw --db FILE [--raw-dir DIR]
"""
from __future__ import annotations

import argparse
import csv
import io
import tempfile
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from scripts.configuration import db, paths, raw_contract
from scripts.configuration.db import quoted
from scripts.configuration.submission_format import COVERAGE_COLUMNS, SUBMITTED_REFERENCE, coverage_key
from scripts.configuration.text import pair
from scripts.ingestion.submission_store import Submission, SubmissionStore


HEADER_SEARCH_ROWS = 10  # how far down a misplaced header (below a title row) is looked for


@dataclass(frozen=True)
class RawProblem:
    """One structural fault of a raw file, located, with its rule in Chinese and English (the text catalog's
    `raw_` keys)."""
    file: str
    row: int | None
    column: str | None
    value: str | None
    rule_zh: str
    rule_en: str

    @classmethod
    def of(cls, key: str, file: str, row: int | None = None, column: str | None = None, **values) -> "RawProblem":
        return cls(file, row, column, None, *pair(key, **values))

    def __str__(self) -> str:
        where = self.file + (f", row {self.row}" if self.row is not None else "")
        what = (f", column {self.column}" if self.column else "") + (
            f", value {self.value!r}" if self.value is not None else "")
        return f"{where}{what}: {self.rule_zh} / {self.rule_en}"


class RawInputError(Exception):
    """Raised with every structural problem found, not just the first."""

    def __init__(self, problems: list[RawProblem]):
        self.problems = problems
        super().__init__("rejected raw input:\n" + "\n".join(f"  - {problem}" for problem in problems))


def read_raw_file(path: Path, label: str, expected: list[str]) -> tuple[list[list[str]], list[RawProblem]]:
    """Rows of one file as text, each followed by its row number (header = row 1)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        return [], [RawProblem.of("raw_not_utf8", label, reason=error.reason)]
    # Rows are counted as records, as a spreadsheet shows them, even if a quoted cell spans lines.
    records = list(csv.reader(io.StringIO(text, newline="")))
    if not records or not any(cell.strip() for cell in records[0]):
        return [], [RawProblem.of("raw_empty_file", label)]
    header = [cell.strip() for cell in records[0]]
    header_row = next((number for number, record in enumerate(records[1:HEADER_SEARCH_ROWS], start=2)
                       if set(expected) <= {cell.strip() for cell in record}), None)
    if set(expected) - set(header) and header_row:
        return [], [RawProblem.of("raw_header_not_first", label, header_row, header_row=header_row,
                                  count=header_row - 1)]
    problems = [RawProblem.of("raw_missing_column", label, 1, column) for column in expected if column not in header]
    problems += [RawProblem.of("raw_unexpected_column", label, 1, column, expected=", ".join(expected))
                 for column in header if column not in expected]
    problems += [RawProblem.of("raw_repeated_column", label, 1, column)
                 for column in sorted({c for c in header if header.count(c) > 1})]
    if problems:
        return [], problems
    position = [header.index(column) for column in expected]
    rows = []
    for row_number, record in enumerate(records[1:], start=2):
        if not any(cell.strip() for cell in record):
            continue  # a blank line carries no data; keeping it would only produce spurious "blank" errors
        if len(record) != len(header):
            problems.append(RawProblem.of("raw_row_width", label, row_number, cells=len(record), width=len(header)))
            continue
        rows.append([record[index] for index in position] + [label, row_number, None])
    if not rows and not problems:
        problems.append(RawProblem.of("raw_no_data_rows", label))
    return rows, problems


SubmittedRows = tuple[Submission, list[dict[str, str]]]
SUBMISSION_TABLE = """
create or replace table ingestion.submissions (
    submission_id integer, source varchar, sha256 varchar, original_filename varchar, submitted_by varchar,
    submitted_at varchar, channel varchar, file_format varchar, sheet varchar, declared_unit varchar,
    total varchar, total_unit varchar, regions varchar, periods varchar, row_count integer
)"""
# DuckDB reads a file in the contract's CSV dialect, nothing guessed: comma, double quotes (doubled inside a
# quoted cell), header first; a row of the wrong width is an error (the row-by-row reader then names it).
# Empty cells stay empty text, as submitted.
CSV_OPTIONS = ("header = true, auto_detect = false, delim = ',', quote = '\"', escape = '\"', strict_mode = true, "
               "null_padding = false")
# A blank line (\n\n, \n\r\n, or one at the start): DuckDB skips it without counting it, which would shift
# every later row number, so such a file goes to the row-by-row reader.
SCAN_BYTES = 16 << 20  # the blank-line scan reads files this much at a time: flat memory for any file size
# What Python's str.strip() removes in the row-by-row reader, for the same notion of a blank cell in SQL.
WHITESPACE = " \t\r\n\f\v\u00a0\u3000"


def create_source_table(connection: duckdb.DuckDBPyConnection, source: str) -> None:
    cells = ", ".join(f"{quoted(column)} varchar" for column in raw_contract.column_names(source))
    connection.execute(f"create or replace table raw.{quoted(source)} ({cells}, _source_file varchar, "
                       "_source_row bigint, _submission_id bigint)")


def header_of(path: Path) -> list[str] | None:
    """The first record's cells, stripped; None if it cannot be read as UTF-8 text."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            return [cell.strip() for cell in next(csv.reader(handle), [])]
    except UnicodeDecodeError:
        return None


def has_blank_line(path: Path) -> bool:
    with path.open("rb") as handle:
        carried = b"\n"  # the file's start counts as a line end: a blank first line is a blank line
        while chunk := handle.read(SCAN_BYTES):
            window = carried + chunk
            if b"\n\n" in window or b"\n\r\n" in window:
                return True
            carried = window[-2:]
    return False


def bulk_load_file(connection: duckdb.DuckDBPyConnection, path: Path, label: str, source: str) -> bool:
    """Load one well-formed file with DuckDB's reader, numbering rows as records (header = row 1) and leaving
    out rows with no cell filled in; False if the file needs the row-by-row reader (a blank line, a header
    that is not exactly the contract's, or anything DuckDB refuses)."""
    expected = raw_contract.column_names(source)
    header = header_of(path)
    if header is None or sorted(header) != sorted(expected) or has_blank_line(path):
        return False
    columns = "{" + ", ".join(f"'{column}': 'varchar'" for column in header) + "}"
    # A row with no cell filled in is left out, as the row-by-row reader does: its cells together are blank.
    # Asked as "some character is not white space", of the first cell and only then of all of them: on millions
    # of rows that is a third of what trimming every row's joined cells costs.
    some_text = f"'[^{WHITESPACE}]'"
    filled = (f"regexp_matches({quoted(expected[0])}, {some_text}) or "
              f"regexp_matches(concat({', '.join(quoted(column) for column in expected)}), {some_text})")
    try:
        (loaded,) = connection.execute(f"""
            insert into raw.{quoted(source)}
            select {", ".join(quoted(column) for column in expected)}, ?, _source_row, null
            from (select *, row_number() over () + 1 as _source_row
                  from read_csv(?, {CSV_OPTIONS}, columns = {columns}, force_not_null = [{
                      ", ".join(f"'{column}'" for column in header)}]))
            where {filled}""", [label, str(path)]).fetchone()
    except duckdb.Error:  # the statement is atomic: nothing of the file stays
        return False
    return loaded > 0  # a file with no data rows: the row-by-row reader says so


def insert_rows(connection: duckdb.DuckDBPyConnection, source: str, rows: list[list]) -> None:
    """Rows of the row-by-row reader (contract columns, file, row, submission)."""
    if not rows:
        return
    columns = raw_contract.column_names(source) + list(raw_contract.LINEAGE_COLUMNS)
    frame = pd.DataFrame(rows, columns=columns).astype({column: "string" for column in columns[:-2]})
    frame = frame.astype({"_source_row": "int64", "_submission_id": "Int64"})
    connection.register("incoming", frame)
    connection.execute(f"insert into raw.{quoted(source)} by name select * from incoming")
    connection.unregister("incoming")


def load_folder_files(connection: duckdb.DuckDBPyConnection, raw_dir: Path, source: str) -> list[RawProblem]:
    """Every CSV file of the source's raw folder: DuckDB's reader where the file is well formed, the row-by-row
    reader (which names every structural fault) where it is not."""
    problems = []
    for path in sorted((raw_dir / source).glob("*.csv")):
        label = path.relative_to(raw_dir).as_posix()
        if bulk_load_file(connection, path, label, source):
            continue
        rows, file_problems = read_raw_file(path, label, raw_contract.column_names(source))
        problems += file_problems
        if not file_problems:
            insert_rows(connection, source, rows)
    return problems


def replace_covered_slices(connection: duckdb.DuckDBPyConnection, source: str, submission: Submission,
                           submitted: list[dict[str, str]]) -> None:
    """Apply one accepted submission: drop every loaded row in the slices it covers, then add its rows. Which
    rows are covered is coverage_key's rule, applied to each distinct combination of the coverage columns
    (a few thousand, whatever the rows)."""
    key_columns = list(COVERAGE_COLUMNS[source])
    table = f"raw.{quoted(source)}"
    selected = ", ".join(quoted(column) for column in key_columns)
    covered = submission.covered()
    combinations = db.records(connection, f"select distinct {selected} from {table}")
    replaced = [combination for combination in combinations if coverage_key(source, combination) in covered]
    if replaced:
        frame = pd.DataFrame(replaced, columns=key_columns).astype("string")
        connection.register("replaced", frame)
        matched = " and ".join(f"{table}.{quoted(column)} is not distinct from replaced.{quoted(column)}"
                               for column in key_columns)
        connection.execute(f"delete from {table} using replaced where {matched}")
        connection.unregister("replaced")
    expected = raw_contract.column_names(source)
    insert_rows(connection, source, [[row[column] for column in expected] + [
        row["_source_file"], int(row["_source_row"]), submission.submission_id] for row in submitted])


def load_source(connection: duckdb.DuckDBPyConnection, raw_dir: Path, source: str,
                submissions: list[SubmittedRows]) -> list[RawProblem]:
    """The rows of one source as the pipeline loads them: the raw folder's files, then each accepted submission
    of the source in order, replacing the slices it covers."""
    create_source_table(connection, source)
    problems = load_folder_files(connection, raw_dir, source)
    for submission, submitted in sorted(submissions, key=lambda item: item[0].submission_id):
        if submission.source == source:
            replace_covered_slices(connection, source, submission, submitted)
    return problems


def accepted_submissions(store: SubmissionStore | None = None) -> list[SubmittedRows]:
    store = store or SubmissionStore()
    return [(submission, store.rows(submission)) for submission in store.history()]


def loaded_source(raw_dir: Path, source: str, submissions: list[SubmittedRows], query: str) -> list[dict]:
    """`query` (on table `loaded`) over one source as a build on these inputs would load it, into a scratch
    file (not memory: a source may have millions of rows)."""
    with tempfile.TemporaryDirectory(prefix="gf-loaded-") as scratch, \
            duckdb.connect(str(Path(scratch) / "loaded.duckdb")) as connection:
        connection.execute("create schema raw")
        load_source(connection, raw_dir, source, list(submissions))
        connection.execute(f"create view loaded as select * from raw.{quoted(source)}")
        return db.records(connection, query)


def slices_present(raw_dir: Path, source: str, submissions: list[SubmittedRows]) -> set[tuple[str, ...]]:
    """The slices (submission_format.coverage_key) of `source` that a build on these inputs would have rows in."""
    selected = ", ".join(quoted(column) for column in COVERAGE_COLUMNS[source])
    return {coverage_key(source, row)
            for row in loaded_source(raw_dir, source, submissions, f"select distinct {selected} from loaded")}


def submitted_reference(raw_dir: Path, submissions: list[SubmittedRows]) -> dict[str, list[dict[str, str]]]:
    """The regions and institutions rows the pipeline would load (raw folder, then the accepted submissions),
    for the reader to accept their names in place of codes as it accepts the seeds'."""
    reference = {}
    for source in SUBMITTED_REFERENCE:
        selected = ", ".join(quoted(column) for column in raw_contract.column_names(source))
        reference[source] = [{column: value or "" for column, value in row.items()} for row in loaded_source(
            raw_dir, source, submissions, f"select {selected} from loaded order by _submission_id nulls first, "
            "_source_file, _source_row")]
    return reference


def load_raw(raw_dir: Path, db_path: Path, submissions: list[SubmittedRows] = ()) -> dict[str, int]:
    """Load all sources into db_path's raw schema, file by file inside DuckDB (memory stays flat however many
    rows); returns row counts. Raises RawInputError on any problem, after every file was looked at."""
    problems = []
    listed = pd.DataFrame([
        dict(submission_id=submission.submission_id, source=submission.source, sha256=submission.sha256,
             original_filename=submission.original_filename, submitted_by=submission.submitted_by,
             submitted_at=submission.submitted_at, channel=submission.channel,
             file_format=submission.file_format, sheet=submission.sheet, declared_unit=submission.declared_unit,
             total=submission.total, total_unit=submission.total_unit, regions=", ".join(submission.regions),
             periods=", ".join(submission.periods), row_count=submission.row_count)
        for submission, _ in submissions])
    db_path.parent.mkdir(parents=True, exist_ok=True)
    with duckdb.connect(str(db_path)) as connection:
        connection.execute(f"set memory_limit = '{db.PIPELINE_MEMORY_LIMIT}'")
        connection.execute("create schema if not exists raw")
        for source in raw_contract.source_names():
            problems += load_source(connection, raw_dir, source, list(submissions))
        if problems:
            raise RawInputError(problems)
        connection.execute("create schema if not exists ingestion")
        connection.execute(SUBMISSION_TABLE)
        if len(listed):
            connection.register("incoming", listed)
            connection.execute("insert into ingestion.submissions by name select * from incoming")
            connection.unregister("incoming")
        return {source: connection.execute(f"select count(*) from raw.{quoted(source)}").fetchone()[0]
                for source in raw_contract.source_names()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True, help="DuckDB file to load into")
    parser.add_argument("--raw-dir", type=Path, default=None, help="raw folder (default: GF_RAW_DIR or data/raw)")
    args = parser.parse_args()
    counts = load_raw(args.raw_dir or paths.raw_dir(), args.db, accepted_submissions())
    for source, count in counts.items():
        print(f"loaded {source:<20} {count:>7} rows")


if __name__ == "__main__":
    main()
