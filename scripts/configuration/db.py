"""Small helpers for reading the DuckDB warehouse."""
from __future__ import annotations

from contextlib import contextmanager
from collections.abc import Iterator
from pathlib import Path

import duckdb

# The schema dbt builds the marts in (dbt_project.yml, macros/generate_schema_name.sql): what readers read.
# The steps to them sit in `staging`, `intermediate`, the reference tables in `reference`, the loaded files in
# `raw` and `ingestion`.
MARTS_SCHEMA = "marts"
# How much memory DuckDB may hold in each of the pipeline's steps (loader, quality gate, dbt build); beyond it
# DuckDB spills to disk beside the file, so that millions of rows publish on a small server.
PIPELINE_MEMORY_LIMIT = "1GB"


@contextmanager
def reading_marts(db_path: Path | str) -> Iterator[duckdb.DuckDBPyConnection]:
    """A short-lived read-only connection whose unqualified names are the marts."""
    with duckdb.connect(str(db_path), read_only=True) as connection:
        connection.execute(f"use {MARTS_SCHEMA}")
        yield connection


def records(connection: duckdb.DuckDBPyConnection, sql: str) -> list[dict]:
    """Query rows as dicts keyed by column name (dates stay dates, NULL stays None)."""
    cursor = connection.execute(sql)
    columns = [description[0] for description in cursor.description]
    return [dict(zip(columns, row)) for row in cursor.fetchall()]


def quoted(name: str) -> str:
    """A DuckDB identifier (a column or table name), quoted so that any name is read as a name."""
    return '"' + name.replace('"', '""') + '"'
