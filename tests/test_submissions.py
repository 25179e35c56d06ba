"""Data stewards' submissions, end to end on real files: read (XLSX, GBK CSV, UTF-8 CSV with and without BOM,
万元 and 亿元, Chinese and English headers, totals rows), archived, run through the real pipeline (raw gate,
dbt build, mart gate) and published, or rejected with every problem; and the history, audit log and marts
checked against figures worked out by hand.

The base is tests/fixtures/known_answer re-marked as sample data (Changshou end-2024: green 45 亿元 of all
loans 300 亿元, GDP 900 亿元; a 2.5 亿元 bond in 2024), so that each submission visibly replaces sample rows.
"""
from __future__ import annotations

import csv
import hashlib
import json
import shutil
from dataclasses import dataclass, field
from multiprocessing import AuthenticationError
from multiprocessing.connection import Client
from pathlib import Path

import pytest

from scripts.configuration import raw_contract
from scripts.publishing import steward_worker
from scripts.publishing.ingest import DUPLICATE, PUBLISHED, READING, REJECTED, IncomingFile, IngestResult
from scripts.quality.quality_report import DATA_DOCS, DBT_BUILD, INGESTION, MART_GATE, PUBLISH, RAW_GATE
from scripts.ingestion.read_submission import read_submission
from scripts.ingestion.submission_store import SubmissionStore
from scripts.ingestion.submission_templates import TEMPLATES_DIR, template_files
from tests import submission_files as files
from tests.conftest import (FIXTURES, query, quality_dir, relations_differing, run_module, run_pipeline, run_reports,
                            running_steward_worker, submissions_dir)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def marked_as_sample(source_dir: Path, target_dir: Path) -> Path:
    for path in source_dir.glob("*/*.csv"):
        rows = list(csv.DictReader(path.open(encoding="utf-8")))
        (target_dir / path.parent.name).mkdir(parents=True, exist_ok=True)
        with (target_dir / path.parent.name / path.name).open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows([dict(row, provenance="sample") for row in rows])
    return target_dir


@dataclass
class Scenario:
    db: Path
    raw_dir: Path
    store: SubmissionStore
    results: dict[str, IngestResult] = field(default_factory=dict)
    snapshots: dict[str, dict] = field(default_factory=dict)
    digests: dict[str, str] = field(default_factory=dict)
    cli_output: str = ""
    steps: dict[str, list[str]] = field(default_factory=dict)
    refused: str | None = None


def snapshot(db: Path) -> dict:
    """The figures the tests check, read from the published marts after a step."""
    def one(sql, parameters=None):
        rows = query(db, sql, parameters)
        return rows[0] if rows else None
    return {
        "credit_2024": one("select green_loan_balance_100m_cny, total_loan_balance_100m_cny, green_loan_share_pct, "
                           "provenance, submission_ids from fct_region_credit_quarterly where region_code = '500115' "
                           "and period_end = '2024-12-31'"),
        "credit_2023": one("select provenance, submission_ids from fct_region_credit_quarterly "
                           "where region_code = '500115' and period_end = '2023-12-31'"),
        "green_rows": query(db, "select institution_code, loan_use_category_code, balance_100m_cny::double, source_file, "
                                "source_row, submission_id from fct_green_loans_quarterly where region_code = '500115' "
                                "and period_end = '2024-12-31' order by institution_code, loan_use_category_code"),
        "bonds": query(db, "select bond_code, amount_100m_cny::double, bond_type_code, market_code, provenance, submission_id "
                           "from fct_green_bonds where region_code = '500115' order by issue_date"),
        "gdp_2024": one("select gdp_current_100m_cny, provenance from fct_regional_indicators_annual "
                        "where region_code = '500115' and year = 2024"),
        "loans_per_gdp_2024": one("select value from fct_region_comparison where region_code = '500115' "
                                  "and year = 2024 and metric_code = 'green_loans_per_gdp'"),
        "card": one("select value, provenance, submission_ids from fct_indicator_progress_latest "
                    "where region_code = '500115' and target_code = 'GL_BALANCE_2025'"),
        "submissions": query(db, "select submission_id, source_table, original_filename, submitted_by, row_count, "
                                 "rows_in_use, usage_status from dim_submission order by submission_id"),
    }


@pytest.fixture(scope="module")
def scenario(tmp_path_factory) -> Scenario:
    """Every submission goes through the steward worker, as on the server: the upload page's and the command
    line's alike. The test process cannot submit on its own (its in-process path fails the test), so each
    result is the worker's."""
    work = tmp_path_factory.mktemp("submissions")
    db = work / "warehouse" / "greenfinance.duckdb"
    db.parent.mkdir()
    raw_dir = marked_as_sample(FIXTURES / "known_answer", work / "raw")
    scene = Scenario(db=db, raw_dir=raw_dir, store=SubmissionStore(submissions_dir(db)))
    environment = {"GF_QUALITY_DIR": str(quality_dir(db)), "GF_SUBMISSIONS_DIR": str(scene.store.root),
                   "GF_DUCKDB_PATH": str(db), "GF_RAW_DIR": str(raw_dir)}
    with pytest.MonkeyPatch.context() as patch:
        for name, value in environment.items():
            patch.setenv(name, value)
        base = run_pipeline(raw_dir, db)
        assert base.returncode == 0, base.stdout + base.stderr
        scene.snapshots["base"] = snapshot(db)

        def not_here(*args, **kwargs):
            raise AssertionError("submitted in the test process: no steward worker answered")

        patch.setattr(steward_worker, "ingest_package", not_here)

        def submit(step, content, name, source, by="zhang_steward"):
            steps = scene.steps.setdefault(step, [])
            scene.results[step] = steward_worker.submit_package([IncomingFile(content, name, source)], by,
                                                                channel="upload page", progress=steps.append)
            scene.snapshots[step] = snapshot(db)
            scene.digests[step] = digest(db)

        with running_steward_worker(environment):
            submit("xlsx", files.GREEN_LOANS_XLSX, "长寿区2024年末绿色贷款.xlsx", "green_loans")
            # The GBK file goes through the command line, as a steward on the server would submit it.
            gbk_file = work / "长寿区各项贷款余额.csv"
            gbk_file.write_bytes(files.TOTAL_LOANS_GBK)
            cli = run_module("scripts.publishing.ingest", "--source", "total_loans", "--file", str(gbk_file),
                             "--by", "wang_cli", env=environment)
            assert cli.returncode == 0, cli.stdout + cli.stderr
            scene.cli_output = cli.stdout
            scene.snapshots["gbk"] = snapshot(db)
            submit("bonds", files.GREEN_BONDS_BOM.encode("utf-8"), "green_bonds_2025H1.csv", "green_bonds")
            submit("indicators", files.REGIONAL_INDICATORS_UTF8, "长寿区2024年GDP修订.csv", "regional_indicators")
            # Someone without the key is turned away before anything is read; the worker goes on.
            try:
                Client(str(steward_worker.socket_path()), family="AF_UNIX", authkey=b"not the key").close()
            except AuthenticationError as refused:
                scene.refused = str(refused)
            submit("duplicate", files.GREEN_LOANS_XLSX, "再次上传.xlsx", "green_loans", by="li_other")
            submit("corrected", files.GREEN_LOANS_XLSX_CORRECTED, "长寿区2024年末绿色贷款（更正）.xlsx", "green_loans")
            submit("bad", files.GREEN_LOANS_BAD, "有问题的文件.xlsx", "green_loans")
    return scene


def test_the_worker_tells_each_step_as_it_starts_and_a_file_with_problems_stops_after_the_raw_gate(scenario):
    assert scenario.steps["xlsx"] == [READING, INGESTION, RAW_GATE, DBT_BUILD, MART_GATE, PUBLISH, DATA_DOCS]
    # The bad file's cells are wrong: the raw gate, which holds every cell rule, answers; no rebuild follows.
    assert scenario.steps["bad"] == [READING, INGESTION, RAW_GATE, DATA_DOCS]
    assert scenario.steps["duplicate"] == [READING]  # recognised by its bytes: nothing to check again


def test_a_client_without_the_worker_key_is_refused(scenario):
    assert scenario.refused == "digest sent was rejected"
    assert scenario.results["duplicate"].outcome == DUPLICATE  # and the worker answered the next one


def test_xlsx_in_wan_yuan_with_names_and_a_total_is_published_to_the_cent(scenario):
    """320,000.50 + 100,000.25 + 55,000.00 = 475,000.75 万元 = 47.500075 亿元; all loans still the base's
    300 亿元: share 47.500075 / 300 = 15.833358 %. Green rows official, all loans sample: the quarter is mixed."""
    result = scenario.results["xlsx"]
    assert result.outcome == PUBLISHED and result.problems == []
    assert result.submission.submission_id == 1 and result.submission.total == "475000.75"
    green, total, share, provenance, submission_ids = scenario.snapshots["xlsx"]["credit_2024"]
    assert (float(green), float(total), provenance, submission_ids) == (47.500075, 300.0, "mixed", "1")
    assert share == pytest.approx(15.833358, abs=1e-6)
    assert scenario.snapshots["xlsx"]["green_rows"] == [
        ("CS-ABC", "GL19-05", pytest.approx(5.5), "[长寿区2024年末绿色贷款.xlsx]绿色贷款", 6, 1),
        ("CS-ICBC", "GL19-01", pytest.approx(32.00005), "[长寿区2024年末绿色贷款.xlsx]绿色贷款", 4, 1),
        ("CS-ICBC", "GL19-03", pytest.approx(10.000025), "[长寿区2024年末绿色贷款.xlsx]绿色贷款", 5, 1),
    ]
    # Periods the file does not cover keep the sample rows.
    assert scenario.snapshots["xlsx"]["credit_2023"] == ("sample", None)


def test_gbk_csv_from_the_command_line_replaces_the_sample_and_the_quarter_becomes_official(scenario):
    """2,100,000 + 1,050,000 = 3,150,000 万元 = 315 亿元; share 47.500075 / 315 = 15.079389 %."""
    assert "已接收并发布：第 2 号报送，共 2 行" in scenario.cli_output
    assert "Accepted and published as submission 2" in scenario.cli_output
    green, total, share, provenance, submission_ids = scenario.snapshots["gbk"]["credit_2024"]
    assert (float(green), float(total), provenance, submission_ids) == (47.500075, 315.0, "official", "1,2")
    assert share == pytest.approx(15.079389, abs=1e-6)
    history = scenario.store.history()
    assert (history[1].file_format, history[1].declared_unit, history[1].total, history[1].submitted_by) == (
        "GBK", "万元", "3150000.00", "wang_cli")


def test_utf8_bom_csv_with_english_headers_in_yi_yuan_and_names_for_codes(scenario):
    """Two bonds, 1.25 + 0.75 = 2 亿元 (matching the total row); the base's 2.5 亿元 bond of 2024 is outside the
    quarters the file covers (2025Q1–Q2) and stays."""
    result = scenario.results["bonds"]
    assert result.outcome == PUBLISHED and result.submission.periods == ["2025Q1", "2025Q2"]
    assert scenario.snapshots["bonds"]["bonds"] == [
        ("KA001", pytest.approx(2.5), "green_bond", "interbank", "sample", None),
        ("SUB2501", pytest.approx(1.25), "green_bond", "interbank", "official", 3),
        ("SUB2502", pytest.approx(0.75), "carbon_neutral", "exchange", "official", 3),
    ]


def test_utf8_csv_without_bom_with_chinese_headers_and_indicator_names(scenario):
    """9,500,000 万元 = 950 亿元 replaces the base's 900; green loans per GDP 47.500075 / 950 = 5.000008 %."""
    assert scenario.results["indicators"].outcome == PUBLISHED
    gdp, provenance = scenario.snapshots["indicators"]["gdp_2024"]
    assert (float(gdp), provenance) == (950.0, "mixed")  # GDP official; the year's other indicators sample
    assert scenario.snapshots["indicators"]["loans_per_gdp_2024"][0] == pytest.approx(5.000008, abs=1e-6)


def test_the_same_file_again_changes_nothing(scenario):
    result = scenario.results["duplicate"]
    assert result.outcome == DUPLICATE and result.submission.submission_id == 1
    assert "完全相同" in result.headline()[0] and "identical to submission 1" in result.headline()[1]
    assert scenario.digests["duplicate"] == scenario.digests["indicators"]  # the published file, byte for byte
    assert [entry.submission_id for entry in scenario.store.history()] == [1, 2, 3, 4, 5]  # 5: the correction


def test_a_corrected_file_supersedes_the_earlier_one_which_stays_in_history(scenario):
    """330,000.50 + 100,000.25 + 55,000 = 485,000.75 万元 = 48.500075 亿元; share 48.500075 / 315 = 15.396849 %."""
    result = scenario.results["corrected"]
    assert result.outcome == PUBLISHED and result.superseded == [1]
    green, total, share, provenance, submission_ids = scenario.snapshots["corrected"]["credit_2024"]
    assert (float(green), float(total), provenance, submission_ids) == (48.500075, 315.0, "official", "2,5")
    assert share == pytest.approx(15.396849, abs=1e-6)
    assert scenario.snapshots["corrected"]["submissions"] == [
        (1, "green_loans", "长寿区2024年末绿色贷款.xlsx", "zhang_steward", 3, 0, "superseded"),
        (2, "total_loans", "长寿区各项贷款余额.csv", "wang_cli", 2, 2, "in_use"),
        (3, "green_bonds", "green_bonds_2025H1.csv", "zhang_steward", 2, 2, "in_use"),
        (4, "regional_indicators", "长寿区2024年GDP修订.csv", "zhang_steward", 1, 1, "in_use"),
        (5, "green_loans", "长寿区2024年末绿色贷款（更正）.xlsx", "zhang_steward", 3, 3, "in_use"),
    ]
    # The overview card's figure says which submissions it came from (the 2024 balance is the latest one).
    assert scenario.snapshots["corrected"]["card"] == (pytest.approx(48.500075), "official", "2,5")
    # Both files are kept byte for byte, under their hashes.
    for entry in scenario.store.history():
        archived = scenario.store.root / entry.original_file
        assert hashlib.sha256(archived.read_bytes()).hexdigest() == entry.sha256


def test_a_bad_file_is_rejected_with_every_problem_and_nothing_published_changes(scenario):
    result = scenario.results["bad"]
    assert result.outcome == REJECTED
    assert scenario.digests["bad"] == scenario.digests["corrected"]
    assert len(scenario.store.history()) == 5
    located = {(problem.file, problem.sheet, problem.row, problem.column, problem.value) for problem in result.problems}
    # The total (read by the loader), the unknown institution and the impossible date (found by the gate),
    # each with file, sheet, row, column (as headed in the file), value, in one answer.
    assert ("有问题的文件.xlsx", "数据", 6, "余额 (balance)", "425000.5") in located
    assert ("有问题的文件.xlsx", "数据", 4, "机构名称 (institution_code)", "长寿区不存在的银行") in located
    assert ("有问题的文件.xlsx", "数据", 5, "报告期 (period_end)", "2024-13-31") in located
    total = next(problem for problem in result.problems if problem.row == 6)
    assert "相差 -10000 万元" in total.rule_zh and "difference -10000 万元" in total.rule_en
    assert all(problem.rule_zh and problem.rule_en for problem in result.problems)
    assert "未接收" in result.headline()[0] and "nothing published was changed" in result.headline()[1]


def test_every_attempt_is_in_the_append_only_audit_log(scenario):
    log = scenario.store.audit_log()
    assert [(entry["who"], entry["outcome"], entry["submission_id"]) for entry in log] == [
        ("zhang_steward", "published", 1), ("wang_cli", "published", 2), ("zhang_steward", "published", 3),
        ("zhang_steward", "published", 4), ("li_other", "duplicate", 1), ("zhang_steward", "published", 5),
        ("zhang_steward", "rejected", None)]
    assert log[-1]["sha256"] == hashlib.sha256(files.GREEN_LOANS_BAD).hexdigest()
    assert log[-1]["problem_count"] == len(scenario.results["bad"].problems) >= 3
    # The rejected file is kept too, under its hash, so that nothing a steward sent is lost.
    assert (scenario.store.root / "originals" / log[-1]["sha256"] / "有问题的文件.xlsx").read_bytes() == \
        files.GREEN_LOANS_BAD


def test_each_submission_rebuilt_only_what_its_source_reaches(scenario):
    """A steward's build starts from the published file (scripts/publishing/partial_build.py): the bonds file
    changes the bond source alone, so dbt leaves the loans' models as published."""
    reports = {step: json.loads(Path(scenario.results[step].run_report).read_text(encoding="utf-8"))
               for step in ("xlsx", "bonds", "indicators", "corrected")}
    assert {step: report["changed_sources"] for step, report in reports.items()} == {
        "xlsx": ["green_loans"], "bonds": ["green_bonds"], "indicators": ["regional_indicators"],
        "corrected": ["green_loans"]}
    assert reports["bonds"]["dbt_selection"] == ["source:raw.green_bonds+", "source:ingestion.submissions+",
                                                 "tag:judged_today+"]


def test_make_build_keeps_the_accepted_submissions(scenario, tmp_path):
    """A plain rebuild (what `make build` runs) applies the history in order and builds everything: every table
    and view is what the stewards' partial builds published, row for row."""
    rebuilt = tmp_path / "rebuilt.duckdb"
    result = run_module("scripts.publishing.pipeline", "--raw-dir", str(scenario.raw_dir), "--db", str(rebuilt), "--no-summary",
                        env={"GF_QUALITY_DIR": str(tmp_path / "quality"), "GF_SUBMISSIONS_DIR": str(scenario.store.root)})
    assert result.returncode == 0, result.stdout + result.stderr
    assert run_reports(rebuilt)[0]["dbt_selection"] is None
    assert snapshot(rebuilt)["credit_2024"] == scenario.snapshots["corrected"]["credit_2024"]
    compared, differing = relations_differing(scenario.db, rebuilt)
    assert compared > 60 and differing == []


# --- reading alone: no pipeline --------------------------------------------------------------------------------

def test_encodings_are_recognised():
    assert read_submission(files.TOTAL_LOANS_GBK, "a.csv", "total_loans").encoding == "GBK"
    assert read_submission(files.GREEN_BONDS_BOM.encode(), "b.csv", "green_bonds").encoding == "UTF-8 (BOM)"
    assert read_submission(files.REGIONAL_INDICATORS_UTF8, "c.csv", "regional_indicators").encoding == "UTF-8"
    assert read_submission(files.GREEN_LOANS_XLSX, "d.xlsx", "green_loans").sheet == "绿色贷款"


def test_an_institution_named_with_a_total_in_brackets_is_not_a_total_row():
    text = "地区,机构,报告期,余额（万元）\n500115,长寿区其他银行业金融机构（合计）,2025Q1,100\n"
    parsed = read_submission(text.encode(), "x.csv", "total_loans")
    assert parsed.problems == [] and parsed.total is None
    assert [(row["institution_code"], row["period_end"]) for row in parsed.rows] == [("CS-OTHER", "2025-03-31")]


@pytest.mark.parametrize("text, rule", [
    ("地区,机构,报告期,余额\n500115,CS-ICBC,2025-03-31,100\n", "未声明单位的行：2"),
    ("单位：亿元\n地区,机构,报告期,余额（万元）\n500115,CS-ICBC,2025-03-31,100\n", "文件声明了不同的单位"),
    ("地区,机构,报告期,余额,金额单位\n500115,CS-ICBC,2025-03-31,100,万元\n小计,,,100,万元\n", "不接受小计行"),
    ("地区,机构,报告期,余额,金额单位\n合计,,,100,万元\n500115,CS-ICBC,2025-03-31,100,万元\n", "合计行必须是最后一行"),
    ("地区,机构,余额\n500115,CS-ICBC,100\n", "缺少列 period_end"),
    ("", "文件为空"),
])
def test_reading_problems_are_named_in_both_languages(text, rule):
    parsed = read_submission(text.encode(), "x.csv", "total_loans")
    assert any(rule in problem.rule_zh and problem.rule_en for problem in parsed.problems), parsed.problems


def test_old_xls_files_are_refused_with_advice():
    parsed = read_submission(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "old.xls", "total_loans")
    assert "另存为 .xlsx 或 CSV" in parsed.problems[0].rule_zh


@pytest.mark.parametrize("written, read", [
    ("2025年四季度", "2025-12-31"), ("2025Q1", "2025-03-31"), ("2025年第2季度", "2025-06-30"),
    ("2025年9月", "2025-09-30"), ("2025/6/30", "2025-06-30"), ("2025年12月31日", "2025-12-31"),
    ("20250331", "2025-03-31"), ("2025-02-30", "2025-02-30"),  # an impossible day is left for the gate
])
def test_period_notations(written, read):
    text = f"地区,机构,报告期,余额,金额单位\n500115,CS-ICBC,{written},1,万元\n"
    assert read_submission(text.encode(), "x.csv", "total_loans").rows[0]["period_end"] == read


def test_the_committed_templates_are_what_the_generator_writes_and_the_reader_accepts():
    import openpyxl
    import io

    for source in raw_contract.source_names():
        generated = template_files(source)
        assert (TEMPLATES_DIR / f"{source}.csv").read_bytes() == generated[f"{source}.csv"]
        committed = openpyxl.load_workbook(TEMPLATES_DIR / f"{source}.xlsx")
        fresh = openpyxl.load_workbook(io.BytesIO(generated[f"{source}.xlsx"]))
        for name in fresh.sheetnames:
            assert [list(row) for row in committed[name].values] == [list(row) for row in fresh[name].values]
        parsed = read_submission(generated[f"{source}.xlsx"], f"{source}.xlsx", source)
        assert parsed.headers.keys() >= set(raw_contract.column_names(source)) - {"provenance"}
