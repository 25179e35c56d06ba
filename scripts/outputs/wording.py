"""How a target's progress is put into words and numbers, on the dashboard and in the CLI summary.

Pure functions of one row of `fct_indicator_progress_as_of` and a language, so they are tested without a
browser: every figure carries its unit, a target the city has not set reads "not set", never 0, a change is
said the Chinese way (降低 15.5%, not -15.5%), and dates are said as periods (2025 年末, 2026 年二季度末).
"""
from __future__ import annotations

import datetime as dt

import pandas as pd

from scripts.configuration import quarters, text
from scripts.configuration.text import t

COMPARISON_SYMBOLS = {">=": "≥", ">": ">", "<=": "≤", "<": "<"}
CHANGE_KINDS = ("pct_change_vs_baseline", "annual_rate_floor")


def missing(value) -> bool:
    """None, NaN or NaT: how a database NULL arrives through pandas."""
    return value is None or bool(pd.isna(value))


def quantity(value: float, unit: str, signed: bool = False) -> str:
    """A level with its unit: two decimals (three below 1). A share keeps two decimals too, so that 14.96 % is
    never shown as the 15.0 % it falls short of; changes and growth rates have one (see `change`)."""
    sign = "+" if signed else ""
    if unit.startswith("%"):
        return f"{value:{sign}.2f}{unit}"
    decimals = 2 if abs(value) >= 1 else 3
    return f"{value:{sign},.{decimals}f} {unit}"


def exact(value: float, unit: str, signed: bool = False) -> str:
    """A target as the plan writes it: no trailing zeros (90 亿元, 225.98 万立方米, −17%)."""
    text = f"{value:{'+' if signed else ''},.4f}".rstrip("0").rstrip(".")
    return f"{text}{unit}" if unit.startswith("%") else f"{text} {unit}"


QUARTER_NAMES_ZH = "一二三四"


def _lang(lang: str | None) -> str:
    return lang or text.current_language()


def period_label(day: dt.date, lang: str | None = None) -> str:
    """A period end as readers say it: "2025 年末" / "end-2025", "2026 年二季度末" / "end of 2026 Q2"."""
    if (day.month, day.day) == (12, 31):
        return t("period_year_end", lang, year=day.year)
    quarter = quarters.quarter_number(day)
    if quarters.is_quarter_end(day):
        return t("period_quarter_end", lang, year=day.year, quarter=quarter, quarter_zh=QUARTER_NAMES_ZH[quarter - 1])
    return day.isoformat()


def quarter_name(day: dt.date, lang: str | None = None) -> str:
    """"2025 年四季度" / "2025 Q4": the quarter a quarter end closes."""
    quarter = quarters.quarter_number(day)
    return t("quarter_name", lang, year=day.year, quarter=quarter, quarter_zh=QUARTER_NAMES_ZH[quarter - 1])


def as_at_label(day: dt.date | None, latest: dt.date, lang: str | None = None) -> str:
    """The as-of selector's options: "最新（截至 2026 年三季度）" for the newest picture, else "截至 2025 年四季度"."""
    if day is None:
        return t("as_at_latest", lang, quarter=quarter_name(latest, lang))
    return t("as_at_quarter", lang, quarter=quarter_name(day, lang))


def change(value: float, lang: str | None = None, *, digits: int | None = 1, unit: str = "%") -> str:
    """A change the way the reader's language says it: "增长 5.0%" / "降低 15.5%" / "持平", "+5.0%" / "−15.5%".
    The one owner of how a change is written (cards, sentences and tables). digits=None writes the number as the
    plan does (no trailing zeros)."""
    if digits is not None and round(value, digits) == 0:
        return t("change_none", lang)
    number = f"{abs(value):.{digits}f}" if digits is not None else exact(abs(value), "").strip()
    text = number + unit if unit.startswith("%") or not unit else f"{number} {unit}"
    return t("change_up" if value >= 0 else "change_down", lang, value=text)


def _deadline_year(row) -> int:
    return row["target_deadline"].year


# A target without a value is awaited from the city (市级下达) or, for the district's own later targets, from
# the district: the words say whom. (the target, the sentence with a figure, the sentence without one)
NOT_SET_KEYS = {"city": ("target_not_set", "words_not_set", "words_not_set_no_data"),
                "district": ("target_not_set_by_district", "words_not_set_by_district",
                             "words_not_set_by_district_no_data")}


def _not_set(row) -> tuple[str, str, str]:
    return NOT_SET_KEYS["district" if row.get("set_by") == "district" else "city"]


def target_text(row, lang: str | None = None) -> str:
    """The target as stated: "90 亿元", "较 2020 年增长 200%", "每年增长 20%"; "not set" for a city-set target."""
    if missing(row["target_value"]):
        return t(_not_set(row)[0], lang)
    if row["target_kind"] == "pct_change_vs_baseline":
        return t("change_since", lang, year=row["baseline_year"], change=change(row["target_value"], lang, digits=None))
    if row["target_kind"] == "annual_rate_floor":
        return t("change_every_year", lang, change=change(row["target_value"], lang, digits=None))
    return exact(row["target_value"], row["target_unit"])


def target_line(row, lang: str | None = None) -> str:
    """"目标 ≥ 90 亿元，期限 2025 年末"; a change target says "at least" in words, not with a symbol."""
    if missing(row["target_value"]):
        return t(_not_set(row)[0], lang)
    comparison = "" if row["target_kind"] in CHANGE_KINDS else f"{COMPARISON_SYMBOLS[row['comparison']]} "
    return t("target_and_deadline", lang, comparison=comparison, target=target_text(row, lang),
             deadline=period_label(row["target_deadline"], lang))


def _value_in_target_terms(value: float, row, lang: str | None) -> str:
    if row["target_kind"] == "pct_change_vs_baseline":
        return change(value, lang)
    if row["target_kind"] == "annual_rate_floor":
        return t("change_year_on_year", lang, change=change(value, lang))
    return quantity(value, row["target_unit"])


def value_in_target_terms(value: float, row, lang: str | None = None) -> str:
    """A figure said as the target is: a change for % targets, year-on-year growth for floors, else the level."""
    return _value_in_target_terms(value, row, lang)


def headline(row, lang: str | None = None) -> str:
    """The value the status is judged on, in the target's terms: a change for % targets, else the level."""
    if missing(row["as_of_date"]):
        return t("no_data", lang)
    if missing(row["value_in_target_unit"]):
        if row["target_kind"] == "annual_rate_floor":  # a balance is no growth rate
            return t("no_growth_rate", lang)
        return quantity(row["value"], row["unit"])  # a % change without a baseline: the level, not a change
    return _value_in_target_terms(row["value_in_target_unit"], row, lang)


def headline_label(row, lang: str | None = None) -> str:
    """What the big number is: "2025 年末" / "End-2025" - the date of the figure the status is judged on."""
    if missing(row["as_of_date"]):
        return t("figure_judged", lang)
    return t("figure_at", lang, period=period_label(row["as_of_date"], lang))


def level_caption(row, lang: str | None = None) -> str:
    """The level itself when the headline is a change ("88.35 亿元"); empty otherwise."""
    if missing(row["as_of_date"]) or row["target_kind"] not in CHANGE_KINDS or missing(row["value"]):
        return ""
    if missing(row["value_in_target_unit"]):
        return ""
    return t("level_is", lang, level=quantity(row["value"], row["unit"]))


def newer_figure(row, lang: str | None = None) -> str:
    """After the deadline the verdict is taken at the deadline; the newest figure is shown beside it."""
    if missing(row["latest_period_end"]) or missing(row["as_of_date"]) \
            or row["latest_period_end"] == row["as_of_date"] or missing(row["latest_value_in_target_unit"]):
        return ""
    return t("newer_figure", lang, period=period_label(row["latest_period_end"], lang),
             value=_value_in_target_terms(row["latest_value_in_target_unit"], row, lang))


def _with_level(row, lang: str | None) -> str:
    """"较 2020 年增长 200%（即 90 亿元）": a % change target also said as the level it means."""
    text = target_text(row, lang)
    if row["target_kind"] == "pct_change_vs_baseline" and not missing(row["target_level"]):
        text += t("words_level_of", lang, level=exact(row["target_level"], row["unit"]))
    return text


def plain_words(row, lang: str | None = None) -> str:
    """One sentence a leader can act on: what is needed, or what happened."""
    status = row["status_code"]
    symbol = COMPARISON_SYMBOLS.get(row["comparison"], row["comparison"])
    if status == "target_not_set":
        if missing(row["as_of_date"]):
            return t(_not_set(row)[2], lang)
        return t(_not_set(row)[1], lang, value=headline(row, lang))
    if status == "insufficient_data":
        return t("words_insufficient", lang)
    comparison = "" if row["target_kind"] in CHANGE_KINDS else f"{symbol} "
    if status == "achieved":
        return t("words_achieved", lang, value=headline(row, lang), comparison=comparison,
                 target=target_text(row, lang), period=period_label(row["as_of_date"], lang))
    if status == "final_not_reported":
        # Past the deadline without its figure: never a growth needed for a past date.
        return t("words_final_not_reported", lang, deadline=period_label(row["target_deadline"], lang),
                 period=period_label(row["as_of_date"], lang), trend=row[f"trend_status_name_{_lang(lang)}"])
    if status == "not_achieved":
        if not missing(row["years_below_target_list"]):
            separator = "、" if _lang(lang) == "zh" else ", "
            return t("words_floor_missed", lang, years=separator.join(row["years_below_target_list"].split(",")),
                     target=exact(row["target_value"], row["target_unit"]))
        words = t("words_final_missed", lang, deadline=period_label(row["target_deadline"], lang),
                  value=headline(row, lang), comparison=comparison, target=target_text(row, lang))
        if not missing(row.get("met_after_deadline_on")):
            words += t("words_met_later", lang, period=period_label(row["met_after_deadline_on"], lang))
        return words
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


def status_reason(row, lang: str | None = None) -> str:
    """Why a status is what it is, in words (the per-indicator page): the rule, or the reason code's text."""
    reason = row.get("status_reason")
    if not missing(reason):
        return t(f"reason_{reason}", lang)
    if row["status_code"] in ("on_track", "acceleration_needed", "limited_progress") \
            and not missing(row["growth_ratio"]):
        return t("reason_growth_ratio", lang, ratio=f"{row['growth_ratio']:.2f}",
                 observed=f"{row['observed_growth_rate']:.1f}", required=f"{row['required_growth_rate']:.1f}",
                 unit=row["growth_rate_unit"])
    return ""


def deadline_countdown(deadline: dt.date, today: dt.date, lang: str | None = None) -> str:
    """Days to or since the deadline, counted from `today` (the as-of date when looking back)."""
    days = (deadline - today).days
    if days > 0:
        return t("days_left", lang, count=days)
    if days == 0:
        return t("deadline_today", lang)
    return t("deadline_passed", lang, count=-days)



def _percent(share: float) -> str:
    """A share as a percentage; a probability this close to certain is said as "> 99.9%", never "100%"."""
    if share >= 0.9995:
        return "> 99.9%"
    if 0 < share <= 0.0005:
        return "< 0.1%"
    return f"{100 * share:.1f}%"


def _name_or(row, field: str, fallback: str) -> str:
    name = row.get(field)
    return fallback if missing(name) else name


def outlook_lines(row, lang: str | None = None) -> list[str]:
    """The verdicts beside the Open SDG status while a target runs (fct_indicator_outlook): the long- and
    short-term trends, the probability of meeting it, the recency-weighted projection and its gap, and the
    growth still needed a year and a quarter. Empty once the deadline has passed or the target is not set."""
    if row["status_code"] in ("target_not_set", "final_not_reported", "not_achieved") or missing(row["as_of_date"]) \
            or row["as_of_date"] >= row["target_deadline"]:
        return []
    language = _lang(lang)
    unknown = t("outlook_not_available", lang)
    lines = [t("outlook_trends", lang, long=_name_or(row, f"long_term_trend_name_{language}", unknown),
               short=_name_or(row, f"short_term_trend_name_{language}", unknown))]
    if not missing(row.get("probability_of_meeting_target")):
        lines.append(t("outlook_probability", lang, probability=_percent(row["probability_of_meeting_target"])))
    if not missing(row.get("projected_value_recency_weighted")) and not missing(row.get("anticipated_gap")):
        projected = quantity(row["projected_value_recency_weighted"], row["unit"])
        lines.append(t("outlook_projection_met", lang, projected=projected) if row["anticipated_gap"] <= 0 else
                     t("outlook_projection_short", lang, projected=projected, gap=_percent(row["anticipated_gap"])))
    per_year, per_quarter = row["needed_growth_rate"], row.get("needed_growth_rate_per_quarter")
    if row["status_code"] != "achieved" and not missing(per_year) and not missing(per_quarter) \
            and row["progress_method"] == "compound_growth":
        key = "outlook_needed" if per_year >= 0 else "outlook_needed_fall"
        lines.append(t(key, lang, per_year=f"{abs(per_year):.2f}%", per_quarter=f"{abs(per_quarter):.2f}%"))
    return lines


def consistency_note(check, lang: str | None = None) -> str:
    """Why the plan's green-loan conditions disagree, from fct_target_consistency_checks: the level the floor
    reaches (30 × 1.2⁵ = 74.6亿元) against the level required (90亿元), which needs 24.6 % a year."""
    unit = check["unit"]
    return t("consistency_note", lang, floor=f"{check['floor_rate']:g}%",
             baseline=exact(check["plan_baseline_value"], unit),
             year=int(check["target_year"]), reached=f"{check['level_reached_at_floor']:,.1f} {unit}",
             level=exact(check["level_required"], unit), needed=f"{check['growth_needed_for_level']:.1f}%")


def contribution_line(contribution, region: str, lang: str | None = None) -> str:
    """"长寿区占全市 0.83%，占 2024 年末以来全市增量的 0.82%（2026 年三季度末）" (fct_target_contributions)."""
    share = quantity(contribution["share_of_parent_pct"], "%")
    period = period_label(contribution["period_end"], lang)
    if missing(contribution["share_of_parent_growth_pct"]):
        return t("contribution_line_no_growth", lang, region=region, share=share, period=period)
    return t("contribution_line", lang, region=region, share=share, period=period,
             growth_share=quantity(contribution["share_of_parent_growth_pct"], "%"),
             baseline=period_label(contribution["baseline_date"], lang))
