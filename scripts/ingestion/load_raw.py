"""Ingestion: load every raw file into the `raw` schema of a DuckDB file, unchanged.

Two kinds of input. Each source has a folder <raw_dir>/<source>/ holding CSV files in the contract's format
(UTF-8, header row first; the sample data lands there). On top of them come the data stewards' accepted
submissions (scripts/ingestion/submission_store.py), in the order they were accepted: each replaces, in the slices it
covers, every row loaded before it. Cells are loaded as text exactly as submitted, plus the file and row
they came from and the submission they belong to, so that every later check can point a data steward to the
exact cell. This step checks structure only (readable file, expected header, no ragged rows); the values
are checked by the quality gate and the dbt tests on the raw sources. The accepted submissions themselves
are listed in `ingestion.submissions`.

Usage: python -m scripts.ingestion.load_raw --db FILE [--raw-dir DIR]
"""
from __future__ import annotations

import argparse
import csv
import io
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from scripts.configuration import paths, raw_contract
from scripts.configuration.submission_format import SUBMITTED_REFERENCE, coverage_key
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


def with_submissions(rows: list[list], source: str, submissions: list[SubmittedRows]) -> list[list]:
    """The rows after each submission of `source`, in order, has replaced the rows of the slices it covers."""
    expected = raw_contract.column_names(source)
    for submission, submitted in sorted(submissions, key=lambda item: item[0].submission_id):
        if submission.source != source:
            continue
        covered = submission.covered()
        rows = [row for row in rows if coverage_key(source, dict(zip(expected, row))) not in covered]
        rows += [[row[column] for column in expected] + [row["_source_file"], int(row["_source_row"]),
                                                         submission.submission_id] for row in submitted]
    return rows


def accepted_submissions(store: SubmissionStore | None = None) -> list[SubmittedRows]:
    store = store or SubmissionStore()
    return [(submission, store.rows(submission)) for submission in store.history()]


def source_rows(raw_dir: Path, source: str, submissions: list[SubmittedRows]) -> tuple[list[list], list[RawProblem]]:
    """The rows of one source as the pipeline loads them: the raw folder's files, then the submissions."""
    expected = raw_contract.column_names(source)
    rows, problems = [], []
    for path in sorted((raw_dir / source).glob("*.csv")):
        file_rows, file_problems = read_raw_file(path, path.relative_to(raw_dir).as_posix(), expected)
        rows += file_rows
        problems += file_problems
    return with_submissions(rows, source, list(submissions)), problems


def slices_present(raw_dir: Path, source: str, submissions: list[SubmittedRows]) -> set[tuple[str, ...]]:
    """The slices (submission_format.coverage_key) of `source` that a build on these inputs would have rows in."""
    expected = raw_contract.column_names(source)
    rows, _ = source_rows(raw_dir, source, submissions)
    return {coverage_key(source, dict(zip(expected, row))) for row in rows}


def submitted_reference(raw_dir: Path, submissions: list[SubmittedRows]) -> dict[str, list[dict[str, str]]]:
    """The regions and institutions rows the pipeline would load (raw folder, then the accepted submissions),
    for the reader to accept their names in place of codes as it accepts the seeds'."""
    reference = {}
    for source in SUBMITTED_REFERENCE:
        expected = raw_contract.column_names(source)
        rows, _ = source_rows(raw_dir, source, submissions)
        reference[source] = [dict(zip(expected, row)) for row in rows]
    return reference


def load_raw(raw_dir: Path, db_path: Path, submissions: list[SubmittedRows] = ()) -> dict[str, int]:
    """Load all sources into db_path's raw schema; returns row counts. Raises RawInputError on any problem."""
    tables, problems = {}, []
    for source in raw_contract.source_names():
        rows, source_problems = source_rows(raw_dir, source, submissions)
        problems += source_problems
        columns = raw_contract.column_names(source) + list(raw_contract.LINEAGE_COLUMNS)
        frame = pd.DataFrame(rows, columns=columns).astype(
            {column: "string" for column in raw_contract.column_names(source)})
        # Typed whatever the rows: an empty source must give the same column types as a full one.
        tables[source] = frame.astype({"_source_file": "string", "_source_row": "int64", "_submission_id": "Int64"})
    if problems:
        raise RawInputError(problems)
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
        connection.execute("create schema if not exists raw")
        for source, frame in tables.items():
            connection.register("incoming", frame)
            connection.execute(f'create or replace table raw."{source}" as select * from incoming')
            connection.unregister("incoming")
        connection.execute("create schema if not exists ingestion")
        connection.execute(SUBMISSION_TABLE)
        if len(listed):
            connection.register("incoming", listed)
            connection.execute("insert into ingestion.submissions by name select * from incoming")
            connection.unregister("incoming")
    return {source: len(frame) for source, frame in tables.items()}


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
