"""数据质量 Data quality, for data stewards: the latest validation of every source, the run history, how fresh
each source is, and where the full Great Expectations Data Docs are."""
from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from dashboard import auth, components, data
from dashboard.i18n import TEXT, language, t

auth.require_reader()  # the second lock: no logged-in reader, no page

MAX_SAMPLE_VALUES = 5


def source_label(source: str) -> str:
    """"绿色贷款专项统计 (green_loans)" for a raw source; cross-source and mart checks keep their own name."""
    key = f"src_{source}"
    return f"{t(key)} ({source})" if key in TEXT else source


def stage_name(stage: str) -> str:
    """The pipeline's stage names (scripts/quality_report.py) in the reader's language."""
    key = f"stage_{stage.replace(' ', '_')}"
    return t(key) if key in TEXT else stage


def run_outcome(run: dict) -> str:
    """published, rejected, or checked (validated and stopped on purpose: scripts/quality_report.py)."""
    return t(f"run_outcome_{run['outcome']}")


def latest_run(run: dict) -> None:
    st.subheader(t("latest_run"))
    outcome = run_outcome(run)
    columns = st.columns(4)
    columns[0].metric(t("outcome"), outcome)
    columns[1].metric(t("run_stage"), stage_name(run["stage"]))
    columns[2].metric(t("critical_failures"), run.get("critical_failures", 0))
    columns[3].metric(t("warnings"), run.get("warnings", 0))
    st.caption(f"{t('run_time')}: {components.local_time(run['started_at'])} → {components.local_time(run['finished_at'])} · "
               f"run {run['run_id']}")
    if run["outcome"] != "published" and run.get("message"):
        (st.error if run["outcome"] == "rejected" else st.info)(outcome)
        st.code(run["message"], language=None)


def latest_validation_per_source(runs: list[dict]) -> None:
    """For each source, the expectations of the newest run that validated it (a run rejected at the raw gate
    never reached the marts, so their latest check is an earlier run's)."""
    st.subheader(t("per_source"))
    seen: dict[str, tuple[dict, list[dict]]] = {}
    for run in runs:  # newest first
        by_source: dict[str, list[dict]] = {}
        for expectation in run["expectations"]:
            by_source.setdefault(expectation["source"], []).append(expectation)
        for source, expectations in by_source.items():
            seen.setdefault(source, (run, expectations))
    for source, (run, expectations) in seen.items():
        failed = [e for e in expectations if not e["success"]]
        critical = any(e["severity"] == "critical" for e in failed)
        icon = "⛔" if critical else "⚠️" if failed else "✅"
        passed = len(expectations) - len(failed)
        title = (f"{icon} {source_label(source)} — {t('expectations_passed', passed=passed, total=len(expectations))}"
                 f" · {t('checked_in_run', when=components.local_time(run['started_at']), run=run['run_id'])}")
        with st.expander(title, expanded=bool(failed)):
            frame = expectation_frame(expectations)
            components.table(frame, {column: column for column in frame.columns},
                             file_name=f"validation_{source.replace(' ', '_').replace('+', 'and')}.csv",
                             key=f"quality_{source}")


def expectation_frame(expectations: list[dict]) -> pd.DataFrame:
    rule = "rule_en" if language() == "en" else "rule_zh"
    rows = [{
        t("result"): t("passed") if e["success"] else t("failed"),
        t("severity"): t(f"severity_{e['severity']}"),
        t("column"): e.get("column") or "",
        t("rule"): e.get(rule) or "",
        t("expectation"): e["expectation"],
        t("unexpected_count"): e.get("unexpected_count"),
        t("sample_values"): ", ".join(
            str(value) for value in (e.get("sample_unexpected_values") or [])[:MAX_SAMPLE_VALUES]),
    } for e in sorted(expectations, key=lambda e: (e["success"], e["severity"] != "critical"))]
    return pd.DataFrame(rows)


def run_history(runs: list[dict]) -> None:
    st.subheader(t("run_history"))
    frame = pd.DataFrame([{
        t("run_time"): components.local_time(run["started_at"]),
        t("outcome"): run_outcome(run),
        t("run_stage"): stage_name(run["stage"]),
        t("critical_failures"): run.get("critical_failures", 0),
        t("warnings"): run.get("warnings", 0),
        t("rows_received"): ", ".join(f"{source} {count}" for source, count in run["raw_row_counts"].items()),
        t("message"): (run.get("message") or "").splitlines()[0] if run.get("message") else "",
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
    latest_run(runs[0])
    latest_validation_per_source(runs)
else:
    st.info(t("no_runs", path=data.runs_dir()))
if not freshness_frame.empty:
    freshness(freshness_frame)
if runs:
    run_history(runs)
data_docs()
