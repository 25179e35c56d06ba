"""总览 Overview: one card per target of the pilot zone, the tasks at a glance, data freshness."""
from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from dashboard import auth, components, data, safe_text, wording
from dashboard.i18n import language, pick, t

auth.require_reader()  # the second lock: no logged-in reader, no page

CARDS_PER_ROW = 3
TASK_STATUSES_NEEDING_ATTENTION = ("behind", "not_started", "not_reported")


def progress_bar(row: pd.Series) -> None:
    """Share of the baseline-to-target distance covered; for an annual floor, the years that met it."""
    if row["target_kind"] == "annual_rate_floor" and not wording.missing(row["years_judged"]) \
            and row["years_judged"] > 0:
        met = int(row["years_judged"] - row["years_below_target"])
        st.progress(met / row["years_judged"], text=t("years_met_floor", met=met, judged=int(row["years_judged"])))
    elif not wording.missing(row["distance_covered_share"]) and not wording.missing(row["target_value"]):
        share = float(row["distance_covered_share"])
        st.progress(min(max(share, 0.0), 1.0), text=t("distance_covered", share=share))


def target_card(row: pd.Series, today) -> None:
    with st.container(border=True):
        st.markdown(f"**{safe_text.markdown_text(pick(row, 'target_name'))}**")
        st.markdown(components.status_badge(pick(row, "status_name"), row["status_colour"]), unsafe_allow_html=True)
        st.metric(t("latest_value"), wording.headline(row))
        st.caption(wording.level_caption(row))
        progress_bar(row)
        st.markdown(wording.plain_words(row))
        st.caption(f"{wording.target_line(row)} · {wording.deadline_countdown(row['target_deadline'], today)}")
        newer = wording.newer_figure(row)
        if newer:
            st.caption(newer)
        if components.is_sample([row["provenance"]]):
            st.caption(t("figure_sample_tag"))
        source = components.figure_source(row["submission_ids"])
        if source:
            st.caption(source)


def task_summary(tasks: pd.DataFrame, statuses: pd.DataFrame) -> None:
    st.subheader(t("tasks_summary_title"))
    counts = tasks["status_code"].value_counts()
    for column, (_, status) in zip(st.columns(len(statuses)), statuses.iterrows()):
        column.metric(pick(status, "status_name"), f"{counts.get(status['status_code'], 0)}")
    attention = tasks[tasks["status_code"].isin(TASK_STATUSES_NEEDING_ATTENTION)]
    if not attention.empty:
        st.markdown(f"**{t('tasks_behind')}**")
        attention = components.localised(attention, "task_title", "status_name", "lead_department")
        components.table(attention, {"task_no": t("task_no"), "task_title": t("task"), "status_name": t("status"),
                                     "lead_department": t("lead_department"), "last_update": t("last_update")},
                         file_name="tasks_needing_attention.csv", key="overview_tasks")


def freshness(region_code: str, today: dt.date) -> None:
    frame = data.source_freshness(today)
    frame = frame[frame["region_code"] == region_code]
    parts = [f"{t('src_' + row['source'])} {row['latest_period']}" + (f" {t('overdue')}" if row["is_overdue"] else "")
             for _, row in frame.iterrows()]
    st.caption(f"{t('freshness_title')}: {t('latest_period')} — " + " · ".join(parts))


components.require_database()
progress = data.progress_latest()
pilot = progress[progress["is_pilot_zone"]]
tasks = data.tasks()
components.page_header("overview_title", sample=components.is_sample(pilot["provenance"], tasks["status_source"]))
today = dt.date.today()
st.caption(t("overview_intro", region=components.region_name(pilot.iloc[0])))
status_counts = pilot.groupby(["status_code", "status_colour", f"status_name_{language()}"], sort=False).size()
st.markdown(t("targets_count", count=len(pilot)) + " " + " ".join(
    f"{components.status_badge(name, colour)} × {count}" for (_, colour, name), count in status_counts.items()),
    unsafe_allow_html=True)
freshness(pilot["region_code"].iloc[0], today)

rows = [row for _, row in pilot.iterrows()]
for start in range(0, len(rows), CARDS_PER_ROW):
    for column, row in zip(st.columns(CARDS_PER_ROW), rows[start:start + CARDS_PER_ROW]):
        with column:
            target_card(row, today)

with st.expander(t("status_legend")):
    statuses = data.progress_statuses()
    for _, status in statuses.iterrows():
        st.markdown(f"{components.status_badge(pick(status, 'status_name'), status['colour'])} "
                    f"{pick(status, 'meaning')}", unsafe_allow_html=True)

task_summary(tasks, data.task_statuses())
