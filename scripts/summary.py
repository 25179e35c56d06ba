"""A short progress summary of the published marts, printed by the main job: per region and target, the value
the status is judged on (unit, as-of date), the target and the status, with the growth observed against the
growth required where a trend decides it. Synthetic figures are flagged."""
from __future__ import annotations

from pathlib import Path

import duckdb

from scripts import db

PROGRESS_SQL = """
select progress.*, status.scale as status_scale
from fct_indicator_progress_latest as progress
join dim_region as region on region.region_code = progress.region_code
join progress_statuses as status on status.status_code = progress.status_code
order by region.is_pilot_zone desc, progress.region_code, progress.display_order
"""

SAMPLE_BANNER = "⚠ 示例数据 SAMPLE DATA — 合成数据，仅供演示，不是官方统计 / synthetic figures, not official statistics"


def _format_number(value: float) -> str:
    return f"{value:,.2f}" if abs(value) >= 1 else f"{value:.4f}"


def _in_target_unit(value: float, row: dict) -> str:
    """A value as the target states it: signed for % changes, plain otherwise."""
    if row["target_kind"] in ("pct_change_vs_baseline", "annual_rate_floor"):
        return f"{value:+.1f} {row['target_unit']}"
    return f"{_format_number(value)} {row['target_unit']}"


def _describe_value(row: dict) -> str:
    if row["as_of_date"] is None:
        return "无数据 no data"
    if row["value_in_target_unit"] is None:  # e.g. a % change with no baseline: show the level, not a change
        shown = f"{_format_number(row['value'])} {row['unit']}"
        if row["target_kind"] == "annual_rate_floor":  # a level is no growth rate: say the rate is unknown
            return f"year-on-year growth unknown (level {shown}) @{row['as_of_date']}"
    else:
        shown = _in_target_unit(row["value_in_target_unit"], row)
        if row["target_kind"] == "pct_change_vs_baseline":
            shown += f" vs {row['baseline_date']:%Y}"
    if row["target_kind"] == "annual_rate_floor":
        shown = f"year-on-year {shown}"
    return f"{shown} @{row['as_of_date']}"


def _describe_target(row: dict) -> str:
    if row["target_value"] is None:
        return "目标 target 待市级下达 to be set by the city"
    every_year = " 每年 every year" if row["target_kind"] == "annual_rate_floor" else ""
    return f"目标 target {row['comparison']} {_in_target_unit(row['target_value'], row)}{every_year} " \
           f"by {row['target_deadline']}"


def _describe_status(row: dict) -> str:
    status = f"{row['status_name_zh']} {row['status_name_en']}"
    if row["years_below_target_list"]:
        status += f" (below floor in {row['years_below_target_list'].replace(',', ', ')})"
    if row["trend_status_code"]:  # past the deadline without its figure: what the last figure pointed to
        status += f" (trend @{row['as_of_date']}: {row['trend_status_name_zh']} {row['trend_status_name_en']})"
    if row["met_after_deadline_on"]:
        status += f" (已于 met on {row['met_after_deadline_on']})"
    # Statuses read off the growth ratio come with the rates that decided them.
    if (row["status_scale"] == "growth_ratio" or row["trend_status_code"]) and row["growth_ratio"] is not None:
        unit = row["growth_rate_unit"]
        status += f" (observed {row['observed_growth_rate']:.1f} {unit} vs required " \
                  f"{row['required_growth_rate']:.1f} {unit}, R {row['growth_ratio']:.2f}"
        if row["projected_value_at_deadline"] is not None:
            status += f"; projected {_format_number(row['projected_value_at_deadline'])} {row['unit']} " \
                      f"at deadline, {row['projected_distance_covered_share']:.2f} of the way"
        status += ")"
    return status


def _describe_newer(row: dict) -> str:
    """After the deadline the status is judged at the deadline; say where the series stands now."""
    if row["latest_period_end"] is None or row["latest_period_end"] == row["as_of_date"] \
            or row["latest_value_in_target_unit"] is None:
        return ""
    return f" | 最新 latest {_in_target_unit(row['latest_value_in_target_unit'], row)} @{row['latest_period_end']}"


def render(db_path: Path) -> str:
    with duckdb.connect(str(db_path), read_only=True) as connection:
        rows = db.records(connection, PROGRESS_SQL)
    lines = ["长寿区绿色金融改革创新试验区 进度摘要 / Green-finance pilot zone: progress summary"]
    if any(row["provenance"] not in (None, "official") for row in rows):
        lines.append(SAMPLE_BANNER)
    current_region = None
    for row in rows:
        if row["region_code"] != current_region:
            current_region = row["region_code"]
            lines.append(f"\n{row['region_name_zh']} {row['region_name_en']}")
        lines.append(f"  {row['target_name_zh']} ({row['target_name_en']}): {_describe_value(row)} | "
                     f"{_describe_target(row)} | {_describe_status(row)}{_describe_newer(row)}")
    return "\n".join(lines)
