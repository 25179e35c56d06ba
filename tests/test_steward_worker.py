"""The steward worker's plumbing, without a worker: which clients find it, its key, the fallback when none runs,
and what tells a warm dbt that the project changed. The worker itself answers every submission of
tests/test_submissions.py."""
from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from scripts.publishing import dbt_build, steward_worker

pytestmark = pytest.mark.unit


def test_a_worker_is_found_only_by_clients_of_the_same_data_folder(monkeypatch, tmp_path):
    monkeypatch.setenv("GF_DATA_DIR", str(tmp_path / "a" / ("很长的数据目录名" * 20)))
    first = steward_worker.socket_path()
    assert steward_worker.socket_path() == first
    assert len(os.fsencode(first)) <= 107  # a Unix socket's limit, however long the data folder's path
    monkeypatch.setenv("GF_DATA_DIR", str(tmp_path / "b"))
    assert steward_worker.socket_path() != first
    other_published = tmp_path / "elsewhere.duckdb"
    second = steward_worker.socket_path()
    monkeypatch.setenv("GF_DUCKDB_PATH", str(other_published))  # same folder, another published file
    assert steward_worker.socket_path() != second


def test_the_key_is_new_for_each_worker_and_readable_by_its_owner_only(monkeypatch, tmp_path):
    monkeypatch.setenv("GF_SUBMISSIONS_DIR", str(tmp_path / "submissions"))
    first = steward_worker.write_key()
    mode = stat.S_IMODE(steward_worker.key_path().stat().st_mode)
    assert mode == 0o600 and len(first) == steward_worker.KEY_BYTES
    assert steward_worker.write_key() != first
    assert steward_worker.key_path().read_bytes() != first
    assert list(steward_worker.key_path().parent.iterdir()) == [steward_worker.key_path()]  # no temporary left


def test_no_worker_or_a_dead_one_means_the_submission_runs_in_the_callers_process(monkeypatch, tmp_path):
    monkeypatch.setenv("GF_DATA_DIR", str(tmp_path))
    assert steward_worker.connect() is None
    steward_worker.socket_path().write_text("left by a worker killed with -9")  # not a socket any more
    try:
        assert steward_worker.connect() is None
    finally:
        steward_worker.socket_path().unlink()


@pytest.fixture
def tiny_project(monkeypatch, tmp_path) -> tuple[Path, Path]:
    """A dbt project folder of one model, with dbt's output folder, and a seeds folder of one seed."""
    project, seeds = tmp_path / "dbt_project", tmp_path / "seeds"
    (project / "models").mkdir(parents=True)
    (project / "target").mkdir()
    seeds.mkdir()
    (project / "models" / "a.sql").write_text("select 1")
    (seeds / "s.csv").write_text("a\n1\n")
    monkeypatch.setattr(dbt_build, "project_folders", lambda: (project, seeds))
    return project, seeds


def test_a_changed_project_file_changes_the_fingerprint_a_warm_dbt_reparses_on(tiny_project):
    project, seeds = tiny_project
    before = dbt_build.project_fingerprint()
    (project / "target" / "run_results.json").write_text("{}")  # dbt's own output is not the project
    assert dbt_build.project_fingerprint() == before
    (seeds / "s.csv").write_text("a\n2\n")
    os.utime(seeds / "s.csv", ns=(1, 1))
    assert dbt_build.project_fingerprint() != before
    changed = dbt_build.project_fingerprint()
    (project / "models" / "b.sql").write_text("select 2")
    assert dbt_build.project_fingerprint() != changed


def test_the_build_environment_is_put_back_as_it_was(monkeypatch):
    monkeypatch.setenv("GF_DUCKDB_PATH", "/published.duckdb")
    monkeypatch.delenv("GF_DUCKDB_MEMORY_LIMIT", raising=False)
    with dbt_build._environment(dbt_build.dbt_environment("/build/candidate.duckdb")):
        assert os.environ["GF_DUCKDB_PATH"] == "/build/candidate.duckdb"
        assert os.environ["GF_DUCKDB_MEMORY_LIMIT"]
    assert os.environ["GF_DUCKDB_PATH"] == "/published.duckdb" and "GF_DUCKDB_MEMORY_LIMIT" not in os.environ


def test_the_digest_a_published_file_records_follows_what_the_files_say_not_when_they_were_written(tiny_project):
    """What tells a steward's build whether the published file was built by this project
    (scripts/publishing/partial_build.py): the same in another checkout, another after any change."""
    project, seeds = tiny_project
    before = dbt_build.project_digest()
    os.utime(project / "models" / "a.sql", (0, 0))  # another checkout: other times, the same text
    (project / "target" / "run_results.json").write_text("{}")  # dbt's own output is not the project
    assert dbt_build.project_digest() == before
    (seeds / "s.csv").write_text("a\n2\n")
    assert dbt_build.project_digest() != before
    (seeds / "s.csv").write_text("a\n1\n")
    (project / "models" / "a.sql").rename(project / "models" / "b.sql")  # the same text under another name
    assert dbt_build.project_digest() != before
