"""绿色信贷 Green credit: balance against the target paths, yearly growth against the 20 % floor, share against
15 %, what the loans finance, and each institution."""
from __future__ import annotations

import datetime as dt

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go
import streamlit as st

from dashboard import auth, components, data, safe_text

from scripts.outputs import wording
from dashboard.i18n import pick, t

auth.require_reader()  # the second lock: no logged-in reader, no page

BALANCE_TARGET = "GL_BALANCE_2025"
GROWTH_VS_BASELINE_TARGET = "GL_GROWTH_VS_2020"
ANNUAL_FLOOR_TARGET = "GL_ANNUAL_GROWTH_FLOOR"
SHARE_TARGET = "GL_SHARE_2025"
UNIT = "亿元"
SOURCES = ("src_green_loans", "src_total_loans")


def balance_figure(series: pd.DataFrame, progress: pd.DataFrame, paths: pd.DataFrame, region_code: str,
                   source: str) -> go.Figure:
    """The balance with the two required paths from the baseline (fct_target_paths): the 20 %-a-year floor and
    the path to the end-2025 level the region is judged on (90亿元 for Changshou; baseline × (1 + 200 %) on the
    judged basis where only the % target applies)."""
    figure = go.Figure()
    figure.add_scatter(x=series["period_end"], y=series["green_loan_balance_100m_cny"], mode="lines+markers",
                       name=t("actual"), line={"color": components.region_colour(region_code), "width": 3})
    floor = components.judged_target(progress, ANNUAL_FLOOR_TARGET, region_code)
    balance = components.judged_target(progress, BALANCE_TARGET, region_code)
    growth = components.judged_target(progress, GROWTH_VS_BASELINE_TARGET, region_code)
    if floor is not None and not wording.missing(floor["target_value"]):
        components.draw_path(figure, paths, floor, path_kind="annual_floor", colour=components.PATH_COLOURS[0],
                             name=t("path_floor", rate=wording.exact(float(floor["target_value"]), "%")))
    level = balance if balance is not None else growth
    if level is not None and not wording.missing(level["target_level"]):
        components.draw_path(figure, paths, level, path_kind="to_target_level", colour=components.PATH_COLOURS[1],
                             name=t("path_to_target", target=wording.exact(float(level["target_level"]), UNIT)))
    # Both levels where both targets apply (Changshou): on a restated basis +200 % on 2020 is not 90亿元.
    components.draw_target_level(figure, level, UNIT)
    if balance is not None and growth is not None:
        components.draw_target_level(figure, growth, UNIT, label_position="bottom right")
    return components.finished_figure(figure, title=t("credit_balance_chart"),
                                      y_title=f"{t('credit_balance')} ({UNIT})", x_title=t("period_end"),
                                      source=source)


def growth_figure(series: pd.DataFrame, progress: pd.DataFrame, region_code: str, source: str) -> go.Figure:
    year_ends = series[(pd.to_datetime(series["period_end"]).dt.month == 12) & series["yoy_growth_pct"].notna()]
    floor = components.judged_target(progress, ANNUAL_FLOOR_TARGET, region_code)
    floor_value = None if floor is None or wording.missing(floor["target_value"]) else float(floor["target_value"])
    colours = [components.TARGET_COLOUR if floor_value is not None and value < floor_value
               else components.region_colour(region_code) for value in year_ends["yoy_growth_pct"]]
    figure = go.Figure(go.Bar(x=[str(day.year) for day in year_ends["period_end"]], y=year_ends["yoy_growth_pct"],
                              marker_color=colours, text=[f"{value:.1f}%" for value in year_ends["yoy_growth_pct"]],
                              name=t("yoy_growth")))
    components.draw_target(figure, floor, floor_value,
                           t("floor_line", value=f"{floor_value:g}%") if floor_value is not None else "")
    return components.finished_figure(figure, title=t("yoy_chart"), y_title=f"{t('yoy_growth')} (%)",
                                      x_title=t("year"), source=source)


def share_figure(series: pd.DataFrame, progress: pd.DataFrame, region_code: str, source: str) -> go.Figure:
    target = components.judged_target(progress, SHARE_TARGET, region_code)
    figure = go.Figure(go.Scatter(x=series["period_end"], y=series["green_loan_share_pct"], mode="lines+markers",
                                  name=t("share"), line={"color": components.region_colour(region_code), "width": 3}))
    level = None if target is None or wording.missing(target["target_level"]) else float(target["target_level"])
    label = t("target_line", value=f"{wording.COMPARISON_SYMBOLS[target['comparison']]} {level:g}%") \
        if level is not None else ""
    components.draw_target(figure, target, level, label)
    return components.finished_figure(figure, title=t("share_chart"), y_title=f"{t('share')} (%)",
                                      x_title=t("period_end"), source=source)


def breakdown_figures(breakdown: pd.DataFrame, bases: pd.DataFrame, colour: str,
                      source: str) -> tuple[go.Figure, go.Figure]:
    """What the loans finance: by use category, and by carbon effect."""
    period, basis_code = breakdown["period_end"].iloc[0], breakdown["statistics_basis"].iloc[0]
    basis = pick(bases[bases["statistics_basis"] == basis_code].iloc[0], "basis_name")
    frame = components.localised(breakdown, "loan_use_category_name", "carbon_effect_name")
    by_category = frame.groupby(["category_sort_order", "loan_use_category_name"], as_index=False)[
        "balance_100m_cny"].sum().sort_values("category_sort_order", ascending=False)
    by_effect = frame.groupby(["effect_sort_order", "carbon_effect_name"], as_index=False)[
        "balance_100m_cny"].sum().sort_values("effect_sort_order", ascending=False)
    by_category_figure = components.finished_figure(
        px.bar(by_category, x="balance_100m_cny", y="loan_use_category_name", orientation="h", text_auto=".2f",
               color_discrete_sequence=[colour]),
        title=f"{t('category_chart', date=period)}<br><sup>{basis}</sup>", y_title=t("category"),
        x_title=f"{t('credit_balance')} ({UNIT})", source=source, height=420)
    by_effect_figure = components.finished_figure(
        px.bar(by_effect, x="balance_100m_cny", y="carbon_effect_name", orientation="h", text_auto=".2f",
               color_discrete_sequence=[colour]),
        title=t("effect_chart", date=period), y_title=t("carbon_effect"), x_title=f"{t('credit_balance')} ({UNIT})",
        source=source, height=420)
    return by_category_figure, by_effect_figure


# How a category's line is drawn across the 2025 catalogue change (fct_green_loan_category_history.continuity).
CONTINUITY_DASH = {"continuous": "solid", "ends_at_break": "dot", "starts_at_break": "dash"}
CONTINUITY_LABELS = {"ends_at_break": "category_ends_at_break", "starts_at_break": "category_starts_at_break"}


def category_history_figure(history: pd.DataFrame, bases: pd.DataFrame, source: str) -> go.Figure:
    """Each category's balance over time as one line across the 2025 catalogue change where the category
    continues (seeds/green_loan_category_crosswalk.csv); a category that was split ends at the change (dotted),
    a new one starts there (dashed), and the change itself is marked."""
    frame = components.localised(history, "series_category_name")
    figure = go.Figure()
    for (_, code, continuity), series in frame.groupby(["series_sort_order", "series_category_code", "continuity"],
                                                       sort=True):
        label = safe_text.chart_text(series["series_category_name"].iloc[0])
        if continuity != "continuous":
            label = f"{label} ({t(CONTINUITY_LABELS[continuity])})"
        figure.add_scatter(x=series["period_end"], y=series["balance_100m_cny"], mode="lines+markers", name=label,
                           line={"dash": CONTINUITY_DASH[continuity]})
    newer = bases[bases["effective_from"] > history["period_end"].min()]
    for basis in newer.to_dict("records"):
        figure.add_vline(x=basis["effective_from"], line_dash="dot", line_color="#555555")
        figure.add_annotation(x=basis["effective_from"], y=1, yref="paper", showarrow=False, yanchor="bottom",
                              text=safe_text.chart_text(t("category_break_marker", basis=pick(basis, "basis_name"))))
    return components.finished_figure(figure, title=t("category_history_chart"),
                                      y_title=f"{t('credit_balance')} ({UNIT})", x_title=t("period_end"),
                                      source=source, height=460)


@components.shared_by_readers
def credit_figures(region_code: str, as_at: dt.date, source: str) -> dict[str, go.Figure]:
    """The page's charts by key, from the marts the page reads, made once for every reader of the same region,
    as-at date, language and published file."""
    credit = data.region_credit(region_code, as_at)
    preferred = credit[credit["is_preferred_basis"]]
    progress, paths = data.progress_as_at(as_at), data.target_paths(region_code)
    figures = {"credit_balance": balance_figure(preferred, progress, paths, region_code, source),
               "credit_growth": growth_figure(preferred, progress, region_code, source),
               "credit_share": share_figure(preferred, progress, region_code, source)}
    breakdown = data.green_loan_breakdown(region_code, as_at)
    if not breakdown.empty:
        figures["credit_by_category"], figures["credit_by_effect"] = breakdown_figures(
            breakdown, data.statistics_bases(), components.region_colour(region_code), source)
    history = data.category_history(region_code, as_at)
    if not history.empty:
        figures["credit_category_history"] = category_history_figure(history, data.statistics_bases(), source)
    return figures


@components.shared_by_readers
def institution_table(region_code: str, as_at: dt.date) -> tuple[str, components.TableContent] | None:
    """The institutions' table under its title, made once for every reader (shared_by_readers); None if the
    region has no institution figures."""
    institutions = data.institutions(region_code, as_at)
    if institutions.empty:
        return None
    frame = components.localised(institutions, "institution_name", "institution_type_name")
    return t("institutions_title", date=institutions["period_end"].iloc[0]), components.table_content(
        frame, {"institution_name": t("institution"), "institution_type_name": t("institution_type"),
                "green_loan_balance_100m_cny": t("green_balance"), "total_loan_balance_100m_cny": t("total_balance"),
                "share_of_own_lending_pct": t("share_own"), "yoy_growth_pct": t("growth_yoy_pct"),
                "share_of_region_pct": t("share_district")},
        layout=components.WRAPPED,
        numbers={"green_loan_balance_100m_cny": components.Number(2),
                 "total_loan_balance_100m_cny": components.Number(2),
                 "share_of_own_lending_pct": components.Number(1), "yoy_growth_pct": components.Number(1),
                 "share_of_region_pct": components.Number(1)})


def draw_institutions(table: tuple[str, components.TableContent] | None) -> None:
    if table is not None:
        title, content = table
        st.subheader(title)
        components.draw_table(content, key="credit_institutions", file_name="green_loans_by_institution.csv")


def basis_note(credit: pd.DataFrame, bases: pd.DataFrame) -> None:
    used = credit["statistics_basis"].unique()
    if len(used) < 2:
        return
    newest = bases[bases["statistics_basis"].isin(used)].iloc[-1]
    first_on_newest = credit[credit["statistics_basis"] == newest["statistics_basis"]]["period_end"].min()
    st.info(t("basis_break_note", date=first_on_newest, basis=pick(newest, "basis_name")))


region = components.region_page("credit_title", "credit_region")
as_at = components.as_at()
credit = data.region_credit(region["region_code"], as_at)
preferred = credit[credit["is_preferred_basis"]]
breakdown = data.green_loan_breakdown(region["region_code"], as_at)
institutions = data.institutions(region["region_code"], as_at)
bases = data.statistics_bases()
source_text = components.banner_and_source(SOURCES, credit["provenance"], breakdown["provenance"],
                                           institutions["provenance"])
components.stop_if_empty(preferred)
if not region["is_pilot_zone"]:
    st.caption(t("credit_peer_note"))
basis_note(credit, bases)
figures = credit_figures(region["region_code"], as_at, source_text)
components.draw_chart(figures["credit_balance"], "credit_balance")
left, right = st.columns(2)
with left:
    components.draw_chart(figures["credit_growth"], "credit_growth")
with right:
    components.draw_chart(figures["credit_share"], "credit_share")
if "credit_by_category" in figures:
    left, right = st.columns([3, 2])
    with left:
        components.draw_chart(figures["credit_by_category"], "credit_by_category")
    with right:
        components.draw_chart(figures["credit_by_effect"], "credit_by_effect")
if "credit_category_history" in figures:
    components.draw_chart(figures["credit_category_history"], "credit_category_history")
draw_institutions(institution_table(region["region_code"], as_at))
