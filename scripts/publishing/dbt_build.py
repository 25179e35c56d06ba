"""The pipeline's write step: `dbt build` of the candidate file, with the failure told in words.

Two ways to run the same command on the same profile (dbt_project/profiles.yml, target `pipeline`):
- a dbt process of its own, for a one-off run (`make build`, a submission from the command line): it starts from
  the parse state the last run kept, so only what changed is parsed again;
- in this process, with the project parsed once (`WarmDbt`), for a long-lived process that builds again and
  again: the steward worker (scripts/publishing/steward_worker.py) calls `keep_dbt_warm()` when it starts, and
  every build after that skips dbt's start-up and its parse (~8 s of CPU a build on this project).
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from contextlib import contextmanager
from importlib import metadata
from pathlib import Path

import duckdb

from scripts.configuration import db, paths
from scripts.configuration.text import pair

FAILING_ROWS_SHOWN = 10
# The candidate's name in every build folder. dbt runs inside the build folder on this relative name, so every
# run, in any data folder, has the same profile and can start from the parse state the last run kept (dbt
# reparses everything when the profile changes, database path included).
CANDIDATE_NAME = "candidate.duckdb"
# Unit tests check the models' logic, not the data: CI and analysts run them, publishing need not. The debug log
# of every statement cost a third of the build's CPU, and the build folder goes when the run ends: what dbt
# prints (kept in the failure message) is the record.
BUILD_OPTIONS = ["--target", "pipeline", "--exclude-resource-type", "unit_test", "--log-level-file", "none"]
NOT_PROJECT = {"target", "logs", "dbt_packages", "__pycache__"}


class BuildFailure(Exception):
    """dbt build did not pass. The raw data had passed the gate, which owns every rule for a submitted cell, so
    what failed is a key or business test of the models or a model itself: the analysts' problem, which the
    steward must still hear of in words. `summary_zh` / `summary_en` say so; the message lists each failed check
    and its first failing rows."""

    def __init__(self, failed_checks: int | None, details: str):
        if failed_checks is None:  # dbt stopped before running anything (e.g. a parse error)
            self.summary_zh, self.summary_en = pair("build_stopped")
        else:
            self.summary_zh, self.summary_en = pair("build_failed", count=failed_checks)
        super().__init__(f"{self.summary_zh}\n{self.summary_en}\n{details}")


def dbt_environment(db_path: str) -> dict[str, str]:
    """What the `pipeline` target reads from the environment."""
    return {"GF_DUCKDB_PATH": db_path, "GF_DUCKDB_MEMORY_LIMIT": db.PIPELINE_MEMORY_LIMIT}


def dbt_executable() -> str:
    beside_python = Path(sys.executable).with_name("dbt")
    return str(beside_python) if beside_python.exists() else "dbt"


def run_dbt_build(db_path: Path, work_dir: Path, echo: bool, select: list[str] | None = None) -> float | None:
    """dbt build against db_path (work_dir/CANDIDATE_NAME); returns the seconds its nodes took by dbt's own timer.
    `select`: only these nodes (dbt's selection syntax; scripts/publishing/partial_build.py), else all.
    Raises BuildFailure naming every failed check and its offending rows."""
    target = work_dir / "target"
    arguments = ["build", *BUILD_OPTIONS, *project_arguments(), "--target-path", str(target),
                 "--log-path", str(work_dir / "logs"), *(["--select", *select] if select else [])]
    warm = _warm_dbt
    if warm is not None:
        success, output = warm.build(db_path, arguments)
    else:
        restore_parse_state(target)
        process = subprocess.run([dbt_executable(), *arguments], cwd=work_dir, text=True, capture_output=True,
                                 env=dict(os.environ, **dbt_environment(os.path.relpath(db_path, work_dir))))
        keep_parse_state(target)
        success, output = process.returncode == 0, process.stdout
    if echo:
        sys.stdout.write(output)
    if success:
        return node_seconds(target / "run_results.json")
    raise describe_failures(target / "run_results.json", db_path, output)


def node_seconds(run_results_path: Path) -> float | None:
    """The time dbt's nodes took, summed (run_results.json's execution_time): the build's floor."""
    try:
        results = json.loads(run_results_path.read_text(encoding="utf-8"))["results"]
    except (OSError, ValueError, KeyError):
        return None
    return round(sum(result.get("execution_time") or 0.0 for result in results), 3)


def restore_parse_state(target: Path) -> None:
    """Start dbt from the parse state of an earlier run (a cache: dbt checks it and reparses what changed)."""
    target.mkdir(parents=True, exist_ok=True)
    try:
        shutil.copyfile(paths.DBT_PARSE_STATE, target / paths.DBT_PARSE_STATE.name)
    except OSError:  # the first run, or a state folder it may not read: dbt parses everything
        pass


def keep_parse_state(target: Path) -> None:
    """Keep this run's parse state for the next run; replaced whole, so that a concurrent run in another data
    folder reads either the old state or the new one."""
    state = target / paths.DBT_PARSE_STATE.name
    if not state.exists():
        return
    try:
        paths.DBT_PARSE_STATE.parent.mkdir(parents=True, exist_ok=True)
        kept = paths.DBT_PARSE_STATE.with_name(f".{paths.DBT_PARSE_STATE.name}.{os.getpid()}")
        shutil.copyfile(state, kept)
        os.replace(kept, paths.DBT_PARSE_STATE)
    except OSError:  # a read-only checkout: the next run parses everything, nothing else changes
        pass


def describe_failures(run_results_path: Path, db_path: Path, dbt_output: str) -> BuildFailure:
    if not run_results_path.exists():
        return BuildFailure(None, dbt_output[-3000:])
    results = json.loads(run_results_path.read_text(encoding="utf-8"))["results"]
    failed = [result for result in results if result["status"] in ("fail", "error", "runtime error")]
    lines = []
    with duckdb.connect(str(db_path), read_only=True) as connection:
        for result in failed:
            lines.append(f"✗ {check_name(result['unique_id'])}: {(result.get('message') or '').strip()}")
            try:
                lines += failing_rows(connection, result)
            except duckdb.Error as error:  # the summary must still reach the steward
                lines.append(f"    (could not list the failing rows: {error})")
    return BuildFailure(len(failed), "\n".join(lines))


def check_name(unique_id: str) -> str:
    """test.<project>.<name>.<hash> -> <name>; models keep their full id."""
    parts = unique_id.split(".")
    return parts[2] if parts[0] in ("test", "unit_test") and len(parts) >= 3 else unique_id


def failing_rows(connection: duckdb.DuckDBPyConnection, result: dict) -> list[str]:
    """The first rows a failed data test returned, each as column=value pairs."""
    compiled = result.get("compiled_code")
    if not result["unique_id"].startswith("test.") or not compiled or result["status"] != "fail":
        return []
    rows = db.records(connection, f"select * from ({compiled}) as failing limit {FAILING_ROWS_SHOWN}")
    return ["    " + ", ".join(f"{column} {value!r}" for column, value in row.items()) for row in rows]


def project_arguments() -> list[str]:
    """Where the project and its profile are, read when dbt runs (a test may point paths at a copy)."""
    return ["--project-dir", str(paths.DBT_PROJECT_DIR), "--profiles-dir", str(paths.DBT_PROJECT_DIR)]


def project_folders() -> tuple[Path, ...]:
    """What dbt's project is made of: a change in any of these files and a warm process parses again."""
    return paths.DBT_PROJECT_DIR, paths.SEEDS_DIR


def project_files() -> list[tuple[str, Path]]:
    """Every file dbt's project is made of, in a stable order, each with its name from its folder's parent
    (dbt_project/..., seeds/...)."""
    files = []
    for folder in project_folders():
        for root, folders, names in os.walk(folder):
            folders[:] = sorted(name for name in folders if name not in NOT_PROJECT)
            files += [(os.path.relpath(Path(root) / name, folder.parent), Path(root) / name) for name in sorted(names)]
    return files


def project_fingerprint() -> tuple:
    """Every project file's name, size and modification time: what a parsed manifest was made from."""
    return tuple((str(file), status.st_size, status.st_mtime_ns)
                 for file, status in ((file, file.stat()) for _, file in project_files()))


def project_digest() -> str:
    """A digest of what the project's files say and of dbt's version, not of when they were written: the same
    in any checkout of the same project, so that a published file can tell which project built it."""
    digest = hashlib.sha256(f"dbt-core {metadata.version('dbt-core')} dbt-duckdb {metadata.version('dbt-duckdb')}\n"
                            .encode("utf-8"))
    for name, file in project_files():
        digest.update(f"{name}\n".encode("utf-8"))
        digest.update(hashlib.sha256(file.read_bytes()).digest())
    return digest.hexdigest()


class WarmDbt:
    """dbt in this process, with the parsed project kept between builds and parsed again when a project file
    changes. One build at a time (dbt's in-process runner is not re-entrant); the profile's settings come from
    the environment, which is set for the build and put back after it."""

    def __init__(self):
        from dbt.cli.main import dbtRunner  # imported here: a one-off run never pays for it twice

        self._runner_class = dbtRunner
        self._lock = threading.Lock()
        self._manifest = None
        self._fingerprint: tuple | None = None

    def parse(self) -> None:
        """Parse the project unless the kept manifest is still that of the project's files. The parse starts
        from the parse state one-off runs keep, with their profile (the relative candidate name), so a warm
        process's start costs what one-off run's parse does."""
        with self._lock:
            self._parse()

    def build(self, db_path: Path, arguments: list[str]) -> tuple[bool, str]:
        """dbt build with these arguments on db_path; returns whether it passed and, if dbt stopped on an error
        of its own, that error (the checks that failed are in run_results.json)."""
        with self._lock:
            self._parse()
            # No callback and nothing printed: dbt turns every event into a message for each listener, which
            # cost a third of a warm build's CPU.
            runner = self._runner_class(manifest=self._manifest)
            try:
                with _environment(dbt_environment(str(db_path))):
                    result = runner.invoke([*arguments, "--log-level", "none"])
            finally:
                _release_database()
            stopped = "" if result.exception is None else f"{type(result.exception).__name__}: {result.exception}\n"
            return result.success, stopped

    def _parse(self) -> None:
        fingerprint = project_fingerprint()
        if self._manifest is not None and fingerprint == self._fingerprint:
            return
        with tempfile.TemporaryDirectory(prefix="gf-dbt-parse-") as work:
            target = Path(work) / "target"
            restore_parse_state(target)
            with _environment(dbt_environment(CANDIDATE_NAME)):
                result = self._runner_class().invoke(
                    ["parse", "--target", "pipeline", *project_arguments(), "--target-path", str(target),
                     "--log-path", str(Path(work) / "logs"), "--log-level-file", "none", "--log-level", "warn"])
            keep_parse_state(target)
        if not result.success:  # a broken project: every build would fail; say so at the first one
            raise BuildFailure(None, f"dbt parse: {result.exception}")
        self._manifest, self._fingerprint = result.result, fingerprint


def _release_database() -> None:
    """Close the candidate file dbt opened. dbt-duckdb keeps its DuckDB instance open in the process after a run
    (closed only at exit), and while it is open no other connection in this process may open the file
    read-only, which the quality gate and the publish step do next. Its environment is a private class attribute:
    dbt-duckdb has no public way to close it."""
    from dbt.adapters.duckdb.connections import DuckDBConnectionManager
    from dbt.adapters.factory import reset_adapters

    reset_adapters()
    environment = DuckDBConnectionManager._ENV
    if environment is not None:
        environment.close()
    DuckDBConnectionManager.close_all_connections()


@contextmanager
def _environment(variables: dict[str, str]):
    """The variables set for the duration of a block, and put back as they were."""
    saved = {name: os.environ.get(name) for name in variables}
    os.environ.update(variables)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


_warm_dbt: WarmDbt | None = None


def keep_dbt_warm() -> WarmDbt:
    """From now on this process builds with dbt in-process, the project parsed once (and now)."""
    global _warm_dbt
    if _warm_dbt is None:
        _warm_dbt = WarmDbt()
    _warm_dbt.parse()
    return _warm_dbt
