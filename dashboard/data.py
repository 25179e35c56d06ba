"""All the dashboard's reading: every SQL statement, the run reports and the freshness rules.

Queries take parameters as placeholders, never by string formatting. Each query opens the published DuckDB
file read-only for that one query (query_together: one opening for several, which then read the same file),
through ATTACH in a fresh in-memory database: a plain read-only connect would hand back the database already
open in this process, i.e. the file as it was before the pipeline swapped a new one in. Results are cached per
file version (path, inode, mtime, size), so a republished file is read on the next rerun without restarting
the app, and the ttl bounds memory.
"""
from __future__ import annotations

import datetime as dt
import os
import io
import zipfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd
import streamlit as st

from scripts.configuration import db, paths
from scripts.outputs import queries
from scripts.outputs.queries import (  # noqa: F401 (statements shared with the briefing: one owner each)
    AS_AT_QUARTERS_SQL,
    PROGRESS_AS_AT_SQL,
    SCORECARD_SQL,
    CONSISTENCY_SQL,
    CONTRIBUTIONS_SQL,
    TARGET_PATHS_SQL,
    MEASURE_SERIES_SQL,
    REGIONS_SQL,
    REGION_CREDIT_SQL,
    STATISTICS_BASES_SQL,
    COMPARISON_SQL,
    TASKS_SQL,
    TASK_STATUSES_SQL,
    SOURCE_FRESHNESS_SQL,
)
from scripts.quality import quality_report
from scripts.ingestion.submission_store import SubmissionStore

CACHE_TTL_SECONDS = 600


# The plan documents the targets come from (dim_target_regime).
TARGET_REGIMES_SQL = "select * from dim_target_regime order by display_order"

# One target's observations for one region, each with the status it had then (the per-indicator page).
TARGET_OBSERVATIONS_SQL = """
select progress.*, status.status_name_zh, status.status_name_en, status.colour as status_colour
from fct_indicator_progress as progress
join dim_progress_status as status on status.status_code = progress.status_code
where progress.region_code = $region_code and progress.target_code = $target_code
    and progress.period_end <= $as_at
order by progress.period_end
"""

PROGRESS_STATUSES_SQL = "select * from dim_progress_status order by display_order"

TARGETS_SQL = "select * from dim_indicator order by display_order"

# The latest quarter on the basis each quarter prefers, broken down by use category and carbon effect
# (fct_green_loan_breakdown_quarterly owns the sums and the order).
GREEN_LOAN_BREAKDOWN_SQL = """
select *
from fct_green_loan_breakdown_quarterly
where region_code = $region_code and is_preferred_basis and period_end = (
    select max(period_end)
    from fct_region_credit_quarterly
    where region_code = $region_code and is_preferred_basis and period_end <= $as_at
)
order by category_sort_order, effect_sort_order
"""

# Green loans by category as one history across the 2025 catalogue change (fct_green_loan_category_history).
CATEGORY_HISTORY_SQL = """
select *
from fct_green_loan_category_history
where region_code = $region_code and period_end <= $as_at
order by series_sort_order, period_end
"""

# Per institution at the region's latest quarter on its preferred basis (fct_institution_credit_quarterly owns
# the shares and the growth).
# The institutions' green-finance evaluation (task 32): the schemes, every quarter's league up to $as_at, one
# quarter's indicators, and what each institution adds to the region's growth and share.
EVALUATION_SCHEMES_SQL = "select * from dim_evaluation_scheme order by display_order"

EVALUATIONS_SQL = """
select *
from fct_institution_evaluation
where region_code = $region_code and scheme_code = $scheme_code and period_end <= $as_at
order by period_end, institution_rank nulls last, institution_code
"""

EVALUATION_INDICATORS_SQL = """
select *
from fct_institution_evaluation_indicators
where region_code = $region_code and scheme_code = $scheme_code and period_end = $period_end
order by institution_code, indicator_sort_order
"""

INSTITUTION_CONTRIBUTIONS_SQL = """
select *
from fct_institution_contributions
where region_code = $region_code and period_end = $period_end
order by growth_contribution_pp desc nulls last, institution_code
"""

INSTITUTIONS_SQL = """
select *
from fct_institution_credit_quarterly
where region_code = $region_code and is_preferred_basis and period_end = (
    select max(period_end)
    from fct_region_credit_quarterly
    where region_code = $region_code and is_preferred_basis and period_end <= $as_at
)
order by green_loan_balance_100m_cny desc, institution_code
"""

GREEN_BONDS_SQL = """
select *
from fct_green_bonds
where region_code = $region_code and issue_date <= $as_at
order by issue_date, bond_code
"""

REGIONAL_ANNUAL_SQL = """
select *
from fct_regional_indicators_annual
where region_code = $region_code and make_date(year, 12, 31) <= $as_at
order by year
"""

TASK_DEPARTMENT_ROLES_SQL = "select * from fct_task_department_roles order by task_no, listed_position"


# Accepted submissions as published, with how many of their rows are still in use.
SUBMISSIONS_SQL = """
select
    *,
    strftime(submitted_at, '%Y-%m-%d %H:%M') as submitted_at_text
from dim_submission
order by submission_id
"""

# The marts of the whole-dataset workbook (dashboard/workbook.py), one sheet each in this order: where each
# region stands on each target, then the facts behind it, the tasks, and the dimensions that name the codes.
# One statement per mart (names are never formatted into SQL), each in its grain's natural order with the key
# last, so that the same file always gives the same sheet. dim_submission is left out: it is the stewards'
# register of files and who sent them (the 数据报送 page's history), not figures.
WORKBOOK_MART_SQL = {
    "fct_indicator_progress_latest":
        "select * from fct_indicator_progress_latest order by region_code, display_order, region_target_key",
    "fct_indicator_progress":
        "select * from fct_indicator_progress order by region_code, target_code, period_end, progress_key",
    "fct_measure_observations":
        "select * from fct_measure_observations order by region_code, measure_code, period_end, observation_key",
    "fct_region_credit_quarterly":
        "select * from fct_region_credit_quarterly order by region_code, period_end, region_quarter_basis_key",
    "fct_green_loans_quarterly":
        "select * from fct_green_loans_quarterly order by region_code, period_end, institution_code, green_loan_key",
    "fct_total_loans_quarterly":
        "select * from fct_total_loans_quarterly order by region_code, period_end, institution_code, total_loan_key",
    "fct_institution_credit_quarterly":
        "select * from fct_institution_credit_quarterly "
        "order by region_code, period_end, statistics_basis, institution_code",
    "fct_green_bonds": "select * from fct_green_bonds order by region_code, issue_date, bond_code",
    "fct_regional_indicators_annual":
        "select * from fct_regional_indicators_annual order by region_code, year, region_year_key",
    "fct_region_comparison":
        "select * from fct_region_comparison order by metric_code, region_code, year, comparison_key",
    "fct_task_status": "select * from fct_task_status order by section_sort_order, task_no",
    "fct_task_department_roles": "select * from fct_task_department_roles order by task_no, listed_position",
    "fct_target_scorecard":
        "select * from fct_target_scorecard order by as_at_date, region_code, display_order, scorecard_key",
    "fct_institution_evaluation":
        "select * from fct_institution_evaluation order by scheme_code, region_code, period_end, institution_code",
    "fct_institution_figures_quarterly":
        "select * from fct_institution_figures_quarterly order by region_code, period_end, institution_code",
    "dim_indicator": "select * from dim_indicator order by display_order, target_code",
    "dim_target_regime": "select * from dim_target_regime order by display_order",
    "dim_region": "select * from dim_region order by is_pilot_zone desc, region_code",
    "dim_institution": "select * from dim_institution order by region_code, institution_code",
}

# Every column of every table of the published file with its description: dbt persists the models' and
# columns' descriptions (each domain's _<domain>__models.yml) as DuckDB comments (persist_docs in dbt_project.yml).
COLUMN_COMMENTS_SQL = """
select
    tables.table_name,
    tables.comment as table_comment,
    columns.column_index,
    columns.column_name,
    columns.data_type,
    columns.comment as column_comment
from duckdb_columns() as columns
join duckdb_tables() as tables
    on tables.database_name = columns.database_name
    and tables.schema_name = columns.schema_name
    and tables.table_name = columns.table_name
where tables.database_name = current_database() and tables.schema_name = current_schema()
order by tables.table_name, columns.column_index
"""

def database_path() -> Path:
    return paths.published_db_path()

def _file_version(stat: os.stat_result, path: Path) -> tuple:
    """Changes whenever the pipeline swaps in a new file (os.replace gives a new inode and mtime)."""
    return str(path), stat.st_ino, stat.st_mtime_ns, stat.st_size

@contextmanager
def _attached(opened: str) -> Iterator[duckdb.DuckDBPyConnection]:
    """A fresh in-memory database with the published file attached read-only; unqualified names are the marts:
    the pages read nothing else."""
    connection = duckdb.connect(":memory:")
    try:
        connection.execute("attach ? as published (read_only)", [opened])
        connection.execute(f"use published.{db.MARTS_SCHEMA}")
        yield connection
    finally:
        connection.close()


@st.cache_data(ttl=CACHE_TTL_SECONDS, show_spinner=False, max_entries=256)
def _query(sql: str, parameters: tuple[tuple[str, object], ...], version: tuple, _opened: str) -> pd.DataFrame:
    with _attached(_opened) as connection:
        return queries.read(connection, sql, dict(parameters))


@contextmanager
def _published_file() -> Iterator[tuple[tuple, str]]:
    """The published file, opened once: its version and the path DuckDB reads it by (/proc/self/fd/N).

    Every read through that path sees one and the same file, the one whose version is the cache key, even if
    the pipeline swaps in a new file meanwhile (a path opened twice could mix the old file's header with the
    new file's blocks)."""
    path = database_path()
    descriptor = os.open(path, os.O_RDONLY)
    try:
        yield _file_version(os.fstat(descriptor), path), f"/proc/self/fd/{descriptor}"
    finally:
        os.close(descriptor)

def query(sql: str, **parameters) -> pd.DataFrame:
    """Rows of one query on the published file, cached until the file changes."""
    with _published_file() as (version, opened):
        return _query(sql, tuple(sorted(parameters.items())), version, opened)

@dataclass(frozen=True)
class Snapshot:
    """The results of several queries, all read from one and the same published file."""
    version: tuple
    published_at: dt.datetime  # that file's modification time, as published_at() gives it
    frames: dict[str, pd.DataFrame]

def query_together(statements: Mapping[str, str]) -> Snapshot:
    """Each statement's rows (name -> frame), read from one version of the published file, never a mix of two
    (a download made of many queries stays consistent while the pipeline publishes)."""
    with _published_file() as (version, opened):
        frames = {name: _query(sql, (), version, opened) for name, sql in statements.items()}
        return Snapshot(version, dt.datetime.fromtimestamp(os.stat(opened).st_mtime), frames)

@contextmanager
def marts_connection() -> Iterator[duckdb.DuckDBPyConnection]:
    """One connection on one version of the published file, for a reader that runs its own statements of
    scripts/outputs/queries.py (the briefing)."""
    with _published_file() as (_, opened), _attached(opened) as connection:
        yield connection


def published_version() -> tuple:
    """The published file's version as the caches key it: changes whenever a new file is published."""
    path = database_path()
    return _file_version(path.stat(), path)

def database_exists() -> bool:
    return database_path().exists()

def published_at() -> dt.datetime:
    return dt.datetime.fromtimestamp(database_path().stat().st_mtime)

def as_at_quarters() -> pd.DataFrame:
    """The quarter ends the picture can be taken at, newest first."""
    return query(AS_AT_QUARTERS_SQL)

def progress_as_at(as_at: dt.date) -> pd.DataFrame:
    return query(PROGRESS_AS_AT_SQL, as_at=as_at)

def scorecard(as_at: dt.date) -> pd.DataFrame:
    return query(SCORECARD_SQL, as_at=as_at)

def consistency_checks() -> pd.DataFrame:
    return query(CONSISTENCY_SQL)

def target_regimes() -> pd.DataFrame:
    return query(TARGET_REGIMES_SQL)

def contributions(region_code: str, as_at: dt.date) -> pd.DataFrame:
    return query(CONTRIBUTIONS_SQL, region_code=region_code, as_at=as_at)

def target_paths(region_code: str) -> pd.DataFrame:
    return query(TARGET_PATHS_SQL, region_code=region_code)

def measure_series(region_code: str, measure_code: str, as_at: dt.date) -> pd.DataFrame:
    return query(MEASURE_SERIES_SQL, region_code=region_code, measure_code=measure_code, as_at=as_at)

def target_observations(region_code: str, target_code: str, as_at: dt.date) -> pd.DataFrame:
    return query(TARGET_OBSERVATIONS_SQL, region_code=region_code, target_code=target_code, as_at=as_at)

def regions() -> pd.DataFrame:
    return query(REGIONS_SQL)

def progress_statuses() -> pd.DataFrame:
    return query(PROGRESS_STATUSES_SQL)

def targets() -> pd.DataFrame:
    return query(TARGETS_SQL)

def region_credit(region_code: str, as_at: dt.date) -> pd.DataFrame:
    return query(REGION_CREDIT_SQL, region_code=region_code, as_at=as_at)

def statistics_bases() -> pd.DataFrame:
    return query(STATISTICS_BASES_SQL)

def green_loan_breakdown(region_code: str, as_at: dt.date) -> pd.DataFrame:
    return query(GREEN_LOAN_BREAKDOWN_SQL, region_code=region_code, as_at=as_at)

def category_history(region_code: str, as_at: dt.date) -> pd.DataFrame:
    return query(CATEGORY_HISTORY_SQL, region_code=region_code, as_at=as_at)

def institutions(region_code: str, as_at: dt.date) -> pd.DataFrame:
    return query(INSTITUTIONS_SQL, region_code=region_code, as_at=as_at)

def evaluation_schemes() -> pd.DataFrame:
    return query(EVALUATION_SCHEMES_SQL)

def evaluations(region_code: str, scheme_code: str, as_at: dt.date) -> pd.DataFrame:
    return query(EVALUATIONS_SQL, region_code=region_code, scheme_code=scheme_code, as_at=as_at)

def evaluation_indicators(region_code: str, scheme_code: str, period_end: dt.date) -> pd.DataFrame:
    return query(EVALUATION_INDICATORS_SQL, region_code=region_code, scheme_code=scheme_code, period_end=period_end)

def institution_contributions(region_code: str, period_end: dt.date) -> pd.DataFrame:
    return query(INSTITUTION_CONTRIBUTIONS_SQL, region_code=region_code, period_end=period_end)

def green_bonds(region_code: str, as_at: dt.date) -> pd.DataFrame:
    return query(GREEN_BONDS_SQL, region_code=region_code, as_at=as_at)

def regional_annual(region_code: str, as_at: dt.date) -> pd.DataFrame:
    return query(REGIONAL_ANNUAL_SQL, region_code=region_code, as_at=as_at)

def comparison(as_at: dt.date) -> pd.DataFrame:
    return query(COMPARISON_SQL, as_at=as_at)

def tasks() -> pd.DataFrame:
    return query(TASKS_SQL)

def task_department_roles() -> pd.DataFrame:
    return query(TASK_DEPARTMENT_ROLES_SQL)

def task_statuses() -> pd.DataFrame:
    return query(TASK_STATUSES_SQL)

def submissions() -> pd.DataFrame:
    return query(SUBMISSIONS_SQL)

def source_freshness(today: dt.date) -> pd.DataFrame:
    """fct_source_freshness with whether each source is overdue on `today` (after its next due date)."""
    frame = query(SOURCE_FRESHNESS_SQL)
    frame["is_overdue"] = [not pd.isna(due) and today > due for due in frame["next_due_date"]]
    return frame

def _runs_version(runs_dir: Path) -> tuple:
    """Changes whenever a run adds a report (a missing folder simply has none)."""
    return str(runs_dir), tuple(sorted((path.name, path.stat().st_mtime_ns) for path in runs_dir.glob("*.json")))

@st.cache_data(ttl=CACHE_TTL_SECONDS, show_spinner=False, max_entries=16)
def _load_runs(version: tuple) -> list[dict]:
    return quality_report.load_runs(Path(version[0]))

def quality_runs() -> list[dict]:
    """Every pipeline run report, newest first; cached until a run adds a report."""
    return _load_runs(_runs_version(paths.quality_runs_dir()))

def submission_attempts_by_run_report() -> dict[str, list[dict]]:
    """The stewards' submission attempts (audit log lines, one per file) by the run report they led to: which
    files, who and how, for a run made for a submission. Read on every page run: the log is small."""
    attempts: dict[str, list[dict]] = {}
    for entry in SubmissionStore(paths.submissions_dir()).audit_log():
        if entry.get("run_report"):
            attempts.setdefault(entry["run_report"], []).append(entry)
    return attempts

def runs_dir() -> Path:
    return paths.quality_runs_dir()

def data_docs_index() -> Path:
    return paths.data_docs_dir() / "index.html"

def data_docs_zip() -> bytes:
    """The whole Data Docs site as a zip, built only when a steward asks for it (a few MB)."""
    buffer = io.BytesIO()
    site = paths.data_docs_dir()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(site.rglob("*")):
            if path.is_file():
                archive.write(path, Path("data_docs") / path.relative_to(site))
    return buffer.getvalue()
