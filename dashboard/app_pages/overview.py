"""总览 Overview. Once a plan's deadline has passed it leads with that plan's scorecard (2025 目标完成情况: one card
per target, and the note where its conditions disagree), then the targets still running (the district's, the
city's with the district's contribution, the nation's), then the status matrix (targets × regions), data
freshness and the tasks at a glance. Everything is read from the marts as they stood at the as-of quarter chosen.

The page is composed once for every reader who asks for the same quarter, day, regions and language of the same
published file (`overview_content`, shared_by_readers), and then only drawn: composing it from the marts' rows
is most of what a leader opening the dashboard costs the server."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from dashboard import auth, briefing_download, components, data, safe_text

from scripts.outputs import target_groups, wording
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
class Section:
    """A group of cards under one heading: a plan's scorecard, or the targets still running."""
    heading: str
    notes: tuple[str, ...]  # the app's own words and numbers (Markdown-safe)
    cards: tuple[Card, ...]


@dataclass(frozen=True)
class Overview:
    title: str
    sample: bool
    intro: str
    matrix: tuple[str, str]  # the matrix and its legend, HTML
    freshness: str
    sections: tuple[Section, ...]  # the scorecards of the plans ended by then, then the targets still running
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


def card(row: dict, reference_day: dt.date, contribution: str | None = None) -> Card:
    captions = [f"{wording.target_line(row)} · {wording.deadline_countdown(row['target_deadline'], reference_day)}",
                wording.newer_figure(row), *wording.outlook_lines(row), contribution,
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
    """"2025 年目标完成情况" once the first plan's deadline has passed, "2025 年目标进展" before."""
    ended = progress[progress["target_deadline"] <= as_at]
    if ended.empty:
        return t("overview_title_progress", year=min(progress["target_deadline"]).year)
    return t("overview_title_outcome", year=max(ended["target_deadline"]).year)


def consistency_notes(rows: pd.DataFrame) -> tuple[str, ...]:
    """The note on a plan whose floor and level targets disagree, once per floor and level (the 2025 plan's
    90亿元 and +200 % targets are one level)."""
    checks = data.consistency_checks()
    checks = checks[checks["floor_is_weaker"] & checks["floor_target_code"].isin(rows["target_code"])]
    checks = checks.drop_duplicates(["floor_target_code", "level_required"])
    return tuple(safe_text.markdown_text(wording.consistency_note(check)) for check in checks.to_dict("records"))


def scorecard_sections(pilot: pd.DataFrame, as_at: dt.date, reference_day: dt.date) -> list[Section]:
    """One section per plan whose deadline has passed by the quarter chosen, newest plan first."""
    sections = []
    for rows in target_groups.ended_plans(pilot, as_at):
        first = rows.iloc[0]
        sections.append(Section(
            heading=t("scorecard_section", year=max(rows["target_deadline"]).year, plan=pick(first, "plan_title")),
            notes=consistency_notes(rows),
            cards=tuple(card(row, reference_day) for row in rows.to_dict("records"))))
    return sections


def current_section(progress: pd.DataFrame, pilot: pd.DataFrame, as_at: dt.date, reference_day: dt.date) -> Section:
    """The pilot zone's targets still running, and those set for the region it lies in (the city's 2027
    targets) with what the pilot zone contributes where the measure adds up."""
    pilot_name = components.region_name(pilot.iloc[0])
    contributions = {row["target_code"]: wording.contribution_line(row, pilot_name) for row in
                     data.contributions(pilot["region_code"].iloc[0], as_at).to_dict("records")}
    rows = target_groups.current_targets(progress, pilot, as_at)
    return Section(heading=t("current_section"), notes=(t("current_intro"),) if not rows.empty else
                   (t("no_current_targets"),),
                   cards=tuple(card(row, reference_day, contributions.get(row["target_code"]))
                               for row in rows.to_dict("records")))


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
    # The matrix's rows: the targets that apply to a region shown (the city's own 2027 targets only when the
    # city is among them; the district's cards show them with its contribution).
    shown = progress[progress["region_code"].isin(regions["region_code"])]
    return Overview(
        title=page_title(pilot, as_at),
        sample=components.is_sample(progress["provenance"], tasks["status_source"]),
        intro=t("overview_intro", region=components.region_name(pilot.iloc[0]),
                as_at=wording.as_at_label(as_at, as_at)),
        matrix=components.status_matrix_html(shown, regions,
                                             targets[targets["target_code"].isin(shown["target_code"])],
                                             data.progress_statuses()),
        freshness=freshness(pilot["region_code"].iloc[0], today),
        sections=(*scorecard_sections(pilot, as_at, reference_day),
                  current_section(progress, pilot, as_at, reference_day)),
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
briefing_download.download_buttons(components.as_at())
for section in content.sections:
    st.subheader(section.heading)
    for note in section.notes:
        st.info(note)
    for start in range(0, len(section.cards), CARDS_PER_ROW):
        for column, card_content in zip(st.columns(CARDS_PER_ROW), section.cards[start:start + CARDS_PER_ROW]):
            with column:
                draw_card(card_content)
st.subheader(t("matrix_title"))
for block in content.matrix:
    st.html(block)
st.caption(content.freshness)
draw_tasks(content)
