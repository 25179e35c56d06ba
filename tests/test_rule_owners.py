"""Each raw rule has one owner: the quality gate's raw suites (expectations/suites.py). dbt declares the raw
contract's columns and tests its own models' keys; it repeats no rule about a submitted cell, so the two can no
longer disagree (they did: a 1999 figure passed the gate and was then rejected by dbt in English only). What
dbt still checks can fail, and that failure reaches the steward in both languages."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from tests.conftest import FIXTURES, REPO_ROOT, run_pipeline_in_process, run_reports
from expectations import suites
from scripts.configuration import paths, raw_contract
from scripts.publishing.ingest import REJECTED, ingest
from scripts.ingestion.submission_store import SubmissionStore

DBT_PROJECT = REPO_ROOT / "dbt_project"


def raw_source_tables() -> list[dict]:
    document = yaml.safe_load((DBT_PROJECT / "models" / "staging" / "_staging.yml").read_text(encoding="utf-8"))
    (raw,) = [source for source in document["sources"] if source["name"] == "raw"]
    return raw["tables"]


def test_dbt_declares_the_raw_columns_without_rules():
    tables = raw_source_tables()
    assert len(tables) == 8
    for table in tables:
        assert "data_tests" not in table and "tests" not in table, table["name"]
        for column in table["columns"]:
            assert "data_tests" not in column and "tests" not in column, (table["name"], column["name"])


def test_no_dbt_test_reads_a_raw_source():
    """A singular or generic test over source('raw', ...) would be a second owner of a raw rule."""
    test_files = sorted((DBT_PROJECT / "tests").rglob("*.sql")) + sorted((DBT_PROJECT / "macros").rglob("*.sql"))
    assert test_files
    for path in test_files:
        text = path.read_text(encoding="utf-8")
        assert "source('raw'" not in text and 'source("raw"' not in text, path
        assert "{% test raw_" not in text, path


def test_each_raw_rule_is_defined_once():
    """Within the gate, no raw rule is written twice: no two expectations of the raw stage check the same
    frame column the same way."""
    reference = suites.Reference.from_seeds(paths.SEEDS_DIR)
    seen: dict[tuple, str] = {}
    raw_specs = [spec for spec in suites.SUITES if spec.stage == suites.RAW]
    assert len(raw_specs) >= 7
    for spec in raw_specs:
        columns = raw_contract.column_names(spec.source) if spec.source in raw_contract.source_names() else []
        for expectation in spec.configure(reference, columns).expectations:
            configuration = expectation.configuration
            key = (spec.frame, configuration.type, json.dumps(configuration.kwargs, sort_keys=True, default=str))
            assert key not in seen, f"{key} is defined twice ({seen.get(key)} and {spec.name})"
            seen[key] = spec.name


@pytest.mark.integration
def test_the_year_rule_is_the_gates(monkeypatch, capsys, tmp_path):
    """The 1999 row of the issue: rejected at the raw gate, located, in both languages, before dbt runs."""
    raw_dir = tmp_path / "raw"
    shutil.copytree(FIXTURES / "known_answer", raw_dir)
    with (raw_dir / "regional_indicators" / "known_answer_regional_indicators.csv").open("a", encoding="utf-8") as f:
        f.write("500115,1999,forest_coverage,50,%,official\n")
    result = run_pipeline_in_process(raw_dir, tmp_path / "published.duckdb", monkeypatch, capsys)
    assert result.returncode == 1
    assert "REJECTED at the raw quality gate" in result.stderr
    assert ("source regional_indicators, column year — must be 2000 or later / 不得早于 2000 年"
            in result.stderr), result.stderr
    assert "file regional_indicators/known_answer_regional_indicators.csv, row 9, year '1999'" in result.stderr


@pytest.fixture()
def project_with_a_failing_check(tmp_path, monkeypatch) -> Path:
    """The dbt project as it is, plus one business check that always fails, used in place of the real one."""
    copy = tmp_path / "project" / "dbt_project"
    shutil.copytree(DBT_PROJECT, copy, ignore=shutil.ignore_patterns("target", "logs"))
    (copy.parent / "seeds").symlink_to(REPO_ROOT / "seeds")
    (copy / "tests" / "assert_injected_failure.sql").write_text(
        "-- Stands for a transformation bug: a check that fails whatever the data.\n"
        "select region_code, 'injected for the test' as reason from {{ ref('dim_region') }} "
        "where region_code = '500115'\n", encoding="utf-8")
    monkeypatch.setattr(paths, "DBT_PROJECT_DIR", copy)
    monkeypatch.setattr(paths, "DBT_PARSE_STATE", copy / "target" / "state" / paths.DBT_PARSE_STATE.name)
    return copy


def test_a_dbt_failure_reaches_the_steward_in_both_languages(project_with_a_failing_check, published_known_answer,
                                                             tmp_path, monkeypatch):
    published = tmp_path / "warehouse" / "greenfinance.duckdb"
    published.parent.mkdir()
    shutil.copy(published_known_answer, published)
    before = published.read_bytes()
    monkeypatch.setenv("GF_QUALITY_DIR", str(tmp_path / "warehouse" / "quality"))
    bond = ("bond_code,bond_name,issuer_name,region_code,issue_date,amount,amount_unit,bond_type,market\n"
            "KA003,测试绿色债券丙,测试发行人丙,500115,2025-03-01,1.5,亿元,green_bond,interbank\n")

    result = ingest(bond.encode("utf-8"), "债券.csv", "green_bonds", "zhang_steward", channel="upload page",
                    raw_dir=FIXTURES / "known_answer", published=published,
                    store=SubmissionStore(tmp_path / "submissions"))

    assert result.outcome == REJECTED
    (problem,) = result.problems
    assert problem.rule_zh.startswith("数据构建（dbt）有 1 项检查或模型未通过。所报数据已通过质量闸门")
    assert "已发布数据未改变" in problem.rule_zh
    assert problem.rule_en.startswith("dbt build failed: 1 check or model did not pass.")
    assert "✗ assert_injected_failure" in problem.rule_en
    assert "region_code '500115', reason 'injected for the test'" in problem.rule_en
    assert published.read_bytes() == before
    report = run_reports(published)[0]
    assert (report["outcome"], report["stage"]) == ("rejected", "dbt build")
