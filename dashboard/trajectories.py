"""Required paths drawn beside the actual series: steady compound growth from the baseline, either at a floor
rate (green loans ≥ 20 % a year) or at the rate that lands exactly on a target (90亿元, −17 %) at the deadline.

Time is counted as the dbt models count it (macro `decimal_year`): the end of a day as a decimal year, so year
ends are whole years apart and a quarter end is the part of a year it is.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence


def decimal_year(day: dt.date) -> float:
    days_in_year = (dt.date(day.year + 1, 1, 1) - dt.date(day.year, 1, 1)).days
    return day.year + day.timetuple().tm_yday / days_in_year


def years_between(start: dt.date, end: dt.date) -> float:
    return decimal_year(end) - decimal_year(start)


def quarter_ends(start: dt.date, end: dt.date) -> list[dt.date]:
    """Every quarter end from start to end inclusive (start and end are quarter ends)."""
    days, month, year = [], start.month, start.year
    while (year, month) <= (end.year, end.month):
        next_month_first = dt.date(year + month // 12, month % 12 + 1, 1)
        days.append(next_month_first - dt.timedelta(days=1))
        month, year = (month + 3, year) if month <= 9 else (month - 9, year + 1)
    return days


def compound_path(start_value: float, start: dt.date, annual_rate_pct: float,
                  days: Sequence[dt.date]) -> list[float]:
    """start_value growing at annual_rate_pct a year, at each of days."""
    return [start_value * (1 + annual_rate_pct / 100) ** years_between(start, day) for day in days]


def path_to_level(start_value: float, start: dt.date, end_value: float, end: dt.date,
                  days: Sequence[dt.date]) -> list[float]:
    """The steady compound path from start_value at start to end_value at end."""
    rate = (end_value / start_value) ** (1 / years_between(start, end)) - 1
    return compound_path(start_value, start, 100 * rate, days)
