"""目标完成情况 Scorecard: every target whose deadline has passed by the quarter chosen, for one region, with the
figure for the deadline, the outcome, the quarter a missed target was met later, and the note where a plan's
conditions disagree; below it, the plan documents every target comes from (fct_target_scorecard,
fct_target_consistency_checks, dim_target_regime)."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import auth, components, data, safe_text

from scripts.outputs import wording
from dashboard.i18n import pick, t

auth.require_reader()  # the second lock: no logged-in reader, no page

ARCHIVED_TEXTS = "shared/seed-docs/"  # where the plan texts the project was built on are kept
SOURCES = ("src_green_loans", "src_total_loans", "src_green_bonds", "src_regional_indicators")


def outcome_rows(scorecard: pd.DataFrame) -> pd.DataFrame:
    """The scorecard in words: each figure with its unit and period, "not reported" where it is missing."""
    rows = []
    for row in scorecard.to_dict("records"):
        met_later = wording.period_label(row["met_after_deadline_on"]) \
            if not wording.missing(row["met_after_deadline_on"]) else ""
        figure = wording.value_in_target_terms(row["deadline_value_in_target_unit"], row) \
            if not wording.missing(row["deadline_value_in_target_unit"]) else t("final_not_reported_short")
        latest = wording.value_in_target_terms(row["latest_value_in_target_unit"], row) \
            if not wording.missing(row["latest_value_in_target_unit"]) else ""
        rows.append({"plan": pick(row, "plan_title"), "target": pick(row, "target_name"),
                     "target_text": wording.target_line(row), "deadline_figure": figure,
                     "outcome": pick(row, "outcome_name"), "outcome_code": row["outcome_code"],
                     "outcome_colour": components.safe_colour(row["outcome_colour"]), "met_later": met_later,
                     "latest": f"{latest}（{wording.period_label(row['latest_period_end'])}）"
                     if latest else ""})
    return pd.DataFrame(rows)


def regime_rows(regimes: pd.DataFrame) -> pd.DataFrame:
    frame = components.localised(regimes, "plan_title", "issuing_body")
    return frame.assign(
        checked=frame["source_checked"].map({True: t("source_checked_yes"), False: t("source_checked_no")}),
        status=frame["regime_status"].map(lambda status: t(f"regime_status_{status}")),
        source=frame["source_document"].map(source_text))


def source_text(source: object) -> str:
    """A public address as it is; the project's own copy of a plan's text by what it is, not by its file name."""
    if wording.missing(source):
        return ""
    return t("source_archived") if str(source).startswith(ARCHIVED_TEXTS) else str(source)


region = components.region_page("scorecard_title", "scorecard_region")
as_at = components.as_at()
scorecard = data.scorecard(as_at)
scorecard = scorecard[scorecard["region_code"] == region["region_code"]]
components.banner_and_source(SOURCES, scorecard["provenance"])
if scorecard.empty:
    st.info(t("scorecard_none_ended"))
else:
    checks = data.consistency_checks()
    checks = checks[checks["floor_is_weaker"] & checks["floor_target_code"].isin(scorecard["target_code"])
                    & (checks["set_for_region_code"] == region["region_code"])]
    for check in checks.drop_duplicates(["floor_target_code", "level_required"]).to_dict("records"):
        st.info(safe_text.markdown_text(wording.consistency_note(check)))
    outcomes = outcome_rows(scorecard)
    components.table(outcomes, {"target": t("target"), "deadline_figure": t("deadline_figure"),
                                "target_text": t("scorecard_target"), "outcome": t("outcome"),
                                "met_later": t("met_later"), "latest": t("latest_figure"), "plan": t("plan")},
                     file_name="scorecard.csv", key="scorecard_table", layout=components.WRAPPED,
                     statuses={"outcome": dict(zip(outcomes["outcome"], outcomes["outcome_colour"]))})

st.subheader(t("regimes_title"))
components.table(regime_rows(data.target_regimes()),
                 {"plan_title": t("plan"), "issuing_body": t("issuing_body"), "issued": t("issued"),
                  "deadline_year": t("deadline_year"), "status": t("status"), "checked": t("source_checked"),
                  "source": t("source_document")},
                 file_name="target_regimes.csv", key="regimes_table", layout=components.WRAPPED)
