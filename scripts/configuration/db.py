"""Small helpers for reading the DuckDB warehouse."""
from __future__ import annotations

import duckdb


def records(connection: duckdb.DuckDBPyConnection, sql: str) -> list[dict]:
    """Query rows as dicts keyed by column name (dates stay dates, NULL stays None)."""
    cursor = connection.execute(sql)
    columns = [description[0] for description in cursor.description]
    return [dict(zip(columns, row)) for row in cursor.fetchall()]
