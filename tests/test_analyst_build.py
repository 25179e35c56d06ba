"""The analysts' `dbt build`, run from dbt_project/ as they run it: it builds a development copy under
GF_DATA_DIR/dev/, reads the raw data from the published file without locking it, and never changes the
published file; the dashboard's readers keep getting answers while it runs."""
import hashlib
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from tests.conftest import REPO_ROOT, query

DBT = str(Path(sys.executable).with_name("dbt"))
MART = "fct_green_loans_quarterly"


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def analyst_env(data_dir: Path, **extra: str) -> dict[str, str]:
    """An analyst's shell: GF_DATA_DIR says where things are (the developer's GF_DUCKDB_PATH is left out)."""
    env = {key: value for key, value in os.environ.items() if key != "GF_DUCKDB_PATH"}
    return dict(env, GF_DATA_DIR=str(data_dir), **extra)


def dbt_command(*args: str, work: Path) -> list[str]:
    """dbt from dbt_project/ with its own target and log folders, so that tests do not disturb the developer's."""
    return [DBT, *args, "--target-path", str(work / "target"), "--log-path", str(work / "logs")]


def mart_rows(db_path: Path) -> dict[str, int]:
    """Rows per mart (fct_*, dim_* tables) in one DuckDB file."""
    marts = [row[0] for row in query(db_path, "select table_name from duckdb_tables() "
                                              "where schema_name = 'marts' and regexp_matches(table_name, '^(fct|dim)_')")]
    return {mart: query(db_path, f"select count(*) from {mart}")[0][0] for mart in marts}


@pytest.fixture(scope="module")
def data_dir(published_sample, tmp_path_factory) -> Path:
    """A data folder with a published warehouse: the real pipeline's on the sample (conftest.py), copied where
    GF_DATA_DIR puts it (one pipeline run shared with the other tests of the session)."""
    data = tmp_path_factory.mktemp("data")
    (data / "warehouse").mkdir()
    shutil.copy(published_sample[0], data / "warehouse" / "greenfinance.duckdb")
    return data


def test_analyst_build_never_touches_the_published_file_and_never_blocks_readers(data_dir, tmp_path):
    published = data_dir / "warehouse" / "greenfinance.duckdb"
    before = sha256(published)
    expected_rows = query(published, f"select count(*) from {MART}")[0][0]
    output_file = tmp_path / "dbt_build.out"

    with output_file.open("w") as output:
        build = subprocess.Popen(dbt_command("build", work=tmp_path), cwd=REPO_ROOT / "dbt_project",
                                 env=analyst_env(data_dir), stdout=output, stderr=subprocess.STDOUT)
        answers, errors = [], []
        try:
            while build.poll() is None:
                # A dashboard reader: a short-lived read-only connection per query, from another process than dbt.
                try:
                    answers.append(query(published, f"select count(*) from {MART}")[0][0])
                except duckdb.Error as error:
                    errors.append(str(error))
                time.sleep(0.2)
        finally:
            build.wait(timeout=600)
    log = output_file.read_text(encoding="utf-8")

    assert build.returncode == 0, log[-3000:]
    assert errors == [], errors[:3]
    assert len(answers) >= 5, f"only {len(answers)} queries ran during the build"
    assert set(answers) == {expected_rows}
    assert sha256(published) == before, "the analysts' dbt build changed the published file"

    # The analyst gets a clean build: no warnings, nothing skipped, unit tests included.
    assert "Completed successfully" in log
    assert " WARN=0 ERROR=0 " in log and " SKIP=0 " in log, log[-2000:]
    assert "[WARNING]" not in log and "Deprecat" not in log, log
    found_line = next(line for line in log.splitlines() if " Found " in line)
    unit_tests = re.search(r"(\d+) unit tests", found_line)
    assert unit_tests and int(unit_tests.group(1)) >= 1, found_line

    # The dev file holds the marts, built from the published raw data: the same rows as the published marts.
    dev = data_dir / "dev" / "greenfinance_dev.duckdb"
    assert mart_rows(published) and mart_rows(dev) == mart_rows(published)
    # The raw data stayed in the published file: the dev copy reads it, it does not copy it.
    assert query(dev, "select count(*) from duckdb_tables() where schema_name in ('raw', 'ingestion')")[0][0] == 0


def dbt_debug(env: dict[str, str], work: Path) -> str:
    result = subprocess.run([DBT, "debug", "--log-path", str(work / "logs")], cwd=REPO_ROOT / "dbt_project",
                            env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def test_gf_data_dir_moves_the_dev_file_and_the_published_file_it_reads(data_dir, tmp_path):
    output = dbt_debug(analyst_env(data_dir), tmp_path)
    assert f"path: {data_dir / 'dev' / 'greenfinance_dev.duckdb'}\n" in output, output
    assert f"'path': '{data_dir / 'warehouse' / 'greenfinance.duckdb'}', " in output, output
    assert "'alias': 'published'" in output and "'read_only': True" in output, output

    # GF_DUCKDB_PATH names the published file, as for the dashboard (scripts/configuration/paths.py); the dev file stays
    # under GF_DATA_DIR, whose dev/ folder the build creates.
    elsewhere = tmp_path / "elsewhere"
    published = data_dir / "warehouse" / "greenfinance.duckdb"
    output = dbt_debug(analyst_env(elsewhere, GF_DUCKDB_PATH=str(published)), tmp_path)
    assert f"path: {elsewhere / 'dev' / 'greenfinance_dev.duckdb'}\n" in output, output
    assert f"'path': '{published}', " in output, output
    assert (elsewhere / "dev" / "greenfinance_dev.duckdb").is_file()


@pytest.mark.integration  # runs dbt
def test_without_a_published_file_the_build_says_to_run_make_build(tmp_path):
    empty = tmp_path / "data"
    result = subprocess.run(dbt_command("build", work=tmp_path), cwd=REPO_ROOT / "dbt_project",
                            env=analyst_env(empty), capture_output=True, text=True)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    published = empty / "warehouse" / "greenfinance.duckdb"
    assert f"还没有已发布的数据库 {published}：请先运行 `make build`" in output, output[-2000:]
    assert f"No published warehouse at {published}: run `make build` first" in output, output[-2000:]
    assert not empty.exists(), "nothing is created before the published file exists"
