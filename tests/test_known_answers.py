"""Known answers on a small hand-made fixture (tests/fixtures/known_answer), every number worked out by hand.

Changshou (500115), in 万元 on file:  end-2023 green 250,000 + 50,000 = 300,000 万元 = 30 亿元, all loans
1,800,000 + 900,000 = 270 亿元;  end-2024 green 300,000 + 100,000 + 50,000 = 45 亿元, all loans 300 亿元.
GDP 2023 given as 8,000,000 万元 = 800 亿元; GDP 2024 900 亿元.
Guang'an (511600), in 亿元: green 10 -> 12.5, all loans 90 -> 100, GDP 2024 1,250; a 30,000 万元 = 3 亿元 bond.
"""
import pytest

from tests.conftest import query


def comparison(db, region, year, metric):
    rows = query(db, "select value, unit from fct_region_comparison where region_code = ? and year = ? "
                     "and metric_code = ?", [region, year, metric])
    assert len(rows) == 1, (region, year, metric, rows)
    return rows[0]


def test_green_loan_balance_converted_from_wan_yuan_to_yi_yuan(published_known_answer):
    rows = query(published_known_answer, "select period_end::varchar, green_loan_balance_100m_cny, "
                 "total_loan_balance_100m_cny from fct_region_credit_quarterly where region_code = '500115' "
                 "order by period_end")
    assert [(period, float(green), float(total)) for period, green, total in rows] == [
        ("2023-12-31", 30.0, 270.0), ("2024-12-31", 45.0, 300.0)]


def test_green_loan_share(published_known_answer):
    # 45 / 300 = 15 %;  30 / 270 = 11.111 %;  12.5 / 100 = 12.5 %;  10 / 90 = 11.111 %
    assert comparison(published_known_answer, "500115", 2024, "green_loan_share") == (pytest.approx(15.0), "%")
    assert comparison(published_known_answer, "500115", 2023, "green_loan_share")[0] == pytest.approx(11.1111, abs=1e-4)
    assert comparison(published_known_answer, "511600", 2024, "green_loan_share")[0] == pytest.approx(12.5)
    assert comparison(published_known_answer, "511600", 2023, "green_loan_share")[0] == pytest.approx(11.1111, abs=1e-4)


def test_year_on_year_growth(published_known_answer):
    # 45 / 30 - 1 = 50 %;  12.5 / 10 - 1 = 25 %;  no 2022 data, so no 2023 growth
    assert comparison(published_known_answer, "500115", 2024, "green_loan_yoy_growth")[0] == pytest.approx(50.0)
    assert comparison(published_known_answer, "511600", 2024, "green_loan_yoy_growth")[0] == pytest.approx(25.0)
    assert query(published_known_answer, "select growth_method from fct_region_credit_quarterly "
                 "where region_code = '500115' and period_end = '2023-12-31'") == [("no_year_earlier_data",)]


def test_green_loans_per_gdp(published_known_answer):
    # 45 / 900 = 5 %;  30 / 800 = 3.75 % (GDP submitted in 万元);  12.5 / 1250 = 1 %
    assert comparison(published_known_answer, "500115", 2024, "green_loans_per_gdp")[0] == pytest.approx(5.0)
    assert comparison(published_known_answer, "500115", 2023, "green_loans_per_gdp")[0] == pytest.approx(3.75)
    assert comparison(published_known_answer, "511600", 2024, "green_loans_per_gdp")[0] == pytest.approx(1.0)


def test_green_bond_issuance_per_gdp(published_known_answer):
    # 2.5 / 900 = 0.2778 %;  30,000 万元 = 3 亿元, 3 / 1250 = 0.24 %;  no issue in 2023: 0 / 800 = 0
    assert comparison(published_known_answer, "500115", 2024, "green_bond_issuance_per_gdp")[0] == \
        pytest.approx(0.277778, abs=1e-6)
    assert comparison(published_known_answer, "511600", 2024, "green_bond_issuance_per_gdp")[0] == pytest.approx(0.24)
    assert comparison(published_known_answer, "500115", 2023, "green_bond_issuance_per_gdp")[0] == 0


def test_energy_intensity_change_since_2020(published_known_answer):
    # 2020: 500 / 1000 = 0.5;  2024: 4,500,000 吨 = 450 万吨, 450 / 1200 = 0.375;  0.375 / 0.5 - 1 = -25 %
    assert comparison(published_known_answer, "500115", 2024, "energy_intensity_change_vs_2020")[0] == \
        pytest.approx(-25.0)


def test_official_figures_are_not_marked_sample(published_known_answer):
    assert query(published_known_answer, "select distinct provenance from fct_region_comparison") == [("official",)]
