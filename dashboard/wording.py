"""How a target's progress is put into words and numbers on the dashboard.

Pure functions of one row of `fct_indicator_progress_latest` and a language, so they are tested without a
browser: every figure carries its unit, a target the city has not set reads "not set", never 0.
"""
from __future__ import annotations

import datetime as dt
import pandas as pd

from dashboard.i18n import language, t

COMPARISON_SYMBOLS = {">=": "≥", ">": ">", "<=": "≤", "<": "<"}
CHANGE_KINDS = ("pct_change_vs_baseline", "annual_rate_floor")


def missing(value) -> bool:
    """None, NaN or NaT: how a database NULL arrives through pandas."""
    return value is None or bool(pd.isna(value))


def quantity(value: float, unit: str, signed: bool = False) -> str:
    """A number with its unit: one decimal for percentages, two (three below 1) otherwise."""
    sign = "+" if signed else ""
    if unit.startswith("%"):
        return f"{value:{sign}.1f}{unit}"
    decimals = 2 if abs(value) >= 1 else 3
    return f"{value:{sign},.{decimals}f} {unit}"


def exact(value: float, unit: str, signed: bool = False) -> str:
    """A target as the plan writes it: no trailing zeros (90 亿元, 225.98 万立方米, −17%)."""
    text = f"{value:{'+' if signed else ''},.4f}".rstrip("0").rstrip(".")
    return f"{text}{unit}" if unit.startswith("%") else f"{text} {unit}"


def _deadline_year(row) -> int:
    return row["target_deadline"].year


def target_text(row, lang: str | None = None) -> str:
    """The target as stated: "90 亿元", "+200%", "20% 每年"; "not set" for a city-set target with no value."""
    if missing(row["target_value"]):
        return t("target_not_set", lang)
    text = exact(row["target_value"], row["target_unit"], signed=row["target_kind"] == "pct_change_vs_baseline")
    if row["target_kind"] == "annual_rate_floor":
        text += f" {t('every_year', lang)}"
    return text


def target_line(row, lang: str | None = None) -> str:
    """"Target ≥ 90 亿元 by 2025-12-31"."""
    if missing(row["target_value"]):
        return t("target_not_set", lang)
    return t("target_and_deadline", lang, comparison=COMPARISON_SYMBOLS[row["comparison"]],
             target=target_text(row, lang), deadline=row["target_deadline"].isoformat())


def headline(row, lang: str | None = None) -> str:
    """The value the status is judged on, in the target's terms: a change for % targets, else the level."""
    if missing(row["as_of_date"]):
        return t("no_data", lang)
    if missing(row["value_in_target_unit"]):  # a % change without a baseline: show the level, not a change
        return quantity(row["value"], row["unit"])
    return quantity(row["value_in_target_unit"], row["target_unit"],
                    signed=row["target_kind"] == "pct_change_vs_baseline")


def level_caption(row, lang: str | None = None) -> str:
    """"as of 2024-12-31", plus the level itself when the headline is a change."""
    if missing(row["as_of_date"]):
        return ""
    caption = t("as_of", lang, date=row["as_of_date"].isoformat())
    if row["target_kind"] in CHANGE_KINDS and not missing(row["value"]):
        caption += f" · {quantity(row['value'], row['unit'])}"
    return caption


def newer_figure(row, lang: str | None = None) -> str:
    """After the deadline the verdict is taken at the deadline; the newest figure is shown beside it."""
    if missing(row["latest_period_end"]) or missing(row["as_of_date"]) \
            or row["latest_period_end"] == row["as_of_date"] or missing(row["latest_value_in_target_unit"]):
        return ""
    return t("newer_figure", lang, date=row["latest_period_end"].isoformat(),
             value=quantity(row["latest_value_in_target_unit"], row["target_unit"],
                            signed=row["target_kind"] == "pct_change_vs_baseline"))


def _with_level(row, lang: str | None) -> str:
    """"+200%（即 90 亿元）": a % change target also said as the level it means."""
    text = exact(row["target_value"], row["target_unit"], signed=row["target_kind"] == "pct_change_vs_baseline")
    if row["target_kind"] == "pct_change_vs_baseline" and not missing(row["target_level"]):
        text += t("words_level_of", lang, level=exact(row["target_level"], row["unit"]))
    return text


def plain_words(row, lang: str | None = None) -> str:
    """One sentence a leader can act on: what is needed, or what happened."""
    status = row["status_code"]
    symbol = COMPARISON_SYMBOLS.get(row["comparison"], row["comparison"])
    if status == "target_not_set":
        if missing(row["as_of_date"]):
            return t("words_not_set_no_data", lang)
        return t("words_not_set", lang, value=headline(row, lang))
    if status == "insufficient_data":
        return t("words_insufficient", lang)
    if status == "achieved":
        return t("words_achieved", lang, value=headline(row, lang), comparison=symbol, target=target_text(row, lang))
    if status == "not_achieved":
        if not missing(row["years_below_target_list"]):
            separator = "、" if (lang or language()) == "zh" else ", "
            return t("words_floor_missed", lang, years=separator.join(row["years_below_target_list"].split(",")),
                     target=exact(row["target_value"], row["target_unit"]))
        return t("words_final_missed", lang, year=_deadline_year(row), value=headline(row, lang), comparison=symbol,
                 target=target_text(row, lang))
    # Still open: the growth needed from the latest value to reach the target by the deadline.
    if row["target_kind"] == "annual_rate_floor":
        return t("words_floor_needed", lang, year=_deadline_year(row),
                 target=exact(row["target_value"], row["target_unit"]), value=headline(row, lang))
    needed = row["needed_growth_rate"]
    if missing(needed):
        return t("words_insufficient", lang)
    if row["target_kind"] == "cumulative":
        return t("words_cumulative", lang, rate=quantity(needed, row["unit"]), year=_deadline_year(row),
                 target=exact(row["target_value"], row["target_unit"]))
    key = "words_grow" if needed >= 0 else "words_fall"
    return t(key, lang, rate=f"{abs(needed):.1f}%", year=_deadline_year(row), target=_with_level(row, lang))


def deadline_countdown(deadline: dt.date, today: dt.date, lang: str | None = None) -> str:
    days = (deadline - today).days
    if days > 0:
        return t("days_left", lang, days=days)
    if days == 0:
        return t("deadline_today", lang)
    return t("deadline_passed", lang, days=-days)

