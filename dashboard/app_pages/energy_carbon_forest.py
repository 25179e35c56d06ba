"""能耗·碳排放·森林 Energy, carbon and forest: energy per unit of GDP against the path to −17 % on 2020,
CO₂ per unit of GDP, the non-fossil share, forest coverage and stock against 53 % and 225.98万立方米."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard import auth, components, data

from scripts.outputs import wording
from dashboard.i18n import t

auth.require_reader()  # the second lock: no logged-in reader, no page

ENERGY_TARGET = "EI_REDUCTION_2025"
CO2_TARGET = "CO2I_REDUCTION_2025"
NON_FOSSIL_TARGET = "NONFOSSIL_SHARE_2025"
FOREST_COVERAGE_TARGET = "FOREST_COVERAGE_2025"
FOREST_STOCK_TARGET = "FOREST_STOCK_2025"
SOURCES = ("src_regional_indicators",)
# The yearly figures, one row per indicator (its label gives the unit) and one column per year, which fits a
# screen where eleven columns of indicators did not: column of fct_regional_indicators_annual -> (label key
# for the screen, label key for the CSV, how its figures are written).
TABLE_ROWS = {
    "gdp_constant_2020_100m_cny": ("gdp_constant", "gdp_constant", components.Number(2)),
    "energy_consumption_10k_tce": ("energy_consumption", "energy_consumption", components.Number(2)),
    "energy_intensity_tce_per_10k_cny": ("energy_intensity", "energy_intensity", components.Number(3)),
    "energy_intensity_change_vs_baseline_pct": ("energy_intensity_change_words", "energy_intensity_change",
                                                components.Number(1, "%", change=True)),
    "co2_emissions_10k_t": ("co2_emissions", "co2_emissions", components.Number(2)),
    "co2_intensity_t_per_10k_cny": ("co2_intensity_unit", "co2_intensity_unit", components.Number(3)),
    "co2_intensity_change_vs_baseline_pct": ("co2_intensity_change_words", "co2_intensity_change",
                                             components.Number(1, "%", change=True)),
    "non_fossil_energy_share_pct": ("non_fossil_share", "non_fossil_share", components.Number(1)),
    "forest_coverage_pct": ("forest_coverage", "forest_coverage", components.Number(1)),
    "forest_stock_10k_m3": ("forest_stock", "forest_stock", components.Number(2)),
}


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
                       y_title: str, colour: str, source: str, key: str) -> None:
    figure = line(annual, column, title, colour)
    components.draw_target_level(figure, row, unit)
    components.finish_chart(figure, title=title, y_title=y_title, x_title=t("year"), source=source, key=key)


def yearly_table(annual: pd.DataFrame) -> None:
    """TABLE_ROWS by year on screen; the CSV keeps a row per year, as the mart has it, figures unrounded."""
    years = [int(year) for year in annual["year"]]
    # DECIMAL columns arrive as Decimal objects, the intensities as floats: one column of a year holds both.
    matrix = pd.DataFrame([{"indicator": t(label_key), "row": column, **dict(zip(years, annual[column].astype(float)))}
                           for column, (label_key, _, _) in TABLE_ROWS.items()])
    components.table(matrix, {"indicator": t("metric"), **{year: str(year) for year in years}}, file_name=None,
                     key="energy_table", numbers=dict.fromkeys(years, table_row_number), layout=components.CARDS)
    components.download(annual, {"year": t("year"), **{column: t(csv_key) for column, (_, csv_key, _)
                                                       in TABLE_ROWS.items()}},
                        file_name="energy_carbon_forest.csv", key="energy_table")


def table_row_number(row: pd.Series) -> components.Number:
    return TABLE_ROWS[row["row"]][2]


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
                       title=t("nonfossil_chart"), y_title=t("non_fossil_share"), colour=colour,
                       source=source_text, key="non_fossil_share")
with right:
    level_target_chart(annual, target(FOREST_COVERAGE_TARGET), "forest_coverage_pct", "%",
                       title=t("forest_coverage_chart"), y_title=t("forest_coverage"), colour=colour,
                       source=source_text, key="forest_coverage")
level_target_chart(annual, target(FOREST_STOCK_TARGET), "forest_stock_10k_m3", "万立方米",
                   title=t("forest_stock_chart"), y_title=t("forest_stock"), colour=colour, source=source_text,
                   key="forest_stock")
yearly_table(annual)
