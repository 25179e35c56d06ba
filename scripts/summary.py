"""A short progress summary of the published marts, printed by the main job: per region and target, the
latest value with its unit and as-of date next to the target. Synthetic figures are flagged."""
from __future__ import annotations

from pathlib import Path

import duckdb

from scripts import db

TARGETS_SQL = """
select
    indicator.target_code, indicator.measure_code, indicator.target_kind, indicator.comparison,
    cast(indicator.target_value as double) as target_value, indicator.target_unit, indicator.baseline_date,
    indicator.target_deadline, indicator.target_name_zh, indicator.target_name_en, indicator.note_zh,
    region.region_code, region.region_name_zh, region.region_name_en
from dim_indicator as indicator
join dim_region as region
    on region.region_code = indicator.set_for_region_code or indicator.applies_to_all_regions
order by region.is_pilot_zone desc, region.region_code, indicator.display_order
"""

OBSERVATIONS_SQL = """
select region_code, measure_code, period_end, value, unit, yoy_growth_pct, provenance
from fct_measure_observations
order by region_code, measure_code, period_end
"""

SAMPLE_BANNER = "⚠ 示例数据 SAMPLE DATA — 合成数据，仅供演示，不是官方统计 / synthetic figures, not official statistics"


def _format_number(value: float) -> str:
    return f"{value:,.2f}"


def _describe_latest(target: dict, series: list[dict]) -> str:
    latest = series[-1]
    if target["target_kind"] == "pct_change_vs_baseline":
        baseline = next((row for row in series if row["period_end"] == target["baseline_date"]), None)
        if baseline is None or not baseline["value"]:
            return f"no {target['baseline_date']:%Y} baseline observation"
        change = 100 * (latest["value"] / baseline["value"] - 1)
        return f"{change:+.1f} % vs {target['baseline_date']:%Y} @{latest['period_end']}"
    if target["target_kind"] == "annual_rate_floor":
        year_end_growth = [(row["period_end"].year, row["yoy_growth_pct"]) for row in series
                           if row["period_end"].month == 12 and row["yoy_growth_pct"] is not None
                           and target["baseline_date"].year < row["period_end"].year <= target["target_deadline"].year]
        shown = ", ".join(f"{year} {growth:.1f}%" for year, growth in year_end_growth)
        short = [str(year) for year, growth in year_end_growth if growth < target["target_value"]]
        return f"year-end growth {shown or 'n/a'}" + (f"; below floor in {', '.join(short)}" if short else "")
    return f"{_format_number(latest['value'])} {latest['unit']} @{latest['period_end']}"


def _describe_target(target: dict) -> str:
    if target["target_value"] is None:
        return f"target 未设定 not set ({target['note_zh']})"
    every_year = " every year" if target["target_kind"] == "annual_rate_floor" else ""
    signed = f"{target['target_value']:+g}" if target["target_kind"] == "pct_change_vs_baseline" else \
        f"{target['target_value']:g}"
    return f"target {target['comparison']} {signed} {target['target_unit']}{every_year} by {target['target_deadline']}"


def render(db_path: Path) -> str:
    with duckdb.connect(str(db_path), read_only=True) as connection:
        targets = db.records(connection, TARGETS_SQL)
        observations = db.records(connection, OBSERVATIONS_SQL)
    lines = ["长寿区绿色金融改革创新试验区 进度摘要 / Green-finance pilot zone: progress summary"]
    if any(row["provenance"] != "official" for row in observations):
        lines.append(SAMPLE_BANNER)
    current_region = None
    for target in targets:
        if target["region_code"] != current_region:
            current_region = target["region_code"]
            lines.append(f"\n{target['region_name_zh']} {target['region_name_en']}")
        series = [row for row in observations
                  if row["region_code"] == target["region_code"] and row["measure_code"] == target["measure_code"]]
        latest = _describe_latest(target, series) if series else "no data"
        lines.append(f"  {target['target_name_zh']} ({target['target_name_en']}): {latest} | {_describe_target(target)}")
    return "\n".join(lines)
