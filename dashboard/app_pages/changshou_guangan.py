"""长寿—广安 Changshou vs Guang'an: normalised indicators side by side and over time, and each region's status on
the targets that apply to both. A district and a prefecture-level city differ in size: only ratios compare."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard import auth, components, data, wording
from dashboard.i18n import pick, t

auth.require_reader()  # the second lock: no logged-in reader, no page

SOURCES = ("src_green_loans", "src_total_loans", "src_green_bonds", "src_regional_indicators")
CHARTS_PER_ROW = 2


def region_colours(frame: pd.DataFrame) -> dict[str, str]:
    codes = list(dict.fromkeys(frame.sort_values("is_pilot_zone", ascending=False)["region_code"]))
    return dict(zip(codes, components.REGION_COLOURS))


def side_by_side(comparison: pd.DataFrame, colours: dict[str, str], source: str) -> None:
    """Each metric at the latest year every region reports it."""
    regions_reporting = comparison.groupby(["metric_code", "year"])["region_code"].transform("nunique")
    complete = comparison[regions_reporting == comparison["region_code"].nunique()]
    latest_year = complete.groupby("metric_code")["year"].transform("max")
    latest = complete[complete["year"] == latest_year]
    figure = go.Figure()
    for code, rows in latest.groupby("region_code", sort=False):
        labels = [f"{pick(row, 'metric_name')} ({row['year']})" for _, row in rows.iterrows()]
        figure.add_bar(y=labels, x=rows["value"], orientation="h", name=pick(rows.iloc[0], "region_name"),
                       marker_color=colours[code], text=[f"{value:.1f}%" for value in rows["value"]])
    # Horizontal, first metric on top: the long Chinese metric names stay readable.
    figure.update_layout(barmode="group", yaxis={"autorange": "reversed"})
    components.finish_chart(figure, title=t("latest_side_by_side"), x_title=f"{t('value')} (%)", y_title=None,
                            source=source, key="comparison_side_by_side", height=520)


def overlaid(comparison: pd.DataFrame, colours: dict[str, str], source: str) -> None:
    st.subheader(t("series_overlaid"))
    metrics = list(dict.fromkeys(comparison["metric_code"]))
    for start in range(0, len(metrics), CHARTS_PER_ROW):
        for column, metric in zip(st.columns(CHARTS_PER_ROW), metrics[start:start + CHARTS_PER_ROW]):
            rows = comparison[comparison["metric_code"] == metric]
            figure = go.Figure()
            for code, series in rows.groupby("region_code", sort=False):
                figure.add_scatter(x=series["year"], y=series["value"], mode="lines+markers",
                                   name=pick(series.iloc[0], "region_name"), line={"color": colours[code], "width": 3})
            first = rows.iloc[0]
            with column:
                components.finish_chart(figure, title=pick(first, "metric_name"), y_title=f"{first['unit']}",
                                        x_title=t("year"), source=source, key=f"comparison_{metric}", height=340)


def shared_target_status(progress: pd.DataFrame) -> None:
    """One row per target that applies to every region, a value and status column per region."""
    st.subheader(t("shared_targets"))
    region_count = progress["region_code"].nunique()
    shared = progress.groupby("target_code")["region_code"].transform("nunique") == region_count
    rows = []
    for target_code, target_rows in progress[shared].groupby("target_code", sort=False):
        first = target_rows.iloc[0]
        row = {t("metric"): pick(first, "target_name"), t("target"): wording.target_line(first)}
        # Statuses first (what a leader reads), then the values they were judged on.
        for _, region_row in target_rows.iterrows():
            row[f"{pick(region_row, 'region_name')} · {t('status')}"] = pick(region_row, "status_name")
        for _, region_row in target_rows.iterrows():
            row[f"{pick(region_row, 'region_name')} · {t('value')}"] = \
                f"{wording.headline(region_row)} ({wording.level_caption(region_row)})"
        rows.append(row)
    frame = pd.DataFrame(rows)
    colours = dict(zip(progress["status_name_zh"], progress["status_colour"])) | dict(
        zip(progress["status_name_en"], progress["status_colour"]))
    status_columns = [column for column in frame.columns if column.endswith(t("status"))]
    styled = frame.style.map(lambda value: f"color: {colours.get(value, '#000000')}; font-weight: bold",
                             subset=status_columns)
    st.dataframe(styled, hide_index=True, key="comparison_status_table")
    components.download(frame, {column: column for column in frame.columns}, file_name="shared_target_status.csv",
                        key="comparison_status")


components.require_database()
comparison = data.comparison()
progress = data.progress_latest()
sample = components.is_sample(comparison["provenance"], progress["provenance"])
components.page_header("comparison_title", sample=sample)
st.info(t("size_note"))
source_text = components.source_line(SOURCES, sample)
components.stop_if_empty(comparison)
colours = region_colours(comparison)
side_by_side(comparison, colours, source_text)
shared_target_status(progress)
overlaid(comparison, colours, source_text)
components.table(components.localised(comparison, "metric_name", "region_name"),
                 {"metric_name": t("metric"), "region_name": t("region"), "year": t("year"), "value": t("value"),
                  "unit": t("unit"), "as_of_date": t("as_of_date")},
                 file_name="changshou_guangan_comparison.csv", key="comparison_data")
