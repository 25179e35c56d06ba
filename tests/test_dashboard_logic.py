"""Known answers, worked out by hand, for how the dashboard words the marts' figures: the sentences on the
cards, periods and changes said the Chinese way, and the rule that all SQL lives in one module. (The required
paths and the due dates are the marts' own: dbt unit tests beside the marts, dbt_project/models/marts/<domain>/_<domain>__models.yml.)"""
from __future__ import annotations

import datetime as dt
import re

import pytest

from scripts.outputs import wording
from tests.conftest import REPO_ROOT

DEADLINE = dt.date(2025, 12, 31)


def progress_row(**values) -> dict:
    """A row of fct_indicator_progress_as_of: Changshou's green-loan balance target, still open."""
    row = dict(status_code="acceleration_needed", target_kind="level", comparison=">=", target_value=90.0,
               baseline_year=2020, met_after_deadline_on=None, trend_status_name_zh=None, trend_status_name_en=None,
               target_unit="亿元", target_deadline=DEADLINE, as_of_date=dt.date(2024, 12, 31), value=70.7,
               unit="亿元", value_in_target_unit=70.7, target_level=90.0, needed_growth_rate=27.3,
               years_below_target_list=None, latest_period_end=dt.date(2024, 12, 31),
               latest_value_in_target_unit=70.7)
    return row | values


def test_an_open_level_target_says_the_growth_needed():
    """The issue's own example: 需年均增长 27.3% 才能在 2025 年末达到 90 亿元."""
    assert wording.plain_words(progress_row(), "zh") == "需年均增长 27.3% 才能在 2025 年末达到 90 亿元"
    assert wording.plain_words(progress_row(), "en") == "Needs 27.3% a year to reach 90 亿元 by end-2025"


def test_a_falling_target_says_the_fall_needed_and_the_level_it_means():
    """Energy per GDP 0.50 in 2020, −17 % → 0.415; needed −1.2 % a year."""
    row = progress_row(target_kind="pct_change_vs_baseline", comparison="<=", target_value=-17.0, target_unit="%",
                       unit="吨标准煤/万元", value=0.42, value_in_target_unit=-16.0, target_level=0.415,
                       needed_growth_rate=-1.19)
    assert wording.plain_words(row, "zh") == "需年均下降 1.2% 才能在 2025 年末达到 较 2020 年降低 17%（即 0.415 吨标准煤/万元）"
    assert wording.headline(row, "zh") == "降低 16.0%" and wording.headline(row, "en") == "\u221216.0%"
    assert wording.headline_label(row, "zh") == "2024 年末" and wording.headline_label(row, "en") == "As at end-2024"
    assert wording.level_caption(row, "zh") == "数值 0.420 吨标准煤/万元"
    assert wording.target_line(row, "zh") == "目标 较 2020 年降低 17%，期限 2025 年末"


def test_a_cumulative_target_says_how_much_a_year():
    """Bonds: 8亿元 issued of 20 with one year left → 12亿元 a year."""
    row = progress_row(target_kind="cumulative", target_value=20.0, value=8.0, value_in_target_unit=8.0,
                       needed_growth_rate=12.0)
    assert wording.plain_words(row, "zh") == "需每年新增 12.00 亿元 才能在 2025 年末累计达到 20 亿元"


def test_a_target_the_city_has_not_set_reads_not_set_never_zero():
    row = progress_row(status_code="target_not_set", target_value=float("nan"), target_kind="pct_change_vs_baseline",
                       target_unit="%", value_in_target_unit=-10.0, needed_growth_rate=float("nan"))
    assert wording.target_line(row, "zh") == "目标未设定（待市级下达）"
    assert wording.target_line(row, "en") == "Target not set (to be set by the city)"
    assert wording.plain_words(row, "zh") == "目标值待市级下达；最新 降低 10.0%。"
    assert not re.search(r"\b0(\.0+)?\b", wording.target_line(row, "en"))
    no_data = row | dict(as_of_date=None, value=None, value_in_target_unit=None)
    assert wording.plain_words(no_data, "en") == "The city has not set the target yet; no data yet."


def test_outcomes_after_the_deadline_and_missed_floors():
    missed = progress_row(status_code="not_achieved", as_of_date=DEADLINE, value=88.35, value_in_target_unit=88.35,
                          latest_period_end=DEADLINE, latest_value_in_target_unit=88.35)
    assert wording.plain_words(missed, "zh") == "2025 年末 88.35 亿元，未达到 ≥ 90 亿元 的目标。"
    met_later = missed | dict(met_after_deadline_on=dt.date(2026, 6, 30))
    assert wording.plain_words(met_later, "zh") == "2025 年末 88.35 亿元，未达到 ≥ 90 亿元 的目标。2026 年二季度末已达到目标。"
    assert wording.plain_words(met_later, "en").endswith("short of the target ≥ 90 亿元. Met by end of 2026 Q2.")
    floor = progress_row(status_code="not_achieved", target_kind="annual_rate_floor", target_value=20.0,
                         target_unit="%", years_below_target_list="2023,2024")
    assert wording.plain_words(floor, "zh") == "2023、2024 年增速低于 20% 的年度下限，目标未达成。"
    assert wording.plain_words(floor, "en") == "Growth was below the 20% annual floor in 2023, 2024: target missed."
    newer = missed | dict(latest_period_end=dt.date(2026, 9, 30), latest_value_in_target_unit=101.65)
    assert wording.newer_figure(newer, "zh") == "最新数据（2026 年三季度末）：101.65 亿元"
    assert wording.newer_figure(missed, "zh") == ""


@pytest.mark.parametrize("today, expected", [
    (dt.date(2025, 12, 30), "距期限还有 1 天"),
    (dt.date(2025, 12, 31), "今天是期限"),
    (dt.date(2026, 11, 22), "期限已过 326 天"),  # 2026-01-01 … 2026-11-22 is 31+28+31+30+31+30+31+31+30+31+22
])
def test_deadline_countdown(today, expected):
    assert wording.deadline_countdown(DEADLINE, today, "zh") == expected


def test_after_the_deadline_without_its_figure_no_growth_is_asked_for():
    """End-2024 is the last figure, the deadline end-2025 has passed: say the figure is missing and what the
    last one pointed to, never "needs X % a year to reach it by end-2025"."""
    row = progress_row(status_code="final_not_reported", trend_status_name_zh="需加快进度",
                       trend_status_name_en="Acceleration needed")
    assert wording.plain_words(row, "zh") == "期限已过，2025 年末数据尚未报送；按 2024 年末数据判断：需加快进度。"
    assert wording.plain_words(row, "en") == ("The deadline has passed; the end-2025 figure has not been reported yet. "
                                              "On the end-2024 figure: Acceleration needed.")


@pytest.mark.parametrize("day, zh, en", [
    (dt.date(2025, 12, 31), "2025 年末", "end-2025"),
    (dt.date(2026, 3, 31), "2026 年一季度末", "end of 2026 Q1"),
    (dt.date(2026, 6, 30), "2026 年二季度末", "end of 2026 Q2"),
    (dt.date(2026, 9, 30), "2026 年三季度末", "end of 2026 Q3"),
    (dt.date(2026, 8, 15), "2026-08-15", "2026-08-15"),  # not a period end: the date itself
])
def test_periods_are_said_as_readers_say_them(day, zh, en):
    assert wording.period_label(day, "zh") == zh and wording.period_label(day, "en") == en


@pytest.mark.parametrize("value, zh, en", [(-15.5, "降低 15.5%", "\u221215.5%"), (187.94, "增长 187.9%", "+187.9%"),
                                           (0.0, "持平", "unchanged")])
def test_changes_are_said_the_chinese_way(value, zh, en):
    assert wording.change(value, "zh") == zh and wording.change(value, "en") == en


def test_the_as_of_selector_labels():
    assert wording.as_at_label(None, dt.date(2026, 9, 30), "zh") == "最新（截至 2026 年三季度）"
    assert wording.as_at_label(dt.date(2025, 12, 31), dt.date(2026, 9, 30), "zh") == "截至 2025 年四季度"
    assert wording.as_at_label(dt.date(2025, 12, 31), dt.date(2026, 9, 30), "en") == "As at 2025 Q4"


def test_all_sql_lives_in_the_data_module_and_takes_placeholders():
    dashboard = REPO_ROOT / "dashboard"
    for path in dashboard.rglob("*.py"):
        if path.name != "data.py":
            text = path.read_text(encoding="utf-8")
            assert "duckdb" not in text and not re.search(r"\bselect\b.+\bfrom\b", text, re.I), path
    source = (dashboard / "data.py").read_text(encoding="utf-8")
    assert "$region_code" in source
    assert not re.search(r"\.format\(|f\"\"\"|%s", source)  # no SQL assembled from strings
