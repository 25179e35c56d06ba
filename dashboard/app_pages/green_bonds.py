"""绿色债券 Green bonds: cumulative issuance against the 20亿元 line, by type and market, and the issues."""
from __future__ import annotations

import datetime as dt

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go
import streamlit as st

from dashboard import auth, components, data

from scripts.outputs import wording
from dashboard.i18n import t

auth.require_reader()  # the second lock: no logged-in reader, no page

ISSUANCE_TARGET = "GB_ISSUANCE_2025"
ISSUANCE_MEASURE = "green_bond_issuance"
UNIT = "亿元"
SOURCES = ("src_green_bonds",)


def counted_since(bonds: pd.DataFrame, target: pd.Series | None) -> tuple[pd.DataFrame, dt.date | None]:
    """The issues that count toward the target: its bond types, from the day counting starts."""
    since = None if target is None or wording.missing(target["cumulative_from"]) else target["cumulative_from"]
    counted = bonds[bonds["counts_toward_green_bond_target"]]
    if since is not None:
        counted = counted[counted["issue_date"] >= since]
    return counted, since


def cumulative_figure(running: pd.DataFrame, paths: pd.DataFrame, row: pd.Series | None, since: dt.date | None,
                      colour: str, source: str) -> go.Figure:
    """Issuance counted toward the target, as the running total at each quarter end the mart holds
    (fct_measure_observations), against the straight path to the target."""
    figure = go.Figure(go.Scatter(x=running["period_end"], y=running["value"], mode="lines+markers",
                                  line_shape="hv", name=t("cumulative"), line={"color": colour, "width": 3}))
    if row is not None and not wording.missing(row["target_level"]):
        components.draw_path(figure, paths, row, path_kind="to_target_level", colour=components.PATH_COLOURS[1],
                             name=t("path_to_target", target=wording.exact(float(row["target_level"]), UNIT)))
    components.draw_target_level(figure, row, UNIT)
    title = t("bonds_cumulative_chart", since=since) if since is not None else t("cumulative")
    return components.finished_figure(figure, title=title, y_title=f"{t('cumulative')} ({UNIT})",
                                      x_title=t("issue_date"), source=source)


def breakdown_figure(counted: pd.DataFrame, field: str, title_key: str, axis_key: str, colour: str,
                     source: str) -> go.Figure:
    frame = components.localised(counted, field)
    totals = frame.groupby(field, as_index=False)["amount_100m_cny"].sum().sort_values("amount_100m_cny")
    figure = px.bar(totals, x="amount_100m_cny", y=field, orientation="h", text_auto=".2f",
                    color_discrete_sequence=[colour])
    return components.finished_figure(figure, title=t(title_key), y_title=t(axis_key),
                                      x_title=f"{t('amount')} ({UNIT})", source=source, height=340)


@components.shared_by_readers
def bond_figures(region_code: str, as_at: dt.date, source: str) -> dict[str, go.Figure]:
    """The page's charts by key, from the marts the page reads, made once for every reader of the same region,
    as-at date, language and published file."""
    registry = data.targets().set_index("target_code")
    target = registry.loc[ISSUANCE_TARGET] if ISSUANCE_TARGET in registry.index else None
    judged = components.judged_target(data.progress_as_at(as_at), ISSUANCE_TARGET, region_code)
    counted, since = counted_since(data.green_bonds(region_code, as_at), target)
    colour = components.region_colour(region_code)
    return {"bonds_cumulative": cumulative_figure(data.measure_series(region_code, ISSUANCE_MEASURE, as_at),
                                                  data.target_paths(region_code), judged, since, colour, source),
            "bonds_by_type": breakdown_figure(counted, "bond_type_name", "by_type_chart", "bond_type", colour, source),
            "bonds_by_market": breakdown_figure(counted, "market_name", "by_market_chart", "market", colour, source)}


region = components.region_page("bonds_title", "bonds_region")
as_at = components.as_at()
bonds = data.green_bonds(region["region_code"], as_at)
source_text = components.banner_and_source(SOURCES, bonds["provenance"])
components.stop_if_empty(bonds, "no_bonds")

figures = bond_figures(region["region_code"], as_at, source_text)
components.draw_chart(figures["bonds_cumulative"], "bonds_cumulative")
left, right = st.columns(2)
with left:
    components.draw_chart(figures["bonds_by_type"], "bonds_by_type")
with right:
    components.draw_chart(figures["bonds_by_market"], "bonds_by_market")

st.subheader(t("bond_list"))
frame = components.localised(bonds, "bond_type_name", "market_name")
# Names are long: a table that wraps (a phone: one card per issue, headed by its name), not a grid that cuts them.
components.table(frame, {"bond_name": t("bond_name"), "issue_date": t("issue_date"),
                         "amount_100m_cny": t("amount_100m"), "bond_type_name": t("bond_type"), "market_name": t("market"),
                         "counts_toward_green_bond_target": t("counts_toward_target"), "issuer_name": t("issuer"),
                         "bond_code": t("bond_code")},
                 file_name="green_bonds.csv", key="bonds_list", numbers={"amount_100m_cny": components.Number(2)},
                 layout=components.WRAPPED)
