"""绿色债券 Green bonds: cumulative issuance against the 20亿元 line, by type and market, and the issues."""
from __future__ import annotations

import datetime as dt

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go
import streamlit as st

from dashboard import auth, components, data, wording
from dashboard.i18n import t

auth.require_reader()  # the second lock: no logged-in reader, no page

ISSUANCE_TARGET = "GB_ISSUANCE_2025"
UNIT = "亿元"
SOURCES = ("src_green_bonds",)


def counted_since(bonds: pd.DataFrame, target: pd.Series | None) -> tuple[pd.DataFrame, dt.date | None]:
    """The issues that count toward the target: its bond types, from the day counting starts."""
    since = None if target is None or wording.missing(target["cumulative_from"]) else target["cumulative_from"]
    counted = bonds[bonds["counts_toward_green_bond_target"]]
    if since is not None:
        counted = counted[counted["issue_date"] >= since]
    return counted, since


def cumulative_chart(counted: pd.DataFrame, since: dt.date | None, target: pd.Series | None, colour: str,
                     source: str) -> None:
    running = counted.groupby("issue_date", as_index=False)["amount_100m_cny"].sum()
    running["cumulative"] = running["amount_100m_cny"].cumsum()
    days = ([since] if since is not None else []) + list(running["issue_date"])
    totals = ([0.0] if since is not None else []) + list(running["cumulative"])
    figure = go.Figure(go.Scatter(x=days, y=totals, mode="lines+markers", line_shape="hv", name=t("cumulative"),
                                  line={"color": colour, "width": 3}))
    level = None if target is None or pd.isna(target["target_value"]) else float(target["target_value"])
    components.draw_target(figure, target, level,
                           t("target_line", value=f"{wording.exact(level, UNIT)} ({target['target_deadline']})")
                           if level is not None else "")
    title = t("bonds_cumulative_chart", since=since) if since is not None else t("cumulative")
    components.finish_chart(figure, title=title, y_title=f"{t('cumulative')} ({UNIT})", x_title=t("issue_date"),
                            source=source, key="bonds_cumulative")


def breakdown_chart(counted: pd.DataFrame, field: str, title_key: str, axis_key: str, colour: str, source: str,
                    key: str) -> None:
    frame = components.localised(counted, field)
    totals = frame.groupby(field, as_index=False)["amount_100m_cny"].sum().sort_values("amount_100m_cny")
    figure = px.bar(totals, x="amount_100m_cny", y=field, orientation="h", text_auto=".2f",
                    color_discrete_sequence=[colour])
    components.finish_chart(figure, title=t(title_key), y_title=t(axis_key), x_title=f"{t('amount')} ({UNIT})",
                            source=source, key=key, height=340)


region = components.region_page("bonds_title", "bonds_region")
bonds = data.green_bonds(region["region_code"])
target = components.applicable_target(data.targets(), ISSUANCE_TARGET, region["region_code"])
source_text = components.banner_and_source(SOURCES, bonds["provenance"])
components.stop_if_empty(bonds, "no_bonds")

counted, since = counted_since(bonds, target)
colour = components.region_colour(region["region_code"])
cumulative_chart(counted, since, target, colour, source_text)
left, right = st.columns(2)
with left:
    breakdown_chart(counted, "bond_type_name", "by_type_chart", "bond_type", colour, source_text,
                    "bonds_by_type")
with right:
    breakdown_chart(counted, "market_name", "by_market_chart", "market", colour, source_text,
                    "bonds_by_market")

st.subheader(t("bond_list"))
frame = components.localised(bonds, "bond_type_name", "market_name")
# Names are long: a table that wraps (a phone: one card per issue, headed by its name), not a grid that cuts them.
components.table(frame, {"bond_name": t("bond_name"), "issue_date": t("issue_date"),
                         "amount_100m_cny": t("amount_100m"), "bond_type_name": t("bond_type"), "market_name": t("market"),
                         "counts_toward_green_bond_target": t("counts_toward_target"), "issuer_name": t("issuer"),
                         "bond_code": t("bond_code")},
                 file_name="green_bonds.csv", key="bonds_list", numbers={"amount_100m_cny": components.Number(2)},
                 layout=components.WRAPPED)
