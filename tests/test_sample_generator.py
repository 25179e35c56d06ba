"""The synthetic sample: deterministic, complete, marked, and calibrated on the public facts in the issue."""
import csv
import datetime as dt

import pytest

from tests.conftest import SAMPLE_AS_OF, query, run_module
from scripts.configuration.quarters import quarter_ends_before


def read_rows(path):
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_same_as_of_date_gives_identical_files(sample_raw_dir, tmp_path):
    again = tmp_path / "raw"
    assert run_module("scripts.demo.generate_sample_data", "--as-of", SAMPLE_AS_OF.isoformat(),
                      "--raw-dir", str(again)).returncode == 0
    first = sorted(path.relative_to(sample_raw_dir) for path in sample_raw_dir.rglob("*.csv"))
    assert first == sorted(path.relative_to(again) for path in again.rglob("*.csv"))
    for relative in first:
        assert (sample_raw_dir / relative).read_bytes() == (again / relative).read_bytes(), relative


@pytest.mark.parametrize("as_of, last_quarter", [
    (dt.date(2026, 11, 22), dt.date(2026, 9, 30)),
    (dt.date(2026, 10, 1), dt.date(2026, 9, 30)),
    (dt.date(2026, 9, 30), dt.date(2026, 6, 30)),
    (dt.date(2021, 1, 1), dt.date(2020, 12, 31)),
])
def test_quarters_run_from_2020q4_to_the_latest_complete_quarter(as_of, last_quarter):
    quarters = quarter_ends_before(dt.date(2020, 12, 31), as_of)
    assert quarters[0] == dt.date(2020, 12, 31) and quarters[-1] == last_quarter


def test_every_sample_row_is_marked_sample(sample_raw_dir):
    files = list(sample_raw_dir.rglob("*.csv"))
    assert len(files) == 5
    for path in files:
        rows = read_rows(path)
        assert rows and {row["provenance"] for row in rows} == {"sample"}, path


def test_the_evaluation_figures_keep_their_bounds_and_every_score_is_signed(sample_raw_dir):
    """What the gate checks (green bonds held within bond investment, non-performing within green loans, a
    score signed and dated) holds in the sample, with two years of every Changshou institution's figures."""
    figures = {}
    for row in read_rows(sample_raw_dir / "institution_figures" / "sample_institution_figures.csv"):
        figures.setdefault((row["institution_code"], row["period_end"]), {})[row["figure_code"]] = row
        if row["unit"] == "分":
            assert row["scored_by"] and row["scored_on"] > row["period_end"], row
    green = {}
    for row in read_rows(sample_raw_dir / "green_loans" / "sample_green_loans.csv"):
        key = (row["institution_code"], row["period_end"], row["statistics_basis"])
        green[key] = green.get(key, 0.0) + float(row["balance"])
    for (institution, quarter), rows in figures.items():
        assert float(rows["green_bonds_held"]["value"]) <= float(rows["bond_investment"]["value"])
        largest = max(value for (code, day, _), value in green.items() if (code, day) == (institution, quarter))
        assert float(rows["green_npl_balance"]["value"]) <= largest  # the same unit as the region's loans
    changshou = {quarter for institution, quarter in figures if institution.startswith("CS-")}
    assert min(changshou) == "2024-03-31" and len(changshou) >= 8


def test_both_regions_and_several_institutions_each_and_the_city_as_one_line(sample_raw_dir):
    rows = read_rows(sample_raw_dir / "green_loans" / "sample_green_loans.csv")
    institutions = {}
    for row in rows:
        institutions.setdefault(row["region_code"], set()).add(row["institution_code"])
    assert set(institutions) == {"500115", "511600", "500000"}
    assert all(len(institutions[code]) >= 5 for code in ("500115", "511600"))
    assert institutions["500000"] == {"CQ-ALL"}  # Chongqing, for its 2027 targets: one combined line
    assert {row["amount_unit"] for row in rows} == {"万元", "亿元"}  # both units go through the same path


def year_end(db_path, region, year, column):
    return query(db_path, f"select {column} from fct_region_credit_quarterly where region_code = ? "
                          "and period_end = make_date(?, 12, 31) and is_preferred_basis", [region, year])[0][0]


def test_calibrated_on_public_facts(published_sample):
    db_path, _ = published_sample
    # 90亿元 = +200% on 2020 implies a Changshou end-2020 green-loan balance near 30亿元.
    assert 28 <= year_end(db_path, "500115", 2020, "green_loan_balance_100m_cny") <= 32
    # Chongqing-wide: green loans about 10–12% of all loans in 2022–2023, growing 20–40% a year.
    for year in (2022, 2023):
        assert 9 <= year_end(db_path, "500115", year, "green_loan_share_pct") <= 13
    for year in (2021, 2022, 2023):
        assert 20 <= year_end(db_path, "500115", year, "yoy_growth_pct") <= 40
    # Guang'an: 2020 GDP 1,301.6亿元, forest coverage about 40%.
    ((gdp, forest_coverage),) = query(db_path, "select gdp_current_100m_cny, forest_coverage_pct "
                                               "from fct_regional_indicators_annual "
                                               "where region_code = '511600' and year = 2020")
    assert float(gdp) == 1301.6
    assert 39 <= forest_coverage <= 41


def test_basis_change_is_bridged_by_a_quarter_on_both_bases(published_sample):
    db_path, _ = published_sample
    assert query(db_path, "select statistics_basis, is_preferred_basis from fct_region_credit_quarterly "
                          "where region_code = '500115' and period_end = '2025-09-30' order by 1") == [
        ("GF2025", True), ("GL2019", False)]
    assert query(db_path, "select growth_method from fct_region_credit_quarterly where region_code = '500115' "
                          "and period_end = '2025-12-31'") == [("chain_linked",)]
