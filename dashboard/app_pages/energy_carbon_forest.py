"""能耗·碳排放·森林 Energy, carbon and forest: energy per unit of GDP against the path to −17 % on 2020,
CO₂ per unit of GDP, the non-fossil share, forest coverage and stock against 53 % and 225.98万立方米."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard import auth, components, data, wording
from dashboard.i18n import t

auth.require_reader()  # the second lock: no logged-in reader, no page

ENERGY_TARGET = "EI_REDUCTION_2025"
CO2_TARGET = "CO2I_REDUCTION_2025"
NON_FOSSIL_TARGET = "NONFOSSIL_SHARE_2025"
FOREST_COVERAGE_TARGET = "FOREST_COVERAGE_2025"
FOREST_STOCK_TARGET = "FOREST_STOCK_2025"
SOURCES = ("src_regional_indicators",)
def line(annual: pd.DataFrame, column: str, name: str, colour: str) -> go.Figure:
    rows = annual[annual[column].notna()]
    return go.Figure(go.Scatter(x=rows["year"], y=rows[column], mode="lines+markers", name=name,
                                line={"color": colour, "width": 3}))


def change_target_chart(annual: pd.DataFrame, paths: pd.DataFrame, row: pd.Series | None, column: str,
                        unit: str, *, title: str, name: str, colour: str, source: str, key: str) -> None:
    """An intensity in its unit against the steady path to the level its % reduction target means
    (fct_target_paths) and that level (the one the status is judged on)."""
    figure = line(annual, column, name, colour)
    if row is not None and not wording.missing(row["target_value"]):
        components.draw_path(figure, paths, row, path_kind="to_target_level", colour=components.PATH_COLOURS[1],
                             name=t("path_to_target", target=wording.target_text(row)), x_of=lambda day: day.year)
    components.draw_target_level(figure, row, unit)
    components.finish_chart(figure, title=title, y_title=f"{name} ({unit})", x_title=t("year"), source=source,
                            key=key)


def level_target_chart(annual: pd.DataFrame, row: pd.Series | None, column: str, unit: str, *, title: str,
                       colour: str, source: str, key: str) -> None:
    figure = line(annual, column, title, colour)
    components.draw_target_level(figure, row, unit)
    components.finish_chart(figure, title=title, y_title=f"{title} ({unit})", x_title=t("year"), source=source, key=key)


region = components.region_page("energy_title", "energy_region")
as_at = components.as_at()
annual = data.regional_annual(region["region_code"], as_at)
progress, paths = data.progress_as_at(as_at), data.target_paths(region["region_code"])
source_text = components.banner_and_source(SOURCES, annual["provenance"])
components.stop_if_empty(annual)
colour = components.region_colour(region["region_code"])


def target(code: str) -> pd.Series | None:
    return components.judged_target(progress, code, region["region_code"])


left, right = st.columns(2)
with left:
    change_target_chart(annual, paths, target(ENERGY_TARGET), "energy_intensity_tce_per_10k_cny", "吨标准煤/万元",
                        title=t("energy_intensity_chart"), name=t("energy_intensity_series"), colour=colour,
                        source=source_text, key="energy_intensity")
with right:
    change_target_chart(annual, paths, target(CO2_TARGET), "co2_intensity_t_per_10k_cny", "吨/万元",
                        title=t("co2_chart"), name=t("co2_intensity"), colour=colour, source=source_text,
                        key="co2_intensity")
left, right = st.columns(2)
with left:
    level_target_chart(annual, target(NON_FOSSIL_TARGET), "non_fossil_energy_share_pct", "%",
                       title=t("nonfossil_chart"), colour=colour, source=source_text, key="non_fossil_share")
with right:
    level_target_chart(annual, target(FOREST_COVERAGE_TARGET), "forest_coverage_pct", "%",
                       title=t("forest_coverage_chart"), colour=colour, source=source_text,
                       key="forest_coverage")
level_target_chart(annual, target(FOREST_STOCK_TARGET), "forest_stock_10k_m3", "万立方米",
                   title=t("forest_stock_chart"), colour=colour, source=source_text, key="forest_stock")

components.table(annual, {
    "year": t("year"),
    "gdp_constant_2020_100m_cny": t("gdp_constant"),
    "energy_consumption_10k_tce": t("energy_consumption"),
    "energy_intensity_tce_per_10k_cny": t("energy_intensity"),
    "energy_intensity_change_vs_baseline_pct": t("energy_intensity_change"),
    "co2_emissions_10k_t": t("co2_emissions"),
    "co2_intensity_t_per_10k_cny": t("co2_intensity_unit"),
    "co2_intensity_change_vs_baseline_pct": t("co2_intensity_change"),
    "non_fossil_energy_share_pct": t("non_fossil_share"),
    "forest_coverage_pct": t("forest_coverage"),
    "forest_stock_10k_m3": t("forest_stock"),
}, file_name="energy_carbon_forest.csv", key="energy_table")
