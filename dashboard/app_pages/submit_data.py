"""数据报送 Submit statistics, for data stewards only: the templates, the upload of a reporting round (one or
more files, or a workbook with a sheet per source: read, checked, rebuilt and published, kept waiting for its
partner, or rejected with every problem; or only validated), the submissions waiting for their partner, the
submission history and the audit log."""
from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from dashboard import auth, components, data, login_security, safe_text
from dashboard.i18n import language, stage_name, t
from scripts.configuration import paths, raw_contract
from scripts.publishing.ingest import (CHECKED, DUPLICATE, PUBLISHED, READING, WAITING, IncomingFile, IngestResult,
                                       missing_text)
from scripts.publishing.steward_worker import submit_package
from scripts.quality.quality_report import DATA_DOCS, DBT_BUILD, INGESTION, MART_GATE, PUBLISH, RAW_GATE
from scripts.configuration.submission_format import DEPARTMENT_SOURCES, SOURCE_NAMES
from scripts.ingestion.submission_store import SubmissionStore

LAST_RESULT_KEY = "last_submission_result"
SIGN_IN_EVENTS_SHOWN = 500
PROBLEM_COLUMNS = ("file", "sheet", "row", "column", "value", "rule_zh", "rule_en")


AUTO_SOURCE = "auto"
# What a submission goes through, in order (a file with problems of its own, or waiting for its partner, stops
# after the raw gate; one with no expectation to show, before the Data Docs).
SUBMISSION_STEPS = (READING, INGESTION, RAW_GATE, DBT_BUILD, MART_GATE, PUBLISH, DATA_DOCS)


def source_name(source: str) -> str:
    zh, en = SOURCE_NAMES.get(source, (t("source_unknown"), t("source_unknown")))
    return zh if language() == "zh" else en


def sources_for(reader: auth.Reader) -> list[str]:
    """What this reader may submit: a steward every source, a department account its task progress."""
    return raw_contract.source_names() if reader.is_steward else list(DEPARTMENT_SOURCES)


def templates(reader: auth.Reader) -> None:
    with st.expander(t("templates_title")):
        for source in sources_for(reader):
            xlsx_column, csv_column = st.columns(2)
            xlsx_column.download_button(
                t("template_xlsx", name=source_name(source)), (paths.TEMPLATES_DIR / f"{source}.xlsx").read_bytes(),
                file_name=f"{source}.xlsx", key=f"template_xlsx_{source}", on_click="ignore",
                mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            csv_column.download_button(
                t("template_csv", name=source_name(source)), (paths.TEMPLATES_DIR / f"{source}.csv").read_bytes(),
                file_name=f"{source}.csv", key=f"template_csv_{source}", on_click="ignore", mime="text/csv")


def submission_form(reader: auth.Reader) -> None:
    with st.form("submission_form"):
        # A steward's files may be told by their headers; a department account reports task progress only.
        choices = [AUTO_SOURCE, *sources_for(reader)] if reader.is_steward else sources_for(reader)
        source = st.selectbox(t("choose_source"), choices, key="submission_source",
                              format_func=lambda name: t("source_auto") if name == AUTO_SOURCE
                              else f"{source_name(name)} ({name})")
        uploads = st.file_uploader(t("choose_file"), type=["xlsx", "csv"], key="submission_file",
                                   accept_multiple_files=True)
        window = st.date_input(t("bond_window"), value=(), min_value=dt.date(2000, 1, 1), key="bond_window")
        buttons = st.columns(2)
        submitted = buttons[0].form_submit_button(t("submit_button"), type="primary")
        validate_only = buttons[1].form_submit_button(t("dry_run_button"))
    if (submitted or validate_only) and uploads:
        chosen = None if source == AUTO_SOURCE else source
        covers = tuple(window) if source == "green_bonds" and len(window) == 2 else None
        files = [IncomingFile(upload.getvalue(), upload.name, chosen, covers) for upload in uploads]
        steps = st.progress(0.0, text=t("submit_running"))

        def show_step(step: str) -> None:
            number = SUBMISSION_STEPS.index(step) + 1 if step in SUBMISSION_STEPS else 1
            name = t("submit_reading") if step == READING else stage_name(step)
            steps.progress(number / (len(SUBMISSION_STEPS) + 1),
                           text=t("submit_step", number=number, steps=len(SUBMISSION_STEPS), step=name))

        # Through the steward worker when it runs (warm: a verdict in seconds), else in this process.
        st.session_state[LAST_RESULT_KEY] = submit_package(
            files, reader.username, channel="upload page", dry_run=bool(validate_only),
            department=None if reader.is_steward else reader.department, progress=show_step)
        steps.empty()


def show_result(result: IngestResult) -> None:
    zh, en = result.headline()
    headline = zh if language() == "zh" else en
    shown = {PUBLISHED: st.success, DUPLICATE: st.info, WAITING: st.info, CHECKED: st.success}
    shown.get(result.outcome, st.error)(safe_text.markdown_text(headline))
    if result.audit_error:
        st.warning(t("audit_not_written"))
    if result.changes:
        st.subheader(t("changes_title"))
        st.markdown("\n".join(f"- {safe_text.markdown_text(change.text(language()))}" for change in result.changes))
    for title_key, problems, key in (("problems_title", result.problems, "submission_problems"),
                                     ("warnings_title", result.warnings, "submission_warnings")):
        if problems:
            st.subheader(t(title_key))
            frame = pd.DataFrame([{column: getattr(problem, column) for column in PROBLEM_COLUMNS}
                                  for problem in problems])
            components.table(frame, {column: t(f"col_{column}") for column in PROBLEM_COLUMNS},
                             file_name=f"{key}.csv", key=key)


def waiting(store: SubmissionStore) -> None:
    entries = store.waiting()
    if not entries:
        return
    st.subheader(t("waiting_title"))
    st.caption(t("waiting_intro"))
    frame = pd.DataFrame([{
        "submission_id": entry.submission.submission_id, "source": source_name(entry.submission.source),
        "original_filename": entry.submission.original_filename, "submitted_by": entry.submission.submitted_by,
        "submitted_at": components.local_time(entry.submission.submitted_at),
        "waiting_for": missing_text(entry.submission.source, entry.missing)[0 if language() == "zh" else 1],
    } for entry in entries])
    components.table(frame, {"submission_id": t("submission_id"), "source": t("choose_source"),
                             "original_filename": t("file_name"), "submitted_by": t("submitted_by"),
                             "submitted_at": t("submitted_at"), "waiting_for": t("waiting_for")},
                     file_name="waiting_submissions.csv", key="waiting_submissions")


def history(store: SubmissionStore) -> None:
    st.subheader(t("history_title"))
    entries = store.history()
    if not entries:
        st.info(t("history_empty"))
        return
    frame = pd.DataFrame([{
        "submission_id": entry.submission_id, "source": source_name(entry.source),
        "original_filename": entry.original_filename, "submitted_by": entry.submitted_by,
        "submitted_at": components.local_time(entry.submitted_at), "regions": ", ".join(entry.regions),
        "periods": ", ".join(entry.periods), "row_count": entry.row_count, "sha256": entry.sha256,
    } for entry in reversed(entries)])
    usage = (data.submissions()[["submission_id", "rows_in_use", "usage_status"]] if data.database_exists()
             else pd.DataFrame(columns=["submission_id", "rows_in_use", "usage_status"]))
    frame = frame.merge(usage, on="submission_id", how="left")
    frame["usage_status"] = [t(f"usage_{status}") if isinstance(status, str) else t("usage_not_published")
                             for status in frame["usage_status"]]
    components.table(frame, {"submission_id": t("submission_id"), "source": t("choose_source"),
                             "original_filename": t("file_name"), "submitted_by": t("submitted_by"),
                             "submitted_at": t("submitted_at"), "regions": t("regions"), "periods": t("periods"),
                             "row_count": t("rows"), "rows_in_use": t("rows_in_use"),
                             "usage_status": t("usage_status"), "sha256": t("sha256")},
                     file_name="submission_history.csv", key="submission_history")


def audit_log(store: SubmissionStore) -> None:
    st.subheader(t("audit_title"))
    entries = list(reversed(store.audit_log()))
    if not entries:
        st.info(t("history_empty"))
        return
    frame = pd.DataFrame([{
        "when": components.local_time(entry["at"]), "who": entry["who"],
        "channel": components.channel_name(entry["channel"]), "file": entry["file"],
        "source": "、".join(source_name(source.strip()) for source in entry["source"].split(",")),
        "outcome": t(f"outcome_{entry['outcome']}"),
        "problem_count": entry["problem_count"], "sha256": entry["sha256"],
    } for entry in entries])
    components.table(frame, {"when": t("when"), "who": t("who"), "channel": t("channel"), "file": t("file_name"),
                             "source": t("choose_source"), "outcome": t("outcome"),
                             "problem_count": t("problems_title"), "sha256": t("sha256")},
                     file_name="submission_audit_log.csv", key="submission_audit")


def sign_in_log() -> None:
    """Failed logins, lockouts and logouts (dashboard/login_security.py), newest first, for stewards to see."""
    st.subheader(t("sign_in_title"))
    st.caption(t("sign_in_intro"))
    entries = list(reversed(login_security.audit_log()))[:SIGN_IN_EVENTS_SHOWN]
    if not entries:
        st.info(t("history_empty"))
        return
    frame = pd.DataFrame([{"when": components.local_time(entry["at"]), "username": entry["username"],
                           "client": entry["client"], "outcome": t(f"sign_in_{entry['outcome']}")}
                          for entry in entries])
    components.table(frame, {"when": t("when"), "username": t("username"), "client": t("client"),
                             "outcome": t("outcome")}, file_name="sign_in_log.csv", key="sign_in_log")


reader = auth.require_reader()
if not reader.can_submit:  # the page is not in a leader's navigation; this is the second lock
    st.error(t("submit_only_stewards"))
    st.stop()
components.page_title("submit_title")
st.caption(t("submit_intro"))
if not reader.is_steward:
    st.info(t("submit_department_only", department=safe_text.markdown_text(reader.department)))
templates(reader)
submission_form(reader)
if LAST_RESULT_KEY in st.session_state:
    show_result(st.session_state[LAST_RESULT_KEY])
store = SubmissionStore()
waiting(store)
history(store)
audit_log(store)
if reader.is_steward:  # every account's sign-in events are for stewards, not for a department
    sign_in_log()
