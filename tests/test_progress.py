"""Target-progress analytics on a hand-made fixture (tests/fixtures/progress): every target kind and every
status, each number worked out by hand below (rates in %, rounded to 6 decimals as the mart stores them).

Changshou (500115), year ends 2020-2024 only (so 2024-12-31 is one year before the 2025 deadline):
  green loans 30, 37.5, 46, 52, 62 亿元 (the 2024 figure filed as 620,000 万元); all loans 400 ... 440 亿元;
  bonds 4 (2020, before the count starts), 3 (2021) and 50,000 万元 = 5 (2023): 8 亿元 counted by 2024-12-31;
  energy 500 -> 504 万吨标准煤 on GDP (2020 prices) 1000 -> 1200 亿元: intensity 0.5 -> 0.42;
  CO₂ 1000 -> 1080 万吨: 1.0 -> 0.9; non-fossil 15 -> 18 %; forest coverage 50 -> 53.2 %; forest stock 2024 only.
Guang'an (511600), year ends 2020-2025, the change of statistics basis bridged at 2025-09-30
  (GL2019 26, GF2025 26.52: link factor 1.02): green loans 10, 12.5, 15.5, 19, 23.5, then 29.58 on GF2025;
  all loans 100 ... 140, 200 at end-2025; energy intensity 400/500 = 0.8 -> 504/600 = 0.84, no 2025 figure.

The trends are read as the picture stood at 2024-12-31 (fct_indicator_progress_as_of), a year before the
deadline; today, after it, the targets whose end-2025 figure is missing say so (final_not_reported).
"""
import datetime as dt

import pytest

from tests.conftest import query

LATEST_COLUMNS = ["as_of_date", "trend_status_code", "met_after_deadline_on", "value", "value_in_target_unit", "baseline_value", "target_level", "gap_to_target",
                  "distance_covered_share", "observed_growth_rate", "required_growth_rate", "needed_growth_rate",
                  "growth_ratio", "projected_value_at_deadline", "projected_distance_covered_share",
                  "projection_category_code", "status_code", "status_reason", "is_final_assessment",
                  "years_judged", "years_below_target_list"]


def latest(db_path, region_code: str, target_code: str) -> dict:
    rows = query(db_path, f"select {', '.join(LATEST_COLUMNS)} from fct_indicator_progress_latest "
                          "where region_code = ? and target_code = ?", [region_code, target_code])
    assert len(rows) == 1, (region_code, target_code, rows)
    return dict(zip(LATEST_COLUMNS, rows[0]))


def as_at_end_2024(db_path, region_code: str, target_code: str) -> dict:
    """The picture as it stood at 2024-12-31, a year before the deadline."""
    rows = query(db_path, f"select {', '.join(LATEST_COLUMNS)} from fct_indicator_progress_as_of "
                          "where region_code = ? and target_code = ? and as_at_date = '2024-12-31'",
                 [region_code, target_code])
    assert len(rows) == 1, (region_code, target_code, rows)
    return dict(zip(LATEST_COLUMNS, rows[0]))


def assert_figures(row: dict, **expected):
    for column, value in expected.items():
        if isinstance(value, float):
            assert row[column] == pytest.approx(value, abs=1e-6), (column, row[column], value)
        else:
            assert row[column] == value, (column, row[column], value)


def test_the_worked_example_level_target(published_progress):
    # 30 -> 62 over 4 years: (62/30)^(1/4) - 1 = 19.899565 %; required 3^(1/5) - 1 = 24.573094 %;
    # R = 19.899565 / 24.573094 = 0.809811 -> acceleration needed; projected 62 * 1.19899565 = 74.337731;
    # share of the distance (74.337731 - 30) / (90 - 30) = 0.738962 -> fair progress; needed now 90/62 - 1.
    db_path, _ = published_progress
    row = as_at_end_2024(db_path, "500115", "GL_BALANCE_2025")
    assert_figures(row, value=62.0, baseline_value=30.0, target_level=90.0, gap_to_target=28.0,
                   distance_covered_share=0.533333, observed_growth_rate=19.899565, required_growth_rate=24.573094,
                   needed_growth_rate=45.16129, growth_ratio=0.809811, projected_value_at_deadline=74.337731,
                   projected_distance_covered_share=0.738962, projection_category_code="fair_progress",
                   status_code="acceleration_needed", is_final_assessment=False)
    assert str(row["as_of_date"]) == "2024-12-31"


def test_percent_change_target_is_the_same_trend_in_percent(published_progress):
    # +200 % on 30 is a level of 90; 62 is 62/30 - 1 = +106.666667 %, 93.333333 points still to go.
    db_path, _ = published_progress
    assert_figures(as_at_end_2024(db_path, "500115", "GL_GROWTH_VS_2020"), value_in_target_unit=106.666667,
                   target_level=90.0, gap_to_target=93.333333, growth_ratio=0.809811,
                   status_code="acceleration_needed")


def test_share_target_on_track(published_progress):
    # 30/400 = 7.5 % -> 62/440 = 14.090909 %: (14.090909/7.5)^(1/4) - 1 = 17.076421 % a year against
    # (15/7.5)^(1/5) - 1 = 14.869835 %: R = 1.148393 -> on track; projected 14.090909 * 1.17076421 = 16.497132,
    # (16.497132 - 7.5) / 7.5 = 1.199618 of the distance -> projected on track.
    db_path, _ = published_progress
    assert_figures(as_at_end_2024(db_path, "500115", "GL_SHARE_2025"), value=14.090909, observed_growth_rate=17.076421,
                   required_growth_rate=14.869835, growth_ratio=1.148393, projected_value_at_deadline=16.497132,
                   projected_distance_covered_share=1.199618, projection_category_code="projected_on_track",
                   status_code="on_track")


def test_cumulative_bond_issuance_limited_progress(published_progress):
    # 3 + 5 = 8 亿元 counted from 2021-01-01 to 2024-12-31 (the 2020 issue is outside): 8/4 = 2 a year against
    # 20/5 = 4: R 0.5 -> limited progress; 12 still needed in 2025; projected 8 + 2 = 10, half the distance.
    db_path, _ = published_progress
    assert_figures(as_at_end_2024(db_path, "500115", "GB_ISSUANCE_2025"), value=8.0, baseline_value=0.0,
                   distance_covered_share=0.4, observed_growth_rate=2.0, required_growth_rate=4.0,
                   needed_growth_rate=12.0, growth_ratio=0.5, projected_value_at_deadline=10.0,
                   projected_distance_covered_share=0.5, projection_category_code="fair_progress",
                   status_code="limited_progress")


def test_annual_floor_reports_the_years_that_fell_short(published_progress):
    # Year-end growth: 37.5/30 = 25 %, 46/37.5 = 22.666667 %, 52/46 = 13.043478 %, 62/52 = 19.230769 %.
    db_path, _ = published_progress
    assert query(db_path, "select year(period_end), value_in_target_unit, meets_target, status_code "
                          "from fct_indicator_progress where region_code = '500115' "
                          "and target_code = 'GL_ANNUAL_GROWTH_FLOOR' order by period_end") == [
        (2021, pytest.approx(25.0), True, "achieved"),
        (2022, pytest.approx(22.666667), True, "achieved"),
        (2023, pytest.approx(13.043478), False, "not_achieved"),
        (2024, pytest.approx(19.230769), False, "not_achieved")]
    assert_figures(latest(db_path, "500115", "GL_ANNUAL_GROWTH_FLOOR"), status_code="not_achieved",
                   status_reason="year_below_floor", years_judged=4, years_below_target_list="2023,2024")


def test_annual_floor_met_every_year_across_the_basis_change(published_progress):
    # Guang'an 25, 24, 22.580645, 23.684211 %; 2025 chain-linked through the bridge quarter:
    # (29.58 / 26.52) * (26 / 23.5) - 1 = 23.404255 % (a naive 29.58 / 23.5 - 1 would say 25.87 %).
    db_path, _ = published_progress
    assert query(db_path, "select value_in_target_unit from fct_indicator_progress where region_code = '511600' "
                          "and target_code = 'GL_ANNUAL_GROWTH_FLOOR' and period_end = '2025-12-31'") == [
        (pytest.approx(23.404255),)]
    assert_figures(latest(db_path, "511600", "GL_ANNUAL_GROWTH_FLOOR"), status_code="achieved", years_judged=5,
                   years_below_target_list=None, is_final_assessment=True)


def test_growth_across_the_basis_change_is_on_one_basis(published_progress):
    # The 2020 baseline 10 (GL2019) restated on GF2025 is 10 * 1.02 = 10.2; 29.58 / 10.2 - 1 = +190 %: short of
    # +200 % at the deadline -> not achieved. Covered (29.58 - 10.2) / (30.6 - 10.2) = 0.95.
    db_path, _ = published_progress
    assert_figures(latest(db_path, "511600", "GL_GROWTH_VS_2020"), baseline_value=10.2, target_level=30.6,
                   value_in_target_unit=190.0, distance_covered_share=0.95, status_code="not_achieved",
                   status_reason="deadline_passed", is_final_assessment=True, projected_value_at_deadline=None)
    # Share: 29.58 / 200 = 14.79 %, not above 15 % at the deadline.
    assert_figures(latest(db_path, "511600", "GL_SHARE_2025"), value=14.79, status_code="not_achieved")


def test_decreasing_target_improving_and_worsening(published_progress):
    # Required: 0.83^(1/5) - 1 = -3.658009 % a year. Changshou 0.5 -> 0.42 (-16 %): 0.84^(1/4) - 1 = -4.265203 %,
    # R = 1.16599 -> on track, projected 0.42 * 0.95734797 = 0.402086, (0.5 - 0.402086) / 0.085 = 1.151928.
    # Guang'an 0.8 -> 0.84 (+5 %): 1.05^(1/4) - 1 = +1.227223 %, R = -0.335489 -> deterioration, projected
    # 0.84 * 1.01227223 = 0.850309, (0.850309 - 0.8) / (0.664 - 0.8) = -0.369917 -> stagnation.
    db_path, _ = published_progress
    assert_figures(as_at_end_2024(db_path, "500115", "EI_REDUCTION_2025"), value_in_target_unit=-16.0,
                   target_level=0.415, observed_growth_rate=-4.265203, required_growth_rate=-3.658009,
                   growth_ratio=1.16599, projected_value_at_deadline=0.402086,
                   projected_distance_covered_share=1.151928, status_code="on_track")
    assert_figures(as_at_end_2024(db_path, "511600", "EI_REDUCTION_2025"), value_in_target_unit=5.0,
                   observed_growth_rate=1.227223, growth_ratio=-0.335489, projected_value_at_deadline=0.850309,
                   projected_distance_covered_share=-0.369917, projection_category_code="stagnation",
                   status_code="deterioration")


def test_after_the_deadline_a_missing_final_figure_is_said_and_the_trend_kept(published_progress):
    # Today is after 2025-12-31. Changshou's figures stop at end-2024: the end-2025 outcome is not known, so the
    # trend statuses above become final_not_reported, each keeping what the end-2024 figure pointed to. Targets
    # already decided stay: forest coverage met (53.2 >= 53), the floor missed in 2023. Guang'an's energy
    # intensity has no 2025 figure either: deterioration at end-2024, final figure not reported now.
    db_path, _ = published_progress
    for target_code, trend in [("GL_BALANCE_2025", "acceleration_needed"), ("GL_GROWTH_VS_2020", "acceleration_needed"),
                               ("GL_SHARE_2025", "on_track"), ("GB_ISSUANCE_2025", "limited_progress"),
                               ("EI_REDUCTION_2025", "on_track")]:
        assert_figures(latest(db_path, "500115", target_code), status_code="final_not_reported",
                       status_reason="deadline_figure_missing", trend_status_code=trend, is_final_assessment=False)
    assert_figures(latest(db_path, "500115", "FOREST_COVERAGE_2025"), status_code="achieved", trend_status_code=None)
    assert_figures(latest(db_path, "500115", "GL_ANNUAL_GROWTH_FLOOR"), status_code="not_achieved")
    assert_figures(latest(db_path, "511600", "EI_REDUCTION_2025"), status_code="final_not_reported",
                   trend_status_code="deterioration")
    # Guang'an's end-2025 figures are in: judged, not "not reported" - and not met later (nothing after 2025).
    assert_figures(latest(db_path, "511600", "GL_GROWTH_VS_2020"), status_code="not_achieved",
                   met_after_deadline_on=None)


def test_rule_statuses(published_progress):
    db_path, _ = published_progress
    # 53.2 % >= 53 %.
    assert_figures(latest(db_path, "500115", "FOREST_COVERAGE_2025"), value=53.2, status_code="achieved")
    # Forest stock reported for 2024 only: no 2020 baseline, no trend; today the end-2025 figure is missing too.
    assert_figures(as_at_end_2024(db_path, "500115", "FOREST_STOCK_2025"), value=220.0, growth_ratio=None,
                   status_code="insufficient_data", status_reason="no_baseline_observation")
    assert_figures(latest(db_path, "500115", "FOREST_STOCK_2025"), status_code="final_not_reported",
                   trend_status_code="insufficient_data")
    # City-set targets: a status, never a number - even where the observation is there (CO₂ 1.0 -> 0.9, -10 %).
    co2 = latest(db_path, "500115", "CO2I_REDUCTION_2025")
    assert_figures(co2, value_in_target_unit=-10.0, target_level=None, gap_to_target=None, growth_ratio=None,
                   status_code="target_not_set")
    assert latest(db_path, "511600", "NONFOSSIL_SHARE_2025")["status_code"] == "target_not_set"


def test_every_status_is_labelled_in_both_languages(published_progress):
    db_path, _ = published_progress
    statuses = query(db_path, "select distinct status_code, status_name_zh, status_name_en "
                              "from fct_indicator_progress_latest order by status_code")
    # Today: the 2025 targets decided or awaiting their final figure; the city's 2027 targets on track; the
    # 2030 target with its baseline only, and the city's figures it has none of, insufficient.
    assert [code for code, _, _ in statuses] == sorted([
        "achieved", "final_not_reported", "not_achieved", "target_not_set", "on_track", "insufficient_data"])
    trends = query(db_path, "select distinct status_code, status_name_zh, status_name_en "
                            "from fct_indicator_progress_as_of where as_at_date = '2024-12-31' order by status_code")
    assert [code for code, _, _ in trends] == sorted([
        "achieved", "on_track", "acceleration_needed", "limited_progress", "deterioration", "not_achieved",
        "target_not_set", "insufficient_data"])
    assert all(name_zh and name_en for _, name_zh, name_en in statuses + trends)
    assert all(name_zh and name_en for _, name_zh, name_en in statuses)


def test_summary_prints_value_target_and_status(published_progress):
    """The CLI summary says what the dashboard's cards say (one wording), in Chinese then English."""
    _, result = published_progress
    lines = result.stdout.splitlines()
    at = next(number for number, line in enumerate(lines) if line.startswith("  绿色贷款余额 (Green-loan balance) — "))
    # Past the deadline with Changshou's figures only to end-2024: the final figure is awaited, and the last
    # figure's trend is said, never a growth needed toward a past date.
    assert lines[at].endswith("期末数据未报送 / Final figure not reported")
    zh, en = lines[at + 1], lines[at + 2]
    assert zh.startswith("    2024 年末：62.00 亿元 | 目标 ≥ 90 亿元，期限 2025 年末 | 期限已过，2025 年末数据尚未报送；"
                         "按 2024 年末数据判断：需加快进度。")
    assert en.startswith("    As at end-2024: 62.00 亿元 | Target ≥ 90 亿元 by end-2025 | The deadline has passed; the "
                         "end-2025 figure has not been reported yet. On the end-2024 figure: Acceleration needed.")
    assert "需年均增长" not in zh
    floor = next(number for number, line in enumerate(lines) if line.startswith("  绿色贷款余额年均增速"))
    assert lines[floor].endswith("未达成 / Not achieved")
    assert "2023、2024" in lines[floor + 1] and "2023, 2024" in lines[floor + 2]
    assert "示例数据" not in result.stdout  # the fixture is marked official: no sample banner


def test_summary_never_prints_a_balance_as_a_growth_rate():
    """An annual floor judged on an observation without year-on-year growth (e.g. the first quarter on a new
    basis): the summary says the growth is unknown, it does not print the 62 亿元 balance as "year-on-year"."""
    from datetime import date

    from scripts.outputs.summary import figure_words
    row = {"as_of_date": date(2024, 12, 31), "value": 62.0, "unit": "亿元", "value_in_target_unit": None,
           "target_kind": "annual_rate_floor", "target_unit": "%", "baseline_date": None}
    assert figure_words(row, "en") == "As at end-2024: No year-on-year growth yet"
    assert figure_words(row, "zh") == "2024 年末：暂无同比增速"


# ---- after 2025: the targets that follow, richer verdicts, the scorecard ----------------------------------------
# The fixture also holds Chongqing (500000): green loans 8,829.2亿元 at end-2024 and 10,778.9亿元 at 2025-09-30
# (as the city's figures were reported: 10,778.9亿元, +1,949.7亿元 since the start of 2025), all loans 85,000 and
# 90,000; and Guang'an at 2026-06-30: green loans 30 (GF2025), all loans 195.

def outlook(db_path, region_code: str, target_code: str, period_end: str) -> dict:
    columns = ["long_term_trend_status_code", "short_term_start", "short_term_growth_rate", "short_term_growth_ratio",
               "short_term_trend_status_code"]
    rows = query(db_path, f"select {', '.join(columns)} from fct_indicator_outlook where region_code = ? "
                          "and target_code = ? and period_end = ?", [region_code, target_code, period_end])
    assert len(rows) == 1, rows
    return dict(zip(columns, rows[0]))


def test_the_city_target_for_2027_says_the_growth_needed_a_year_and_a_quarter(published_progress):
    # 12,000亿元 by 2027-12-31 from 10,778.9亿元 at 2025-09-30: 2028.0 - (2025 + 273/365) = 2.252055 years, the
    # ratio 12000 / 10778.9 = 1.113286, so 1.113286^(1/2.252055) - 1 = 4.880617 % a year and
    # 1.04880617^(1/4) - 1 = 1.198438 % a quarter (9.008 quarters at 1.198438 % also make 1.113286).
    db_path, _ = published_progress
    (row,) = query(db_path, "select as_of_date, value, target_level, needed_growth_rate, needed_growth_rate_per_quarter, "
                            "status_code from fct_indicator_progress_latest "
                            "where region_code = '500000' and target_code = 'CQ_GL_BALANCE_2027'")
    assert row[:3] == (dt.date(2025, 9, 30), 10778.9, 12000.0)
    assert row[3] == pytest.approx(4.880617, abs=1e-6) and row[4] == pytest.approx(1.198438, abs=1e-6)
    # 8,829.2 -> 10,778.9 in 0.747945 years: 30.5 % a year against the 10.769441 % required from end-2024.
    assert row[5] == "on_track"
    # The city's target is the city's: Changshou has no row of it, only its contribution - at end-2024, the one
    # period both reported, 62 / 8,829.2 = 0.702215 %, and no growth yet since the baseline (end-2024 itself).
    assert query(db_path, "select count(*) from fct_indicator_progress_latest "
                          "where region_code = '500115' and target_code = 'CQ_GL_BALANCE_2027'") == [(0,)]
    assert query(db_path, "select period_end, share_of_parent_pct, share_of_parent_growth_pct "
                          "from fct_target_contributions where region_code = '500115'") == [
        (dt.date(2024, 12, 31), pytest.approx(0.702215, abs=1e-6), None)]


def test_the_short_and_long_term_trends_of_a_series_that_improved_then_slowed(published_progress):
    # Changshou's green loans 30, 37.5, 46, 52, 62 against 24.573094 % a year required ((90/30)^(1/5) - 1).
    # End-2022: since 2020 (46/30)^(1/2) - 1 = 23.827837 %, R = 0.969712 -> on track; over the year
    # 46/37.5 - 1 = 22.666667 %, R = 22.666667 / 24.573094 = 0.922418 -> acceleration needed.
    # End-2023: since 2020 (52/30)^(1/3) - 1 = 20.123330 %, R = 0.818917 -> acceleration needed; over the year
    # 52/46 - 1 = 13.043478 %, R = 0.530803 -> limited progress: the recent slowdown shows first in the short term.
    db_path, _ = published_progress
    assert_figures(outlook(db_path, "500115", "GL_BALANCE_2025", "2022-12-31"),
                   long_term_trend_status_code="on_track", short_term_growth_rate=22.666667,
                   short_term_growth_ratio=0.922418, short_term_trend_status_code="acceleration_needed")
    assert_figures(outlook(db_path, "500115", "GL_BALANCE_2025", "2023-12-31"),
                   long_term_trend_status_code="acceleration_needed", short_term_growth_rate=13.043478,
                   short_term_growth_ratio=0.530803, short_term_trend_status_code="limited_progress")
    # Changshou's green loans are reported at year ends only: 2 growth steps in the 8-quarter window, enough
    # for a projection, not for a probability.
    assert query(db_path, "select window_steps, probability_of_meeting_target, outlook_reason "
                          "from fct_indicator_outlook where region_code = '500115' "
                          "and target_code = 'GL_BALANCE_2025' and period_end = '2024-12-31'") == [
        (2, None, "too_few_observations_for_probability")]


def test_the_scorecard_lists_met_missed_met_later_and_not_reported(published_progress):
    db_path, _ = published_progress
    rows = query(db_path, "select region_code, target_code, outcome_code, deadline_value, met_after_deadline_on, "
                          "met_after_deadline_year, met_after_deadline_quarter from fct_target_scorecard "
                          "where as_at_date = (select max(as_at_date) from fct_target_scorecard) "
                          "and target_code in ('GL_ANNUAL_GROWTH_FLOOR', 'GL_SHARE_2025', 'GL_GROWTH_VS_2020', "
                          "'GL_BALANCE_2025', 'CO2I_REDUCTION_2025') and region_code in ('500115', '511600') "
                          "order by region_code, display_order")
    assert rows == [
        # Changshou: figures to end-2024 only - the level and share not reported, the floor missed in 2023.
        ("500115", "GL_BALANCE_2025", "final_not_reported", None, None, None, None),
        ("500115", "GL_GROWTH_VS_2020", "final_not_reported", None, None, None, None),
        ("500115", "GL_ANNUAL_GROWTH_FLOOR", "not_achieved", None, None, None, None),
        ("500115", "GL_SHARE_2025", "final_not_reported", None, None, None, None),
        ("500115", "CO2I_REDUCTION_2025", "target_not_set", None, None, None, None),
        # Guang'an: +190 % at the deadline (29.58 on 10.2), still short at 30 / 10.2 - 1 = +194.1 % in 2026;
        # the floor met every year to the deadline; the share 14.79 % missed, then 30 / 195 = 15.38 % > 15 %
        # at 2026-06-30: met later, in 2026 Q2.
        ("511600", "GL_GROWTH_VS_2020", "not_achieved", 29.58, None, None, None),
        ("511600", "GL_ANNUAL_GROWTH_FLOOR", "achieved", 29.58, None, None, None),
        ("511600", "GL_SHARE_2025", "not_achieved", 14.79, dt.date(2026, 6, 30), 2026, 2),
        ("511600", "CO2I_REDUCTION_2025", "target_not_set", None, None, None, None)]
    # Before the deadline there is no scorecard; the targets running to 2027 and 2030 are not on it yet.
    assert query(db_path, "select count(*) from fct_target_scorecard where as_at_date < '2025-12-31' "
                          "or target_deadline > '2025-12-31'") == [(0,)]


def test_the_green_loan_conditions_disagree_by_the_registrys_own_numbers(published_progress):
    # Implied base 30亿元 (90 = +200 %): 30 × 1.2^5 = 74.6496亿元 at the 20 % floor, below 90; 90 needs
    # 3^(1/5) - 1 = 24.573094 % a year. The same for the level (90) and the +200 % target.
    db_path, _ = published_progress
    assert query(db_path, "select floor_target_code, level_target_code, plan_baseline_value, years, level_required, "
                          "level_reached_at_floor, growth_needed_for_level, floor_is_weaker "
                          "from fct_target_consistency_checks order by level_target_code") == [
        ("GL_ANNUAL_GROWTH_FLOOR", "GL_BALANCE_2025", 30.0, 5, 90.0, pytest.approx(74.6496), pytest.approx(24.573094),
         True),
        ("GL_ANNUAL_GROWTH_FLOOR", "GL_GROWTH_VS_2020", 30.0, 5, 90.0, pytest.approx(74.6496),
         pytest.approx(24.573094), True)]


def test_targets_not_set_are_not_set_in_every_regime_never_zero(published_progress):
    """City-assigned (市级下达) and not-yet-issued district targets: no value, no level, no gap, no verdict."""
    db_path, _ = published_progress
    rows = query(db_path, "select indicator.target_code, indicator.set_by, indicator.target_value, "
                          "progress.target_level, progress.gap_to_target, progress.needed_growth_rate, "
                          "progress.probability_of_meeting_target, progress.status_code "
                          "from dim_indicator as indicator join fct_indicator_progress_latest as progress "
                          "on progress.target_code = indicator.target_code and progress.region_code = '500115' "
                          "where indicator.target_value_status = 'not_set' order by indicator.display_order")
    assert rows == [(code, set_by, None, None, None, None, None, "target_not_set") for code, set_by in [
        ("CO2I_REDUCTION_2025", "city"), ("NONFOSSIL_SHARE_2025", "city"), ("CS_GL_BALANCE_2027", "district"),
        ("CS_GL_SHARE_2027", "district"), ("CS_GB_ISSUANCE_2027", "district")]]
