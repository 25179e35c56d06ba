"""Where the pipeline reads and writes. Every location can be overridden by an environment variable."""
from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DBT_PROJECT_DIR = REPO_ROOT / "dbt_project"
SEEDS_DIR = REPO_ROOT / "seeds"
SOURCES_YML = DBT_PROJECT_DIR / "models" / "staging" / "_staging.yml"


def data_dir() -> Path:
    return Path(os.environ.get("GF_DATA_DIR", REPO_ROOT / "data"))


def raw_dir() -> Path:
    """Raw submissions, one folder per source: <raw_dir>/<source>/*.csv."""
    return Path(os.environ.get("GF_RAW_DIR", data_dir() / "raw"))


def published_db_path() -> Path:
    """The DuckDB file the dashboard and analysts read."""
    return Path(os.environ.get("GF_DUCKDB_PATH", data_dir() / "warehouse" / "greenfinance.duckdb"))
