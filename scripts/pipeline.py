"""The main job: raw files -> ingestion -> dbt build -> publish -> progress summary.

The build goes into a new DuckDB file next to the published one, and only a successful build replaces the
published file (os.replace is atomic): a failed run leaves the published data exactly as it was, and readers
of the published file are never blocked by the build.

Usage: python -m scripts.pipeline [--raw-dir DIR] [--db PUBLISHED_FILE] [--no-summary]
Exit status: 0 published, 1 rejected (the reasons are printed), 2 usage error.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb

from scripts import db, paths, summary
from scripts.load_raw import RawInputError, load_raw

FAILING_ROWS_SHOWN = 10


class BuildFailure(Exception):
    """dbt build did not pass. The message is the text a data steward or analyst acts on."""


def dbt_executable() -> str:
    beside_python = Path(sys.executable).with_name("dbt")
    return str(beside_python) if beside_python.exists() else "dbt"


def run_dbt_build(db_path: Path, work_dir: Path, echo: bool) -> None:
    """dbt build against db_path; raises BuildFailure naming every failed check and its offending rows."""
    env = dict(os.environ, GF_DUCKDB_PATH=str(db_path))
    # Unit tests check the models' logic, not the data: CI and analysts run them, publishing need not.
    command = [dbt_executable(), "build", "--exclude-resource-type", "unit_test",
               "--target-path", str(work_dir / "target"),
               "--log-path", str(work_dir / "logs"), "--profiles-dir", str(paths.DBT_PROJECT_DIR)]
    process = subprocess.run(command, cwd=paths.DBT_PROJECT_DIR, env=env, capture_output=True, text=True)
    if echo:
        sys.stdout.write(process.stdout)
    if process.returncode == 0:
        return
    raise BuildFailure(describe_failures(work_dir / "target" / "run_results.json", db_path, process.stdout))


def describe_failures(run_results_path: Path, db_path: Path, dbt_output: str) -> str:
    if not run_results_path.exists():  # dbt stopped before running anything (e.g. a parse error)
        return "dbt build failed before running any check:\n" + dbt_output[-3000:]
    results = json.loads(run_results_path.read_text(encoding="utf-8"))["results"]
    failed = [result for result in results if result["status"] in ("fail", "error", "runtime error")]
    lines = [f"dbt build failed: {len(failed)} check(s) or model(s) did not pass."]
    with duckdb.connect(str(db_path), read_only=True) as connection:
        for result in failed:
            lines.append(f"\n✗ {check_name(result['unique_id'])}: {(result.get('message') or '').strip()}")
            try:
                lines += failing_rows(connection, result)
            except duckdb.Error as error:  # the summary must still reach the steward
                lines.append(f"    (could not list the failing rows: {error})")
    return "\n".join(lines)


def check_name(unique_id: str) -> str:
    """test.<project>.<name>.<hash> -> <name>; models keep their full id."""
    parts = unique_id.split(".")
    return parts[2] if parts[0] in ("test", "unit_test") and len(parts) >= 3 else unique_id


def failing_rows(connection: duckdb.DuckDBPyConnection, result: dict) -> list[str]:
    """The rows a failed data test returned, labelled where the test labels them (see raw_violations.sql)."""
    compiled = result.get("compiled_code")
    if not result["unique_id"].startswith("test.") or not compiled or result["status"] != "fail":
        return []
    rows = db.records(connection, f"select * from ({compiled}) as failing limit {FAILING_ROWS_SHOWN}")
    if rows and {"source_table", "source_file", "source_row", "column_name", "bad_value", "rule"} <= set(rows[0]):
        return [f"    source {row['source_table']}, file {row['source_file']}, row {row['source_row']}, "
                f"column {row['column_name']}, value {row['bad_value']!r}: {row['rule']}" for row in rows]
    return [f"    {row}" for row in rows]


def build_and_publish(raw_dir: Path, published: Path, echo_dbt: bool = False) -> dict[str, int]:
    """Build a fresh database from raw_dir and atomically publish it. Returns raw row counts."""
    published.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="gf-build-", dir=published.parent) as work:
        work_dir = Path(work)
        candidate = work_dir / "candidate.duckdb"
        counts = load_raw(raw_dir, candidate)
        run_dbt_build(candidate, work_dir, echo_dbt)
        with duckdb.connect(str(candidate)) as connection:
            connection.execute("checkpoint")  # fold any write-ahead log into the file before moving it
        os.replace(candidate, published)
    return counts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--raw-dir", type=Path, default=None, help="raw folder (default: GF_RAW_DIR or data/raw)")
    parser.add_argument("--db", type=Path, default=None, help="published DuckDB file (default: GF_DUCKDB_PATH)")
    parser.add_argument("--show-dbt", action="store_true", help="echo dbt's own output")
    parser.add_argument("--no-summary", action="store_true", help="do not print the progress summary")
    args = parser.parse_args()
    raw_dir, published = args.raw_dir or paths.raw_dir(), args.db or paths.published_db_path()
    started = time.monotonic()
    try:
        counts = build_and_publish(raw_dir, published, echo_dbt=args.show_dbt)
    except (RawInputError, BuildFailure) as error:
        print(f"REJECTED — nothing was published; {published} is unchanged.\n{error}", file=sys.stderr)
        return 1
    loaded = ", ".join(f"{source} {count}" for source, count in counts.items())
    print(f"Published {published} in {time.monotonic() - started:.1f} s (raw rows: {loaded}).")
    if not args.no_summary:
        print(summary.render(published))
    return 0


if __name__ == "__main__":
    sys.exit(main())
