"""The main job, write–audit–publish: raw files -> ingestion -> raw quality gate -> dbt build -> mart quality
gate -> publish -> progress summary.

Everything is built into a new DuckDB file next to the published one (write), validated by dbt's tests and the
Great Expectations suites (audit), and only a run with no critical failure replaces the published file
(os.replace is atomic: publish). A rejected run leaves the published data byte-for-byte as it was, and readers
of the published file are never blocked by the build. Every run, published or rejected, leaves a JSON report in
<quality dir>/runs/ and refreshes the Data Docs (scripts/quality/quality_report.py, scripts/quality/data_docs.py).

Usage: python -m scripts.publishing.pipeline [--raw-dir DIR] [--db PUBLISHED_FILE] [--no-summary]
Exit status: 0 published, 1 rejected (the reasons are printed), 2 usage error.
"""
from __future__ import annotations

import argparse
import fcntl
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Collection
from contextlib import contextmanager
from pathlib import Path

import duckdb

from scripts.quality import data_docs, quality_gate
from scripts.configuration import paths
from scripts.configuration.text import both
from scripts.outputs import summary
from scripts.publishing import partial_build
from scripts.publishing.dbt_build import CANDIDATE_NAME, BuildFailure, run_dbt_build
from scripts.ingestion.load_raw import RawInputError, SubmittedRows, accepted_submissions, load_raw
from scripts.quality.quality_gate import QualityGateFailure
from scripts.ingestion.submission_store import SubmissionStore
from scripts.quality.quality_report import (CHECKED, DATA_DOCS, DBT_BUILD, MART_GATE, PUBLISH, PUBLISHED, RAW_GATE,
                                            REJECTED, RunReport, UNEXPECTED_STOP)

BUILD_FOLDER_PREFIX = "gf-build-"
STALE_UNLOCKED_FOLDER_S = 600  # a folder with no lock this old belongs to no live build


class AuditOnly(Exception):
    """The run was asked to audit, not to publish: a dry run; a file waiting for its partner source, checked on
    its own rules; a submitted file with problems of its own, still run through the gate so that the steward
    hears of every problem at once. None of them is ever published."""


def audit(candidate: Path, stage: str, report: RunReport, partner_rules: bool = True,
          sources_first: Collection[str] = ()) -> None:
    """Run one stage's expectation suites (those on `sources_first` first: quality_gate.validate); raises
    QualityGateFailure on a critical failure."""
    outcomes = quality_gate.validate(candidate, stage, run_name=gate_run_name(report),
                                     partner_rules=partner_rules, sources_first=sources_first)
    report.expectations += quality_gate.outcomes_as_json(outcomes)
    if any(outcome.blocks_publishing for outcome in outcomes):
        raise QualityGateFailure(outcomes)


def gate_run_name(report: RunReport) -> str:
    """What labels a run's validation results in the Data Docs."""
    return f"pipeline run {report.run_id}"


@contextmanager
def build_folder(parent: Path):
    """A new folder for one build's candidate file and dbt output, removed afterwards. Its .lock is held while
    the build runs, so that a later run can tell a live build's folder from one a killed build left behind."""
    with tempfile.TemporaryDirectory(prefix=BUILD_FOLDER_PREFIX, dir=parent) as work:
        with (Path(work) / ".lock").open("w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            yield Path(work)


def remove_stale_build_folders(parent: Path) -> list[Path]:
    """Remove the build folders of runs that were killed (kill -9, a power cut); returns them."""
    removed = []
    for folder in parent.glob(f"{BUILD_FOLDER_PREFIX}*"):
        try:
            descriptor = os.open(folder / ".lock", os.O_RDONLY)  # never created here: that is the build's job
        except FileNotFoundError:  # a build that has not made its lock yet, or one from before locks existed
            if time.time() - folder.stat().st_mtime < STALE_UNLOCKED_FOLDER_S:
                continue
        else:
            try:
                fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:  # a build is running in it
                continue
            finally:
                os.close(descriptor)
        shutil.rmtree(folder, ignore_errors=True)
        removed.append(folder)
    return removed


def build_and_publish(raw_dir: Path, published: Path, echo_dbt: bool = False,
                      submissions: list[SubmittedRows] | None = None, trigger: str | None = None,
                      audit_only_because: str | None = None, partner_rules: bool = True,
                      raw_gate_only: bool = False, progress: Callable[[str], None] | None = None,
                      from_published: bool = False, package_sources: Collection[str] = ()) -> RunReport:
    """Write, audit and publish; the run's report is written whatever happens, and returned or attached
    to the exception (as `.report`) that rejected the run. `submissions` defaults to every accepted one;
    with `audit_only_because`, the run stops before publishing for that reason (AuditOnly, report outcome
    checked). `raw_gate_only` stops after the raw gate (a file waiting for its partner: nothing to build yet; a
    file with problems of its own: nothing to publish), and `partner_rules=False` leaves out the rules across
    partner sources there. `progress` hears of each stage as it starts (the upload page shows them).
    `from_published` (a steward's package): when the published file was built by this project, start from it and
    build only what the changed sources reach (scripts/publishing/partial_build.py); else build everything.
    `package_sources` (the sources a steward's package brings) are checked first at the raw gate, so that a
    fault in the package is answered before the rules on the rest of the data are run."""
    report = RunReport(raw_dir=str(raw_dir), published_db=str(published), trigger=trigger)
    tell = progress or (lambda stage: None)

    def enter(stage: str) -> None:
        report.enter(stage)
        tell(stage)

    submissions = accepted_submissions() if submissions is None else submissions
    published.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_build_folders(published.parent)
    try:
        with build_folder(published.parent) as work_dir:
            candidate = work_dir / CANDIDATE_NAME
            tell(report.stage)
            partial = from_published and not raw_gate_only and partial_build.built_by_this_project(published)
            if partial:
                partial_build.start_from(published, candidate)
            report.raw_row_counts = load_raw(raw_dir, candidate, submissions)
            enter(RAW_GATE)
            audit(candidate, "raw", report, partner_rules=partner_rules, sources_first=package_sources)
            if raw_gate_only:
                raise AuditOnly(audit_only_because or "checked on the raw rules only")
            enter(DBT_BUILD)
            if partial:
                report.changed_sources = partial_build.changed_sources(candidate, published)
                report.dbt_selection = partial_build.selection(report.changed_sources)
            report.dbt_node_seconds = run_dbt_build(candidate, work_dir, echo_dbt, select=report.dbt_selection)
            partial_build.record_project(candidate)
            enter(MART_GATE)
            audit(candidate, "marts", report)
            enter(PUBLISH)
            if audit_only_because:
                raise AuditOnly(audit_only_because)
            with duckdb.connect(str(candidate)) as connection:
                connection.execute("checkpoint")  # fold any write-ahead log into the file before moving it
            os.replace(candidate, published)
        report.finish(PUBLISHED)
    except AuditOnly as stopped:
        report.finish(CHECKED, str(stopped))
        stopped.report = report
        raise
    except (RawInputError, QualityGateFailure, BuildFailure) as error:
        report.finish(REJECTED, str(error))
        error.report = report
        raise
    finally:
        if report.expectations:  # the Data Docs show validation results; ingestion failures have none
            tell(DATA_DOCS)
            started = time.perf_counter()
            try:
                report.data_docs_index = str(data_docs.build(run_name=gate_run_name(report)))
            except data_docs.DataDocsError as error:  # the data verdict stands; the steward is told
                report.data_docs_error = str(error)
            report.stage_seconds[DATA_DOCS] = round(time.perf_counter() - started, 3)
        if report.outcome is None:  # an unexpected error: still leave a trace of the run
            report.finish(REJECTED, UNEXPECTED_STOP)
        report.write()
    return report


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--raw-dir", type=Path, default=None, help="raw folder (default: GF_RAW_DIR or data/raw)")
    parser.add_argument("--db", type=Path, default=None, help="published DuckDB file (default: GF_DUCKDB_PATH)")
    parser.add_argument("--show-dbt", action="store_true", help="echo dbt's own output")
    parser.add_argument("--no-summary", action="store_true", help="do not print the progress summary")
    args = parser.parse_args()
    raw_dir, published = args.raw_dir or paths.raw_dir(), args.db or paths.published_db_path()
    started = time.monotonic()
    try:
        with SubmissionStore().lock():  # not while a steward's submission is being published
            report = build_and_publish(raw_dir, published, echo_dbt=args.show_dbt)
    except (RawInputError, QualityGateFailure, BuildFailure) as error:
        print(f"REJECTED at the {error.report.stage} — nothing was published; {published} is unchanged.\n"
              f"{error}\n{where_to_look(error.report)}", file=sys.stderr)
        return 1
    except OSError as error:  # a full disk, a permission: a sentence, not a traceback
        print(both("build_file_error", english_first=True, error=error, published=published), file=sys.stderr)
        return 1
    loaded = ", ".join(f"{source} {count}" for source, count in report.raw_row_counts.items())
    print(f"Published {published} in {time.monotonic() - started:.1f} s (raw rows: {loaded}).")
    print(f"Quality gate: {len(report.expectations)} expectations, {report.warnings} warning(s). "
          + where_to_look(report))
    if report.warnings:
        print(quality_gate.steward_summary(
            [quality_gate.ExpectationOutcome(**outcome) for outcome in report.expectations]))
    if not args.no_summary:
        print(summary.render(published))
    return 0


def where_to_look(report: RunReport) -> str:
    if not report.expectations:  # stopped at ingestion: nothing was validated
        docs = "none (no validation ran)"
    else:
        docs = report.data_docs_index or f"not built ({report.data_docs_error})"
    return f"Run report: {report.report_path}; Data Docs: {docs}"


if __name__ == "__main__":
    sys.exit(main())
