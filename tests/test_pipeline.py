"""The main job end to end on the sample: raw files -> ingestion -> dbt -> published DuckDB -> summary."""
import shutil
from pathlib import Path

from tests.conftest import query, run_pipeline, run_reports

MARTS = ["dim_region", "dim_institution", "dim_indicator", "fct_green_loans_quarterly", "fct_total_loans_quarterly",
         "fct_region_credit_quarterly", "fct_green_bonds", "fct_regional_indicators_annual", "fct_region_comparison",
         "fct_measure_observations", "fct_indicator_progress", "fct_indicator_progress_latest", "fct_task_status",
         "fct_task_department_roles"]


def mart_counts(db_path: Path) -> dict[str, int]:
    return {mart: query(db_path, f"select count(*) from {mart}")[0][0] for mart in MARTS}


def test_main_job_builds_every_mart_and_prints_the_summary(published_sample):
    db_path, result = published_sample
    counts = mart_counts(db_path)
    assert all(count > 0 for count in counts.values()), counts
    assert counts["fct_task_status"] == 32
    assert counts["dim_indicator"] == 18  # 10 of the 2025 plan, 4 of the city's 2027 plan, 1 national, 3 awaited
    summary = result.stdout
    assert "⚠ 示例数据：合成数据，仅供演示，不是官方统计 / SAMPLE DATA: synthetic figures" in summary
    assert "长寿区 Changshou District" in summary and "广安市 Guang'an City" in summary
    assert "  绿色贷款余额 (Green-loan balance) — " in summary
    # the same words as the dashboard's cards (scripts/outputs/wording.py), in both languages
    assert "目标 ≥ 90 亿元，期限 2025 年末" in summary and "Target ≥ 90 亿元 by end-2025" in summary
    # Two city-set 2025 targets shown for the three regions, and the district's three awaited targets from 2026.
    assert summary.count("— 目标未设定 / Target not set") == 2 * 3 + 3
    # Changshou: the 2025 plan's 10, its 3 awaited, the national 2030 one; Guang'an: 6 relative 2025 ones and the
    # national; Chongqing: the 6 relative 2025 ones, its own 4 for 2027 and the national.
    assert counts["fct_indicator_progress_latest"] == 14 + 7 + 11
    # The sample runs past the end-2025 deadline, so every set 2025 target is judged on its end-2025 figure.
    assert query(db_path, "select count(*) from fct_indicator_progress_latest where target_value_status = 'set' "
                          "and target_deadline <= '2025-12-31' and not is_final_assessment") == [(0,)]


def test_the_sample_passes_the_quality_gate_cleanly(published_sample):
    """The sample is complete and consistent by construction: no critical failure and no warning."""
    db_path, result = published_sample
    (report,) = run_reports(db_path)
    assert (report["outcome"], report["critical_failures"], report["warnings"]) == ("published", 0, 0)
    assert {outcome["stage"] for outcome in report["expectations"]} == {"raw", "marts"}
    assert "Quality gate: " in result.stdout and "0 warning(s)" in result.stdout
    assert report["data_docs_index"] in result.stdout


def test_running_twice_is_harmless(published_sample, sample_raw_dir, tmp_path):
    db_path, _ = published_sample
    again = tmp_path / "greenfinance.duckdb"
    shutil.copy(db_path, again)
    before = mart_counts(again)
    result = run_pipeline(sample_raw_dir, again)
    assert result.returncode == 0, result.stderr
    assert mart_counts(again) == before
    # No build leftovers; the quality folder holds the run's report and Data Docs, the (empty) submissions
    # folder only the lock a build takes so as not to publish while a steward's file is being published.
    assert sorted(path.name for path in tmp_path.iterdir()) == ["greenfinance.duckdb", "quality", "submissions"]
    assert [path.name for path in (tmp_path / "submissions").iterdir()] == [".lock"]


def test_sample_figures_are_marked_sample_everywhere(published_sample):
    db_path, _ = published_sample
    for mart in ["fct_green_loans_quarterly", "fct_total_loans_quarterly", "fct_region_credit_quarterly",
                 "fct_green_bonds", "fct_regional_indicators_annual", "fct_region_comparison",
                 "fct_measure_observations", "fct_indicator_progress", "fct_indicator_progress_latest"]:
        assert query(db_path, f"select distinct provenance from {mart}") == [("sample",)], mart


def test_city_set_and_awaited_targets_are_not_set_never_zero(published_sample):
    """Targets the city is to assign (市级下达) and the district's targets from 2026, not issued yet."""
    db_path, _ = published_sample
    rows = query(db_path, "select target_code, set_by, target_value, target_value_status from dim_indicator "
                          "where target_value is null or target_value = 0 order by target_code")
    assert rows == [("CO2I_REDUCTION_2025", "city", None, "not_set"), ("CS_GB_ISSUANCE_2027", "district", None, "not_set"),
                    ("CS_GL_BALANCE_2027", "district", None, "not_set"), ("CS_GL_SHARE_2027", "district", None, "not_set"),
                    ("NONFOSSIL_SHARE_2025", "city", None, "not_set")]
    # The city's own 2027 targets have their values.
    assert query(db_path, "select count(*) from dim_indicator where regime_code = 'CQ2027' "
                          "and target_value_status = 'set'") == [(4,)]


def test_the_category_history_runs_across_the_2025_catalogue_where_a_category_continues(published_sample):
    """seeds/green_loan_category_crosswalk.csv: 4 of the 6 categories of 2019 continue one to one (one line across
    the change), 2 were split and end there, and 5 of the 9 categories of 2025 start there (green trade and green
    consumption among them). Every quarter the lines add up to the region's green-loan balance on the basis used."""
    db_path, _ = published_sample
    (last_old, first_new), = query(db_path, """
        select max(period_end) filter (where statistics_basis = 'GL2019'),
            min(period_end) filter (where statistics_basis = 'GF2025')
        from fct_region_credit_quarterly where region_code = '500115' and is_preferred_basis""")
    (first, last), = query(db_path, "select min(period_end), max(period_end) from fct_region_credit_quarterly "
                                    "where region_code = '500115'")
    series = query(db_path, """
        select series_category_code, continuity, min(period_end), max(period_end), count(distinct statistics_basis)
        from fct_green_loan_category_history where region_code = '500115'
        group by all order by any_value(series_sort_order)""")
    assert series == [
        ("GF25-01", "starts_at_break", first_new, last, 1), ("GF25-02", "starts_at_break", first_new, last, 1),
        ("GF25-03", "starts_at_break", first_new, last, 1), ("GF25-04", "continuous", first, last, 2),
        ("GF25-05", "continuous", first, last, 2), ("GF25-06", "continuous", first, last, 2),
        ("GF25-07", "continuous", first, last, 2), ("GF25-08", "starts_at_break", first_new, last, 1),
        ("GF25-09", "starts_at_break", first_new, last, 1), ("GL19-01", "ends_at_break", first, last_old, 1),
        ("GL19-02", "ends_at_break", first, last_old, 1)]
    assert query(db_path, """
        select count(*) from (
            select history.period_end, sum(history.balance_100m_cny) as summed,
                any_value(credit.green_loan_balance_100m_cny) as balance
            from fct_green_loan_category_history as history
            join fct_region_credit_quarterly as credit
                on credit.region_code = history.region_code and credit.period_end = history.period_end
                and credit.statistics_basis = history.statistics_basis
            where history.region_code = '500115'
            group by history.period_end
        ) where abs(summed - balance) > 1e-6""") == [(0,)]
