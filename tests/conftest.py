"""Shared helpers: every test runs the real commands (generator, loader, dbt, pipeline) on real DuckDB files
in a temporary folder, never on the developer's data/."""
from __future__ import annotations

import datetime as dt
import fcntl
import os
import pickle
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, TypeVar

import duckdb
import pytest

from scripts.administration import accounts
from scripts.configuration import db
from scripts.quality import quality_report

T = TypeVar("T")
# Commands that run the pipeline (or its dbt build, or its quality gate): not for the unit lane.
SLOW_MODULES = {"scripts.publishing.pipeline", "scripts.outputs.briefing", "scripts.publishing.ingest", "scripts.quality.quality_gate", "scripts.quality.data_docs"}
REPO_ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SAMPLE_AS_OF = dt.date(2026, 11, 22)
WORKER_START_S = 240  # the steward worker's warm-up: dbt's parse
# The dashboard's accounts in tests: username -> (name, role, password), written to a temporary accounts file.
TEST_ACCOUNTS = {"zhang_steward": ("张三", accounts.STEWARD, "steward-password-for-tests"),
                 "li_leader": ("李四", accounts.LEADER, "leader-password-for-tests")}


# ---- test lanes --------------------------------------------------------------------------------------------
# unit: in-process, no pipeline run, no server, no browser (seconds: `make test-unit`);
# integration: the real pipeline (loader, Great Expectations, dbt) on real DuckDB files;
# e2e: a Streamlit server or headless Chromium. `make test` (CI) runs all three.
# A test using one of these fixtures (each runs the pipeline or builds on its result) is at least integration;
# any other test that runs the pipeline is marked so, and a browser test e2e. `require_lane` makes a test that
# runs the pipeline or a browser from the wrong lane fail, so that the unit lane stays fast.
LANES = ("unit", "integration", "e2e")
PIPELINE_FIXTURES = {"sample_raw_dir", "published_sample", "published_known_answer", "published_progress",
                     # module fixtures of test_submissions, test_reporting_round and test_many_regions
                     "scenario", "round_base", "three_regions", "five_regions"}
# The running test's lane, in the environment: this module is imported twice (as conftest and tests.conftest).
LANE_VARIABLE = "GF_TEST_LANE"


def lane_of(item) -> str:
    if item.get_closest_marker("e2e"):
        return "e2e"
    if item.get_closest_marker("integration") or PIPELINE_FIXTURES & set(item.fixturenames):
        return "integration"
    return "unit"


def pytest_collection_modifyitems(items):
    for item in items:
        item.add_marker(lane_of(item))


def pytest_runtest_setup(item):
    os.environ[LANE_VARIABLE] = lane_of(item)


def pytest_runtest_teardown(item):
    os.environ.pop(LANE_VARIABLE, None)


def require_lane(what: str, *lanes: str) -> None:
    """Fail a test that runs `what` outside `lanes` (a session fixture's build is allowed: it has no lane)."""
    lane = os.environ.get(LANE_VARIABLE)
    if lane and lane not in lanes:
        raise AssertionError(f"{what} runs only in the {' or '.join(lanes)} lane: mark the test "
                             f"@pytest.mark.{lanes[0]} (it is in the {lane} lane)")


@pytest.fixture(autouse=True)
def unit_lane_runs_no_pipeline(monkeypatch):
    """In the unit lane, the pipeline's slow steps (the quality gate, dbt) fail the test that reaches them, in
    this process or (run_module) in a command."""
    if os.environ.get(LANE_VARIABLE) != "unit":
        return
    from scripts.publishing import pipeline
    from scripts.quality import quality_gate

    def refused(what):
        def refuse(*args, **kwargs):
            require_lane(what, "integration", "e2e")
        return refuse

    monkeypatch.setattr(pipeline, "run_dbt_build", refused("dbt build"))
    monkeypatch.setattr(quality_gate, "validate", refused("the quality gate"))


def run_module(module: str, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    if module in SLOW_MODULES:
        require_lane(f"python -m {module}", "integration", "e2e")
    return subprocess.run([sys.executable, "-m", module, *args], cwd=REPO_ROOT, capture_output=True, text=True,
                          env=dict(os.environ, **(env or {})))


def run_pipeline(raw_dir: Path, db_path: Path) -> subprocess.CompletedProcess:
    """The real pipeline; its run reports and Data Docs go to quality_dir(db_path), next to the database, and
    it reads the submissions of submissions_dir(db_path) (none, unless a test put some there)."""
    return run_module("scripts.publishing.pipeline", "--raw-dir", str(raw_dir), "--db", str(db_path),
                      env={"GF_QUALITY_DIR": str(quality_dir(db_path)),
                           "GF_SUBMISSIONS_DIR": str(submissions_dir(db_path))})


def run_pipeline_in_process(raw_dir: Path, db_path: Path, monkeypatch, capsys) -> subprocess.CompletedProcess:
    """The same command as run_pipeline, in this process: what it prints and returns, without a new interpreter
    and Great Expectations' import for every run (for the many bad-input cases; a few stay end to end)."""
    from scripts.publishing import pipeline

    require_lane("the pipeline", "integration", "e2e")
    monkeypatch.setenv("GF_QUALITY_DIR", str(quality_dir(db_path)))
    monkeypatch.setenv("GF_SUBMISSIONS_DIR", str(submissions_dir(db_path)))
    arguments = ["scripts.publishing.pipeline", "--raw-dir", str(raw_dir), "--db", str(db_path)]
    monkeypatch.setattr(sys, "argv", arguments)
    capsys.readouterr()
    returncode = pipeline.main()
    printed = capsys.readouterr()
    return subprocess.CompletedProcess(arguments, returncode, printed.out, printed.err)


@contextmanager
def running_steward_worker(environment: dict[str, str]):
    """The steward worker on the data folder `environment` names, as `make serve` starts it but for its
    rehearsal (a warm-up, half a minute of CI's time: the benchmark measures what it buys)."""
    from scripts.publishing import steward_worker

    require_lane("the steward worker", "integration", "e2e")
    with steward_worker.running(environment, WORKER_START_S, rehearsal=False) as worker:
        yield worker


def quality_dir(db_path: Path) -> Path:
    return db_path.parent / "quality"


def submissions_dir(db_path: Path) -> Path:
    return db_path.parent / "submissions"


def run_reports(db_path: Path) -> list[dict]:
    """Every run report the pipeline left for db_path, newest first, read as the dashboard reads them."""
    return quality_report.load_runs(quality_dir(db_path) / "runs")


def query(db_path: Path, sql: str, parameters: list | None = None) -> list[tuple]:
    with db.reading_marts(db_path) as connection:
        return connection.execute(sql, parameters or []).fetchall()


def relations_differing(first: Path, second: Path) -> tuple[int, list[str]]:
    """How many tables and views of `second` were compared with `first`'s, and those whose rows differ (as
    multisets, in either direction, or missing from `first`)."""
    with duckdb.connect() as connection:
        connection.execute("attach ? as first (read_only)", [str(first)])
        connection.execute("attach ? as second (read_only)", [str(second)])
        relations = connection.execute(
            "select schema_name, table_name from duckdb_tables() where database_name = 'second' union all "
            "select schema_name, view_name from duckdb_views() where database_name = 'second' and not internal "
            "order by all").fetchall()
        differing = []
        for schema, name in relations:
            relation = f'"{schema}"."{name}"'
            try:
                (count,) = connection.execute(
                    f"select count(*) from ((select * from first.{relation} except all select * from second.{relation}) "
                    f"union all (select * from second.{relation} except all select * from first.{relation}))").fetchone()
            except duckdb.Error as error:
                differing.append(f"{relation}: {error}")
                continue
            if count:
                differing.append(f"{relation}: {count} rows")
    return len(relations), differing


def built_once(tmp_path_factory, name: str, build: Callable[[Path], T]) -> T:
    """Session data built once for every xdist worker (pytest-xdist's own recipe): the first worker to ask
    builds it in the run's shared temporary folder under a lock, the others wait and reuse it, and what
    `build(folder)` returned is kept beside it. Tests treat such data as read-only and copy what they change."""
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent  # the folder all workers' temporary folders are in
    folder, result = root / name, root / f"{name}.pickle"
    with (root / f"{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not result.exists():
            folder.mkdir(exist_ok=True)
            built = build(folder)
            result.write_bytes(pickle.dumps(built))
    return pickle.loads(result.read_bytes())


def generated_sample(folder: Path) -> Path:
    raw_dir = folder / "raw"
    result = run_module("scripts.demo.generate_sample_data", "--as-of", SAMPLE_AS_OF.isoformat(), "--raw-dir", str(raw_dir))
    assert result.returncode == 0, result.stderr
    return raw_dir


def published(raw_dir: Path, folder: Path) -> tuple[Path, subprocess.CompletedProcess]:
    db_path = folder / "greenfinance.duckdb"
    result = run_pipeline(raw_dir, db_path)
    assert result.returncode == 0, result.stdout + result.stderr
    return db_path, result


@pytest.fixture(scope="session")
def sample_raw_dir(tmp_path_factory) -> Path:
    return built_once(tmp_path_factory, "sample", generated_sample)


@pytest.fixture(scope="session")
def published_sample(sample_raw_dir, tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    return built_once(tmp_path_factory, "warehouse", lambda folder: published(sample_raw_dir, folder))


@pytest.fixture(scope="session")
def published_known_answer(tmp_path_factory) -> Path:
    return built_once(tmp_path_factory, "known_answer",
                      lambda folder: published(FIXTURES / "known_answer", folder))[0]


@pytest.fixture(scope="session")
def published_progress(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    """The hand-made progress fixture (tests/fixtures/progress): Changshou up to end-2024, Guang'an to end-2025."""
    return built_once(tmp_path_factory, "progress", lambda folder: published(FIXTURES / "progress", folder))


@pytest.fixture(scope="session")
def accounts_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("accounts") / "auth.yaml"
    for username, (name, role, password) in TEST_ACCOUNTS.items():
        accounts.add_user(path, username, name, role, password)
    return path


@pytest.fixture(autouse=True)
def no_developer_state(accounts_file, monkeypatch, tmp_path):
    """No test reads or writes the developer's accounts, submissions or login state; every test starts with no
    failed logins and no revoked session."""
    monkeypatch.setenv("GF_AUTH_CONFIG", str(accounts_file))
    monkeypatch.delenv("GF_ENV", raising=False)
    monkeypatch.setenv("GF_SUBMISSIONS_DIR", str(accounts_file.parent / "no_submissions"))
    monkeypatch.setenv("GF_SECURITY_DIR", str(tmp_path / "security"))


# The attack corpus's counts (tests/test_attack_corpus.py), printed at the end of the run.
ATTACK_TALLY = {"tried": 0, "rejected with a clear message": 0, "published unchanged": 0, "audited": 0}


@pytest.fixture(scope="session")
def attack_tally() -> dict[str, int]:
    return ATTACK_TALLY


def pytest_sessionfinish(session):
    """An xdist worker hands its counts to the controller, which prints them."""
    if hasattr(session.config, "workeroutput"):
        session.config.workeroutput["attack_tally"] = dict(ATTACK_TALLY)


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error):
    for what, count in getattr(node, "workeroutput", {}).get("attack_tally", {}).items():
        ATTACK_TALLY[what] += count


def pytest_terminal_summary(terminalreporter):
    if ATTACK_TALLY["tried"]:
        terminalreporter.write_line("attack corpus (tests/fixtures/attack): " + ", ".join(
            f"{what} {count}" for what, count in ATTACK_TALLY.items()))
