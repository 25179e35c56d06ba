"""The quarter calendar, in one place: which quarter a day falls in, a quarter's last day, a month's last day,
and the quarters between two days (pandas `Period`, so that no module counts months by hand). dbt's SQL has
its own single owner, `macros/quarter_end.sql`."""
from __future__ import annotations

import datetime as dt

import pandas as pd


def quarter_holding(day: dt.date) -> pd.Period:
    return pd.Period(day, freq="Q")


def quarter_number(day: dt.date) -> int:
    """1–4."""
    return quarter_holding(day).quarter


def quarter_code(day: dt.date) -> str:
    """The quarter a day falls in, as submissions and coverage keys write it: 2025Q4."""
    return str(quarter_holding(day))


def quarter_end(year: int, number: int) -> dt.date:
    """The last day of quarter `number` (1–4) of `year`."""
    return pd.Period(year=year, quarter=number, freq="Q").end_time.date()


def end_of_quarter_holding(day: dt.date) -> dt.date:
    return quarter_holding(day).end_time.date()


def is_quarter_end(day: dt.date) -> bool:
    return day == end_of_quarter_holding(day)


def month_end(year: int, month: int) -> dt.date:
    return pd.Period(year=year, month=month, freq="M").end_time.date()


def quarters_between(first: dt.date, last: dt.date) -> list[str]:
    """Every quarter from the one holding `first` to the one holding `last`, e.g. 2025Q2, 2025Q3."""
    return [str(period) for period in pd.period_range(quarter_holding(first), quarter_holding(last), freq="Q")]


def quarter_ends_before(first: dt.date, before: dt.date) -> list[dt.date]:
    """The last days of the quarters from the one holding `first`, each earlier than `before`."""
    ends, period = [], quarter_holding(first)
    while (end := period.end_time.date()) < before:
        ends.append(end)
        period += 1
    return ends
