"""A steward's build from the published file: only the dbt nodes that the package can change are built again.

A package changes one or two sources (a quarter of loans, a year of indicators); most of the project's ~290
dbt nodes do not read them, and a full build spends two thirds of its time rebuilding and retesting what is
already published. So a submission's candidate starts as a copy of the published file, the loader replaces its
raw tables, and dbt builds:
- everything downstream of each raw source whose rows differ from the published ones (compared whole, lineage
  columns included: a replaced submission's rows differ even where the values do not), with their tests;
- everything downstream of the list of accepted submissions (it changes with every package);
- everything downstream of a model judged as of the day of the build (tag `judged_today`,
  macros/quarter_end.sql): the day moves on between builds even when no data does.
What is not selected was built and tested by the build that published the file, from the same rows.

Only when the published file says it was built by this very project (the digest of its files and dbt's
version, recorded in build.project): after any change to a model, a seed or dbt, the next build is a full one.
The main job (`make build`) always builds everything.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import duckdb

from scripts.configuration import raw_contract
from scripts.configuration.db import quoted
from scripts.publishing.dbt_build import project_digest

RECORD_SCHEMA = "build"
RECORD_TABLE = f"{RECORD_SCHEMA}.project"
# Models judged as of the day of the build carry this tag (dbt_project/macros/quarter_end.sql, judged_today).
JUDGED_TODAY_TAG = "judged_today"
SUBMISSIONS_SOURCE = "source:ingestion.submissions"


def record_project(candidate: Path) -> None:
    """Write into a built candidate which project built it."""
    with duckdb.connect(str(candidate)) as connection:
        connection.execute(f"create schema if not exists {RECORD_SCHEMA}")
        connection.execute(f"create or replace table {RECORD_TABLE} as select ? as project_digest",
                           [project_digest()])


def built_by_this_project(published: Path) -> bool:
    """Whether the published file was built by the project as it is now (a file from before the record: no)."""
    if not published.exists():
        return False
    try:
        with duckdb.connect(str(published), read_only=True) as connection:
            recorded = connection.execute(f"select project_digest from {RECORD_TABLE}").fetchall()
    except duckdb.Error:
        return False
    return recorded == [(project_digest(),)]


def start_from(published: Path, candidate: Path) -> None:
    """The candidate begins as a copy of the published file (written whole by the build that published it)."""
    shutil.copyfile(published, candidate)


def changed_sources(candidate: Path, published: Path) -> list[str]:
    """The raw sources whose rows in the candidate differ from the published file's, in either direction."""
    changed = []
    with duckdb.connect(str(candidate), read_only=True) as connection:
        connection.execute("attach ? as published (read_only)", [str(published)])
        for source in raw_contract.source_names():
            table = f"raw.{quoted(source)}"
            (differing,) = connection.execute(
                f"select count(*) from ((select * from {table} except all select * from published.{table}) "
                f"union all (select * from published.{table} except all select * from {table}))").fetchone()
            if differing:
                changed.append(source)
    return changed


def selection(changed: list[str]) -> list[str]:
    """dbt's selection for a build after these sources changed."""
    return [*(f"source:raw.{source}+" for source in changed), f"{SUBMISSIONS_SOURCE}+", f"tag:{JUDGED_TODAY_TAG}+"]
