"""数据质量 Data quality. First what readers see: the published data, the run that published it and that every
critical check passed. Then, for data stewards, the later runs that published nothing and why, in the reader's
language (the program's own console text only in a collapsed technical detail). Then the published run's checks
per source, how fresh each source is, the run history, and where the full Great Expectations Data Docs are."""
from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from dashboard import auth, components, data, safe_text
from dashboard.i18n import TEXT, language, stage_name, t
from scripts.publishing.ingest import DRY_RUN, OWN_PROBLEMS, WAITING_CHECK
from scripts.quality.quality_report import CHECKED, DBT_BUILD, INGESTION, PUBLISHED, UNEXPECTED_STOP

auth.require_reader()  # the second lock: no logged-in reader, no page

MAX_SAMPLE_VALUES = 5
UNPUBLISHED_RUNS_SHOWN = 5  # in full, newest first; every run is in the run history
RULES_IN_REASON = 3  # critical rules named in a run's one-line reason; the table lists them all
# Why a run stopped before publishing on purpose (its message, scripts/publishing/ingest.py) -> the i18n key saying so.
CHECKED_REASONS = {DRY_RUN: "reason_dry_run", WAITING_CHECK: "reason_waiting", OWN_PROBLEMS: "reason_own_problems"}
# Why a run was rejected without a failed expectation, by the stage it stopped at (RawInputError, BuildFailure).
STAGE_REASONS = {INGESTION: "reason_ingestion", DBT_BUILD: "reason_dbt_build"}


# What the quality gate's cross-source and mart checks are about (expectations/suites.py SuiteSpec.source).
CHECK_LABEL_KEYS = {"green_loans + total_loans": "check_green_and_total_loans",
                    "fct_region_credit_quarterly": "check_region_credit_mart",
                    "fct_indicator_progress_latest": "check_progress_mart",
                    "marts vs raw": "check_marts_vs_raw"}


def source_label(source: str) -> str:
    """"绿色贷款专项统计 (green_loans)" for a raw source; a cross-source or mart check by what it is about."""
    key = f"src_{source}"
    if key in TEXT:
        return f"{t(key)} ({source})"
    return t(CHECK_LABEL_KEYS[source]) if source in CHECK_LABEL_KEYS else source


def run_outcome(run: dict) -> str:
    """published, rejected, or checked (validated and stopped on purpose: scripts/quality/quality_report.py)."""
    return t(f"run_outcome_{run['outcome']}")


def run_numbers(runs: list[dict]) -> dict[str, int]:
    """run id -> its number, 1 for the oldest report kept: "run 7" reads better than a hex id."""
    oldest_first = sorted(runs, key=lambda run: run["started_at"])
    return {run["run_id"]: number for number, run in enumerate(oldest_first, start=1)}


def rule(expectation: dict) -> str:
    return expectation.get("rule_en" if language() == "en" else "rule_zh") or expectation["expectation"]


def listed(parts: list[str]) -> str:
    return ("；" if language() == "zh" else "; ").join(parts)


def sentences(*parts: str | None) -> str:
    """Sentences one after the other: Chinese ones end in 。 and need no space."""
    return ("" if language() == "zh" else " ").join(part for part in parts if part)


def reason(run: dict) -> str:
    """Why the run published or not, in one line of plain text in the reader's language, from the report's
    structured fields (outcome, stage, failed expectations with their rules in Chinese and English)."""
    if run["outcome"] == PUBLISHED:
        return t("reason_published")
    critical = [e for e in run["expectations"] if not e["success"] and e["severity"] == "critical"]
    rules = list(dict.fromkeys(rule(e) for e in critical))
    failed = t("reason_checks_failed", count=len(critical), rules=listed(rules[:RULES_IN_REASON])
               + ("…" if len(rules) > RULES_IN_REASON else "")) if critical else None
    if run["outcome"] == CHECKED:
        return sentences(t(CHECKED_REASONS.get(run.get("message"), "reason_checked")), failed)
    if failed:
        return failed
    if run.get("message") == UNEXPECTED_STOP:
        return t("reason_unexpected")
    return t(STAGE_REASONS.get(run["stage"], "reason_unexpected"))


def published_data(run: dict | None, numbers: dict[str, int]) -> None:
    """The page's first word: what readers see is the data of this run, which passed every critical check."""
    if run is None or not data.database_exists():
        if data.database_exists():
            st.info(t("published_without_report", when=f"{data.published_at():%Y-%m-%d %H:%M}"))
        else:
            st.warning(t("nothing_published"))
        return
    number = numbers[run["run_id"]]
    st.success(t("published_valid", number=number, when=components.local_time(run["finished_at"])))
    if run.get("warnings"):
        st.caption(t("published_valid_warnings", count=run["warnings"]))
    passed = sum(e["success"] for e in run["expectations"])
    columns = st.columns(4)
    columns[0].metric(t("published_run"), t("run_number", number=number))
    columns[1].metric(t("checks_passed"), f"{passed}/{len(run['expectations'])}")
    columns[2].metric(t("critical_failures"), run.get("critical_failures", 0))
    columns[3].metric(t("warnings"), run.get("warnings", 0))
    st.caption(f"{t('run_time')}: {components.local_time(run['started_at'])} → "
               f"{components.local_time(run['finished_at'])} · {t('run_no')} {run['run_id']}")


def unpublished_runs(runs: list[dict], published: dict | None, numbers: dict[str, int]) -> None:
    """For data stewards: the runs after the published one (every run if none published), newest first; none
    of them changed what readers see."""
    later = runs[:runs.index(published)] if published else runs
    if not later:
        return
    st.subheader(t("later_runs_title"))
    st.caption(t("later_runs_intro", number=numbers[published["run_id"]]) if published
               else t("unpublished_runs_intro"))
    attempts = data.submission_attempts_by_run_report()
    for run in later[:UNPUBLISHED_RUNS_SHOWN]:
        unpublished_run(run, numbers[run["run_id"]], attempts.get(run.get("report_path"), []))
    if len(later) > UNPUBLISHED_RUNS_SHOWN:
        st.caption(t("more_runs_in_history", count=len(later) - UNPUBLISHED_RUNS_SHOWN))


def unpublished_run(run: dict, number: int, attempts: list[dict]) -> None:
    """One run that published nothing: why, in the reader's language; the submission it was run for (the audit
    log); its failed checks; and the program's own text folded away for stewards who need it."""
    rejected = run["outcome"] != CHECKED
    headline = t("later_run_rejected" if rejected else "later_run_checked", number=number,
                 when=components.local_time(run["started_at"]), stage=stage_name(run["stage"]), reason=reason(run))
    # Amber, not red: what readers see did not change. Rules, file names and values come from files and
    # reports: shown as the characters they are.
    (st.warning if rejected else st.info)(safe_text.markdown_text(headline))
    if attempts:
        first = attempts[0]
        problems = first.get("problem_count")
        st.caption(safe_text.markdown_text(sentences(
            t("run_submission", files=listed([entry["file"] for entry in attempts]), who=first["who"],
              channel=components.channel_name(first["channel"])),
            t("run_submission_problems", count=problems) if problems else None)))
    failed = [e for e in run["expectations"] if not e["success"]]
    if failed:
        frame = expectation_frame(failed)
        st.caption(t("failed_checks"))
        components.table(frame, {column: column for column in frame.columns},
                         file_name=f"run_{number}_failed_checks.csv", key=f"unpublished_{run['run_id']}")
    with st.expander(t("technical_detail"), expanded=False):
        if run.get("message"):
            st.code(run["message"], language=None)
        details = [f"{t('run_no')} {run['run_id']}", f"{t('run_report_file')}: {run.get('report_path') or '—'}"]
        if run.get("trigger"):
            details.insert(0, f"{t('run_trigger')}: {run['trigger']}")
        st.caption(safe_text.markdown_text(" · ".join(details)))


def published_checks(run: dict, number: int) -> None:
    """The published run's expectations, per source; a source with a failed check (a warning: a critical one
    would not have published) opens by itself."""
    st.subheader(t("published_checks", number=number))
    by_source: dict[str, list[dict]] = {}
    for expectation in run["expectations"]:
        by_source.setdefault(expectation["source"], []).append(expectation)
    for source, expectations in by_source.items():
        failed = [e for e in expectations if not e["success"]]
        icon = "⛔" if any(e["severity"] == "critical" for e in failed) else "⚠️" if failed else "✅"
        passed = t("expectations_passed", passed=len(expectations) - len(failed), total=len(expectations))
        with st.expander(f"{icon} {source_label(source)} — {passed}", expanded=bool(failed)):
            frame = expectation_frame(expectations)
            components.table(frame, {column: column for column in frame.columns},
                             file_name=f"validation_{source.replace(' ', '_').replace('+', 'and')}.csv",
                             key=f"quality_{source}")


def expectation_frame(expectations: list[dict]) -> pd.DataFrame:
    rows = [{
        t("result"): t("passed") if e["success"] else t("failed"),
        t("severity"): t(f"severity_{e['severity']}"),
        t("source_name"): source_label(e["source"]),
        t("column"): e.get("column") or "",
        t("rule"): rule(e),
        t("unexpected_count"): e.get("unexpected_count"),
        t("sample_values"): ", ".join(
            str(value) for value in (e.get("sample_unexpected_values") or [])[:MAX_SAMPLE_VALUES]),
        t("expectation"): e["expectation"],
    } for e in sorted(expectations, key=lambda e: (e["success"], e["severity"] != "critical"))]
    return pd.DataFrame(rows)


def run_history(runs: list[dict], numbers: dict[str, int]) -> None:
    st.subheader(t("run_history"))
    frame = pd.DataFrame([{
        t("run_no"): numbers[run["run_id"]],
        t("run_time"): components.local_time(run["started_at"]),
        t("outcome"): run_outcome(run),
        t("run_stage"): stage_name(run["stage"]),
        t("reason"): reason(run),
        t("critical_failures"): run.get("critical_failures", 0),
        t("warnings"): run.get("warnings", 0),
        t("rows_received"): ", ".join(f"{source} {count}" for source, count in run["raw_row_counts"].items()),
        "run_id": run["run_id"],
    } for run in runs])
    components.table(frame, {column: column for column in frame.columns}, file_name="pipeline_runs.csv",
                     key="quality_runs")


def freshness(frame: pd.DataFrame) -> None:
    """Per source and region: the newest period, when the next one is due (fct_source_freshness), whether it is
    overdue today, and the rule."""
    st.subheader(t("freshness_per_source"))
    regions = data.regions().set_index("region_code")[f"region_name_{language()}"]
    shown = frame.assign(
        source_name=[source_label(source) for source in frame["source"]],
        region_name=[regions.get(code, code) for code in frame["region_code"]],
        state=[t("overdue") if overdue else t("on_issue") if pd.isna(due) else t("fresh")
               for overdue, due in zip(frame["is_overdue"], frame["next_due_date"])],
        next_due_shown=[due.isoformat() if not pd.isna(due) else "—" for due in frame["next_due_date"]],
        rule=frame[f"rule_{language()}"],
    )
    components.table(shown, {"source_name": t("source_name"), "region_name": t("region"),
                             "latest_period": t("latest_period"), "next_due_shown": t("next_due_date"),
                             "state": t("status"), "row_count": t("rows"), "rule": t("freshness_rule_column")},
                     file_name="source_freshness.csv", key="quality_freshness")


def data_docs() -> None:
    st.subheader(t("data_docs_title"))
    index = data.data_docs_index()
    if index.exists():
        st.markdown(t("data_docs_how"))
        st.code(str(index), language=None)
        st.download_button(t("data_docs_download"), data.data_docs_zip, file_name="data_docs.zip",
                           mime="application/zip", key="quality_data_docs_zip", on_click="ignore")
    else:
        st.warning(t("data_docs_missing"))
    st.caption(t("data_docs_rebuild"))


runs = data.quality_runs()
freshness_frame = data.source_freshness(dt.date.today()) if data.database_exists() else pd.DataFrame()
sample = not freshness_frame.empty and components.is_sample(freshness_frame["provenance"])
components.page_header("quality_title", sample=sample)
st.caption(t("quality_intro"))
if runs:
    numbers = run_numbers(runs)
    published = next((run for run in runs if run["outcome"] == PUBLISHED), None)  # runs are newest first
    published_data(published, numbers)
    unpublished_runs(runs, published, numbers)
    if published and data.database_exists():
        published_checks(published, numbers[published["run_id"]])
else:
    st.info(t("no_runs", path=data.runs_dir()))
if not freshness_frame.empty:
    freshness(freshness_frame)
if runs:
    run_history(runs, numbers)
data_docs()
