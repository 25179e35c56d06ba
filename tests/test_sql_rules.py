"""The suites' expectations as DuckDB SQL (scripts/quality/sql_rules.py) give GX's own answers: the same rows
unexpected, missing and listed, on a frame of awkward values, with the counts worked out by hand."""
import math

import duckdb
import great_expectations as gx
import great_expectations.expectations as gxe
import pytest

from expectations.suites import ISO_DATE, PLAIN_NUMBER, SUITES, Reference
from scripts.quality import sql_rules
from scripts.quality.quality_gate import configured_suite, in_memory_context
from tests.conftest import REPO_ROOT

# Eight rows; the comments give, per column, what GX's pandas engine makes of each value.
AWKWARD_FRAME = """
create table awkward as select * from (values
    (  '12', '2024-01-05',  1.0::double,  true, 'a',    1, 'x', 3.0::double, 1.0::double),
    ('12\n',   '2024-1-5', -1.0,         false, 'b',    1, 'x', 1.0,         1.0),
    ('-3.5', '2024-01- 5', 'nan'::double,  null, 'z',    2, 'y', null,        2.0),
    ( '1,2',   '24-01-05', null,           true, null, null, null, 2.0,       5.0),
    (  null, '2024-02-30', 5.0,            true, 'a',  null, null, 'nan'::double, 1.0),
    ( 'abc', '2024-13-01', 0.0,            true, 'b',     3, 'z', 4.0,        4.0),
    (    '',         null, 'inf'::double, false, 'a',     3, 'w', 0.0,        null),
    ( '12 ', '02024-01-05', 2.5,           true, 'c',     1, 'x', 1.0,        2.0)
) as frame(text_cell, date_cell, number, flag, code, key_a, key_b, a, b)
"""

EXPECTATIONS = {
    # By hand: "12\n" matches (Python's $ before a final newline); "1,2", "abc", "" and "12 " do not; null skipped.
    "regex": (gxe.ExpectColumnValuesToMatchRegex(column="text_cell", regex=PLAIN_NUMBER), 4, 1),
    # By hand: 2024-1-5 and 2024-01- 5 parse with strptime; 24-01-05, 2024-02-30, 2024-13-01, 02024-01-05 do not.
    "date": (gxe.ExpectColumnValuesToMatchStrftimeFormat(column="date_cell", strftime_format=ISO_DATE), 4, 1),
    # By hand: -1.0 only; NaN and null are missing; inf is not negative.
    "not negative": (gxe.ExpectColumnValuesToBeBetween(column="number", min_value=0), 1, 2),
    # By hand: -1.0, 5.0 and inf are outside [0, 2.5]; 1.0, 0.0 and 2.5 inside.
    "range": (gxe.ExpectColumnValuesToBeBetween(column="number", min_value=0, max_value=2.5), 3, 2),
    "strict range": (gxe.ExpectColumnValuesToBeBetween(column="number", min_value=0, max_value=2.5,
                                                       strict_min=True, strict_max=True), 5, 2),
    # By hand: the two false flags; null skipped.
    "all true": (gxe.ExpectColumnValuesToBeInSet(column="flag", value_set=[True]), 2, 1),
    "listed code": (gxe.ExpectColumnValuesToBeInSet(column="code", value_set=["a", "b", "c"]), 1, 1),
    "unlisted code": (gxe.ExpectColumnValuesToNotBeInSet(column="code", value_set=["a"]), 3, 1),
    "filled in": (gxe.ExpectColumnValuesToNotBeNull(column="text_cell"), 1, None),  # GX counts no missing here
    "filled-in number": (gxe.ExpectColumnValuesToNotBeNull(column="number"), 2, None),  # NaN and null
    # By hand: key_a 1 three times and 3 twice: 5 rows; the two nulls skipped.
    "unique": (gxe.ExpectColumnValuesToBeUnique(column="key_a"), 5, 2),
    # By hand: (1, x) three times: 3 rows; the two rows missing both are ignored, (3, z) and (3, w) differ.
    "unique pair": (gxe.ExpectCompoundColumnsToBeUnique(column_list=["key_a", "key_b"]), 3, 2),
    # By hand: a ≥ b breaks at (2, 5) and (1, 2); rows with a or b missing (NaN is) are ignored: 3 of them.
    "a at least b": (gxe.ExpectColumnPairValuesAToBeGreaterThanB(
        column_A="a", column_B="b", or_equal=True, ignore_row_if="either_value_is_missing"), 2, 3),
    # By hand: (2, 5) and (1, 2) as above, and (1, 1) and (4, 4), equal, break a > b.
    "a above b": (gxe.ExpectColumnPairValuesAToBeGreaterThanB(
        column_A="a", column_B="b", ignore_row_if="either_value_is_missing"), 4, 3),
}


def comparable(value):
    """A listed value as both engines can be compared on: NaN as None, numbers as floats."""
    if isinstance(value, dict):
        return {key: comparable(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [comparable(item) for item in value]
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    return value


@pytest.fixture(scope="module")
def awkward():
    with duckdb.connect() as connection:
        connection.execute(AWKWARD_FRAME)
        yield sql_rules.Frame(connection, "awkward")


def gx_results(frame, expectations):
    context = in_memory_context()
    batch = (context.data_sources.add_pandas("frames").add_dataframe_asset("awkward")
             .add_batch_definition_whole_dataframe("whole frame").get_batch(batch_parameters={"dataframe": frame}))
    suite = gx.ExpectationSuite(name="awkward", expectations=expectations)
    return batch.validate(suite, result_format={"result_format": "COMPLETE"}).results


@pytest.mark.parametrize("name", EXPECTATIONS)
def test_duckdb_finds_what_gx_finds(awkward, name):
    expectation, unexpected, missing = EXPECTATIONS[name]
    (by_gx,) = gx_results(awkward.whole(), [expectation.copy()])
    ((by_duckdb, rows),) = sql_rules.validated(awkward, [expectation], rows_kept=200)

    assert (by_duckdb.result["unexpected_count"], by_duckdb.result.get("missing_count")) == (unexpected, missing)
    assert by_duckdb.result["element_count"] == 8 and by_duckdb.success is (unexpected == 0)
    assert by_gx.success == by_duckdb.success
    assert set(by_gx.result) - {"unexpected_index_query"} == set(by_duckdb.result)  # pandas code, not data
    for key, value in by_gx.result.items():
        if key == "partial_unexpected_counts" and name == "filled-in number":
            continue  # pandas reads a null number as NaN and counts each NaN apart (NaN != NaN); DuckDB groups them
        if key.endswith("_percent") or "_percent_" in key:
            assert value == pytest.approx(by_duckdb.result[key]), key
        elif key != "unexpected_index_query":
            assert comparable(value) == comparable(by_duckdb.result[key]), key
    # The rows a result returns are the frame's rows at the listed places.
    assert rows.index.tolist() == by_duckdb.result["unexpected_index_list"]


def test_the_row_count_rule(awkward):
    expectations = [gxe.ExpectTableRowCountToBeBetween(min_value=1), gxe.ExpectTableRowCountToBeBetween(min_value=9)]
    by_gx = gx_results(awkward.whole(), [expectation.copy() for expectation in expectations])
    by_duckdb = [item for item, _ in sql_rules.validated(awkward, expectations, rows_kept=200)]
    assert [item.result["observed_value"] for item in by_duckdb] == [8, 8]
    assert [item.success for item in by_duckdb] == [True, False] == [item.success for item in by_gx]


def test_a_result_keeps_at_most_the_rows_asked_for(awkward):
    ((item, rows),) = sql_rules.validated(awkward, [EXPECTATIONS["range"][0]], rows_kept=2)
    assert item.result["unexpected_count"] == 3
    assert item.result["unexpected_index_list"] == [1, 4] == rows.index.tolist()  # in frame order


def test_every_expectation_of_every_suite_has_a_rendering():
    """A new kind of rule in expectations/suites.py fails here until sql_rules renders it."""
    class AnyColumn(dict):
        def __contains__(self, column):
            return True

        def __getitem__(self, column):
            return "VARCHAR"

    gx.get_context(mode="ephemeral")
    reference = Reference.from_seeds(REPO_ROOT / "seeds")
    rendered = 0
    for spec in SUITES:
        for expectation in configured_suite(spec, reference).expectations:
            sql_rules.render(expectation, AnyColumn())
            rendered += 1
    assert rendered > 100
    with pytest.raises(NotImplementedError):
        sql_rules.render(gxe.ExpectColumnValuesToBeIncreasing(column="number"), AnyColumn())
