"""Where the pipeline reads and writes. Every location can be overridden by an environment variable."""
from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
DBT_PROJECT_DIR = REPO_ROOT / "dbt_project"
SEEDS_DIR = REPO_ROOT / "seeds"
# The data stewards' file templates (written by scripts/ingestion/submission_templates.py, offered on the upload page).
TEMPLATES_DIR = REPO_ROOT / "scripts" / "ingestion" / "templates"
# The pipeline's dbt parse state, kept between runs (scripts/publishing/pipeline.py run_dbt_build); dbt's own target
# folder is gitignored, and dbt checks the state before it trusts it.
DBT_PARSE_STATE = DBT_PROJECT_DIR / "target" / "pipeline_parse_state" / "partial_parse.msgpack"
SOURCES_YML = DBT_PROJECT_DIR / "models" / "staging" / "_staging.yml"
EXPECTATIONS_DIR = REPO_ROOT / "expectations"
GX_CONFIG_TEMPLATE = EXPECTATIONS_DIR / "great_expectations.yml"
FRAMES_DIR = EXPECTATIONS_DIR / "frames"
DATA_DOCS_ASSETS_DIR = EXPECTATIONS_DIR / "data_docs_assets" / "node_modules"


def data_dir() -> Path:
    return Path(os.environ.get("GF_DATA_DIR", REPO_ROOT / "data"))


def raw_dir() -> Path:
    """Raw submissions, one folder per source: <raw_dir>/<source>/*.csv."""
    return Path(os.environ.get("GF_RAW_DIR", data_dir() / "raw"))


def submissions_dir() -> Path:
    """Data stewards' submissions: every file received, the append-only history of accepted ones, the audit
    log (scripts/ingestion/submission_store.py)."""
    return Path(os.environ.get("GF_SUBMISSIONS_DIR", data_dir() / "submissions"))


def published_db_path() -> Path:
    """The DuckDB file the dashboard and analysts read; only the pipeline replaces it (analysts' dbt builds write
    <data_dir>/dev/greenfinance_dev.duckdb instead: dbt_project/profiles.yml)."""
    return Path(os.environ.get("GF_DUCKDB_PATH", data_dir() / "warehouse" / "greenfinance.duckdb"))


def quality_dir() -> Path:
    """Quality-gate output: run reports (runs/), the GX project state (gx/) and the Data Docs (data_docs/)."""
    return Path(os.environ.get("GF_QUALITY_DIR", data_dir() / "quality"))


def quality_runs_dir() -> Path:
    """One JSON report per pipeline run, kept for data stewards and the dashboard."""
    return quality_dir() / "runs"


def data_docs_dir() -> Path:
    """The Great Expectations Data Docs site; open index.html from disk."""
    return quality_dir() / "data_docs"
