"""总览 Overview: the status matrix (targets × regions), one card per target of the pilot zone, the tasks at a
glance, data freshness. Everything is read from the marts as they stood at the as-of quarter chosen."""
from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from dashboard import auth, components, data, safe_text

from scripts.outputs import wording
from dashboard.i18n import pick, t

auth.require_reader()  # the second lock: no logged-in reader, no page

CARDS_PER_ROW = 3
TASK_STATUSES_NEEDING_ATTENTION = ("behind", "not_started", "not_reported")
MATRIX_REGIONS_KEY = "comparison_regions"  # the comparison page's choice of regions, shared with the matrix


def progress_bar(row: pd.Series) -> None:
    """Share of the baseline-to-target distance covered; for an annual floor, the years that met it. In the
    status's colour, so that a bar never looks green under a missed target."""
    if row["target_kind"] == "annual_rate_floor" and row["years_judged"] > 0:
        met = int(row["years_judged"] - row["years_below_target"])
        components.status_bar(met / row["years_judged"], row["status_colour"],
                              t("years_met_floor", met=met, judged=int(row["years_judged"])))
    elif not wording.missing(row["distance_covered_share"]) and not wording.missing(row["target_value"]):
        share = float(row["distance_covered_share"])
        components.status_bar(share, row["status_colour"], t("distance_covered", share=share))


def target_card(row: pd.Series, reference_day: dt.date) -> None:
    with st.container(border=True):
        st.markdown(f"**{safe_text.markdown_text(pick(row, 'target_name'))}**")
        st.markdown(components.status_badge(pick(row, "status_name"), components.safe_colour(row["status_colour"])),
                    unsafe_allow_html=True)
        st.metric(wording.headline_label(row), wording.headline(row))
        level = wording.level_caption(row)
        if level:
            st.caption(level)
        progress_bar(row)
        st.markdown(wording.plain_words(row))  # the app's own words and numbers: no submitted text
        st.caption(f"{wording.target_line(row)} · {wording.deadline_countdown(row['target_deadline'], reference_day)}")
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
        components.table(attention, {"task_no": t("task_no"), "status_name": t("status"), "task_title": t("task"),
                                     "lead_department": t("lead_department"), "last_update": t("last_update")},
                         file_name="tasks_needing_attention.csv", key="overview_tasks", layout=components.WRAPPED,
                         statuses={"status_name": dict(zip(attention["status_name"], attention["status_code"].map(
                             components.TASK_STATUS_COLOURS)))})


def freshness(region_code: str, today: dt.date) -> None:
    frame = data.source_freshness(today)
    frame = frame[frame["region_code"] == region_code]
    parts = [f"{t('src_' + row['source'])} {wording.period_label(row['latest_period'])}"
             + (f" {t('overdue')}" if row["is_overdue"] else "") for _, row in frame.iterrows()]
    st.caption(f"{t('freshness_title')}: {t('latest_period')} — " + " · ".join(parts))


def matrix_regions(regions: pd.DataFrame) -> pd.DataFrame:
    """The pilot zone and the regions the reader compares it with (the comparison page's choice; Guang'an by
    default): a phone screen holds about three status columns."""
    chosen = st.session_state.get(MATRIX_REGIONS_KEY)
    codes = chosen if chosen else list(regions.loc[regions["is_pilot_zone"], "region_code"]) \
        + components.default_peers(regions)
    return regions[regions["region_code"].isin(codes) | regions["is_pilot_zone"]]


def page_title(progress: pd.DataFrame, as_at: dt.date) -> str:
    """"2025 年目标完成情况" once every deadline has passed, "2025 年目标进展" before."""
    year = max(progress["target_deadline"]).year
    key = "overview_title_outcome" if as_at >= max(progress["target_deadline"]) else "overview_title_progress"
    return t(key, year=year)


components.require_database()
as_at = components.as_at()
progress = data.progress_as_at(as_at)
pilot = progress[progress["is_pilot_zone"]]
tasks = data.tasks()
components.page_header("", title=page_title(pilot, as_at),
                       sample=components.is_sample(progress["provenance"], tasks["status_source"]))
today = dt.date.today()
st.caption(t("overview_intro", region=components.region_name(pilot.iloc[0]),
             year=max(pilot["target_deadline"]).year, as_at=wording.as_at_label(as_at, as_at)))
st.subheader(t("matrix_title"))
regions = matrix_regions(data.regions())
targets = data.targets()
components.status_matrix(progress[progress["region_code"].isin(regions["region_code"])], regions,
                         targets[targets["target_code"].isin(progress["target_code"])], data.progress_statuses())
freshness(pilot["region_code"].iloc[0], today)

reference_day = components.reference_day()
rows = [row for _, row in pilot.iterrows()]
for start in range(0, len(rows), CARDS_PER_ROW):
    for column, row in zip(st.columns(CARDS_PER_ROW), rows[start:start + CARDS_PER_ROW]):
        with column:
            target_card(row, reference_day)

task_summary(tasks, data.task_statuses())
