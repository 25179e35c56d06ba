"""The SQL statements on the published marts that the dashboard (dashboard/data.py) and the leading group's
briefing (scripts/outputs/briefing/) both read: one owner each. Parameters are placeholders ($as_at,
$region_code, $measure_code), never formatted in; unqualified names are the marts. `read` runs one."""
from __future__ import annotations

import duckdb
import pandas as pd


def read(connection: duckdb.DuckDBPyConnection, sql: str, parameters: dict[str, object]) -> pd.DataFrame:
    """One statement's rows. DATE columns arrive as timestamps; readers show and compare them as dates."""
    frame = connection.execute(sql, parameters).df()
    for column in frame.columns:
        if pd.api.types.is_datetime64_any_dtype(frame[column]):
            frame[column] = [None if pd.isna(value) else value.date() for value in frame[column]]
    return frame


# Every page shows the published data as it stood at one quarter end (`$as_at`, the sidebar's as-of selector):
# only figures for periods up to it.
AS_AT_QUARTERS_SQL = "select * from dim_as_at_quarter order by as_at_date desc"

PROGRESS_AS_AT_SQL = """
select
    progress.*,
    status.scale as status_scale,
    status.meaning_zh as status_meaning_zh,
    status.meaning_en as status_meaning_en,
    indicator.clause_ref,
    indicator.baseline_year,
    indicator.cumulative_from,
    indicator.set_for_region_code,
    indicator.note_zh,
    indicator.note_en,
    indicator.set_by,
    indicator.plan_title_zh,
    indicator.plan_title_en,
    indicator.issuing_body_zh,
    indicator.issuing_body_en,
    long_term.status_name_zh as long_term_trend_name_zh,
    long_term.status_name_en as long_term_trend_name_en,
    short_term.status_name_zh as short_term_trend_name_zh,
    short_term.status_name_en as short_term_trend_name_en,
    region.is_pilot_zone,
    region.parent_region_code
from fct_indicator_progress_as_of as progress
join dim_progress_status as status on status.status_code = progress.status_code
join dim_indicator as indicator on indicator.target_code = progress.target_code
join dim_region as region on region.region_code = progress.region_code
left join dim_progress_status as long_term on long_term.status_code = progress.long_term_trend_status_code
left join dim_progress_status as short_term on short_term.status_code = progress.short_term_trend_status_code
where progress.as_at_date = $as_at
order by region.is_pilot_zone desc, progress.region_code, progress.display_order
"""

# The final scorecard of the targets whose deadline has passed by the quarter chosen (fct_target_scorecard).
SCORECARD_SQL = """
select scorecard.*, indicator.baseline_year, indicator.set_by, region.is_pilot_zone
from fct_target_scorecard as scorecard
join dim_indicator as indicator on indicator.target_code = scorecard.target_code
join dim_region as region on region.region_code = scorecard.region_code
where scorecard.as_at_date = $as_at
order by region.is_pilot_zone desc, scorecard.region_code, scorecard.display_order
"""

# Where a plan's annual floor and its level targets disagree (fct_target_consistency_checks).
CONSISTENCY_SQL = "select * from fct_target_consistency_checks order by floor_target_code, level_target_code"

# A region's latest contribution, up to the quarter chosen, to each target set for the region it lies in.
CONTRIBUTIONS_SQL = """
select *
from fct_target_contributions
where region_code = $region_code and period_end <= $as_at
qualify row_number() over (partition by target_code order by period_end desc) = 1
"""

# The paths and levels charts draw (fct_target_paths), for one region.
TARGET_PATHS_SQL = """
select *
from fct_target_paths
where region_code = $region_code
order by target_code, path_basis, period_end
"""

# One measure's series for one region as the target cards read it (fct_measure_observations).
MEASURE_SERIES_SQL = """
select *
from fct_measure_observations
where region_code = $region_code and measure_code = $measure_code and period_end <= $as_at
order by period_end
"""

REGIONS_SQL = "select * from dim_region order by is_pilot_zone desc, region_code"

REGION_CREDIT_SQL = """
select *
from fct_region_credit_quarterly
where region_code = $region_code and period_end <= $as_at
order by period_end, statistics_basis
"""

STATISTICS_BASES_SQL = "select * from dim_statistics_basis order by effective_from"

# Regions in dim_region's order (pilot zone first, then by code): every chart's legend lists them the same way.
COMPARISON_SQL = """
select comparison.*, region.region_name_zh, region.region_name_en, region.is_pilot_zone
from fct_region_comparison as comparison
join dim_region as region on region.region_code = comparison.region_code
where comparison.as_of_date <= $as_at
order by comparison.metric_sort_order, region.is_pilot_zone desc, comparison.region_code, comparison.year
"""

# The tasks with their departments in both languages and their status's order (fct_task_status owns them).
TASKS_SQL = "select * from fct_task_status order by section_sort_order, task_no"

TASK_STATUSES_SQL = "select * from dim_task_status order by sort_order"

# Newest period and next due date per raw source and region (fct_source_freshness owns the rules).
SOURCE_FRESHNESS_SQL = "select * from fct_source_freshness order by source, region_code"
