"""A real reporting round, end to end: a quarter beyond the published data (2026-09-30 on a sample that ends at
2026-06-30), sent as one package, or green loans first, or all loans first, through the real command and the
real upload page in Chromium. A file whose partner source is missing waits and changes nothing published; it is
published with its partner. Figures worked out by hand in tests/quarter_files.py."""
from __future__ import annotations

import csv
import hashlib
import json
import os
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest

from scripts.publishing.ingest import missing_partners
from scripts.ingestion.submission_store import Submission, SubmissionStore
from tests import quarter_files as round_files
from tests.browser import offline_page
from tests.conftest import REPO_ROOT, query, quality_dir, run_module, run_pipeline, submissions_dir
from tests.test_dashboard_browser import choose_files, log_in, running_dashboard, whole_page_screenshot

CREDIT_SQL = ("select green_loan_balance_100m_cny::double, total_loan_balance_100m_cny::double, green_loan_share_pct, "
              "provenance, green_reporting_institutions, total_reporting_institutions "
              "from fct_region_credit_quarterly where region_code = '500115' and period_end = ? and is_preferred_basis")


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def round_base(tmp_path_factory) -> tuple[Path, Path]:
    """The sample as of 2026-08-15 (last quarter 2026-06-30), published once; each test works on a copy."""
    work = tmp_path_factory.mktemp("round_base")
    raw_dir = work / "raw"
    generated = run_module("scripts.demo.generate_sample_data", "--as-of", round_files.SAMPLE_AS_OF.isoformat(),
                           "--raw-dir", str(raw_dir))
    assert generated.returncode == 0, generated.stderr
    db = work / "warehouse" / "greenfinance.duckdb"
    db.parent.mkdir()
    built = run_pipeline(raw_dir, db)
    assert built.returncode == 0, built.stdout + built.stderr
    assert query(db, "select max(period_end)::varchar from fct_region_credit_quarterly") == [("2026-06-30",)]
    return raw_dir, db


@pytest.fixture
def workspace(round_base, tmp_path) -> tuple[Path, Path, dict[str, str]]:
    raw_dir, base_db = round_base
    db = tmp_path / "warehouse" / "greenfinance.duckdb"
    db.parent.mkdir()
    shutil.copy(base_db, db)
    env = {"GF_QUALITY_DIR": str(quality_dir(db)), "GF_SUBMISSIONS_DIR": str(submissions_dir(db)),
           "GF_DUCKDB_PATH": str(db), "GF_RAW_DIR": str(raw_dir)}
    return db, raw_dir, env


def submit(env: dict[str, str], tmp_path: Path, *files: tuple[str, bytes], extra: tuple[str, ...] = ()):
    arguments = []
    for name, content in files:
        (tmp_path / name).write_bytes(content)
        arguments += ["--file", str(tmp_path / name)]
    return run_module("scripts.publishing.ingest", *arguments, "--by", "wang_steward", *extra, env=env)


def make(*arguments: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(["make", "--no-print-directory", "-s", *arguments], cwd=REPO_ROOT, capture_output=True,
                          text=True, env=dict(os.environ, **env))


def assert_new_quarter_published(db: Path) -> None:
    """The marts hold the round's figures to the cent (tests/quarter_files.py): 97.100045 亿元 of green loans,
    640.000055 亿元 of all loans, share 97.100045 / 640.000055 = 15.171881 %, all official, 7 + 7 institutions."""
    ((green, total, share, provenance, green_institutions, total_institutions),) = query(
        db, CREDIT_SQL, [round_files.QUARTER])
    assert (green, total, provenance) == (pytest.approx(97.100045, abs=1e-9), pytest.approx(640.000055, abs=1e-9),
                                          "official")
    assert share == pytest.approx(15.171881, abs=1e-6)
    assert (green_institutions, total_institutions) == (7, 7)
    assert query(db, "select value from fct_measure_observations where region_code = '500115' "
                     "and measure_code = 'green_loan_balance' and period_end = ?",
                 [round_files.QUARTER]) == [(pytest.approx(97.100045, abs=1e-9),)]


def test_a_new_quarter_as_one_workbook_is_published_with_its_before_and_after(workspace, tmp_path):
    db, _, env = workspace
    done = submit(env, tmp_path, ("长寿区2026年三季度报送.xlsx", round_files.PACKAGE_XLSX))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "已接收并发布：第 1、2 号报送，共 14 行" in done.stdout
    assert "绿色贷款余额 长寿区 2026-09-30: — → 97.10 亿元" in done.stdout
    assert "绿色贷款占比 长寿区 2026-09-30: — → 15.17 %" in done.stdout
    assert_new_quarter_published(db)
    store = SubmissionStore(submissions_dir(db))
    assert [(entry.submission_id, entry.source, entry.sheet) for entry in store.history()] == [
        (1, "green_loans", "绿色贷款"), (2, "total_loans", "各项贷款")]
    assert store.waiting() == []
    (line,) = store.audit_log()
    assert (line["outcome"], line["source"], line["submission_ids"]) == ("published", "green_loans, total_loans", [1, 2])


def test_green_loans_wait_for_all_loans_then_both_are_published(workspace, tmp_path):
    """Green loans first, through the command; all loans first is the upload page's test below."""
    db, _, env = workspace
    first = ("长寿区2026Q3绿色贷款.xlsx", round_files.GREEN_LOANS_XLSX)
    second = ("长寿区2026Q3各项贷款.xlsx", round_files.TOTAL_LOANS_XLSX)
    before = digest(db)
    waiting = submit(env, tmp_path, first)
    assert waiting.returncode == 0, waiting.stdout + waiting.stderr
    assert "已校验并暂存" in waiting.stdout and "报送后自动发布" in waiting.stdout
    assert "500115 2026-09-30" in waiting.stdout
    assert digest(db) == before, "a waiting file must not change the published file"
    listed = make("waiting", env=env)  # as the README says a steward on the server looks
    assert listed.returncode == 0 and "第 1 号" in listed.stdout and "waits for" in listed.stdout
    store = SubmissionStore(submissions_dir(db))
    assert store.history() == [] and [entry.submission.submission_id for entry in store.waiting()] == [1]
    assert query(db, CREDIT_SQL, [round_files.QUARTER]) == []

    done = submit(env, tmp_path, second)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "已接收并发布：第 2 号报送" in done.stdout and "此前等待配套数据的第 1 号报送已一并发布" in done.stdout
    assert_new_quarter_published(db)
    assert sorted(entry.submission_id for entry in store.history()) == [1, 2] and store.waiting() == []
    assert [line["outcome"] for line in store.audit_log()] == ["waiting", "published"]


def test_a_dry_run_reports_and_publishes_nothing(workspace, tmp_path):
    db, _, env = workspace
    before = digest(db)
    (tmp_path / "round.xlsx").write_bytes(round_files.PACKAGE_XLSX)
    checked = make("submit", f"FILE={tmp_path / 'round.xlsx'}", "DRY_RUN=1", env=env)  # the README's command
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "校验通过（仅校验，未发布任何数据）" in checked.stdout and "nothing was published" in checked.stdout
    assert digest(db) == before
    store = SubmissionStore(submissions_dir(db))
    assert store.history() == [] and store.waiting() == []
    assert [line["outcome"] for line in store.audit_log()] == ["checked"]
    report = json.loads(Path(checked.stdout.strip().splitlines()[-1].removeprefix("Run report: ")).read_text())
    assert report["outcome"] == "checked" and report["message"].startswith("dry run")


def test_a_rejected_package_changes_nothing_and_points_at_the_stewards_rows(workspace, tmp_path):
    """Green loans written in 元 by mistake in the green sheet's first row (212,000.45 万元 → 2,120,004,500 元
    entered as 万元): green (212,000.45 × 10,000 万元) exceeds the institution's all loans, and the quarter jumps
    10,000-fold; every problem names the steward's workbook and its row, never a sample file."""
    db, _, env = workspace
    before = digest(db)
    rows = round_files.green_loans_rows()
    rows[3][6] = 2120004500
    rows[-1][6] = 2120763500  # 2,120,004,500 + 186,000 + 95,000 + 190,000 + 143,000 + 77,000 + 68,000
    package = round_files.workbook({"绿色贷款": rows, "各项贷款": round_files.total_loans_rows()})
    rejected = submit(env, tmp_path, ("round.xlsx", package))
    assert rejected.returncode == 1, rejected.stdout + rejected.stderr
    assert "未接收" in rejected.stdout
    problems = [line for line in rejected.stdout.splitlines() if line.startswith("  ✗")]
    assert problems and all("file round.xlsx, sheet 绿色贷款, row 4" in line for line in problems), problems
    assert any("绿色贷款余额不得超过" in line for line in problems)
    assert digest(db) == before
    store = SubmissionStore(submissions_dir(db))
    assert store.history() == [] and store.waiting() == []
    assert [line["outcome"] for line in store.audit_log()] == ["rejected"]


def upload(page, paths: list[Path], button: str = "校验并发布") -> None:
    choose_files(page, list(paths))
    page.get_by_role("button", name=button).click()


@pytest.fixture
def round_dashboard(workspace, accounts_file, tmp_path):
    db, raw_dir, _ = workspace
    with running_dashboard(db, accounts_file, tmp_path, GF_RAW_DIR=str(raw_dir)) as url:
        yield url, db


def open_submission_page(page, url: str) -> None:
    log_in(page, url, "zhang_steward")
    page.get_by_role("link", name="数据报送").click()
    page.get_by_role("heading", name="数据报送", level=1).wait_for(timeout=30_000)


@pytest.mark.e2e
def test_the_upload_page_keeps_all_loans_waiting_then_publishes_both(round_dashboard, tmp_path):
    url, db = round_dashboard
    total, green = tmp_path / "长寿区2026Q3各项贷款.xlsx", tmp_path / "长寿区2026Q3绿色贷款.xlsx"
    total.write_bytes(round_files.TOTAL_LOANS_XLSX)
    green.write_bytes(round_files.GREEN_LOANS_XLSX)
    before = digest(db)
    with offline_page((1400, 900)) as (page, requests):
        open_submission_page(page, url)
        upload(page, [total])
        page.get_by_text("已校验并暂存").wait_for(timeout=240_000)
        page.get_by_role("heading", name="等待配套数据的报送").wait_for(timeout=30_000)
        assert "绿色贷款专项统计（500115 2026-09-30）" in page.locator('[data-testid="stMain"]').inner_text()
        whole_page_screenshot(page, "submission_waiting_zh")
        assert digest(db) == before
        upload(page, [green])
        page.get_by_text("此前等待配套数据的第 1 号报送已一并发布").wait_for(timeout=240_000)
        main = page.locator('[data-testid="stMain"]').inner_text()
        assert "绿色贷款余额 长寿区 2026-09-30: — → 97.10 亿元" in main
        assert "等待配套数据的报送" not in main
        whole_page_screenshot(page, "submission_partner_published_zh")
    assert requests.outside == [] and requests.failed == []
    assert_new_quarter_published(db)


@pytest.mark.e2e
def test_the_upload_page_takes_a_round_as_several_files_at_once(round_dashboard, tmp_path):
    url, db = round_dashboard
    files = [tmp_path / "绿色贷款.xlsx", tmp_path / "各项贷款.xlsx"]
    files[0].write_bytes(round_files.GREEN_LOANS_XLSX)
    files[1].write_bytes(round_files.TOTAL_LOANS_XLSX)
    with offline_page((1400, 900)) as (page, requests):
        open_submission_page(page, url)
        upload(page, files)
        page.get_by_text("已接收并发布：第 1、2 号报送，共 14 行").wait_for(timeout=240_000)
        whole_page_screenshot(page, "submission_round_published_zh")
    assert requests.outside == [] and requests.failed == []
    assert_new_quarter_published(db)
    assert [line["outcome"] for line in SubmissionStore(submissions_dir(db)).audit_log()] == ["published", "published"]


def test_a_unit_slip_is_pointed_at_the_stewards_row_not_at_rows_they_never_sent(workspace, tmp_path):
    """Changshou's all loans at 2026-03-31 resent from the sample's own figures, with ICBC's written 100 times too
    small (万元 taken for 百万元). Three rules fail: ICBC's quarter falls 100-fold on 2025-12-31 (the steward's
    row), the sample's 2026-06-30 rises 100-fold on it (a sample row), and the sample's green loans exceed the
    tiny all-loans figure (a sample row). Each problem must name the steward's file and ICBC's row."""
    db, raw_dir, env = workspace
    with (raw_dir / "total_loans" / "sample_total_loans.csv").open(encoding="utf-8") as handle:
        lines = [row for row in csv.DictReader(handle)
                 if row["region_code"] == "500115" and row["period_end"] == "2026-03-31"]
    assert [row["institution_code"] for row in lines][0] == "CS-ICBC" and {row["amount_unit"] for row in lines} == {"万元"}
    rows = [["地区", "机构", "报告期", "各项贷款余额（万元）"]]
    rows += [[row["region_code"], row["institution_code"], row["period_end"],
              float(Decimal(row["balance"]) / (100 if row["institution_code"] == "CS-ICBC" else 1))] for row in lines]
    rejected = submit(env, tmp_path, ("长寿区2026Q1各项贷款（更正）.xlsx", round_files.workbook({"各项贷款": rows})))
    assert rejected.returncode == 1, rejected.stdout + rejected.stderr
    problems = [line for line in rejected.stdout.splitlines() if line.startswith("  ✗")]
    assert len(problems) >= 3, problems
    assert all(line.startswith("  ✗ file 长寿区2026Q1各项贷款（更正）.xlsx, sheet 各项贷款, row 2") for line in problems), problems
    assert not any("sample_" in line for line in problems)
    assert any("绿色贷款余额不得超过" in line for line in problems)
    assert sum("变化不得超过" in line for line in problems) == 2  # the steward's quarter and the one after it


def test_which_parts_wait_for_their_partner(tmp_path):
    """No pipeline: the partner rule alone, on an empty raw folder. Green and all loans of 2026Q3 complete each
    other. A green-loan file for 2026Q4 in two regions has no all loans for 500115 and waits; the all loans of
    2026Q4 for 500112 thereby lose their only partner and wait too; the green file then waits for both."""
    def submission(number: int, source: str, coverage: list[list[str]]) -> Submission:
        return Submission(number, source, "hash", "file.xlsx", "steward", "2026-12-01", "test", None, None, None,
                          None, None, [], [], coverage, 1, "original", "rows")

    q3_green = submission(1, "green_loans", [["500115", "2026-09-30", "GF2025"]])
    q3_total = submission(2, "total_loans", [["500115", "2026-09-30"]])
    q4_green = submission(3, "green_loans", [["500115", "2026-12-31", "GF2025"], ["500112", "2026-12-31", "GF2025"]])
    q4_total_other = submission(4, "total_loans", [["500112", "2026-12-31"]])
    candidates = [(entry, []) for entry in (q3_green, q3_total, q4_green, q4_total_other)]
    assert missing_partners(candidates, tmp_path, []) == {3: [("500112", "2026-12-31"), ("500115", "2026-12-31")],
                                                          4: [("500112", "2026-12-31")]}
