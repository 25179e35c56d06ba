"""Which targets a reader sees under which heading at a quarter end, the one owner of that grouping for the
dashboard's overview and the leading group's briefing: once a plan's deadline has passed, that plan's final
scorecard (newest plan first); then the targets still running, the pilot zone's own and those set for the
region it lies in (the city's 2027 targets), by deadline.

Pure functions of the rows of fct_indicator_progress_as_of at one as-of date, joined to dim_indicator's
set_for_region_code and dim_region's is_pilot_zone and parent_region_code."""
from __future__ import annotations

import datetime as dt

import pandas as pd


def ended_plans(pilot: pd.DataFrame, as_at: dt.date) -> list[pd.DataFrame]:
    """The pilot zone's targets grouped by plan (regime), for every plan whose deadline has passed by `as_at`,
    the plan that ended last first."""
    ended = pilot[pilot["target_deadline"] <= as_at]
    groups = [rows for _, rows in ended.groupby("regime_code")]
    return sorted(groups, key=lambda rows: rows["target_deadline"].max(), reverse=True)


def current_targets(progress: pd.DataFrame, pilot: pd.DataFrame, as_at: dt.date) -> pd.DataFrame:
    """The pilot zone's targets still running at `as_at`, and those set for its parent region (judged on the
    parent's figures), by deadline and the registry's order."""
    own = pilot[pilot["target_deadline"] > as_at]
    parent_code = pilot["parent_region_code"].iloc[0]
    parent = progress[(progress["region_code"] == parent_code) & (progress["set_for_region_code"] == parent_code)
                      & (progress["target_deadline"] > as_at)]
    return pd.concat([own, parent]).sort_values(["target_deadline", "display_order"])


def headline_target(pilot: pd.DataFrame, measure_code: str, as_at: dt.date, target_kind: str | None = None) -> dict | None:
    """The target a measure of the pilot zone is reported against at `as_at` (the briefing's sentences and
    charts): the first still running with a value set, else the one of the plan that ended last; None if the
    measure has no target set. `target_kind` narrows it (a level target, not the growth targets of the same
    balance)."""
    rows = pilot[(pilot["measure_code"] == measure_code) & pilot["target_value"].notna()]
    if target_kind:
        rows = rows[rows["target_kind"] == target_kind]
    if rows.empty:
        return None
    running = rows[rows["target_deadline"] > as_at].sort_values(["target_deadline", "display_order"])
    chosen = running.iloc[0] if not running.empty else rows.sort_values(["target_deadline", "display_order"]).iloc[-1]
    return chosen.to_dict()
