"""Departments report the 32-task ledger: a department account's task-progress file through the real
`python -m scripts.publishing.ingest` on the pipeline-built sample, then fct_task_status (status, provenance, due date,
overdue, not reported) and the task page, checked against dates worked out by hand.

Dates are relative to today so that the test holds whatever day it runs: the quarter a department must have
reported is the latest completed one (its end is the day before today's quarter began), and no task of the
ledger has a due date of its own, so every task is due at the plan period's end, 2025-12-31.
"""
from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from scripts.administration import accounts
from scripts.ingestion.submission_store import SubmissionStore
from tests.conftest import query, quality_dir, run_module, submissions_dir
from tests.html_tables import wrapped_tables
from tests.test_dashboard_app import APP, log_in, page_text

PLAN_PERIOD_END = dt.date(2025, 12, 31)
DEPARTMENT = "区财政局"  # lead department of tasks 3 and 5 in seeds/task_ledger.csv
DEPARTMENT_USER, DEPARTMENT_PASSWORD = "caizheng", "department-password-for-tests"
LEADER_USER, LEADER_PASSWORD = "li_leader", "leader-password-for-tests"


def quarter_start(day: dt.date) -> dt.date:
    return dt.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def quarter_name(day: dt.date) -> str:
    return f"{day.year}Q{(day.month - 1) // 3 + 1}"


TODAY = dt.date.today()
REQUIRED_QUARTER_END = quarter_start(TODAY) - dt.timedelta(days=1)  # the latest completed quarter
EARLIER_QUARTER_END = quarter_start(REQUIRED_QUARTER_END) - dt.timedelta(days=1)  # the one before it


def report_file(rows: list[tuple[str, ...]]) -> bytes:
    """A department's CSV with the template's Chinese headers, status names instead of codes, no 数据性质."""
    lines = ["任务编号,进展状态,截至日期,已完成工作,下一步计划,报送部门"] + [",".join(row) for row in rows]
    return ("\n".join(lines) + "\n").encode("utf-8")


# Task 3 completed in the required quarter (written as a quarter, 2026Q3 style); task 5 behind, reported for
# the quarter before only.
FIRST = report_file([(str(3), "已完成", quarter_name(REQUIRED_QUARTER_END), "已建立地方金融组织绿色转型工作机制",
                      "持续跟踪", DEPARTMENT),
                     ("5", "滞后", EARLIER_QUARTER_END.isoformat(), "专项债券额度申报中", "加快申报", DEPARTMENT)])
# Another department's row: refused with its own problem, nothing published changes.
OTHERS = report_file([("4", "推进中", REQUIRED_QUARTER_END.isoformat(), "x", "y", "区发展改革委")])
# The same department corrects task 3 for the same quarter: the later report replaces the earlier one.
CORRECTION = report_file([("3", "推进中", REQUIRED_QUARTER_END.isoformat(), "机制已建立，尚有两家机构未完成转型",
                           "督促剩余机构", "")])  # a blank department is the account's own


@dataclass
class Scene:
    db: Path
    env: dict[str, str]
    accounts_path: Path
    outputs: dict[str, tuple[int, str]] = field(default_factory=dict)
    snapshots: dict[str, dict] = field(default_factory=dict)
    judged_on: dict[str, dt.date] = field(default_factory=dict)  # the day each build judged the tasks on

    def days_overdue(self, step: str) -> int:
        """Days from the plan period's end to the day that build judged on (a run may cross midnight)."""
        return (self.judged_on[step] - PLAN_PERIOD_END).days


def task_rows(db: Path) -> dict[int, tuple]:
    rows = query(db, "select task_no, status_code, status_source, provenance, due_date, is_overdue, days_overdue, "
                     "reporting_status, last_reported_quarter, required_quarter, work_done, next_step, "
                     "reporting_department, submission_id from fct_task_status order by task_no")
    return {row[0]: row[1:] for row in rows}


def judged_on(db: Path) -> dt.date:
    ((day,),) = query(db, "select distinct judged_on from fct_task_status")
    return day


@pytest.fixture(scope="module")
def scene(sample_raw_dir, published_sample, tmp_path_factory) -> Scene:
    work = tmp_path_factory.mktemp("task_progress")
    db = work / "warehouse" / "greenfinance.duckdb"
    db.parent.mkdir()
    accounts_path = work / "auth.yaml"
    accounts.add_user(accounts_path, DEPARTMENT_USER, "财政局填报员", accounts.DEPARTMENT, DEPARTMENT_PASSWORD,
                      DEPARTMENT)
    accounts.add_user(accounts_path, LEADER_USER, "李四", accounts.LEADER, LEADER_PASSWORD)
    env = {"GF_QUALITY_DIR": str(quality_dir(db)), "GF_SUBMISSIONS_DIR": str(submissions_dir(db)),
           "GF_DUCKDB_PATH": str(db), "GF_RAW_DIR": str(sample_raw_dir), "GF_AUTH_CONFIG": str(accounts_path)}
    shutil.copy(published_sample[0], db)  # the sample as published: the pipeline's own run on the same raw files
    found = Scene(db=db, env=env, accounts_path=accounts_path)
    found.snapshots["base"], found.judged_on["base"] = task_rows(db), judged_on(db)
    for step, content, source in (("first", FIRST, "task_progress"), ("others", OTHERS, "task_progress"),
                                  ("loans", b"region_code\n500115\n", "green_loans"),
                                  ("correction", CORRECTION, "task_progress")):
        path = work / f"{step}.csv"
        path.write_bytes(content)
        result = run_module("scripts.publishing.ingest", "--source", source, "--file", str(path), "--by", DEPARTMENT_USER,
                            env=env)
        found.outputs[step] = (result.returncode, result.stdout + result.stderr)
        found.snapshots[step], found.judged_on[step] = task_rows(db), judged_on(db)
    return found


def test_before_any_report_every_status_is_the_ledgers_sample_and_nothing_is_reported(scene):
    base = scene.snapshots["base"]
    assert len(base) == 32
    assert {row[1] for row in base.values()} == {"sample"} and {row[2] for row in base.values()} == {"sample"}
    assert {row[6] for row in base.values()} == {"not_reported"}
    assert {row[3] for row in base.values()} == {PLAN_PERIOD_END}
    # Task 5 is completed in the ledger: not overdue; task 3 in progress: overdue since 2025-12-31.
    assert base[5][0] == "completed" and base[5][4] is False
    assert base[3][0] == "in_progress" and base[3][4] is True and base[3][5] == scene.days_overdue("base")
    assert all(abs((day - TODAY).days) <= 1 for day in scene.judged_on.values())  # judged on the build day


def test_a_department_report_through_the_command_sets_status_provenance_overdue_and_reported(scene):
    code, output = scene.outputs["first"]
    assert code == 0, output
    assert "已接收并发布：第 1 号报送，共 2 行" in output
    tasks = scene.snapshots["first"]
    required = quarter_name(REQUIRED_QUARTER_END)
    # Task 3: completed (written 已完成) as of the required quarter: official, not overdue, reported.
    assert tasks[3] == ("completed", "official", "official", PLAN_PERIOD_END, False, None, "reported", required,
                        required, "已建立地方金融组织绿色转型工作机制", "持续跟踪", DEPARTMENT, 1)
    # Task 5: behind (滞后) as of the quarter before: official, overdue by today - 2025-12-31, not reported.
    assert tasks[5] == ("behind", "official", "official", PLAN_PERIOD_END, True, scene.days_overdue("first"),
                        "not_reported",
                        quarter_name(EARLIER_QUARTER_END), required, "专项债券额度申报中", "加快申报", DEPARTMENT, 1)
    # The other 30 tasks keep the ledger's sample status and are not reported.
    assert all(row[1] == "sample" and row[6] == "not_reported" for number, row in tasks.items() if number not in (3, 5))


def test_a_department_cannot_report_for_another_department_nor_submit_statistics(scene):
    code, output = scene.outputs["others"]
    assert code == 1
    assert "部门账号只能报送本部门（区财政局）的任务进展" in output
    assert "a department account may only report for its own department (区财政局)" in output
    assert "row 2, column 报送部门 (reporting_department), value '区发展改革委'" in output
    assert scene.snapshots["others"] == scene.snapshots["first"]  # nothing published changed
    code, output = scene.outputs["loans"]
    assert code == 1 and "部门账号（区财政局）只能报送重点任务进展" in output and "may only submit task progress" in output
    outcomes = [(entry["who"], entry["source"], entry["outcome"])
                for entry in SubmissionStore(submissions_dir(scene.db)).audit_log()]
    assert outcomes == [(DEPARTMENT_USER, "task_progress", "published"), (DEPARTMENT_USER, "task_progress", "rejected"),
                        (DEPARTMENT_USER, "green_loans", "rejected"), (DEPARTMENT_USER, "task_progress", "published")]


def test_a_later_report_for_the_same_task_and_quarter_replaces_the_earlier_one(scene):
    code, output = scene.outputs["correction"]
    assert code == 0, output
    assert "取代了第 1 号报送中相同期间的数据" in output
    tasks = scene.snapshots["correction"]
    required = quarter_name(REQUIRED_QUARTER_END)
    assert tasks[3] == ("in_progress", "official", "official", PLAN_PERIOD_END, True, scene.days_overdue("correction"),
                        "reported",
                        required, required, "机制已建立，尚有两家机构未完成转型", "督促剩余机构", DEPARTMENT, 2)
    assert tasks[5] == scene.snapshots["first"][5]  # another task's report is not touched
    assert query(scene.db, "select submission_id, rows_in_use, usage_status from dim_submission order by 1") == [
        (1, 1, "partly_superseded"), (2, 1, "in_use")]


def serve_as(monkeypatch, db: Path, accounts_path: Path, username: str, password: str) -> AppTest:
    monkeypatch.setenv("GF_DUCKDB_PATH", str(db))
    monkeypatch.setenv("GF_QUALITY_DIR", str(quality_dir(db)))
    monkeypatch.setenv("GF_SUBMISSIONS_DIR", str(submissions_dir(db)))
    monkeypatch.setenv("GF_AUTH_CONFIG", str(accounts_path))
    app = AppTest.from_file(APP, default_timeout=60).run()
    log_in(app, username, password)
    assert not app.exception, [exception.value for exception in app.exception]
    return app


def test_the_task_page_shows_reports_due_dates_overdue_not_reported_and_the_sample_marker(scene, monkeypatch):
    app = serve_as(monkeypatch, scene.db, scene.accounts_path, LEADER_USER, LEADER_PASSWORD)
    app.switch_page("app_pages/task_ledger.py").run()
    assert not app.exception, [exception.value for exception in app.exception]
    required = quarter_name(REQUIRED_QUARTER_END)
    # After the correction: the ledger's 7 completed tasks, less task 5 (now behind) and task 3 still not
    # completed: 32 - 6 = 26 overdue. Reported for the required quarter: task 3 only, so 31 not reported.
    metrics = {metric.label: metric.value for metric in app.metric}
    assert metrics["已逾期任务"] == "26 项"
    assert metrics[f"{required} 未报送进展的任务"] == "31 项"
    rows = {}
    for frame in wrapped_tables(app):
        if "序号" in frame.columns:
            rows.update({int(row["序号"]): row for _, row in frame.iterrows()})
    assert len(rows) == 32
    three, five, one = rows[3], rows[5], rows[1]
    assert (three["状态"], three["完成期限"], three["是否逾期"], three[f"{required} 进展报送"]) == (
        "推进中", "2025-12-31", f"已逾期 {scene.days_overdue('correction')} 天", "已报送")
    assert (three["已完成工作"], three["下一步计划"], three["最近报送季度"]) == (
        "机制已建立，尚有两家机构未完成转型", "督促剩余机构", required)
    assert (five["状态"], five[f"{required} 进展报送"]) == ("滞后", "未报送")
    # Task 1 was never reported: the ledger's placeholder, marked as sample, completed so not overdue.
    assert (one["状态"], one["是否逾期"], one[f"{required} 进展报送"], one["已完成工作"]) == (
        "已完成（示例）", "否", "未报送", "")
    assert "逾期与未报送均按今天" in page_text(app)


def test_a_department_account_may_only_choose_task_progress_on_the_upload_page(tmp_path, monkeypatch):
    accounts_path = tmp_path / "auth.yaml"
    accounts.add_user(accounts_path, DEPARTMENT_USER, "财政局填报员", accounts.DEPARTMENT, DEPARTMENT_PASSWORD,
                      DEPARTMENT)
    app = serve_as(monkeypatch, tmp_path / "warehouse" / "none.duckdb", accounts_path, DEPARTMENT_USER,
                   DEPARTMENT_PASSWORD)
    app.switch_page("app_pages/submit_data.py").run()
    assert not app.exception, [exception.value for exception in app.exception]
    assert app.selectbox(key="submission_source").options == ["重点任务进展 (task_progress)"]
    assert "部门账号只能报送本部门（区财政局）的重点任务进展" in page_text(app).replace("\\", "")
    assert "登录安全记录" not in page_text(app)  # other accounts' sign-in events are for stewards only


def test_department_accounts_need_a_known_department():
    with pytest.raises(ValueError, match="seeds/departments.csv"):
        accounts.add_user(Path("/nonexistent/auth.yaml"), "x", "x", accounts.DEPARTMENT, "password-long-enough", "不存在的局")
    with pytest.raises(ValueError):
        accounts.add_user(Path("/nonexistent/auth.yaml"), "x", "x", accounts.STEWARD, "password-long-enough", DEPARTMENT)
