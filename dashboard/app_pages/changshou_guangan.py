"""区域比较 Regions compared: the pilot zone and any regions the reader chooses (Guang'an, the plan's partner, at
first) — normalised indicators side by side and over time, and each region's status on the targets that apply
to all of them. Regions differ in size (a district, a prefecture-level city): only ratios compare.
The url path stays changshou-guangan, so that bookmarks of the first version still open it."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard import auth, components, data, safe_text

from scripts.outputs import wording
from dashboard.i18n import language, pick, t

auth.require_reader()  # the second lock: no logged-in reader, no page

SOURCES = ("src_green_loans", "src_total_loans", "src_green_bonds", "src_regional_indicators")
CHARTS_PER_ROW = 2
MIN_REGIONS = 2
# The side-by-side chart grows with its bars, so that a bar's label stays readable with many regions.
BAR_HEIGHT_PX, BARS_MIN_HEIGHT_PX = 22, 520
# The metrics of comparison_metrics that are a change, written as a rise or a fall in the table (降低 15.5%).
CHANGE_METRICS = {"energy_intensity_change_vs_2020"}


def chart_name(row: pd.Series, field: str) -> str:
    return safe_text.chart_text(pick(row, field))


def side_by_side(comparison: pd.DataFrame, colours: dict[str, str], source: str) -> None:
    """Each metric at the latest year every chosen region reports it; the metrics without such a year are named
    under the chart."""
    regions_reporting = comparison.groupby(["metric_code", "year"])["region_code"].transform("nunique")
    complete = comparison[regions_reporting == comparison["region_code"].nunique()]
    latest_year = complete.groupby("metric_code")["year"].transform("max")
    latest = complete[complete["year"] == latest_year]
    if not latest.empty:
        figure = go.Figure()
        for code, rows in latest.groupby("region_code", sort=False):
            # The year on its own line: the labels take less of a phone's width.
            labels = [f"{chart_name(row, 'metric_name')}<br>({row['year']})" for _, row in rows.iterrows()]
            figure.add_bar(y=labels, x=rows["value"], orientation="h", name=chart_name(rows.iloc[0], "region_name"),
                           marker_color=colours[code], text=[f"{value:.1f}%" for value in rows["value"]])
        # Horizontal, first metric on top: the long Chinese metric names stay readable.
        figure.update_layout(barmode="group", yaxis={"autorange": "reversed"})
        components.finish_chart(figure, title=f"{t('latest_side_by_side')}<br><sup>{t('latest_side_by_side_when')}</sup>",
                                x_title=f"{t('value')} (%)", y_title=None, source=source,
                                key="comparison_side_by_side", top=130,
                                height=max(BARS_MIN_HEIGHT_PX, BAR_HEIGHT_PX * len(latest) + 250))
    missing = comparison[~comparison["metric_code"].isin(latest["metric_code"])].drop_duplicates("metric_code")
    if not missing.empty:
        st.caption(t("no_common_year", metrics=listing(
            safe_text.markdown_text(pick(row, "metric_name")) for _, row in missing.iterrows())))


def listing(names) -> str:
    return ("、" if language() == "zh" else "; ").join(names)


def overlaid(comparison: pd.DataFrame, colours: dict[str, str], source: str) -> None:
    st.subheader(t("series_overlaid"))
    metrics = list(dict.fromkeys(comparison["metric_code"]))
    for start in range(0, len(metrics), CHARTS_PER_ROW):
        for column, metric in zip(st.columns(CHARTS_PER_ROW), metrics[start:start + CHARTS_PER_ROW]):
            rows = comparison[comparison["metric_code"] == metric]
            figure = go.Figure()
            for code, series in rows.groupby("region_code", sort=False):
                figure.add_scatter(x=series["year"], y=series["value"], mode="lines+markers",
                                   name=chart_name(series.iloc[0], "region_name"),
                                   line={"color": colours[code], "width": 3})
            first = rows.iloc[0]
            with column:
                components.finish_chart(figure, title=chart_name(first, "metric_name"), y_title=f"{first['unit']}",
                                        x_title=t("year"), source=source, key=f"comparison_{metric}", height=340)


def shared_target_status(progress: pd.DataFrame, regions: pd.DataFrame) -> None:
    """One row per target that applies to every chosen region: its name, each region's status (what a leader
    reads first), the target, then the values the statuses were judged on; regions in the chosen order."""
    st.subheader(t("shared_targets"))
    shared = progress.groupby("target_code")["region_code"].transform("nunique") == len(regions)
    if not shared.any():
        st.info(t("no_shared_targets"))
        return
    names = {row["region_code"]: pick(row, "region_name") for _, row in regions.iterrows()}
    rows = []
    for target_code, target_rows in progress[shared].groupby("target_code", sort=False):
        first = target_rows.iloc[0]
        row = {"target_name": pick(first, "target_name"), "target": wording.target_line(first)}
        by_region = target_rows.set_index("region_code").loc[list(names)].reset_index()
        for _, region_row in by_region.iterrows():
            caption = wording.level_caption(region_row)
            row[f"status_{region_row['region_code']}"] = pick(region_row, "status_name")
            row[f"value_{region_row['region_code']}"] = \
                f"{wording.headline(region_row)} ({caption})" if caption else wording.headline(region_row)
        rows.append(row)
    colours = dict(zip(progress["status_name_zh"], progress["status_colour"])) | dict(
        zip(progress["status_name_en"], progress["status_colour"]))
    status_columns = {f"status_{code}": f"{name} · {t('status')}" for code, name in names.items()}
    value_columns = {f"value_{code}": f"{name} · {t('value')}" for code, name in names.items()}
    components.table(pd.DataFrame(rows), {"target_name": t("metric"), **status_columns, "target": t("target"),
                                          **value_columns},
                     file_name="shared_target_status.csv", key="comparison_status",
                     statuses=dict.fromkeys(status_columns, colours), layout=components.WRAPPED)


def comparison_number(row: pd.Series) -> components.Number:
    """A comparison figure with its unit, a change as a rise or a fall."""
    return components.Number(1, row["unit"], change=row["metric_code"] in CHANGE_METRICS)


components.require_database()
components.page_title("comparison_title")
chosen = components.regions_multiselect("comparison_regions")
if len(chosen) < MIN_REGIONS:
    st.info(t("choose_two_regions"))
    st.stop()
codes = list(chosen["region_code"])
as_at = components.as_at()
comparison = data.comparison(as_at)
comparison = comparison[comparison["region_code"].isin(codes)]
progress = data.progress_as_at(as_at)
progress = progress[progress["region_code"].isin(codes)]
sample = components.is_sample(comparison["provenance"], progress["provenance"])
components.sample_banner(sample)
st.info(t("size_note"))
source_text = components.source_line(SOURCES, sample)
without_figures = chosen[~chosen["region_code"].isin(comparison["region_code"])]
if not without_figures.empty:
    st.warning(t("region_without_figures", regions=listing(
        components.region_name(row) for _, row in without_figures.iterrows())))
components.stop_if_empty(comparison)
colours = components.region_colours(data.regions())
side_by_side(comparison, colours, source_text)
shared_target_status(progress, chosen)
overlaid(comparison, colours, source_text)
comparison_rows = components.localised(comparison, "metric_name", "region_name")
# On screen each figure carries its unit; the CSV keeps the unit in a column of its own, figures unrounded.
components.table(comparison_rows, {"metric_name": t("metric"), "region_name": t("region"), "year": t("year"),
                                   "value": t("value"), "as_of_date": t("as_of_date")},
                 file_name=None, key="comparison_data", numbers={"value": comparison_number})
components.download(comparison_rows, {"metric_name": t("metric"), "region_name": t("region"), "year": t("year"),
                                      "value": t("value"), "unit": t("unit"), "as_of_date": t("as_of_date")},
                    file_name="region_comparison.csv", key="comparison_data")
