"""总览 Overview: the status matrix (targets × regions), one card per target of the pilot zone, the tasks at a
glance, data freshness. Everything is read from the marts as they stood at the as-of quarter chosen.

The page is composed once for every reader who asks for the same quarter, day, regions and language of the same
published file (`overview_content`, shared_by_readers), and then only drawn: composing it from the marts' rows
is most of what a leader opening the dashboard costs the server."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from dashboard import auth, components, data, safe_text

from scripts.outputs import wording
from dashboard.i18n import pick, t

auth.require_reader()  # the second lock: no logged-in reader, no page

CARDS_PER_ROW = 3
TASK_STATUSES_NEEDING_ATTENTION = ("behind", "not_started", "not_reported")
MATRIX_REGIONS_KEY = "comparison_regions"  # the comparison page's choice of regions, shared with the matrix


@dataclass(frozen=True)
class Card:
    """One target's card, ready to draw: Markdown is escaped, HTML is the app's own with escaped text."""
    name: str  # Markdown
    badge: str  # HTML
    metric_label: str
    metric_value: str
    level: str | None
    bar: str | None  # HTML
    words: str  # Markdown: the app's own words and numbers, no submitted text
    captions: tuple[str, ...]


@dataclass(frozen=True)
class Overview:
    title: str
    sample: bool
    intro: str
    matrix: tuple[str, str]  # the matrix and its legend, HTML
    freshness: str
    cards: tuple[Card, ...]
    task_counts: tuple[tuple[str, str], ...]  # (status name, count)
    attention: components.TableContent | None  # the tasks needing attention, if any


def progress_bar(row: dict) -> str | None:
    """Share of the baseline-to-target distance covered; for an annual floor, the years that met it. In the
    status's colour, so that a bar never looks green under a missed target."""
    if row["target_kind"] == "annual_rate_floor" and row["years_judged"] > 0:
        met = int(row["years_judged"] - row["years_below_target"])
        return components.status_bar_html(met / row["years_judged"], row["status_colour"],
                                          t("years_met_floor", met=met, judged=int(row["years_judged"])))
    if not wording.missing(row["distance_covered_share"]) and not wording.missing(row["target_value"]):
        share = float(row["distance_covered_share"])
        return components.status_bar_html(share, row["status_colour"], t("distance_covered", share=share))
    return None


def card(row: dict, reference_day: dt.date) -> Card:
    captions = [f"{wording.target_line(row)} · {wording.deadline_countdown(row['target_deadline'], reference_day)}",
                wording.newer_figure(row),
                t("figure_sample_tag") if components.is_sample([row["provenance"]]) else None,
                components.figure_source(row["submission_ids"])]
    return Card(name=f"**{safe_text.markdown_text(pick(row, 'target_name'))}**",
                badge=components.status_badge(pick(row, "status_name"), components.safe_colour(row["status_colour"])),
                metric_label=wording.headline_label(row), metric_value=wording.headline(row),
                level=wording.level_caption(row) or None, bar=progress_bar(row), words=wording.plain_words(row),
                captions=tuple(caption for caption in captions if caption))


def draw_card(content: Card) -> None:
    with st.container(border=True):
        st.markdown(content.name)
        st.markdown(content.badge, unsafe_allow_html=True)
        st.metric(content.metric_label, content.metric_value)
        if content.level:
            st.caption(content.level)
        if content.bar:
            st.markdown(content.bar, unsafe_allow_html=True)
        st.markdown(content.words)
        for caption in content.captions:
            st.caption(caption)


def tasks_needing_attention(tasks: pd.DataFrame) -> components.TableContent | None:
    attention = tasks[tasks["status_code"].isin(TASK_STATUSES_NEEDING_ATTENTION)]
    if attention.empty:
        return None
    attention = components.localised(attention, "task_title", "status_name", "lead_department")
    return components.table_content(
        attention, {"task_no": t("task_no"), "status_name": t("status"), "task_title": t("task"),
                    "lead_department": t("lead_department"), "last_update": t("last_update")},
        layout=components.WRAPPED,
        statuses={"status_name": dict(zip(attention["status_name"],
                                          attention["status_code"].map(components.TASK_STATUS_COLOURS)))})


def freshness(region_code: str, today: dt.date) -> str:
    frame = data.source_freshness(today)
    frame = frame[frame["region_code"] == region_code]
    parts = [f"{t('src_' + row['source'])} {wording.period_label(row['latest_period'])}"
             + (f" {t('overdue')}" if row["is_overdue"] else "") for row in frame.to_dict("records")]
    return f"{t('freshness_title')}: {t('latest_period')} — " + " · ".join(parts)


def matrix_regions(regions: pd.DataFrame, chosen: tuple[str, ...]) -> pd.DataFrame:
    """The pilot zone and the regions the reader compares it with (the comparison page's choice; Guang'an by
    default): a phone screen holds about three status columns."""
    codes = list(chosen) if chosen else list(regions.loc[regions["is_pilot_zone"], "region_code"]) \
        + components.default_peers(regions)
    return regions[regions["region_code"].isin(codes) | regions["is_pilot_zone"]]


def page_title(progress: pd.DataFrame, as_at: dt.date) -> str:
    """"2025 年目标完成情况" once every deadline has passed, "2025 年目标进展" before."""
    year = max(progress["target_deadline"]).year
    key = "overview_title_outcome" if as_at >= max(progress["target_deadline"]) else "overview_title_progress"
    return t(key, year=year)


@components.shared_by_readers
def overview_content(as_at: dt.date, today: dt.date, reference_day: dt.date,
                     chosen_regions: tuple[str, ...]) -> Overview:
    progress = data.progress_as_at(as_at)
    pilot = progress[progress["is_pilot_zone"]]
    tasks = data.tasks()
    regions = matrix_regions(data.regions(), chosen_regions)
    targets = data.targets()
    statuses = data.task_statuses()
    counts = tasks["status_code"].value_counts()
    return Overview(
        title=page_title(pilot, as_at),
        sample=components.is_sample(progress["provenance"], tasks["status_source"]),
        intro=t("overview_intro", region=components.region_name(pilot.iloc[0]),
                year=max(pilot["target_deadline"]).year, as_at=wording.as_at_label(as_at, as_at)),
        matrix=components.status_matrix_html(progress[progress["region_code"].isin(regions["region_code"])],
                                             regions, targets[targets["target_code"].isin(progress["target_code"])],
                                             data.progress_statuses()),
        freshness=freshness(pilot["region_code"].iloc[0], today),
        cards=tuple(card(row, reference_day) for row in pilot.to_dict("records")),
        task_counts=tuple((pick(status, "status_name"), f"{counts.get(status['status_code'], 0)}")
                          for status in statuses.to_dict("records")),
        attention=tasks_needing_attention(tasks))


def draw_tasks(content: Overview) -> None:
    st.subheader(t("tasks_summary_title"))
    for column, (name, count) in zip(st.columns(len(content.task_counts)), content.task_counts):
        column.metric(name, count)
    if content.attention is not None:
        st.markdown(f"**{t('tasks_behind')}**")
        components.draw_table(content.attention, key="overview_tasks", file_name="tasks_needing_attention.csv")


components.require_database()
content = overview_content(components.as_at(), dt.date.today(), components.reference_day(),
                           tuple(st.session_state.get(MATRIX_REGIONS_KEY) or ()))
components.page_header("", title=content.title, sample=content.sample)
st.caption(content.intro)
st.subheader(t("matrix_title"))
for block in content.matrix:
    st.html(block)
st.caption(content.freshness)
for start in range(0, len(content.cards), CARDS_PER_ROW):
    for column, card_content in zip(st.columns(CARDS_PER_ROW), content.cards[start:start + CARDS_PER_ROW]):
        with column:
            draw_card(card_content)
draw_tasks(content)
