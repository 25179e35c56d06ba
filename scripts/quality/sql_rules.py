"""The suites' expectations evaluated by DuckDB, for a frame too long for GX's pandas engine.

GX's SQL datasource on DuckDB returns empty metrics for most expectations (duckdb-engine loses a query's rows once
GX has closed its connection), and its pandas engine needs the whole frame as Python objects, row rule by row
rule: at millions of rows that is most of a refresh. So a long frame's expectations, the same `gxe.*` objects
expectations/suites.py configures, are rendered here as DuckDB SQL with GX's pandas semantics (what counts as
missing, what is unexpected, which values are reported), evaluated in one scan of the frame (and one more per
uniqueness rule), and their results written as GX's own `ExpectationValidationResult`s, so that the run report
and the Data Docs read them as any other. tests/test_sql_rules.py holds both engines to the same outcomes.

An expectation type or argument without a rendering here raises `NotImplementedError`: a suite that gains a new
kind of rule fails its test until the rule is rendered, rather than being skipped on long frames.
"""
from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pandas as pd

from scripts.configuration.db import quoted

# How many unexpected values a result lists (GX's `partial_unexpected_count` default).
PARTIAL_VALUES = 20
# GX's pandas engine treats NaN in a float column as missing; DuckDB treats it as a number.
FLOAT_TYPES = {"DOUBLE", "FLOAT", "REAL"}
# The strftime formats rendered, each as Python's `strptime` reads it: the text it accepts (a 4-digit year,
# a month and day with or without a leading zero, or a space before a one-digit day) and DuckDB's format for
# the calendar check (2024-02-30 has the shape but is no date).
STRPTIME = {"%Y-%m-%d": (r"^[0-9]{4}-(1[0-2]|0[1-9]|[1-9])-(3[01]|[12][0-9]|0[1-9]|[1-9]| [1-9])$", "%Y-%m-%d")}


def python_regex(pattern: str) -> str:
    """A Python pattern as RE2 reads it the same way: Python's `$` also matches before a final newline (GX
    uses `str.contains`, a search). The suites' patterns use nothing else that differs (`[0-9]`, not `\\d`)."""
    if pattern.endswith("$") and not pattern.endswith("\\$"):
        return pattern[:-1] + r"\n?$"
    return pattern


@dataclass
class Rendered:
    """One expectation as SQL over the frame: the rows it looks at (GX: not missing; never with a parameter), of
    those the rows that break it, the values a result reports for a row, and the parameters of `unexpected`."""
    considered: str
    unexpected: str
    reported: list[str]
    parameters: list
    # Columns whose repeats are unexpected (a uniqueness rule): `unexpected` is then computed over a window.
    repeated_over: list[str] | None = None
    reported_as: str = "value"  # "value", "pair" (a list [A, B]) or "mapping" ({column: value})
    table_level: bool = False
    # GX reports missing values for every row rule but the one about them.
    reports_missing: bool = True


def render(expectation, column_types: dict[str, str]) -> Rendered:
    """The SQL of one expectation, for a frame whose columns have `column_types` (DuckDB type names)."""
    kind = expectation.expectation_type
    config = expectation.configuration.kwargs

    def missing(column: str) -> str:
        if column not in column_types:
            raise KeyError(f"{kind}: the frame has no column {column!r}")
        nan = f" or isnan({quoted(column)})" if column_types[column] in FLOAT_TYPES else ""
        return f"({quoted(column)} is null{nan})"

    def not_missing(column: str) -> str:
        return f"not {missing(column)}"

    def listed(column: str) -> str:
        # A semi-join on the value set, not list_contains: a list is searched value by value, and a set of
        # 13,000 institutions over 6.4 million rows is minutes where the join is a fraction of a second.
        return f"{quoted(column)} in (select unnest(?))"

    def between(column: str) -> tuple[str, list]:
        conditions, parameters = [], []
        for bound, operator, strict_operator, strict in (("min_value", ">=", ">", "strict_min"),
                                                         ("max_value", "<=", "<", "strict_max")):
            if config.get(bound) is not None:
                conditions.append(f"{quoted(column)} {strict_operator if config.get(strict) else operator} ?")
                parameters.append(config[bound])
        return " and ".join(conditions) or "true", parameters

    column = config.get("column")
    if kind == "expect_column_values_to_not_be_null":
        return Rendered("true", missing(column), [column], [], reports_missing=False)
    if kind == "expect_column_values_to_be_in_set":
        return Rendered(not_missing(column), f"not ({listed(column)})", [column], [list(config["value_set"])])
    if kind == "expect_column_values_to_not_be_in_set":
        return Rendered(not_missing(column), listed(column), [column], [list(config["value_set"])])
    if kind == "expect_column_values_to_match_regex":
        return Rendered(not_missing(column), f"not regexp_matches({quoted(column)}::varchar, ?)", [column],
                        [python_regex(config["regex"])])
    if kind == "expect_column_values_to_match_strftime_format":
        if config["strftime_format"] not in STRPTIME:
            raise NotImplementedError(f"{kind}: no SQL rendering of the format {config['strftime_format']!r}")
        shape, duckdb_format = STRPTIME[config["strftime_format"]]
        text = f"{quoted(column)}::varchar"
        return Rendered(not_missing(column), f"not coalesce(regexp_matches({text}, ?) and "
                        f"try_strptime(replace({text}, ' ', ''), ?) is not null, false)", [column],
                        [shape, duckdb_format])
    if kind == "expect_column_values_to_be_between":
        condition, parameters = between(column)
        return Rendered(not_missing(column), f"not ({condition})", [column], parameters)
    if kind == "expect_column_values_to_be_unique":
        return Rendered(not_missing(column), "", [column], [], repeated_over=[column])
    if kind == "expect_compound_columns_to_be_unique":
        columns = list(config["column_list"])
        if config.get("ignore_row_if", "all_values_are_missing") != "all_values_are_missing":
            raise NotImplementedError(f"{kind}: ignore_row_if={config['ignore_row_if']!r} is not rendered")
        considered = "not (" + " and ".join(missing(name) for name in columns) + ")"
        return Rendered(considered, "", columns, [], repeated_over=columns, reported_as="mapping")
    if kind == "expect_column_pair_values_a_to_be_greater_than_b":
        a, b = config["column_A"], config["column_B"]
        if config.get("ignore_row_if") != "either_value_is_missing":
            raise NotImplementedError(f"{kind}: ignore_row_if={config.get('ignore_row_if')!r} is not rendered")
        operator = ">=" if config.get("or_equal") else ">"
        return Rendered(f"{not_missing(a)} and {not_missing(b)}", f"not ({quoted(a)} {operator} {quoted(b)})",
                        [a, b], [], reported_as="pair")
    if kind == "expect_table_row_count_to_be_between":
        return Rendered("true", "false", [], [], table_level=True)  # on the row count, checked in `validated`
    raise NotImplementedError(f"no SQL rendering of {kind}")


class Frame:
    """A frame (a view) as the rules read it: counted in place, in one scan for all plain rules and one more per
    uniqueness rule, and numbered in frame order (`_row`, from 0 as GX's pandas index) only to list the rows that
    break a rule. Not materialised: writing millions of rows to a table costs more than the scans."""

    def __init__(self, connection: duckdb.DuckDBPyConnection, frame: str) -> None:
        self.connection = connection
        self.view = frame
        self.numbered = f"(select *, row_number() over () - 1 as _row from {frame})"
        self.column_types = {name: str(kind) for name, kind in connection.execute(
            "select column_name, data_type from information_schema.columns where table_name = ?",
            [frame]).fetchall()}
        (self.rows,) = connection.execute(f"select count(*) from {frame}").fetchone()

    def whole(self) -> pd.DataFrame:
        """The frame as a pandas batch, in frame order, for GX's own engine."""
        return self.connection.execute(f"select * from {self.view}").df()

    def flagged(self, rule: Rendered) -> tuple[str, list]:
        """The rows a rule considers, numbered, with `_unexpected` telling those that break it, and the
        parameters."""
        if rule.repeated_over is None:
            return (f"(select *, ({rule.unexpected}) as _unexpected from {self.numbered} where {rule.considered})",
                    rule.parameters)
        key = ", ".join(quoted(column) for column in rule.repeated_over)
        return (f"(select *, count(*) over (partition by {key}) > 1 as _unexpected from {self.numbered} "
                f"where {rule.considered})", rule.parameters)

    def counts(self, rules: list[Rendered]) -> list[tuple[int, int]]:
        """(rows considered, rows unexpected) of each row rule: the plain rules in one scan, each uniqueness rule
        in one more."""
        found: dict[int, tuple[int, int]] = {}
        plain = [(index, rule) for index, rule in enumerate(rules) if rule.repeated_over is None]
        if plain:
            selected, parameters = [], []
            for _, rule in plain:
                selected += [f"count(*) filter (where {rule.considered})",
                             f"count(*) filter (where ({rule.considered}) and ({rule.unexpected}))"]
                parameters += rule.parameters
            cells = iter(self.connection.execute(f"select {', '.join(selected)} from {self.view}",
                                                 parameters).fetchone())
            found.update((index, (next(cells), next(cells))) for index, _ in plain)
        for index, rule in enumerate(rules):
            if rule.repeated_over is not None:
                # Counted by key in an aggregate, not over a window (a sort: the window is for the failing rows
                # alone, `flagged`); first by the key's hash, which is half the work of the key's columns: equal
                # keys have equal hashes, so only when two hashes meet are the keys themselves counted.
                key = ", ".join(quoted(column) for column in rule.repeated_over)
                considered, unexpected = self.repeated_rows(f"hash({key})", rule)
                if unexpected:
                    considered, unexpected = self.repeated_rows(key, rule)
                found[index] = (considered, unexpected)
        return [found[index] for index in range(len(rules))]

    def repeated_rows(self, grouping: str, rule: Rendered) -> tuple[int, int]:
        """(rows considered, rows whose `grouping` value another considered row shares)."""
        considered, repeated = self.connection.execute(
            f"select coalesce(sum(rows), 0), coalesce(sum(rows) filter (where rows > 1), 0) from "
            f"(select count(*) as rows from {self.view} where {rule.considered} group by {grouping})",
            rule.parameters).fetchone()
        return int(considered), int(repeated)

    def unexpected_rows(self, rule: Rendered, limit: int) -> pd.DataFrame:
        """The first `limit` rows that break a rule, in frame order, indexed by their place in the frame."""
        source, parameters = self.flagged(rule)
        rows = self.connection.execute(f"select * exclude (_unexpected) from {source} where _unexpected "
                                       f"order by _row limit {int(limit)}", parameters).df()
        return rows.set_index("_row").rename_axis(None)


def reported(rule: Rendered, rows: pd.DataFrame) -> list:
    """The values a result lists for its unexpected rows, shaped as GX's pandas engine shapes them."""
    if rule.reported_as == "mapping":
        return rows[rule.reported].to_dict("records")
    if rule.reported_as == "pair":
        return [list(pair) for pair in rows[rule.reported].itertuples(index=False)]
    return rows[rule.reported[0]].tolist()


def percent(part: int, whole: int) -> float | None:
    return part / whole * 100 if whole else None


def validated(frame: Frame, expectations: list, rows_kept: int) -> list[tuple[object, pd.DataFrame]]:
    """Each expectation's GX result on the frame, with the frame rows that break it (at most `rows_kept`, which the
    result's unexpected lists also keep), in the expectations' order."""
    from great_expectations.core import ExpectationValidationResult

    rendered = [render(expectation, frame.column_types) for expectation in expectations]
    row_rules = [rule for rule in rendered if not rule.table_level]
    counted = iter(frame.counts(row_rules))
    answers = []
    for expectation, rule in zip(expectations, rendered):
        configuration = expectation.configuration
        if rule.table_level:
            bounds = configuration.kwargs
            success = ((bounds.get("min_value") is None or frame.rows >= bounds["min_value"])
                       and (bounds.get("max_value") is None or frame.rows <= bounds["max_value"]))
            answers.append((ExpectationValidationResult(success=success, expectation_config=configuration,
                                                        result={"observed_value": frame.rows}), no_rows()))
            continue
        considered, unexpected = next(counted)
        bad = frame.unexpected_rows(rule, rows_kept) if unexpected else no_rows()
        values = reported(rule, bad) if unexpected else []
        missing = frame.rows - considered
        result = {
            "element_count": frame.rows, "unexpected_count": unexpected,
            "unexpected_percent": percent(unexpected, considered),
            "partial_unexpected_list": values[:PARTIAL_VALUES],
            "partial_unexpected_counts": value_counts(frame, rule) if unexpected else [],
            "partial_unexpected_index_list": bad.index[:PARTIAL_VALUES].tolist(),
            "unexpected_list": values, "unexpected_index_list": bad.index.tolist(),
        }
        if rule.reports_missing:
            result.update(missing_count=missing, missing_percent=percent(missing, frame.rows),
                          unexpected_percent_total=percent(unexpected, frame.rows),
                          unexpected_percent_nonmissing=percent(unexpected, considered))
        answers.append((ExpectationValidationResult(success=unexpected == 0, expectation_config=configuration,
                                                    result=result), bad))
    return answers


def no_rows() -> pd.DataFrame:
    """The unexpected rows of a rule that no row breaks."""
    return pd.DataFrame()


def value_counts(frame: Frame, rule: Rendered) -> list[dict]:
    """GX's `partial_unexpected_counts`, over every unexpected row (not only the rows kept): the most frequent
    values (a pair or a compound key as a tuple), first seen first among equals, then sorted by count and value."""
    source, parameters = frame.flagged(rule)
    columns = ", ".join(quoted(column) for column in rule.reported)
    counted = frame.connection.execute(
        f"select {columns}, count(*) as _count from {source} where _unexpected group by {columns} "
        f"order by _count desc, min(_row) limit {PARTIAL_VALUES}", parameters).fetchall()
    values = [(row[0] if rule.reported_as == "value" else tuple(row[:-1]), row[-1]) for row in counted]
    try:
        return [{"value": value, "count": count} for value, count in sorted(values, key=lambda x: (-x[1], x[0]))]
    except TypeError:  # values that do not sort (None beside text), as GX words it
        return [{"error": "partial_exception_counts requires a hashable type"}]
