"""The loader reads well-formed files with DuckDB's own reader and every other file row by row; both give the
same rows, the same row numbers (records, header = row 1) and leave out the same blank rows."""
from __future__ import annotations

import duckdb

from scripts.configuration import raw_contract
from scripts.ingestion import load_raw

SOURCE = "total_loans"
HEADER = ",".join(raw_contract.column_names(SOURCE))
# Record 3 spans two lines (a quoted cell with a line break); record 4 has no cell filled in (spaces, a tab,
# an ideographic space), which both readers leave out.
WELL_FORMED = (f"{HEADER}\n"
               "500115,CS-ICBC,2024-12-31,100.5,亿元,sample\n"
               '500115,"CS-\nABC",2024-12-31,80,亿元,sample\n'
               " , ,\t,\u3000, , \n"
               "511600,GA-ICBC,2024-12-31,12.5,亿元,sample\n")


def loaded(raw_dir) -> list[tuple]:
    with duckdb.connect() as connection:
        connection.execute("create schema raw")
        assert load_raw.load_source(connection, raw_dir, SOURCE, []) == []
        return connection.execute(f"select institution_code, balance, _source_file, _source_row "
                                  f"from raw.{SOURCE} order by _source_row").fetchall()


def written(raw_dir, text: str):
    path = raw_dir / SOURCE / "round.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_duckdb_reads_a_well_formed_file_with_the_row_numbers_a_spreadsheet_shows(tmp_path):
    path = written(tmp_path, WELL_FORMED)
    assert not load_raw.has_blank_line(path)
    with duckdb.connect() as connection:
        connection.execute("create schema raw")
        load_raw.create_source_table(connection, SOURCE)
        assert load_raw.bulk_load_file(connection, path, "total_loans/round.csv", SOURCE)  # DuckDB's reader
    assert loaded(tmp_path) == [("CS-ICBC", "100.5", "total_loans/round.csv", 2),
                                ("CS-\nABC", "80", "total_loans/round.csv", 3),
                                ("GA-ICBC", "12.5", "total_loans/round.csv", 5)]


def test_a_file_with_a_blank_line_is_read_row_by_row_and_keeps_counting_the_blank_line(tmp_path):
    path = written(tmp_path, WELL_FORMED.replace("\n511600", "\n\n511600"))
    assert load_raw.has_blank_line(path)
    with duckdb.connect() as connection:
        connection.execute("create schema raw")
        load_raw.create_source_table(connection, SOURCE)
        assert not load_raw.bulk_load_file(connection, path, "total_loans/round.csv", SOURCE)
    assert [row[3] for row in loaded(tmp_path)] == [2, 3, 6]


def test_both_readers_agree_cell_for_cell(tmp_path):
    path = written(tmp_path, WELL_FORMED)
    rows, problems = load_raw.read_raw_file(path, "total_loans/round.csv", raw_contract.column_names(SOURCE))
    assert problems == []
    by_row = [(row[1], row[3], row[-3], row[-2]) for row in rows]
    assert by_row == loaded(tmp_path)


def test_a_ragged_row_still_gets_its_row_named(tmp_path):
    written(tmp_path, WELL_FORMED.replace("12.5,亿元,sample", "12.5,亿元,sample,extra"))
    with duckdb.connect() as connection:
        connection.execute("create schema raw")
        (problem,) = load_raw.load_source(connection, tmp_path, SOURCE, [])
    assert (problem.file, problem.row, problem.rule_en) == ("total_loans/round.csv", 5,
                                                            "row has 7 cells, the header has 6")
