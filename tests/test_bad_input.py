"""Bad raw input fails the build with a message naming the source, file, row, column and value, and the
published database stays byte-for-byte what it was."""
import shutil

import pytest

from conftest import FIXTURES, run_pipeline

GREEN_LOANS = "green_loans/known_answer_green_loans.csv"

# (label, file to change, line appended or None, text replacing the whole file or None, expected fragments)
VALUE_FAULTS = [
    ("unknown region", GREEN_LOANS, "500199,CS-ICBC,2024-09-30,GL2019,GL19-01,direct,10,万元,official",
     ["source green_loans", "row 9", "column region_code", "'500199'", "seeds/regions.csv"]),
    ("unknown category", GREEN_LOANS, "500115,CS-ICBC,2024-09-30,GL2019,GF25-08,direct,10,万元,official",
     ["row 9", "column loan_use_category", "'GF25-08'", "same statistics_basis"]),
    ("unknown institution", GREEN_LOANS, "500115,CS-NOBANK,2024-09-30,GL2019,GL19-01,direct,10,万元,official",
     ["row 9", "column institution_code", "'CS-NOBANK'", "seeds/institutions.csv"]),
    ("negative balance", GREEN_LOANS, "500115,CS-ICBC,2024-09-30,GL2019,GL19-01,direct,-10,万元,official",
     ["row 9", "column balance", "'-10'", "must be >= 0"]),
    ("unparseable date", GREEN_LOANS, "500115,CS-ICBC,2024/09/30,GL2019,GL19-01,direct,10,万元,official",
     ["row 9", "column period_end", "'2024/09/30'", "YYYY-MM-DD"]),
    ("text in a number column", "total_loans/known_answer_total_loans.csv",
     "500115,CS-ICBC,2024-09-30,一百万,万元,official",
     ["source total_loans", "row 8", "column balance", "'一百万'", "plain number"]),
    ("unknown unit", "green_bonds/known_answer_green_bonds.csv",
     "KA003,债,人,500115,2024-07-01,5,千元,green_bond,interbank,official",
     ["source green_bonds", "row 4", "column amount_unit", "'千元'", "seeds/unit_conversions.csv"]),
    ("duplicate key", GREEN_LOANS, "500115,CS-ICBC,2024-12-31,GL2019,GL19-01,direct,1,万元,official",
     ["row 4", "row 9", "key must be unique"]),
]

STRUCTURE_FAULTS = [
    ("missing column", GREEN_LOANS,
     "region_code,institution_code,period_end,statistics_basis,loan_use_category,balance,amount_unit,provenance\n",
     ["green_loans/known_answer_green_loans.csv", "row 1", "column carbon_effect", "missing"]),
    ("empty file", GREEN_LOANS, "", ["green_loans/known_answer_green_loans.csv", "empty"]),
    ("ragged row", "total_loans/known_answer_total_loans.csv",
     "region_code,institution_code,period_end,balance,amount_unit,provenance\n500115,CS-ICBC,2024-12-31,5,万元\n",
     ["total_loans/known_answer_total_loans.csv", "row 2", "5 cells", "6"]),
]


@pytest.fixture()
def raw_copy(tmp_path):
    raw_dir = tmp_path / "raw"
    shutil.copytree(FIXTURES / "known_answer", raw_dir)
    return raw_dir


def assert_rejected_and_unchanged(raw_dir, published, expected):
    before = published.read_bytes()
    result = run_pipeline(raw_dir, published)
    assert result.returncode == 1, result.stdout + result.stderr
    for fragment in expected:
        assert fragment in result.stderr, f"{fragment!r} not in:\n{result.stderr}"
    assert "nothing was published" in result.stderr
    assert published.read_bytes() == before


@pytest.mark.parametrize("label, relative, line, expected", VALUE_FAULTS, ids=[fault[0] for fault in VALUE_FAULTS])
def test_bad_value_is_named_and_nothing_published(label, relative, line, expected, raw_copy, published_known_answer,
                                                  tmp_path):
    published = tmp_path / "published.duckdb"
    shutil.copy(published_known_answer, published)
    with (raw_copy / relative).open("a", encoding="utf-8") as handle:
        handle.write(line + "\n")
    assert_rejected_and_unchanged(raw_copy, published, expected)


@pytest.mark.parametrize("label, relative, text, expected", STRUCTURE_FAULTS,
                         ids=[fault[0] for fault in STRUCTURE_FAULTS])
def test_bad_structure_is_named_and_nothing_published(label, relative, text, expected, raw_copy,
                                                      published_known_answer, tmp_path):
    published = tmp_path / "published.duckdb"
    shutil.copy(published_known_answer, published)
    (raw_copy / relative).write_text(text, encoding="utf-8")
    assert_rejected_and_unchanged(raw_copy, published, expected)


def test_every_problem_is_reported_at_once(raw_copy, tmp_path):
    with (raw_copy / GREEN_LOANS).open("a", encoding="utf-8") as handle:
        handle.write("500199,CS-ICBC,2024-09-30,GL2019,GL19-01,direct,10,万元,official\n")
        handle.write("500115,CS-ICBC,2024-09-30,GL2019,GL19-01,direct,-3,万元,official\n")
    result = run_pipeline(raw_copy, tmp_path / "never_published.duckdb")
    assert result.returncode == 1
    assert "row 9, column region_code, value '500199'" in result.stderr
    assert "row 10, column balance, value '-3'" in result.stderr
    assert not (tmp_path / "never_published.duckdb").exists()
