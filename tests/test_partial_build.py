"""What a steward's build from the published file builds again (scripts/publishing/partial_build.py), on small
DuckDB files: which raw sources changed, which project built a file, and dbt's selection. That such a build
publishes what a full build would, table for table, is checked on real submissions in tests/test_submissions.py."""
from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from scripts.configuration import raw_contract
from scripts.publishing import partial_build

pytestmark = pytest.mark.unit


def raw_file(path: Path, rows: dict[str, list[tuple]]) -> Path:
    """A file with every raw source as a table of one value and the lineage of each row."""
    with duckdb.connect(str(path)) as connection:
        connection.execute("create schema raw")
        for source in raw_contract.source_names():
            connection.execute(f'create table raw."{source}" (amount varchar, _source_file varchar, _source_row int)')
            for row in rows.get(source, [("1", "sample.csv", 2)]):
                connection.execute(f'insert into raw."{source}" values (?, ?, ?)', list(row))
    return path


def test_a_source_changed_when_a_value_a_row_or_only_its_lineage_differs(tmp_path):
    published = raw_file(tmp_path / "published.duckdb", {})
    assert partial_build.changed_sources(raw_file(tmp_path / "same.duckdb", {}), published) == []
    candidate = raw_file(tmp_path / "candidate.duckdb", {
        "green_loans": [("2", "sample.csv", 2)],  # a value
        "total_loans": [("1", "sample.csv", 2), ("1", "sample.csv", 2)],  # one row more, the same as the other
        "green_bonds": [("1", "submission 7", 2)],  # the same value from another file
        "regional_indicators": []})  # a row less
    assert partial_build.changed_sources(candidate, published) == [
        "green_loans", "total_loans", "green_bonds", "regional_indicators"]


def test_only_a_file_this_project_built_is_built_on(tmp_path, monkeypatch):
    assert not partial_build.built_by_this_project(tmp_path / "none yet.duckdb")
    older = raw_file(tmp_path / "older.duckdb", {})  # published before builds were recorded
    assert not partial_build.built_by_this_project(older)
    partial_build.record_project(older)
    assert partial_build.built_by_this_project(older)
    monkeypatch.setattr(partial_build, "project_digest", lambda: "a model changed since")
    assert not partial_build.built_by_this_project(older)


def test_the_selection_reaches_the_changed_sources_the_submissions_and_what_is_judged_today():
    assert partial_build.selection(["green_loans", "total_loans"]) == [
        "source:raw.green_loans+", "source:raw.total_loans+", "source:ingestion.submissions+", "tag:judged_today+"]
    assert partial_build.selection([]) == ["source:ingestion.submissions+", "tag:judged_today+"]

