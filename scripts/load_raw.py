"""Ingestion: load every raw submission file into the `raw` schema of a DuckDB file, unchanged.

Each source has a folder <raw_dir>/<source>/ holding CSV files (UTF-8, header row first). Cells are loaded as
text exactly as submitted, plus the file and row they came from, so that every later check can point a data
steward to the exact cell. This step checks structure only (readable file, expected header, no ragged rows);
the values are checked by the dbt tests on the raw sources.

Usage: python -m scripts.load_raw --db FILE [--raw-dir DIR]
"""
from __future__ import annotations

import argparse
import csv
import io
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from scripts import paths, raw_contract


HEADER_SEARCH_ROWS = 10  # how far down a misplaced header (below a title row) is looked for


@dataclass(frozen=True)
class RawProblem:
    file: str
    row: int | None
    column: str | None
    value: str | None
    rule: str

    def __str__(self) -> str:
        where = self.file + (f", row {self.row}" if self.row is not None else "")
        what = (f", column {self.column}" if self.column else "") + (
            f", value {self.value!r}" if self.value is not None else "")
        return f"{where}{what}: {self.rule}"


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
        return [], [RawProblem(label, None, None, None, f"file is not UTF-8 text ({error.reason})")]
    # Rows are counted as records, as a spreadsheet shows them, even if a quoted cell spans lines.
    records = list(csv.reader(io.StringIO(text, newline="")))
    if not records or not any(cell.strip() for cell in records[0]):
        return [], [RawProblem(label, None, None, None, "file is empty: expected a header row and data rows")]
    header = [cell.strip() for cell in records[0]]
    header_row = next((number for number, record in enumerate(records[1:HEADER_SEARCH_ROWS], start=2)
                       if set(expected) <= {cell.strip() for cell in record}), None)
    if set(expected) - set(header) and header_row:
        return [], [RawProblem(label, header_row, None, None,
                               f"the header is on row {header_row}, not row 1: delete the {header_row - 1} "
                               "row(s) above it (e.g. a title row)")]
    problems = [RawProblem(label, 1, column, None, "required column is missing from the header")
                for column in expected if column not in header]
    problems += [RawProblem(label, 1, column, None, f"unexpected column; expected exactly: {', '.join(expected)}")
                 for column in header if column not in expected]
    problems += [RawProblem(label, 1, column, None, "column appears more than once in the header")
                 for column in sorted({c for c in header if header.count(c) > 1})]
    if problems:
        return [], problems
    position = [header.index(column) for column in expected]
    rows = []
    for row_number, record in enumerate(records[1:], start=2):
        if not any(cell.strip() for cell in record):
            continue  # a blank line carries no data; keeping it would only produce spurious "blank" errors
        if len(record) != len(header):
            problems.append(RawProblem(label, row_number, None, None,
                                       f"row has {len(record)} cells, the header has {len(header)}"))
            continue
        rows.append([record[index] for index in position] + [label, row_number])
    if not rows and not problems:
        problems.append(RawProblem(label, None, None, None, "file has a header but no data rows"))
    return rows, problems


def load_raw(raw_dir: Path, db_path: Path) -> dict[str, int]:
    """Load all sources into db_path's raw schema; returns row counts. Raises RawInputError on any problem."""
    tables, problems = {}, []
    for source in raw_contract.source_names():
        expected = raw_contract.column_names(source)
        rows = []
        for path in sorted((raw_dir / source).glob("*.csv")):
            file_rows, file_problems = read_raw_file(path, path.relative_to(raw_dir).as_posix(), expected)
            rows += file_rows
            problems += file_problems
        columns = expected + list(raw_contract.LINEAGE_COLUMNS)
        frame = pd.DataFrame(rows, columns=columns).astype({column: "string" for column in expected})
        tables[source] = frame.astype({"_source_row": "int64"})
    if problems:
        raise RawInputError(problems)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    with duckdb.connect(str(db_path)) as connection:
        connection.execute("create schema if not exists raw")
        for source, frame in tables.items():
            connection.register("incoming", frame)
            connection.execute(f'create or replace table raw."{source}" as select * from incoming')
            connection.unregister("incoming")
    return {source: len(frame) for source, frame in tables.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True, help="DuckDB file to load into")
    parser.add_argument("--raw-dir", type=Path, default=None, help="raw folder (default: GF_RAW_DIR or data/raw)")
    args = parser.parse_args()
    counts = load_raw(args.raw_dir or paths.raw_dir(), args.db)
    for source, count in counts.items():
        print(f"loaded {source:<20} {count:>7} rows")


if __name__ == "__main__":
    main()
