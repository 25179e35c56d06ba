"""Submit a data steward's reporting round: one or more files (or one workbook with a sheet per source),
archive them, read them, and publish them through the write–audit–publish pipeline, keep a file whose partner
source has not arrived yet as waiting, or reject the package with every problem found, in Chinese and English.

What happens:
0. A file over the size limit (scripts/configuration/submission_format.py) is refused before anything else.
1. Every file is archived byte for byte under its SHA-256, accepted or not.
2. Each is read (scripts/ingestion/read_submission.py), within bounds: a file for one source, or every sheet of a
   workbook read as the source its header (or name) gives: header, unit, 合计 row, names in place of codes.
Then, one package at a time (a lock, not held while reading): a part with the same bytes as an accepted or
waiting submission is recognised and changes nothing;
3. Green loans and all loans of a region's quarter need each other (submission_format.PARTNER_SOURCES). A part
   whose partner is neither published, nor in the package, nor waiting is checked on its own rules only and,
   if clean, kept as waiting (nothing published); a waiting part whose partner arrives is published with it.
4. The other parts run through the pipeline on the sample/raw folder plus every accepted submission plus the
   package, each part replacing the rows of the slices it covers: load -> raw gate -> dbt build (of what the
   changed sources reach, from the published file: scripts/publishing/partial_build.py) -> mart gate -> publish. Rules across sources are judged on the package as a whole. If any part has problems of its
   own, the run still goes through the raw gate, which holds every rule about a submitted cell (so that the
   steward hears of all the files' problems at once, in seconds), then stops: it never publishes. A dry run
   never publishes either.
5. Published: the parts join the append-only history, and the headline figures they changed are listed
   (before → after). Rejected: nothing published changes and nothing is kept waiting; every problem is
   returned with file, sheet, row, column, value and rule. Whatever happens, even an error of the server (a
   full disk), every file's attempt is in the audit log, with the file name as it was sent.

A department account (scripts/administration/accounts.py, role department; --by naming it, or --department) may submit only
task progress (submission_format.DEPARTMENT_SOURCES), and only its own department's rows.

Usage: python -m scripts.publishing.ingest --file FILE [--file FILE ...] [--source SOURCE] [--by NAME] [--dry-run]
                                [--department NAME] [--covers-from DATE --covers-to DATE]
       python -m scripts.publishing.ingest --waiting     (the submissions waiting for their partner)
Exit status: 0 published, waiting, checked (dry run) or duplicate; 1 rejected; 2 usage error.
"""
from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import errno
import getpass
import logging
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from scripts.administration import accounts
from scripts.outputs import headline_changes
from scripts.configuration import paths, raw_contract, submission_format
from scripts.configuration.text import Said, both, either, joined, pair, words
from scripts.outputs.headline_changes import HeadlineChange
from scripts.ingestion.load_raw import RawInputError, SubmittedRows, accepted_submissions, slices_present, submitted_reference
from scripts.publishing.dbt_build import BuildFailure
from scripts.publishing.pipeline import AuditOnly, build_and_publish
from scripts.quality.quality_gate import ExpectationOutcome, QualityGateFailure
from scripts.configuration.journal import now
from scripts.ingestion.read_submission import (UNKNOWN_SOURCE, ParsedSubmission, SubmissionProblem, check_department,
                                     read_package)
from scripts.configuration.submission_format import PARTNER_SOURCES, SOURCE_NAMES, partner_slice
from scripts.ingestion.submission_store import (PUBLISHED_WITH_PARTNER, REPLACED, Submission, SubmissionStore,
                                      WaitingSubmission, rows_file_for, safe_name, sha256_of)

PUBLISHED, DUPLICATE, REJECTED, WAITING, CHECKED = "published", "duplicate", "rejected", "waiting", "checked"
AUDIT_PROBLEMS_KEPT = 200
AUDIT_NAME_KEPT = 1000  # characters of the file name as sent, kept in the audit log
SERIES_CHECK = "—"  # where a rule is about the whole series rather than one file's row
OWN_PROBLEMS = "the submitted file has problems of its own"
DRY_RUN = "dry run: validate only, publish nothing"
WAITING_CHECK = "waiting for its partner source: checked on its own rules"
READING = "reading"  # the first step a submission's progress names: its files read and checked cell by cell
log = logging.getLogger(__name__)


@dataclass
class IncomingFile:
    content: bytes
    filename: str  # as sent
    source: str | None = None  # None: each sheet is read as the source its header gives
    covers: tuple[dt.date, dt.date] | None = None  # green bonds: the issue dates the file reports in full


@dataclass
class Part:
    """One source's rows from one file: a CSV, or one sheet of a workbook."""
    parsed: ParsedSubmission
    sha256: str  # of the file
    original_file: str
    outcome: str = REJECTED
    submission: Submission | None = None  # this part's submission (for a duplicate, the earlier one)
    missing: list[tuple[str, ...]] = field(default_factory=list)  # partner slices it waits for


@dataclass
class IngestResult:
    outcome: str
    filenames: list[str]  # as stored (scripts/submission_store.safe_name)
    submitted_by: str
    dry_run: bool = False
    parts: list[Part] = field(default_factory=list)
    published: list[Submission] = field(default_factory=list)  # this package's and earlier waiting ones
    published_from_waiting: list[int] = field(default_factory=list)
    waiting: list[WaitingSubmission] = field(default_factory=list)  # everything waiting after this package
    superseded: list[int] = field(default_factory=list)  # earlier submissions whose slices this one replaced
    problems: list[SubmissionProblem] = field(default_factory=list)
    warnings: list[SubmissionProblem] = field(default_factory=list)
    changes: list[HeadlineChange] = field(default_factory=list)  # headline figures before → after publishing
    run_reports: list[str] = field(default_factory=list)
    audit_error: str | None = None  # an attempt could not be written to the audit log
    published_unrecorded: bool = False  # published, then the history could not be written (a full disk)

    @property
    def filename(self) -> str:
        return self.filenames[0] if self.filenames else ""

    @property
    def submission(self) -> Submission | None:
        """The first part's submission: the one published or kept waiting, or the earlier identical one."""
        return next((part.submission for part in self.parts if part.submission), None)

    @property
    def parsed(self) -> ParsedSubmission | None:
        return self.parts[0].parsed if self.parts else None

    @property
    def run_report(self) -> str | None:
        return self.run_reports[-1] if self.run_reports else None

    def new_parts(self) -> list[Part]:
        return [part for part in self.parts if part.outcome != DUPLICATE]

    def headline(self) -> tuple[str, str]:
        """One paragraph in Chinese and in English."""
        if self.outcome == DUPLICATE:
            earlier = self.submission
            return pair("ingest_duplicate", id=earlier.submission_id, when=earlier.submitted_at[:16],
                        who=earlier.submitted_by)
        if self.outcome == REJECTED:
            return pair("ingest_rejected", count=len(self.problems))
        published = [part for part in self.new_parts() if part.outcome in (PUBLISHED, CHECKED) and not part.missing]
        waiting = [part for part in self.new_parts() if part.missing]
        sentences = []
        if self.outcome == CHECKED:
            sentences.append(pair("ingest_checked"))
        if published:
            ids = [part.submission.submission_id for part in published]
            rows = words("ingest_row_count", count=sum(part.submission.row_count for part in published))
            key = "ingest_would_publish" if self.outcome == CHECKED else "ingest_published"
            sentences.append(pair(key, count=len(ids), ids=joined(ids), rows=rows))
        if self.published_from_waiting:
            sentences.append(pair("ingest_published_waiting", count=len(self.published_from_waiting),
                                  ids=joined(self.published_from_waiting)))
        if self.superseded:
            sentences.append(pair("ingest_replaces", count=len(self.superseded), ids=joined(self.superseded)))
        for part in waiting:
            key = "ingest_would_wait" if self.outcome == CHECKED else "ingest_kept_waiting"
            sentences.append(pair(key, id=part.submission.submission_id, source=source_name(part.submission.source),
                                  partner=either(*missing_text(part.submission.source, part.missing))))
        return "".join(zh for zh, _ in sentences), " ".join(en for _, en in sentences)


def source_name(source: str) -> Said:
    return either(*SOURCE_NAMES[source])


def missing_text(source: str, missing: list[tuple[str, ...]]) -> tuple[str, str]:
    """What a waiting submission waits for: its partner source for the regions and quarter ends it misses."""
    return pair("ingest_partner", source=source_name(PARTNER_SOURCES[source]),
                slices=joined(f"{region} {period}" for region, period in missing[:6]),
                more=" …" if len(missing) > 6 else "")


def ingest(content: bytes, filename: str, source: str | None, submitted_by: str, channel: str = "command line",
           covers: tuple[dt.date, dt.date] | None = None, raw_dir: Path | None = None,
           published: Path | None = None, store: SubmissionStore | None = None,
           dry_run: bool = False, department: str | None = None) -> IngestResult:
    """One file: a package of one."""
    return ingest_package([IncomingFile(content, filename, source, covers)], submitted_by, channel, raw_dir,
                          published, store, dry_run, department)


def ingest_package(files: list[IncomingFile], submitted_by: str, channel: str = "command line",
                   raw_dir: Path | None = None, published: Path | None = None,
                   store: SubmissionStore | None = None, dry_run: bool = False,
                   department: str | None = None, progress: Callable[[str], None] | None = None) -> IngestResult:
    """`department`: submitted by that department's account, which may report only its own task progress.
    `progress` hears of each step as it starts: READING, then the run's stages (scripts/quality/quality_report.py)."""
    for incoming in files:
        if incoming.source is not None and incoming.source not in raw_contract.source_names():
            raise ValueError(f"unknown source {incoming.source!r}; expected one of "
                             f"{', '.join(raw_contract.source_names())}")
    store = store or SubmissionStore()
    result = IngestResult(outcome=REJECTED, filenames=[safe_name(incoming.filename) for incoming in files],
                          submitted_by=submitted_by, dry_run=dry_run)
    error = None
    try:
        for incoming, name in zip(files, result.filenames):
            if len(incoming.content) > submission_format.MAX_FILE_BYTES:
                result.problems.append(too_large(name, len(incoming.content)))
            elif department and incoming.source and incoming.source not in submission_format.DEPARTMENT_SOURCES:
                result.problems.append(not_for_departments(name, incoming.source, department))
        if result.problems:
            return result
        raw_dir = raw_dir or paths.raw_dir()
        if progress:
            progress(READING)
        # The regions and institutions submitted so far: their names stand for codes as the seeds' do.
        reference = submitted_reference(raw_dir, accepted_submissions(store))
        # Archived and read before the lock: reading is bounded but may take seconds, and another steward's
        # submission need not wait for it. The archive is keyed by content, so concurrent writers agree.
        for incoming, name in zip(files, result.filenames):
            original_file = store.archive_original(incoming.content, name)
            parts = [Part(parsed, sha256_of(incoming.content), original_file)
                     for parsed in read_package(incoming.content, name, incoming.source, incoming.covers, reference)]
            for part in parts:  # a region sent in this round may be named by the round's later files
                if part.parsed.source in reference:
                    reference[part.parsed.source] = reference[part.parsed.source] + part.parsed.rows
            result.parts += parts
        if department:
            for part in result.parts:
                if part.parsed.source in submission_format.DEPARTMENT_SOURCES:
                    check_department(part.parsed, department)
                elif part.parsed.source != UNKNOWN_SOURCE:
                    part.parsed.problems.append(not_for_departments(part.parsed.filename, part.parsed.source,
                                                                    department))
        with store.lock():
            submit(result, channel, raw_dir, published or paths.published_db_path(), store, progress)
            result.waiting = store.waiting()
    except Exception as failure:  # noqa: BLE001 - a full disk or a bug: the attempt is answered and audited
        log.exception("submission of %s could not be completed", ", ".join(result.filenames))
        result.outcome, error = REJECTED, f"{type(failure).__name__}: {failure}"
        result.problems.append(failure_problem(", ".join(result.filenames), failure, result.published_unrecorded))
    finally:
        for incoming, name in zip(files, result.filenames):
            audit(store, result, incoming, name, channel, error)
    return result


def submit(result: IngestResult, channel: str, raw_dir: Path, published: Path, store: SubmissionStore,
           progress: Callable[[str], None] | None = None) -> None:
    """Decide, check and record the package: duplicates, waiting parts, the run of everything else."""
    history, waiting = store.history(), store.waiting()
    known = {(entry.sha256, entry.sheet, entry.source): entry
             for entry in history + [waiting_entry.submission for waiting_entry in waiting]}
    next_id = store.last_submission_id() + 1
    for part in result.parts:
        earlier = known.get((part.sha256, part.parsed.sheet, part.parsed.source))
        if earlier:
            part.outcome, part.submission = DUPLICATE, earlier
            continue
        part.submission = new_submission(part, next_id, result.submitted_by, channel)
        next_id += 1
        result.problems += part.parsed.problems
    new = result.new_parts()
    if not new:
        result.outcome = DUPLICATE
        return
    if any(part.parsed.source == UNKNOWN_SOURCE or not part.parsed.rows for part in new):
        return  # nothing to load: the reader's problems are the answer
    accepted = [(entry, store.rows(entry)) for entry in history]
    replaced = [entry for entry in waiting if any(
        part.parsed.source == entry.submission.source and part.submission.covered() & entry.submission.covered()
        for part in new)]
    still_waiting = [entry for entry in waiting if entry not in replaced]
    candidates = [(part.submission, part.parsed.rows) for part in new] + [
        (entry.submission, store.rows(entry.submission)) for entry in still_waiting]
    missing = missing_partners(candidates, raw_dir, accepted)
    for part in new:
        part.missing = missing.get(part.submission.submission_id, [])
        if part.missing:
            part.submission = dataclasses.replace(part.submission, rows_file=rows_file_for(
                part.parsed.source, part.submission.submission_id, waiting=True))
    waits = [part for part in new if part.missing]
    completing = [entry for entry in still_waiting if entry.submission.submission_id not in missing]
    ready = [(part.submission, part.parsed.rows) for part in new if not part.missing] + [
        (entry.submission, store.rows(entry.submission)) for entry in completing]
    trigger = f"{channel}: {', '.join(result.filenames)} by {result.submitted_by}"
    if waits:
        run_checks(result, raw_dir, published, accepted + [(part.submission, part.parsed.rows) for part in waits],
                   trigger, WAITING_CHECK, progress, partner_rules=False, raw_gate_only=True)
    if ready:
        stop = DRY_RUN if result.dry_run else OWN_PROBLEMS if result.problems else None
        regions = sorted({region for submission, _ in ready for region in submission.regions})
        before = headline_changes.figures(published, regions) if stop is None else {}
        # A file with problems of its own is answered after the raw gate, which holds every rule about a
        # submitted cell: a rebuild that could not be published would only keep the steward waiting.
        if not run_checks(result, raw_dir, published, accepted + ready, trigger, stop, progress,
                          raw_gate_only=stop == OWN_PROBLEMS):
            return
        if stop is None:
            record_published(result, new, completing, accepted, store)
            result.changes = headline_changes.changes(before, headline_changes.figures(published, regions))
    if result.problems:
        return
    if result.dry_run:
        result.outcome = CHECKED
        for part in new:
            part.outcome = CHECKED
        return
    for part in waits:
        store.write_rows(part.submission, part.parsed.rows)
        store.append_waiting(WaitingSubmission(part.submission, part.missing), by=result.submitted_by)
        part.outcome = WAITING
    for entry in replaced:
        replacing = next(part for part in new if part.parsed.source == entry.submission.source
                         and part.submission.covered() & entry.submission.covered())
        store.end_waiting(entry.submission.submission_id, REPLACED, replacing.submission.submission_id)
    result.outcome = PUBLISHED if ready else WAITING


def new_submission(part: Part, submission_id: int, submitted_by: str, channel: str) -> Submission:
    parsed = part.parsed
    return Submission(
        submission_id=submission_id, source=parsed.source, sha256=part.sha256,
        original_filename=parsed.filename, submitted_by=submitted_by, submitted_at=now(), channel=channel,
        file_format=parsed.encoding, sheet=parsed.sheet, declared_unit=parsed.declared_unit, total=parsed.total,
        total_unit=parsed.total_unit, regions=parsed.regions(), periods=parsed.periods(),
        coverage=[list(key) for key in parsed.coverage()], row_count=len(parsed.rows),
        original_file=part.original_file, rows_file=rows_file_for(parsed.source, submission_id),
        notes=[f"ignored columns: {', '.join(parsed.ignored_headers)}"] if parsed.ignored_headers else [])


def missing_partners(candidates: list[SubmittedRows], raw_dir: Path,
                     accepted: list[SubmittedRows]) -> dict[int, list[tuple[str, ...]]]:
    """For each candidate of a partner source that must wait, the partner slices (region, quarter end) found
    neither in what is published nor in a candidate that is itself complete. A waiting candidate cannot complete
    another, so candidates are set aside until every one left has its partners (starting from all of them and
    only ever setting aside, this ends)."""
    present = {source: {partner_slice(source, key) for key in slices_present(raw_dir, source, accepted)}
               for source in PARTNER_SOURCES}
    loans = [submission for submission, _ in candidates if submission.source in PARTNER_SOURCES]

    def lacking(submission: Submission, offered: dict[str, set]) -> list[tuple[str, ...]]:
        needed = sorted({partner_slice(submission.source, tuple(key)) for key in submission.coverage})
        return [key for key in needed if key not in offered[PARTNER_SOURCES[submission.source]]]

    waiting: set[int] = set()
    while True:
        offered = {source: set(slices) for source, slices in present.items()}
        for submission in loans:
            if submission.submission_id not in waiting:
                offered[submission.source] |= {partner_slice(submission.source, tuple(key))
                                               for key in submission.coverage}
        newly = {submission.submission_id for submission in loans
                 if submission.submission_id not in waiting and lacking(submission, offered)}
        if not newly:
            return {submission.submission_id: lacking(submission, offered) for submission in loans
                    if submission.submission_id in waiting}
        waiting |= newly


def run_checks(result: IngestResult, raw_dir: Path, published: Path, submissions: list[SubmittedRows],
               trigger: str, stop: str | None, progress: Callable[[str], None] | None,
               partner_rules: bool = True, raw_gate_only: bool = False) -> bool:
    """One pipeline run for the package; its problems and warnings join the result. True if it published, or
    stopped where it was asked to with nothing critical found."""
    parsed = [part.parsed for part in result.parts]
    try:
        report = build_and_publish(raw_dir, published, submissions=submissions, trigger=trigger,
                                   audit_only_because=stop, partner_rules=partner_rules,
                                   raw_gate_only=raw_gate_only, progress=progress, from_published=True,
                                   package_sources={part.parsed.source for part in result.new_parts()})
    except QualityGateFailure as failure:
        result.problems += gate_problems(failure.outcomes, parsed, critical=True)
        result.warnings += gate_problems(failure.outcomes, parsed, critical=False)
        result.run_reports.append(failure.report.report_path)
        return False
    except AuditOnly as stopped:
        result.warnings += gate_problems([ExpectationOutcome(**entry) for entry in stopped.report.expectations],
                                         parsed, critical=False)
        result.run_reports.append(stopped.report.report_path)
        return True
    except BuildFailure as failure:
        result.problems.append(SubmissionProblem(SERIES_CHECK, None, None, None, None, failure.summary_zh,
                                                 str(failure).removeprefix(failure.summary_zh + "\n")))
        result.run_reports.append(failure.report.report_path)
        return False
    except RawInputError as failure:  # the files were read before; only a file changed under the run gets here
        rule_zh, rule_en = pair("ingest_raw_load_failed")
        result.problems.append(SubmissionProblem(SERIES_CHECK, None, None, None, None, rule_zh,
                                                 f"{rule_en}\n{failure}"))
        result.run_reports.append(failure.report.report_path)
        return False
    result.run_reports.append(report.report_path)
    result.published_unrecorded = True
    result.warnings += gate_problems([ExpectationOutcome(**entry) for entry in report.expectations], parsed,
                                     critical=False)
    return True


def record_published(result: IngestResult, new: list[Part], completing: list[WaitingSubmission],
                     accepted: list[SubmittedRows], store: SubmissionStore) -> None:
    """The published package joins the history: its parts, and the waiting submissions it completed."""
    first_new = next(part.submission.submission_id for part in new if not part.missing)
    for part in new:
        if part.missing:
            continue
        store.write_rows(part.submission, part.parsed.rows)
        store.append_history(part.submission)
        part.outcome = PUBLISHED
        result.published.append(part.submission)
        result.superseded += [earlier.submission_id for earlier, _ in accepted
                              if earlier.source == part.submission.source
                              and earlier.covered() & part.submission.covered()]
    for entry in completing:
        store.append_history(entry.submission)
        store.end_waiting(entry.submission.submission_id, PUBLISHED_WITH_PARTNER, first_new)
        result.published.append(entry.submission)
        result.published_from_waiting.append(entry.submission.submission_id)
    result.superseded = sorted(set(result.superseded))
    result.published_unrecorded = False


def audit(store: SubmissionStore, result: IngestResult, incoming: IncomingFile, name: str, channel: str,
          error: str | None) -> None:
    """One audit line per file and attempt, whatever happened; if even that cannot be written (a full disk),
    the steward is told and the server log has it."""
    parts = [part for part in result.parts if part.parsed.filename == name]
    # Ids of submissions that exist: published, waiting, or the earlier one a duplicate repeats (a rejected or
    # only validated part was numbered for its run, but that number was never given out).
    recorded = [part.submission.submission_id for part in parts if part.outcome in (PUBLISHED, WAITING, DUPLICATE)]
    outcome = (DUPLICATE if parts and all(part.outcome == DUPLICATE for part in parts) and result.outcome != REJECTED
               else result.outcome)
    try:
        store.append_audit(
            who=result.submitted_by, channel=channel, file=name,
            file_as_sent=str(incoming.filename)[:AUDIT_NAME_KEPT], size_bytes=len(incoming.content),
            sha256=sha256_of(incoming.content),
            source=", ".join(dict.fromkeys(part.parsed.source for part in parts)) or (incoming.source or UNKNOWN_SOURCE),
            outcome=outcome, dry_run=result.dry_run,
            package=result.filenames if len(result.filenames) > 1 else None,
            submission_id=recorded[0] if recorded else None, submission_ids=recorded,
            problem_count=len(result.problems),
            problems=[str(problem) for problem in result.problems[:AUDIT_PROBLEMS_KEPT]],
            run_report=result.run_report, error=error)
    except OSError as failure:
        log.exception("the audit line for %s could not be written", name)
        result.audit_error = f"{type(failure).__name__}: {failure}"


def too_large(name: str, size: int) -> SubmissionProblem:
    limit_mb = submission_format.MAX_FILE_BYTES / (1 << 20)
    return SubmissionProblem.of("ingest_too_large", name, value=f"{size / (1 << 20):.1f} MB",
                                limit_mb=f"{limit_mb:.0f}")


def not_for_departments(name: str, source: str, department: str) -> SubmissionProblem:
    return SubmissionProblem.of("ingest_department_sources", name, value=source, department=department)


def failure_problem(name: str, failure: Exception, published_unrecorded: bool) -> SubmissionProblem:
    """What the steward is told when the server, not the file, failed."""
    reason = (failure.strerror if isinstance(failure, OSError) else None) or str(failure) or type(failure).__name__
    if published_unrecorded:  # the rare case where "nothing published changed" would be untrue
        return SubmissionProblem.of("ingest_published_unrecorded", name, reason=reason)
    if isinstance(failure, OSError) and failure.errno == errno.ENOSPC:
        return SubmissionProblem.of("ingest_disk_full", name)
    if isinstance(failure, OSError):
        return SubmissionProblem.of("ingest_storage_failed", name, reason=reason)
    return SubmissionProblem.of("ingest_internal_error", name)


def gate_problems(outcomes: list[ExpectationOutcome], parts: list[ParsedSubmission],
                  critical: bool) -> list[SubmissionProblem]:
    """The quality gate's failures as problems located in the steward's files where they are in them. A rule
    about two rows (a quarter against the one before it, green loans against all loans) names both; when only
    the other one is the steward's, the problem points at it: the steward can correct only what they sent."""
    by_label = {part.label: part for part in parts}
    problems = []
    for outcome in outcomes:
        if outcome.success or (outcome.severity == "critical") != critical:
            continue
        if not outcome.examples:
            observed = outcome.observed_value if outcome.unexpected_count is None else outcome.sample_unexpected_values
            problems.append(SubmissionProblem(SERIES_CHECK, None, None, outcome.column, str(observed),
                                              outcome.rule_zh, outcome.rule_en))
        for example in outcome.examples:
            file, row = example.get("_source_file"), example.get("_source_row")
            if file not in by_label and example.get("_related_source_file") in by_label:
                file, row = example["_related_source_file"], example.get("_related_source_row")
            part = by_label.get(file)
            column = outcome.column
            # A series check's row is not a file's row, nor is a row pointed at through its partner: each is
            # described by all its columns.
            own_row = file == example.get("_source_file") and file
            value = example.get(column) if column in example and own_row else ", ".join(
                f"{key}={item}" for key, item in example.items() if not key.startswith("_"))
            problems.append(SubmissionProblem(
                part.filename if part else str(file or SERIES_CHECK), part.sheet if part else None, row,
                part.column_label(column) if part and column else column,
                None if value is None else str(value), outcome.rule_zh, outcome.rule_en))
    return problems


def print_waiting(store: SubmissionStore) -> None:
    waiting = store.waiting()
    if not waiting:
        print(both("ingest_none_waiting"))
    for entry in waiting:
        submission = entry.submission
        print(both("ingest_waiting_entry", id=submission.submission_id, file=submission.original_filename,
                   sheet=f" [{submission.sheet}]" if submission.sheet else "", source=source_name(submission.source),
                   who=submission.submitted_by, when=submission.submitted_at[:16],
                   partner=either(*missing_text(submission.source, entry.missing))))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--file", type=Path, action="append", default=[],
                        help="XLSX or CSV (UTF-8, UTF-8 with BOM, GBK); repeat it for the files of one round")
    parser.add_argument("--source", choices=raw_contract.source_names(),
                        help="the kind of data of every file (default: each sheet's header tells)")
    parser.add_argument("--by", default=getpass.getuser(), help="who submits (default: the login name)")
    parser.add_argument("--department", help="submit as this department's account (default: the department of "
                        "the --by account, if it is a department account): only its own task progress")
    parser.add_argument("--dry-run", action="store_true", help="validate only: report every problem, publish nothing")
    parser.add_argument("--waiting", action="store_true", help="list the submissions waiting for their partner")
    parser.add_argument("--covers-from", type=dt.date.fromisoformat, help="green_bonds: first issue date the "
                        "file reports in full (default: the start of the earliest issue's quarter)")
    parser.add_argument("--covers-to", type=dt.date.fromisoformat, help="green_bonds: last issue date covered")
    args = parser.parse_args()
    if args.waiting:
        print_waiting(SubmissionStore())
        return 0
    if not args.file:
        parser.error(both("ingest_usage_no_file", english_first=True))
    if bool(args.covers_from) != bool(args.covers_to):
        parser.error("give both --covers-from and --covers-to, or neither")
    covers = (args.covers_from, args.covers_to) if args.covers_from else None
    files = []
    for path in args.file:
        if not path.is_file():
            parser.error(both("ingest_usage_no_such_file", english_first=True, path=path))
        try:
            with path.open("rb") as handle:  # no more than the limit and one byte: enough to refuse a larger file
                files.append(IncomingFile(handle.read(submission_format.MAX_FILE_BYTES + 1), path.name,
                                          args.source, covers))
        except OSError as failure:
            parser.error(both("ingest_usage_unreadable", english_first=True, path=path,
                                reason=failure.strerror))
    department = args.department or accounts.department_of(accounts.load_config(), args.by)
    # Through the steward worker when one runs for this data folder (it imports this module, hence here).
    from scripts.publishing.steward_worker import submit_package

    result = submit_package(files, args.by, channel="command line", dry_run=args.dry_run, department=department)
    print("\n".join(result.headline()))
    if result.audit_error:
        print(f"  ! {both('ingest_audit_not_written')}: {result.audit_error}")
    for problem in result.problems:
        print(f"  ✗ {problem}")
    for warning in result.warnings:
        print(f"  ! {warning}")
    for change in result.changes:
        print(f"  Δ {change.text('zh')} / {change.text('en')}")
    if result.waiting:
        print_waiting(SubmissionStore())
    for report in result.run_reports:
        print(f"Run report: {report}")
    return 1 if result.outcome == REJECTED else 0


if __name__ == "__main__":
    sys.exit(main())
