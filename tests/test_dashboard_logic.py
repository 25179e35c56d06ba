"""Known answers, worked out by hand, for what the dashboard computes itself: the words on the overview cards,
the required paths on the charts, when a source is overdue, and the rule that all SQL lives in one module."""
from __future__ import annotations

import datetime as dt
import re

import pytest

from dashboard import data, trajectories, wording
from tests.conftest import REPO_ROOT

DEADLINE = dt.date(2025, 12, 31)


def progress_row(**values) -> dict:
    """A row of fct_indicator_progress_latest: Changshou's green-loan balance target, still open."""
    row = dict(status_code="acceleration_needed", target_kind="level", comparison=">=", target_value=90.0,
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
    assert wording.plain_words(row, "zh") == "需年均下降 1.2% 才能在 2025 年末达到 -17%（即 0.415 吨标准煤/万元）"
    assert wording.headline(row, "zh") == "-16.0%"
    assert wording.level_caption(row, "zh") == "截至 2024-12-31 · 0.420 吨标准煤/万元"


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
    assert wording.plain_words(row, "zh") == "目标值待市级下达；最新 -10.0%。"
    assert not re.search(r"\b0(\.0+)?\b", wording.target_line(row, "en"))
    no_data = row | dict(as_of_date=None, value=None, value_in_target_unit=None)
    assert wording.plain_words(no_data, "en") == "The city has not set the target yet; no data yet."


def test_outcomes_after_the_deadline_and_missed_floors():
    missed = progress_row(status_code="not_achieved", as_of_date=DEADLINE, value=88.35, value_in_target_unit=88.35,
                          latest_period_end=DEADLINE, latest_value_in_target_unit=88.35)
    assert wording.plain_words(missed, "zh") == "2025 年末为 88.35 亿元，未达到 ≥ 90 亿元 的目标。"
    floor = progress_row(status_code="not_achieved", target_kind="annual_rate_floor", target_value=20.0,
                         target_unit="%", years_below_target_list="2023,2024")
    assert wording.plain_words(floor, "zh") == "2023、2024 年增速低于 20% 的年度下限，目标未达成。"
    assert wording.plain_words(floor, "en") == "Growth was below the 20% annual floor in 2023, 2024: target missed."
    newer = missed | dict(latest_period_end=dt.date(2026, 9, 30), latest_value_in_target_unit=101.65)
    assert wording.newer_figure(newer, "zh") == "最新数据 2026-09-30：101.65 亿元"
    assert wording.newer_figure(missed, "zh") == ""


@pytest.mark.parametrize("today, expected", [
    (dt.date(2025, 12, 30), "距期限还有 1 天"),
    (dt.date(2025, 12, 31), "今天是期限"),
    (dt.date(2026, 11, 22), "期限已过 326 天"),  # 2026-01-01 … 2026-11-22 is 31+28+31+30+31+30+31+31+30+31+22
])
def test_deadline_countdown(today, expected):
    assert wording.deadline_countdown(DEADLINE, today, "zh") == expected


def test_required_paths_by_hand():
    """From 30亿元 at end-2020: at 20 % a year, 30 × 1.2^5 = 74.6496 at end-2025; the path to 90 grows by
    3^(1/5) a year, so at end-2023 it stands at 30 × 3^(3/5) = 57.9955; at 30 Sep 2021 (0.748 of a year,
    273/365) the floor path is 30 × exp(0.74795 × ln 1.2) ≈ 34.383."""
    start, end = dt.date(2020, 12, 31), dt.date(2025, 12, 31)
    days = trajectories.quarter_ends(start, end)
    assert len(days) == 21 and days[0] == start and days[-1] == end and dt.date(2024, 2, 29) not in days
    assert days[1:4] == [dt.date(2021, 3, 31), dt.date(2021, 6, 30), dt.date(2021, 9, 30)]
    floor = trajectories.compound_path(30.0, start, 20.0, [dt.date(2021, 9, 30), end])
    assert floor == pytest.approx([34.383, 74.6496], abs=1e-3)
    to_target = trajectories.path_to_level(30.0, start, 90.0, end, [start, dt.date(2023, 12, 31), end])
    assert to_target == pytest.approx([30.0, 57.9955, 90.0], abs=1e-4)
    assert trajectories.years_between(dt.date(2023, 12, 31), dt.date(2024, 12, 31)) == 1.0  # leap year too


@pytest.mark.parametrize("frequency, today, expected", [
    ("quarterly", dt.date(2026, 11, 22), dt.date(2026, 9, 30)),   # 45 days back: 8 Oct, after Q3's end
    ("quarterly", dt.date(2026, 11, 13), dt.date(2026, 6, 30)),   # 29 Sep: Q3 not yet due
    ("quarterly", dt.date(2026, 11, 14), dt.date(2026, 9, 30)),   # 30 Sep: due today
    ("quarterly", dt.date(2026, 2, 1), dt.date(2025, 9, 30)),     # 18 Dec 2025
    ("annual", dt.date(2026, 11, 22), dt.date(2025, 12, 31)),
    ("annual", dt.date(2026, 6, 30), dt.date(2024, 12, 31)),      # 2025's figures due by the end of June
    ("event", dt.date(2026, 11, 22), None),
])
def test_when_a_source_is_overdue(frequency, today, expected):
    assert data.expected_latest_period(frequency, today) == expected


def test_all_sql_lives_in_the_data_module_and_takes_placeholders():
    dashboard = REPO_ROOT / "dashboard"
    for path in dashboard.rglob("*.py"):
        if path.name != "data.py":
            text = path.read_text(encoding="utf-8")
            assert "duckdb" not in text and not re.search(r"\bselect\b.+\bfrom\b", text, re.I), path
    source = (dashboard / "data.py").read_text(encoding="utf-8")
    assert "$region_code" in source
    assert not re.search(r"\.format\(|f\"\"\"|%s", source)  # no SQL assembled from strings
