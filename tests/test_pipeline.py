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
    assert counts["dim_indicator"] == 10
    summary = result.stdout
    assert "⚠ 示例数据：合成数据，仅供演示，不是官方统计 / SAMPLE DATA: synthetic figures" in summary
    assert "长寿区 Changshou District" in summary and "广安市 Guang'an City" in summary
    assert "  绿色贷款余额 (Green-loan balance) — " in summary
    # the same words as the dashboard's cards (scripts/outputs/wording.py), in both languages
    assert "目标 ≥ 90 亿元，期限 2025 年末" in summary and "Target ≥ 90 亿元 by end-2025" in summary
    assert summary.count("— 目标未设定 / Target not set") == 4  # two city-set targets, shown for both regions
    # The sample runs past the end-2025 deadline, so every set target is judged on its end-2025 figure.
    assert counts["fct_indicator_progress_latest"] == 16  # 10 targets for Changshou, 6 relative ones for Guang'an
    assert query(db_path, "select count(*) from fct_indicator_progress_latest where target_value_status = 'set' "
                          "and not is_final_assessment") == [(0,)]


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


def test_city_set_targets_are_not_set_never_zero(published_sample):
    db_path, _ = published_sample
    rows = query(db_path, "select target_code, target_value, target_value_status from dim_indicator "
                          "where set_by = 'city' order by target_code")
    assert rows == [("CO2I_REDUCTION_2025", None, "not_set"), ("NONFOSSIL_SHARE_2025", None, "not_set")]
