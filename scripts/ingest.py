"""Submit a data steward's file for one raw source: archive it, read it, and publish it through the
write–audit–publish pipeline, or reject it with every problem found, in Chinese and English.

What happens:
0. A file over the size limit (scripts/submission_format.py) is refused before anything else.
1. The file is archived byte for byte under its SHA-256, accepted or not.
2. It is read (scripts/read_submission.py), within bounds: sheet, header, unit, 合计 row, names in place of codes.
Then, one submission at a time (a lock, not held while reading): the same bytes as an accepted submission are
recognised and change nothing;
3. The pipeline runs on the sample/raw folder plus every accepted submission plus this one, which replaces
   the rows of the slices it covers: load -> raw gate -> dbt build -> mart gate -> publish. If the file had
   problems of its own, the run still goes through the gate (so that the steward hears of everything at
   once) but never publishes.
4. Published: the file joins the append-only history. Rejected: nothing published changes; every problem is
   returned with file, sheet, row, column, value and rule. Whatever happens, even an error of the server (a
   full disk), the attempt is in the audit log, with the file name as it was sent.

A department account (scripts/accounts.py, role department; --by naming it, or --department) may submit only
task progress (submission_format.DEPARTMENT_SOURCES), and only its own department's rows.

Usage: python -m scripts.ingest --source SOURCE --file FILE [--by NAME] [--department NAME]
                                [--covers-from DATE --covers-to DATE]
Exit status: 0 published (or the same file was already accepted), 1 rejected, 2 usage error.
"""
from __future__ import annotations

import argparse
import datetime as dt
import errno
import getpass
import logging
import sys
from dataclasses import dataclass, field
from pathlib import Path

from scripts import accounts, paths, raw_contract, submission_format
from scripts.load_raw import RawInputError, accepted_submissions, submitted_reference
from scripts.pipeline import AuditOnly, BuildFailure, build_and_publish
from scripts.quality_gate import ExpectationOutcome, QualityGateFailure
from scripts.read_submission import ParsedSubmission, SubmissionProblem, check_department, read_submission
from scripts.submission_store import Submission, SubmissionStore, rows_file_for, safe_name, sha256_of
from scripts.quality_report import now

PUBLISHED, DUPLICATE, REJECTED = "published", "duplicate", "rejected"
AUDIT_PROBLEMS_KEPT = 200
AUDIT_NAME_KEPT = 1000  # characters of the file name as sent, kept in the audit log
SERIES_CHECK = "—"  # where a rule is about the whole series rather than one file's row
log = logging.getLogger(__name__)


@dataclass
class IngestResult:
    outcome: str
    source: str
    filename: str
    sha256: str
    submitted_by: str
    submission: Submission | None = None  # the accepted submission (or, for a duplicate, the earlier one)
    superseded: list[int] = field(default_factory=list)  # earlier submissions whose slices this one replaced
    problems: list[SubmissionProblem] = field(default_factory=list)
    warnings: list[SubmissionProblem] = field(default_factory=list)
    parsed: ParsedSubmission | None = None
    run_report: str | None = None
    audit_error: str | None = None  # the attempt could not be written to the audit log
    published_unrecorded: bool = False  # published, then the history could not be written (a full disk)

    def headline(self) -> tuple[str, str]:
        """One sentence in Chinese and in English."""
        if self.outcome == PUBLISHED:
            replaced = (f"，取代了第 {'、'.join(map(str, self.superseded))} 号报送中相同期间的数据" if self.superseded
                        else "")
            replaced_en = (f"; it replaces submission(s) {', '.join(map(str, self.superseded))} for the same periods"
                           if self.superseded else "")
            return (f"已接收并发布：第 {self.submission.submission_id} 号报送，{self.submission.row_count} 行{replaced}。",
                    f"Accepted and published as submission {self.submission.submission_id}, "
                    f"{self.submission.row_count} rows{replaced_en}.")
        if self.outcome == DUPLICATE:
            return (f"该文件与第 {self.submission.submission_id} 号报送（{self.submission.submitted_at[:16]}，"
                    f"{self.submission.submitted_by}）完全相同，未作任何更改。",
                    f"This file is identical to submission {self.submission.submission_id} "
                    f"({self.submission.submitted_at[:16]}, {self.submission.submitted_by}); nothing was changed.")
        return (f"未接收：发现 {len(self.problems)} 个问题，已发布的数据没有任何改动。请更正后重新报送。",
                f"Rejected: {len(self.problems)} problem(s) found; nothing published was changed. "
                "Correct the file and submit it again.")


def ingest(content: bytes, filename: str, source: str, submitted_by: str, channel: str = "command line",
           covers: tuple[dt.date, dt.date] | None = None, raw_dir: Path | None = None,
           published: Path | None = None, store: SubmissionStore | None = None,
           department: str | None = None) -> IngestResult:
    """`department`: submitted by that department's account, which may report only its own task progress."""
    if source not in raw_contract.source_names():
        raise ValueError(f"unknown source {source!r}; expected one of {', '.join(raw_contract.source_names())}")
    store = store or SubmissionStore()
    name = safe_name(filename)
    result = IngestResult(outcome=REJECTED, source=source, filename=name, sha256=sha256_of(content),
                          submitted_by=submitted_by)
    error = None
    try:
        if len(content) > submission_format.MAX_FILE_BYTES:
            result.problems.append(too_large(name, len(content)))
            return result
        if department and source not in submission_format.DEPARTMENT_SOURCES:
            result.problems.append(not_for_departments(name, source, department))
            return result
        # Archived and read before the lock: reading is bounded but may take seconds, and another steward's
        # submission need not wait for it. The archive is keyed by content, so concurrent writers agree.
        original_file = store.archive_original(content, name)
        reference = submitted_reference(raw_dir or paths.raw_dir(), accepted_submissions(store))
        parsed = read_submission(content, name, source, covers, reference=reference)
        if department:
            check_department(parsed, department)
        with store.lock():
            history = store.history()
            earlier = next((entry for entry in history if entry.sha256 == result.sha256), None)
            if earlier:
                result.outcome, result.submission = DUPLICATE, earlier
            else:
                submit(parsed, original_file, channel, raw_dir or paths.raw_dir(),
                       published or paths.published_db_path(), store, history, result)
    except Exception as failure:  # noqa: BLE001 - a full disk or a bug: the attempt is answered and audited
        log.exception("submission %s could not be completed", name)
        result.outcome, error = REJECTED, f"{type(failure).__name__}: {failure}"
        result.problems.append(failure_problem(name, failure, result.published_unrecorded))
    finally:
        audit(store, result, channel, filename, len(content), error)
    return result


def audit(store: SubmissionStore, result: IngestResult, channel: str, name_as_sent: str, size: int,
          error: str | None) -> None:
    """One audit line per attempt, whatever happened; if even that cannot be written (a full disk), the
    steward is told and the server log has it."""
    try:
        store.append_audit(
            who=result.submitted_by, channel=channel, file=result.filename,
            file_as_sent=str(name_as_sent)[:AUDIT_NAME_KEPT], size_bytes=size, sha256=result.sha256,
            source=result.source, outcome=result.outcome,
            submission_id=result.submission.submission_id if result.submission else None,
            problem_count=len(result.problems),
            problems=[str(problem) for problem in result.problems[:AUDIT_PROBLEMS_KEPT]],
            run_report=result.run_report, error=error)
    except OSError as failure:
        log.exception("the audit line for %s could not be written", result.filename)
        result.audit_error = f"{type(failure).__name__}: {failure}"


def too_large(name: str, size: int) -> SubmissionProblem:
    limit_mb = submission_format.MAX_FILE_BYTES / (1 << 20)
    return SubmissionProblem(name, None, None, None, f"{size / (1 << 20):.1f} MB",
                             f"文件过大：上限为 {limit_mb:.0f} MB，请按季度或地区拆分后分别报送",
                             f"the file is too large: the limit is {limit_mb:.0f} MB; split it by quarter or region")


def not_for_departments(name: str, source: str, department: str) -> SubmissionProblem:
    return SubmissionProblem(name, None, None, None, source,
                             f"部门账号（{department}）只能报送重点任务进展（task_progress）",
                             f"a department account ({department}) may only submit task progress (task_progress)")


def failure_problem(name: str, failure: Exception, published_unrecorded: bool) -> SubmissionProblem:
    """What the steward is told when the server, not the file, failed."""
    reason = (failure.strerror if isinstance(failure, OSError) else None) or str(failure) or type(failure).__name__
    if published_unrecorded:  # the rare case where "nothing published changed" would be untrue
        return SubmissionProblem(name, None, None, None, None,
                                 f"文件已发布，但无法写入报送历史（{reason}）：下次重建时这些数据会消失；"
                                 "请通知管理员，待问题解决后重新报送同一文件",
                                 f"the file was published but could not be recorded in the history ({reason}): "
                                 "the next rebuild will drop its figures; tell the administrator and submit the "
                                 "same file again once it is fixed")
    if isinstance(failure, OSError) and failure.errno == errno.ENOSPC:
        return SubmissionProblem(name, None, None, None, None,
                                 "服务器磁盘空间已满，文件未被接收，已发布的数据没有改动；请通知管理员后重新报送",
                                 "the server's disk is full: the file was not accepted and nothing published "
                                 "changed; tell the administrator, then submit it again")
    if isinstance(failure, OSError):
        return SubmissionProblem(name, None, None, None, None,
                                 f"服务器无法保存或读取文件（{reason}），文件未被接收，已发布的数据没有改动；请通知管理员",
                                 f"the server could not store or read the file ({reason}): it was not accepted and "
                                 "nothing published changed; tell the administrator")
    return SubmissionProblem(name, None, None, None, None,
                             "系统内部错误，文件未被接收，已发布的数据没有改动；请联系管理员（详情见服务器日志）",
                             "internal error: the file was not accepted and nothing published changed; tell the "
                             "administrator (details in the server log)")


def submit(parsed: ParsedSubmission, original_file: str, channel: str, raw_dir: Path, published: Path,
           store: SubmissionStore, history: list[Submission], result: IngestResult) -> None:
    """Run the pipeline with the read file added to the accepted `history`, and record it if published."""
    result.parsed = parsed
    submission_id = max((entry.submission_id for entry in history), default=0) + 1
    submission = Submission(
        submission_id=submission_id, source=result.source, sha256=result.sha256,
        original_filename=result.filename, submitted_by=result.submitted_by, submitted_at=now(), channel=channel,
        file_format=parsed.encoding, sheet=parsed.sheet, declared_unit=parsed.declared_unit, total=parsed.total,
        total_unit=parsed.total_unit, regions=parsed.regions(), periods=parsed.periods(),
        coverage=[list(key) for key in parsed.coverage()], row_count=len(parsed.rows),
        original_file=original_file, rows_file=rows_file_for(result.source, submission_id),
        notes=[f"ignored columns: {', '.join(parsed.ignored_headers)}"] if parsed.ignored_headers else [])
    result.problems = list(parsed.problems)
    if not parsed.rows:
        return
    accepted = [(entry, store.rows(entry)) for entry in history]
    try:
        report = build_and_publish(
            raw_dir, published, submissions=accepted + [(submission, parsed.rows)],
            trigger=f"{channel}: {result.filename} ({result.source}) by {result.submitted_by}",
            audit_only_because="the submitted file has problems of its own" if parsed.problems else None)
    except QualityGateFailure as failure:
        result.problems += gate_problems(failure.outcomes, parsed, critical=True)
        result.warnings = gate_problems(failure.outcomes, parsed, critical=False)
        result.run_report = failure.report.report_path
        return
    except AuditOnly as stopped:
        result.warnings = gate_problems([ExpectationOutcome(**entry) for entry in stopped.report.expectations],
                                        parsed, critical=False)
        result.run_report = stopped.report.report_path
        return
    except (BuildFailure, RawInputError) as failure:
        result.problems.append(SubmissionProblem(
            SERIES_CHECK, None, None, None, None, "数据构建未通过检查（详见英文说明与运行报告）", str(failure)))
        result.run_report = failure.report.report_path
        return
    result.run_report, result.published_unrecorded = report.report_path, True
    store.write_rows(submission, parsed.rows)
    store.append_history(submission)
    result.published_unrecorded = False
    result.outcome, result.submission = PUBLISHED, submission
    result.superseded = [earlier.submission_id for earlier, _ in accepted
                         if earlier.source == submission.source and earlier.covered() & submission.covered()]
    result.warnings = gate_problems([ExpectationOutcome(**entry) for entry in report.expectations], parsed,
                                    critical=False)


def gate_problems(outcomes: list[ExpectationOutcome], parsed: ParsedSubmission,
                  critical: bool) -> list[SubmissionProblem]:
    """The quality gate's failures as problems located in the steward's file where they are in it."""
    problems = []
    for outcome in outcomes:
        if outcome.success or (outcome.severity == "critical") != critical:
            continue
        if not outcome.examples:
            observed = outcome.observed_value if outcome.unexpected_count is None else outcome.sample_unexpected_values
            problems.append(SubmissionProblem(SERIES_CHECK, None, None, outcome.column, str(observed),
                                              outcome.rule_zh, outcome.rule_en))
        for example in outcome.examples:
            in_this_file = example.get("_source_file") == parsed.label
            column = outcome.column
            # A series check's row is not a file's row: it is described by all its columns.
            value = example.get(column) if column in example and example.get("_source_file") else ", ".join(
                f"{key}={item}" for key, item in example.items() if not key.startswith("_"))
            problems.append(SubmissionProblem(
                parsed.filename if in_this_file else str(example.get("_source_file") or SERIES_CHECK),
                parsed.sheet if in_this_file else None, example.get("_source_row"),
                parsed.column_label(column) if in_this_file and column else column,
                None if value is None else str(value), outcome.rule_zh, outcome.rule_en))
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", required=True, choices=raw_contract.source_names())
    parser.add_argument("--file", type=Path, required=True, help="XLSX or CSV (UTF-8, UTF-8 with BOM, GBK)")
    parser.add_argument("--by", default=getpass.getuser(), help="who submits (default: the login name)")
    parser.add_argument("--department", help="submit as this department's account (default: the department of "
                        "the --by account, if it is a department account): only its own task progress")
    parser.add_argument("--covers-from", type=dt.date.fromisoformat, help="green_bonds: first issue date the "
                        "file reports in full (default: the start of the earliest issue's quarter)")
    parser.add_argument("--covers-to", type=dt.date.fromisoformat, help="green_bonds: last issue date covered")
    args = parser.parse_args()
    if bool(args.covers_from) != bool(args.covers_to):
        parser.error("give both --covers-from and --covers-to, or neither")
    covers = (args.covers_from, args.covers_to) if args.covers_from else None
    if not args.file.is_file():
        parser.error(f"no such file: {args.file} / 找不到文件：{args.file}")
    try:
        with args.file.open("rb") as handle:  # no more than the limit and one byte: enough to refuse a larger file
            content = handle.read(submission_format.MAX_FILE_BYTES + 1)
    except OSError as failure:
        parser.error(f"cannot read {args.file}: {failure.strerror} / 无法读取文件：{args.file}")
    department = args.department or accounts.department_of(accounts.load_config(), args.by)
    result = ingest(content, args.file.name, args.source, args.by, covers=covers, department=department)
    print("\n".join(result.headline()))
    if result.audit_error:
        print(f"  ! 本次报送未能记入审计日志 / this attempt could not be written to the audit log: "
              f"{result.audit_error}")
    for problem in result.problems:
        print(f"  ✗ {problem}")
    for warning in result.warnings:
        print(f"  ! {warning}")
    if result.run_report:
        print(f"Run report: {result.run_report}")
    return 1 if result.outcome == REJECTED else 0


if __name__ == "__main__":
    sys.exit(main())
