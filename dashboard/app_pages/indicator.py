"""指标详情 One indicator (Open SDG style): its status with the reason, the series against the required path and
the level it is judged on, the figures, what the indicator is (the plan's clause, definition, unit, source,
frequency, reporting department, method, the statistics-basis link) and a download of its series."""
from __future__ import annotations

import io

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard import auth, components, data, safe_text

from scripts.outputs import wording
from dashboard.i18n import language, pick, t

auth.require_reader()  # the second lock: no logged-in reader, no page

TARGET_PARAM = "target"  # ?target=GL_BALANCE_2025 opens the page on that indicator
RAW_SOURCE_KEYS = {"green_loans": "src_green_loans", "total_loans": "src_total_loans",
                   "green_bonds": "src_green_bonds", "regional_indicators": "src_regional_indicators"}


def choose_target(targets: pd.DataFrame) -> pd.Series:
    codes = list(targets["target_code"])
    requested = st.query_params.get(TARGET_PARAM)
    index = codes.index(requested) if requested in codes else 0
    names = dict(zip(codes, targets[f"target_name_{language()}"]))
    code = st.selectbox(t("indicator_choose"), codes, index=index, format_func=names.get, key="indicator_target")
    st.query_params[TARGET_PARAM] = code
    return targets[targets["target_code"] == code].iloc[0]


def status_block(row: pd.Series) -> None:
    st.markdown(components.status_badge(pick(row, "status_name"), components.safe_colour(row["status_colour"])),
                unsafe_allow_html=True)
    left, right = st.columns(2)
    left.metric(wording.headline_label(row), wording.headline(row))
    right.metric(t("indicator_target"), wording.target_text(row))
    st.markdown(wording.plain_words(row))  # the app's own words and numbers: no submitted text
    reason = wording.status_reason(row)
    if reason:
        st.caption(f"{t('indicator_reason')}: {reason}")
    newer = wording.newer_figure(row)
    if newer:
        st.caption(newer)
    for line in wording.outlook_lines(row):  # the verdicts beside the Open SDG status (fct_indicator_outlook)
        st.caption(line)


def series_chart(observations: pd.DataFrame, paths: pd.DataFrame, row: pd.Series, colour: str,
                 source: str) -> None:
    """The series in the measure's unit against the path and the level, or, for an annual floor, each year's
    growth against the floor."""
    figure = go.Figure()
    if row["target_kind"] == "annual_rate_floor":
        shown = observations[observations["value_in_target_unit"].notna()]
        figure.add_scatter(x=shown["period_end"], y=shown["value_in_target_unit"], mode="lines+markers",
                           name=t("yoy_growth"), line={"color": colour, "width": 3})
        floor = None if wording.missing(row["target_value"]) else float(row["target_value"])
        components.draw_target(figure, row, floor, t("floor_line", value=f"{floor:g}%") if floor is not None else "")
        unit = "%"
    else:
        unit = row["unit"] if not wording.missing(row["unit"]) else row["target_unit"]
        figure.add_scatter(x=observations["period_end"], y=observations["value"], mode="lines+markers",
                           name=t("actual"), line={"color": colour, "width": 3})
        if not wording.missing(row["target_level"]):
            components.draw_path(figure, paths, row, path_kind="to_target_level", colour=components.PATH_COLOURS[1],
                                 name=t("path_to_target", target=wording.exact(float(row["target_level"]), unit)))
        components.draw_target_level(figure, row, unit)
    components.finish_chart(figure, title=safe_text.chart_text(pick(row, "target_name")),
                            y_title=f"{t('value')} ({unit})", x_title=t("period_end"), source=source,
                            key="indicator_chart")


def series_table(observations: pd.DataFrame, row: pd.Series) -> pd.DataFrame:
    """The figures as the page shows and exports them, with their units in the column names."""
    frame = components.localised(observations, "status_name")
    unit = row["unit"] if not wording.missing(row["unit"]) else row["target_unit"]
    columns = {"period_end": t("period_end"), "value": f"{t('value')} ({unit})"}
    if row["target_kind"] in wording.CHANGE_KINDS:
        columns["value_in_target_unit"] = f"{t('indicator_in_target_terms')} (%)"
    if row["target_kind"] != "annual_rate_floor" and not wording.missing(row["target_level"]):
        columns["target_level"] = f"{t('indicator_target_level')} ({unit})"
    columns |= {"statistics_basis": t("indicator_basis"), "status_name": t("indicator_status_then")}
    return frame[list(columns)].rename(columns=columns)


def xlsx_bytes(frame: pd.DataFrame, sample: bool) -> bytes:
    """The series as a workbook, text cells neutralised, with the sample mark in its first row."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        safe_text.spreadsheet_frame(frame).to_excel(writer, index=False, startrow=1 if sample else 0,
                                                    sheet_name="series")
        if sample:
            writer.sheets["series"].cell(row=1, column=1, value=t("sample_banner"))
    return buffer.getvalue()


def metadata(target: pd.Series, row: pd.Series | None, bases: pd.DataFrame) -> None:
    """What the indicator is, from the target registry and the data contract (dim_indicator)."""
    st.subheader(t("indicator_metadata"))
    sources = "；".join(t(RAW_SOURCE_KEYS[source]) for source in str(target["raw_source"]).split("+")
                       if source in RAW_SOURCE_KEYS)
    entries = [
        (t("indicator_clause"), t("indicator_clause_text", plan=pick(target, "plan_title"),
                                  clause=target["clause_ref"], wording=target["plan_wording_zh"] or "—")),
        (t("indicator_definition"), pick(target, "definition")),
        (t("unit"), row["unit"] if row is not None and not wording.missing(row["unit"]) else target["target_unit"]),
        (t("indicator_source"), sources),
        (t("indicator_frequency"), t(f"frequency_{target['frequency']}")),
        (t("indicator_department"), pick(target, "reporting_department")),
        (t("indicator_method"), pick(target, "method")),
        (t("indicator_baseline"), t("indicator_baseline_year", year=int(target["baseline_year"]))
         if not wording.missing(target["baseline_year"]) else t("indicator_cumulative_from",
                                                                date=target["cumulative_from"])),
        (t("indicator_deadline"), wording.period_label(target["target_deadline"])),
    ]
    if not wording.missing(target[f"note_{language()}"]):
        entries.append((t("indicator_note"), target[f"note_{language()}"]))
    if target["measure_code"] == "green_loan_balance" or target["measure_code"] == "green_loan_share":
        entries.append((t("indicator_basis"), "；".join(pick(basis, "basis_name") for _, basis in bases.iterrows())
                        + t("indicator_chain_link")))
    for label, value in entries:
        st.markdown(f"**{safe_text.markdown_text(label)}**：{safe_text.markdown_text(value)}")


components.require_database()
st.title(t("indicator_title"))
components.as_at_note()
as_at = components.as_at()
targets, bases = data.targets(), data.statistics_bases()
target = choose_target(targets)
region = components.region_selector("indicator_region")
progress = data.progress_as_at(as_at)
row = components.judged_target(progress, target["target_code"], region["region_code"])
if row is None:
    st.info(t("target_not_for_region"))
    metadata(target, None, bases)
    st.stop()
observations = data.target_observations(region["region_code"], target["target_code"], as_at)
sample = components.is_sample(observations["provenance"], [row["provenance"]])
components.sample_banner(sample)
status_block(row)
source_text = components.source_line([RAW_SOURCE_KEYS[source] for source in str(target["raw_source"]).split("+")
                                      if source in RAW_SOURCE_KEYS], sample)
if observations.empty:
    st.info(t("no_data"))
else:
    series_chart(observations, data.target_paths(region["region_code"]), row,
                 components.region_colour(region["region_code"]), source_text)
    table = series_table(observations, row)
    decimals = {column: "%.1f" if column.endswith("(%)") and column != table.columns[1] else "%.2f"
                for column in table.columns[1:] if pd.api.types.is_numeric_dtype(table[column])}
    components.table(table, {column: column for column in table.columns},
                     file_name=f"{target['target_code']}_{region['region_code']}.csv", key="indicator_series",
                     column_config={column: st.column_config.NumberColumn(format=spec)
                                    for column, spec in decimals.items()})
    st.download_button(t("download_xlsx"), xlsx_bytes(table, sample),
                       file_name=f"{target['target_code']}_{region['region_code']}.xlsx",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                       key="indicator_series_xlsx", on_click="ignore")
metadata(target, row, bases)
