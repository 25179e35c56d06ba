"""机构评价 Institution evaluation (task 32): the region's financial institutions ranked by a green-finance
evaluation scheme for the latest quarter up to the one chosen, each with its grade; for one institution, the
points gained and lost per indicator on the previous quarter (a waterfall) and its rank over time; what each
institution adds to the region's green-loan growth and to its share against the target. Every figure is from
fct_institution_evaluation, fct_institution_evaluation_indicators and fct_institution_contributions."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard import auth, components, data, safe_text
from dashboard.i18n import pick, t
from scripts.outputs import wording

auth.require_reader()  # the second lock: no logged-in reader, no page

SOURCES = ("src_green_loans", "src_total_loans", "src_institution_figures")
POINTS = components.Number(2)
WATERFALL_LABEL_COLUMNS = 10  # a Chinese character counts two


def whole(value: object) -> str:
    return components.number_text(value, components.Number(0))


def league_rows(league: pd.DataFrame) -> pd.DataFrame:
    """The league in words: a missing score says why, a grade carries its colour, a rank change its arrow."""
    frame = components.localised(league, "institution_name", "grade_name")
    return frame.assign(
        status=frame["evaluation_status"].map(lambda status: t(f"evaluation_status_{status}")),
        grade=frame["grade_name"].where(frame["grade_code"].notna(), t("evaluation_no_grade")),
        grade_colour=frame["grade_colour"].map(components.safe_colour),
        rank_move=frame["rank_change"].map(rank_move))


def rank_move(change: object) -> str:
    if wording.missing(change):
        return components.MISSING_TEXT
    change = int(change)
    return f"↑{change}" if change > 0 else f"↓{-change}" if change < 0 else "–"


def waterfall_figure(indicators: pd.DataFrame, previous_total: float, total: float, source: str) -> go.Figure:
    """From the previous quarter's total to this one's, one step per indicator (its points in the total)."""
    steps = indicators.dropna(subset=["total_points_change_on_previous_quarter"])
    figure = go.Figure(go.Waterfall(
        # names wrapped on several short lines (Plotly never wraps): upright, clear of the source note
        x=[components.chart_lines(name, WATERFALL_LABEL_COLUMNS) for name in (
            t("evaluation_previous_total"), *[pick(row, "indicator_name") for row in steps.to_dict("records")],
            t("evaluation_this_total"))],
        y=[previous_total, *steps["total_points_change_on_previous_quarter"], total],
        measure=["absolute", *["relative"] * len(steps), "total"],
        text=[f"{previous_total:.2f}", *[f"{value:+.2f}" for value in steps["total_points_change_on_previous_quarter"]],
              f"{total:.2f}"],
        textposition="outside", increasing={"marker": {"color": "#1a9850"}},
        decreasing={"marker": {"color": "#d73027"}}, totals={"marker": {"color": "#4575b4"}}))
    return components.finished_figure(figure, title=t("evaluation_waterfall_title"), y_title=t("evaluation_points"),
                                      source=source, height=420)


def rank_figure(history: pd.DataFrame, colour: str, source: str) -> go.Figure:
    ranked = history.dropna(subset=["institution_rank"])
    figure = go.Figure(go.Scatter(x=[wording.period_label(day) for day in ranked["period_end"]],
                                  y=ranked["institution_rank"], mode="lines+markers",
                                  line={"color": colour, "width": 3}, name=t("evaluation_rank")))
    figure = components.finished_figure(figure, title=t("evaluation_rank_title"), y_title=t("evaluation_rank"),
                                        source=source, height=320)
    figure.update_yaxes(autorange="reversed", dtick=1)  # rank 1 on top
    return figure


def scheme_choice(schemes: pd.DataFrame) -> pd.Series:
    codes = list(schemes["scheme_code"])
    names = {row["scheme_code"]: pick(row, "scheme_name") for row in schemes.to_dict("records")}
    chosen = st.segmented_control(t("evaluation_scheme"), codes, format_func=names.get, default=codes[0],
                                  required=True, key="evaluation_scheme")
    return schemes.set_index("scheme_code").loc[chosen or codes[0]]


def scheme_notes(scheme: pd.Series) -> None:
    """The caveats a reader must see before the ranking: branches, the placeholder formula and grade bands."""
    st.info(safe_text.markdown_text(t("evaluation_branch_caveat", scheme=pick(scheme, "scheme_name"))))
    if scheme["point_formula_status"] == "placeholder":
        st.caption(safe_text.markdown_text(t(
            "evaluation_placeholder_formula", quantitative=whole(scheme["quantitative_weight_pct"]),
            qualitative=whole(scheme["qualitative_weight_pct"]), peer=whole(100 * scheme["peer_fraction"]),
            own=whole(100 * scheme["own_history_fraction"]), quarters=int(scheme["history_quarters"]))))


region = components.region_page("evaluation_title", "evaluation_region")
as_at = components.as_at()
scheme = scheme_choice(data.evaluation_schemes())
evaluations = data.evaluations(region["region_code"], scheme.name, as_at)
source_text = components.banner_and_source(SOURCES, evaluations["provenance"])
scheme_notes(scheme)
components.stop_if_empty(evaluations, "evaluation_none")

quarter = evaluations["period_end"].max()
league = evaluations[evaluations["period_end"] == quarter]
st.subheader(t("evaluation_league_title", period=wording.period_label(quarter)))
rows = league_rows(league)
components.table(rows, {"institution_rank": t("evaluation_rank"), "institution_name": t("institution"),
                        "grade": t("evaluation_grade"), "total_score": t("evaluation_total"),
                        "quantitative_score": t("evaluation_quantitative"),
                        "qualitative_score": t("evaluation_qualitative"), "rank_move": t("evaluation_rank_move"),
                        "status": t("evaluation_status")},
                 file_name="institution_evaluation.csv", key="evaluation_league", layout=components.WRAPPED,
                 numbers={"institution_rank": components.Number(0), "total_score": POINTS,
                          "quantitative_score": POINTS, "qualitative_score": POINTS},
                 statuses={"grade": dict(zip(rows["grade"], rows["grade_colour"]))})

names = {row["institution_code"]: pick(row, "institution_name") for row in league.to_dict("records")}
chosen = st.selectbox(t("evaluation_institution"), list(names), format_func=names.get, key="evaluation_institution")
history = evaluations[evaluations["institution_code"] == chosen]
current = history[history["period_end"] == quarter].iloc[0]
previous = history[history["period_end"] < quarter].tail(1)
indicators = data.evaluation_indicators(region["region_code"], scheme.name, quarter)
mine = indicators[indicators["institution_code"] == chosen]
if previous.empty or wording.missing(current["total_score"]) or wording.missing(previous.iloc[0]["total_score"]):
    st.info(t("evaluation_no_waterfall"))
else:
    components.draw_chart(waterfall_figure(mine, float(previous.iloc[0]["total_score"]),
                                           float(current["total_score"]), source_text), "evaluation_waterfall")
components.draw_chart(rank_figure(history, components.region_colour(region["region_code"]), source_text),
                      "evaluation_rank")
components.table(components.localised(mine, "indicator_name").assign(
                     status=mine["indicator_status"].map(lambda status: t(f"indicator_status_{status}"))),
                 {"indicator_name": t("evaluation_indicator"), "indicator_value": t("evaluation_value"),
                  "peer_points": t("evaluation_peer_points"), "own_history_points": t("evaluation_own_points"),
                  "indicator_points": t("evaluation_indicator_points"), "weight_pct": t("evaluation_weight"),
                  "status": t("evaluation_status")},
                 file_name="institution_evaluation_indicators.csv", key="evaluation_indicators",
                 layout=components.WRAPPED,
                 numbers={"indicator_value": POINTS, "peer_points": POINTS, "own_history_points": POINTS,
                          "indicator_points": POINTS, "weight_pct": components.Number(0)})

contributions = data.institution_contributions(region["region_code"], quarter)
if not contributions.empty:
    target = contributions["share_target_pct"].dropna()
    st.subheader(t("evaluation_contributions_title",
                   target=whole(target.iloc[0]) if not target.empty else components.MISSING_TEXT))
    components.table(components.localised(contributions, "institution_name"),
                     {"institution_name": t("institution"), "green_loan_balance_100m_cny": t("green_balance"),
                      "growth_contribution_pp": t("evaluation_growth_contribution"),
                      "share_gap_contribution_pp": t("evaluation_share_contribution")},
                     file_name="institution_contributions.csv", key="evaluation_contributions",
                     layout=components.WRAPPED,
                     numbers={"green_loan_balance_100m_cny": POINTS, "growth_contribution_pp": POINTS,
                              "share_gap_contribution_pp": POINTS})
