"""The quality gate's expectation suites, built in code from `gxe.*` classes: one `configure_*` function a suite.

Each suite validates one dataframe ("frame") that expectations/frames/<stage>.sql defines over the candidate
database. Raw frames hold the cells as submitted (trimmed, a blank cell read as null) with typed readings
beside them; the series and reconciliation frames aggregate them.

Every expectation is marked in its `meta`:
- severity: `critical` blocks publishing; `warning` is reported to data stewards and publishing goes on;
- why: the reason for that severity;
- rule_en / rule_zh: the rule in words a data steward can act on, from the text catalog
  (scripts/configuration/text.py, the `gx_` keys);
- column: the submitted column (or mart column) to look at.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import great_expectations as gx
import great_expectations.expectations as gxe

from scripts.configuration.submission_format import SUBMITTED_REFERENCE, merged_reference
from scripts.configuration.text import Said, pair, words

CRITICAL, WARNING = "critical", "warning"
RAW, MARTS = "raw", "marts"

PLAIN_NUMBER = r"^-?[0-9]+(\.[0-9]+)?$"
ISO_DATE = "%Y-%m-%d"  # parsed, not pattern-matched: 2024-13-31 has the shape of a date but is none
YEAR = r"^[0-9]{4}$"
# The first year a regional figure may describe: the pilot zone's series start long after it, so an earlier
# year is a typing slip (1999 for 2019), not history.
FIRST_YEAR = 2000
# A balance that moves by more than this factor in one quarter (or a yearly figure in one year) is far more
# likely a unit slip (万元 typed as 亿元 is a factor of 10 000) than real lending.
PLAUSIBLE_CHANGE_FACTOR = 5
MARKET_SHARE_TOLERANCE_PCT = 1e-4  # each share is rounded to 6 decimals; a few hundred institutions stay within
# The largest single green bond a district or prefecture-level issuer could plausibly issue, in 亿元.
LARGEST_PLAUSIBLE_BOND_100M_CNY = 500

# Why an expectation has its severity; one sentence per kind of rule, shown in the reports.
WHY_UNREADABLE = "A cell that is missing or cannot be read as its type cannot be counted; the totals would be wrong."
WHY_UNKNOWN_CODE = "A code outside the reference list would be dropped or mislabelled in every total it belongs to."
WHY_DUPLICATE = "A row submitted twice would be counted twice in the district's totals."
WHY_IMPOSSIBLE = "The value is impossible (negative, above 100 %, in the future); it is a typing or unit error."
WHY_UNIT_SLIP = "A change this large is almost always a unit slip (万元 typed as 亿元) that would put a wrong figure in front of leaders."
WHY_INCOMPLETE = "A missing quarter or institution makes the district total for that quarter too small."
WHY_RECONCILE = "The marts must add up to exactly what was submitted; a difference means a transformation bug."
WHY_KEY = "The dashboard looks rows up by this key; a missing or repeated key shows a wrong or doubled figure."
WHY_GAP_WARNING = "A period missing for the whole region leaves a gap in a chart but falsifies no figure shown."
WHY_UNSCORED = "A score nobody signed and dated cannot be used in an evaluation whose results bear on supervision."
WHY_REVIEW_WARNING = "Possible in reality, so it must not block publishing, but a steward should confirm it."


@dataclass(frozen=True)
class Reference:
    """The code lists the raw suites check against, read from the seed CSVs dbt loads."""
    region_codes: list[str]
    region_institutions: list[str]  # "<region_code> / <institution_code>"
    basis_categories: list[str]  # "<statistics_basis> / <category_code>"
    statistics_bases: list[str]
    carbon_effects: list[str]
    money_units: list[str]
    bond_types: list[str]
    bond_markets: list[str]
    indicator_codes: list[str]
    indicator_units: list[str]  # "<indicator_code> in <unit>" for every unit that converts to its canonical one
    status_codes: list[str]
    task_numbers: list[str]
    task_status_codes: list[str]  # what a progress report may say (not the ledger's own not_reported)
    departments: list[str]
    provenances: tuple[str, ...] = ("official", "sample")

    institution_types: list[str] = ()
    figure_codes: list[str] = ()
    figure_units: list[str] = ()  # "<figure_code> in <unit>" for every unit that converts to its canonical one

    @classmethod
    def from_seeds(cls, seeds_dir: Path, submitted: dict[str, list[dict]] | None = None) -> "Reference":
        """`submitted`: the regions and institutions of the candidate's raw tables, which extend the seeds (a
        submitted row replaces the seed's row with the same code)."""
        def rows(name: str) -> list[dict[str, str]]:
            with (seeds_dir / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
                seeded = list(csv.DictReader(handle))
            if name in SUBMITTED_REFERENCE and (submitted or {}).get(name):
                return merged_reference(name, seeded, submitted[name])
            return seeded

        conversions = rows("unit_conversions")

        def code_units(seed: str, code_column: str) -> list[str]:
            """"<code> in <unit>" for each code of a definitions seed and each unit converting to its own."""
            pairs = []
            for definition in rows(seed):
                canonical = definition["canonical_unit"]
                units = {canonical} | {c["unit"] for c in conversions if c["canonical_unit"] == canonical}
                pairs += [f"{definition[code_column]} in {unit}" for unit in sorted(units)]
            return pairs

        return cls(
            region_codes=[r["region_code"] for r in rows("regions")],
            region_institutions=[f"{r['region_code']} / {r['institution_code']}" for r in rows("institutions")],
            basis_categories=[f"{r['statistics_basis']} / {r['category_code']}" for r in rows("green_loan_categories")],
            statistics_bases=[r["statistics_basis"] for r in rows("statistics_bases")],
            carbon_effects=[r["carbon_effect_code"] for r in rows("carbon_effects")],
            money_units=[r["unit"] for r in conversions if r["canonical_unit"] == "亿元"],
            bond_types=[r["bond_type_code"] for r in rows("bond_types")],
            bond_markets=[r["market_code"] for r in rows("bond_markets")],
            indicator_codes=[r["indicator_code"] for r in rows("regional_indicator_definitions")],
            indicator_units=code_units("regional_indicator_definitions", "indicator_code"),
            status_codes=[r["status_code"] for r in rows("progress_statuses")],
            task_numbers=[r["task_no"] for r in rows("task_ledger")],
            task_status_codes=[r["status_code"] for r in rows("task_statuses") if r["status_code"] != "not_reported"],
            departments=[r["department_name_zh"] for r in rows("departments")],
            institution_types=[r["institution_type"] for r in rows("institution_types")],
            figure_codes=[r["figure_code"] for r in rows("institution_figure_definitions")],
            figure_units=code_units("institution_figure_definitions", "figure_code"),
        )


def marked(expectation, severity: str, why: str, rule: str, column: str | None = None, **values):
    """Attach the severity, its reason and the steward-facing rule (the catalog's `rule` key, with `values`) to an
    expectation."""
    rule_zh, rule_en = pair(rule, **values)
    column = column or getattr(expectation, "column", None)
    expectation.meta = {"severity": severity, "why": why, "rule_en": rule_en, "rule_zh": rule_zh, "column": column}
    # The description replaces GX's generic wording in the Data Docs' validation pages; notes sit on suite pages.
    expectation.description = f"[{severity}] {column or 'table'}: {rule_en} / {rule_zh}"
    expectation.notes = f"**{severity}** — {rule_en} / {rule_zh}. Why {severity}: {why}"
    return expectation


def critical(expectation, why: str, rule: str, column: str | None = None, **values):
    return marked(expectation, CRITICAL, why, rule, column, **values)


def warning(expectation, why: str, rule: str, column: str | None = None, **values):
    return marked(expectation, WARNING, why, rule, column, **values)


class SuiteDraft:
    """A suite's expectations, collected before the suite is made. GX's `add_expectation` on a suite whose name
    is already in the file store (every run after the first) rewrites the stored suite on every call; a suite
    made whole with `ExpectationSuite(name=..., expectations=[...])` is written once, by `add_or_update`."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.expectations: list = []

    def add_expectation(self, expectation):
        self.expectations.append(expectation)
        return expectation

    def build(self) -> gx.ExpectationSuite:
        return gx.ExpectationSuite(name=self.name, expectations=self.expectations)


# ---- building blocks shared by the raw suites -------------------------------------------------------------

def expect_submitted_columns(suite: SuiteDraft, columns: list[str]) -> None:
    """Every contract column is filled in. That each is present is the loader's rule (scripts/ingestion/load_raw.py
    refuses a file without one, naming it), so it is not repeated here."""
    for column in columns:
        suite.add_expectation(critical(gxe.ExpectColumnValuesToNotBeNull(column=column), WHY_UNREADABLE,
                                       rule="gx_not_blank"))


def expect_some_rows(suite: SuiteDraft) -> None:
    suite.add_expectation(critical(gxe.ExpectTableRowCountToBeBetween(min_value=1), WHY_INCOMPLETE,
                                   rule="gx_some_rows"))


def expect_code(suite: SuiteDraft, column: str, values: list[str], list_file: str, scope: Said | str = "",
                checked_column: str | None = None) -> None:
    """`checked_column` is a frame column combining codes (e.g. region / institution) when the pair must exist;
    `scope` (a `gx_scope_` text) says so in words."""
    suite.add_expectation(critical(
        gxe.ExpectColumnValuesToBeInSet(column=checked_column or column, value_set=sorted(values)), WHY_UNKNOWN_CODE,
        rule="gx_listed_code", column=column, list_file=list_file, scope=scope))


def expect_all_true(suite: SuiteDraft, flag_column: str, why: str, rule: str, column: str) -> None:
    """A yes/no column of the frame (null where it cannot be decided, which another rule reports) must be yes."""
    suite.add_expectation(critical(gxe.ExpectColumnValuesToBeInSet(column=flag_column, value_set=[True]), why,
                                   rule, column))


def expect_region(suite: SuiteDraft, reference: Reference) -> None:
    expect_code(suite, "region_code", reference.region_codes, "seeds/regions.csv",
                words("gx_scope_submitted_regions"))


def expect_region_and_institution(suite: SuiteDraft, reference: Reference) -> None:
    expect_region(suite, reference)
    expect_code(suite, "institution_code", reference.region_institutions, "seeds/institutions.csv",
                words("gx_scope_region_institutions"), "region_institution")


def expect_amount(suite: SuiteDraft, column: str, number_column: str, reference: Reference) -> None:
    """A money amount: a plain number, not negative, in a unit that converts to 亿元."""
    suite.add_expectation(critical(gxe.ExpectColumnValuesToMatchRegex(column=column, regex=PLAIN_NUMBER),
                                   WHY_UNREADABLE, rule="gx_plain_amount"))
    suite.add_expectation(critical(gxe.ExpectColumnValuesToBeBetween(column=number_column, min_value=0),
                                   WHY_IMPOSSIBLE, rule="gx_not_negative", column=column))
    expect_code(suite, "amount_unit", reference.money_units, "seeds/unit_conversions.csv",
                words("gx_scope_money_units"))


def expect_date(suite: SuiteDraft, column: str) -> None:
    suite.add_expectation(critical(gxe.ExpectColumnValuesToMatchStrftimeFormat(column=column,
                                                                                strftime_format=ISO_DATE),
                                   WHY_UNREADABLE, rule="gx_calendar_date"))
    suite.add_expectation(critical(gxe.ExpectColumnValuesToBeBetween(column=f"{column}_days_after_today",
                                                                     max_value=0),
                                   WHY_IMPOSSIBLE, rule="gx_not_future_date", column=column))


def expect_quarter_end(suite: SuiteDraft) -> None:
    expect_date(suite, "period_end")
    expect_all_true(suite, "period_end_is_quarter_end", WHY_UNREADABLE, rule="gx_quarter_end", column="period_end")


def expect_within_definition(suite: SuiteDraft) -> None:
    """A value, in its canonical unit, within the minimum and maximum its definitions seed gives."""
    suite.add_expectation(critical(
        gxe.ExpectColumnPairValuesAToBeGreaterThanB(column_A="value_in_canonical_unit", column_B="min_value",
                                                    or_equal=True, ignore_row_if="either_value_is_missing"),
        WHY_IMPOSSIBLE, rule="gx_indicator_minimum", column="value"))
    suite.add_expectation(critical(
        gxe.ExpectColumnPairValuesAToBeGreaterThanB(column_A="max_value", column_B="value_in_canonical_unit",
                                                    or_equal=True, ignore_row_if="either_value_is_missing"),
        WHY_IMPOSSIBLE, rule="gx_indicator_maximum", column="value"))


def expect_provenance(suite: SuiteDraft, reference: Reference) -> None:
    suite.add_expectation(critical(
        gxe.ExpectColumnValuesToBeInSet(column="provenance", value_set=list(reference.provenances)),
        WHY_UNKNOWN_CODE, rule="gx_provenance"))


def expect_unique(suite: SuiteDraft, columns: list[str]) -> None:
    expectation = (gxe.ExpectColumnValuesToBeUnique(column=columns[0]) if len(columns) == 1
                   else gxe.ExpectCompoundColumnsToBeUnique(column_list=columns))
    suite.add_expectation(critical(expectation, WHY_DUPLICATE, rule="gx_unique_key", column=columns[-1],
                                   columns=", ".join(columns)))


def expect_plausible_change(suite: SuiteDraft, ratio_column: str, column: str, period: Said) -> None:
    """`period`: the `gx_period_` text of what the change is on (the previous quarter, the previous year)."""
    suite.add_expectation(critical(
        gxe.ExpectColumnValuesToBeBetween(column=ratio_column, min_value=1 / PLAUSIBLE_CHANGE_FACTOR,
                                          max_value=PLAUSIBLE_CHANGE_FACTOR),
        WHY_UNIT_SLIP, rule="gx_plausible_change", column=column, factor=PLAUSIBLE_CHANGE_FACTOR, period=period))


# ---- raw suites: one per raw source, plus the cross-row checks ---------------------------------------------

def configure_raw_green_loans_suite(reference: Reference, columns: list[str]) -> gx.ExpectationSuite:
    suite = SuiteDraft(name="raw_green_loans")
    expect_submitted_columns(suite, columns)
    expect_some_rows(suite)
    expect_region_and_institution(suite, reference)
    expect_quarter_end(suite)
    expect_code(suite, "statistics_basis", reference.statistics_bases, "seeds/statistics_bases.csv")
    expect_code(suite, "loan_use_category", reference.basis_categories, "seeds/green_loan_categories.csv",
                words("gx_scope_same_basis"), "basis_category")
    expect_code(suite, "carbon_effect", reference.carbon_effects, "seeds/carbon_effects.csv")
    expect_amount(suite, "balance", "balance_number", reference)
    expect_provenance(suite, reference)
    expect_unique(suite, ["region_code", "institution_code", "period_end", "statistics_basis", "loan_use_category",
                          "carbon_effect"])
    return suite.build()


def configure_raw_total_loans_suite(reference: Reference, columns: list[str]) -> gx.ExpectationSuite:
    suite = SuiteDraft(name="raw_total_loans")
    expect_submitted_columns(suite, columns)
    expect_some_rows(suite)
    expect_region_and_institution(suite, reference)
    expect_quarter_end(suite)
    expect_amount(suite, "balance", "balance_number", reference)
    expect_provenance(suite, reference)
    expect_unique(suite, ["region_code", "institution_code", "period_end"])
    return suite.build()


def configure_raw_green_bonds_suite(reference: Reference, columns: list[str]) -> gx.ExpectationSuite:
    suite = SuiteDraft(name="raw_green_bonds")
    expect_submitted_columns(suite, columns)
    expect_region(suite, reference)
    expect_date(suite, "issue_date")
    expect_amount(suite, "amount", "amount_number", reference)
    suite.add_expectation(critical(
        gxe.ExpectColumnValuesToBeBetween(column="amount_100m_cny", max_value=LARGEST_PLAUSIBLE_BOND_100M_CNY),
        WHY_UNIT_SLIP, rule="gx_bond_too_large", column="amount", limit=LARGEST_PLAUSIBLE_BOND_100M_CNY))
    expect_code(suite, "bond_type", reference.bond_types, "seeds/bond_types.csv")
    expect_code(suite, "market", reference.bond_markets, "seeds/bond_markets.csv")
    expect_provenance(suite, reference)
    expect_unique(suite, ["bond_code"])
    return suite.build()


def configure_raw_regional_indicators_suite(reference: Reference, columns: list[str]) -> gx.ExpectationSuite:
    suite = SuiteDraft(name="raw_regional_indicators")
    expect_submitted_columns(suite, columns)
    expect_some_rows(suite)
    expect_region(suite, reference)
    suite.add_expectation(critical(gxe.ExpectColumnValuesToMatchRegex(column="year", regex=YEAR), WHY_UNREADABLE,
                                   rule="gx_four_digit_year"))
    suite.add_expectation(critical(gxe.ExpectColumnValuesToBeBetween(column="year_number", min_value=FIRST_YEAR),
                                   WHY_IMPOSSIBLE, rule="gx_year_from", column="year", year=FIRST_YEAR))
    suite.add_expectation(critical(gxe.ExpectColumnValuesToBeBetween(column="years_after_this_year", max_value=0),
                                   WHY_IMPOSSIBLE, rule="gx_not_future_year", column="year"))
    expect_code(suite, "indicator_code", reference.indicator_codes, "seeds/regional_indicator_definitions.csv")
    expect_code(suite, "unit", reference.indicator_units, "seeds/unit_conversions.csv",
                words("gx_scope_indicator_units"), "indicator_unit")
    suite.add_expectation(critical(gxe.ExpectColumnValuesToMatchRegex(column="value", regex=PLAIN_NUMBER),
                                   WHY_UNREADABLE, rule="gx_plain_number"))
    expect_within_definition(suite)
    expect_provenance(suite, reference)
    expect_unique(suite, ["region_code", "year", "indicator_code"])
    return suite.build()


def configure_raw_institution_figures_suite(reference: Reference, columns: list[str]) -> gx.ExpectationSuite:
    """The evaluation's figures per institution and quarter. No rows is fine: until they are submitted, the
    evaluation says which figures are missing."""
    suite = SuiteDraft(name="raw_institution_figures")
    expect_submitted_columns(suite, [column for column in columns if column not in ("scored_by", "scored_on")])
    expect_region_and_institution(suite, reference)
    expect_quarter_end(suite)
    expect_code(suite, "figure_code", reference.figure_codes, "seeds/institution_figure_definitions.csv")
    expect_code(suite, "unit", reference.figure_units, "seeds/unit_conversions.csv",
                words("gx_scope_figure_units"), "figure_unit")
    suite.add_expectation(critical(gxe.ExpectColumnValuesToMatchRegex(column="value", regex=PLAIN_NUMBER),
                                   WHY_UNREADABLE, rule="gx_plain_number"))
    expect_within_definition(suite)
    expect_all_true(suite, "scorer_and_day_given", WHY_UNSCORED, rule="gx_score_signed", column="scored_by")
    expect_date(suite, "scored_on")
    expect_provenance(suite, reference)
    expect_unique(suite, ["region_code", "institution_code", "period_end", "figure_code"])
    return suite.build()


def configure_raw_institution_figure_bounds_suite(reference: Reference,
                                                  columns: list[str]) -> gx.ExpectationSuite:
    """Figures of an institution's quarter that bound each other."""
    suite = SuiteDraft(name="raw_institution_figure_bounds")
    suite.add_expectation(critical(
        gxe.ExpectColumnPairValuesAToBeGreaterThanB(column_A="bond_investment_100m_cny",
                                                    column_B="green_bonds_held_100m_cny", or_equal=True,
                                                    ignore_row_if="either_value_is_missing"),
        WHY_IMPOSSIBLE, rule="gx_green_bonds_within_investment", column="value"))
    suite.add_expectation(critical(
        gxe.ExpectColumnPairValuesAToBeGreaterThanB(column_A="green_loan_balance_100m_cny",
                                                    column_B="green_npl_balance_100m_cny", or_equal=True,
                                                    ignore_row_if="either_value_is_missing"),
        WHY_IMPOSSIBLE, rule="gx_npl_within_green_loans", column="value"))
    return suite.build()


def configure_raw_task_progress_suite(reference: Reference, columns: list[str]) -> gx.ExpectationSuite:
    """Departments' progress reports. No rows is fine: until a department reports, the ledger's placeholder
    status stands (marked sample)."""
    suite = SuiteDraft(name="raw_task_progress")
    expect_submitted_columns(suite, [column for column in columns if column not in ("work_done", "next_step")])
    expect_code(suite, "task_no", reference.task_numbers, "seeds/task_ledger.csv", words("gx_scope_plan_tasks"))
    suite.add_expectation(critical(
        gxe.ExpectColumnValuesToBeInSet(column="status_code", value_set=reference.task_status_codes),
        WHY_UNKNOWN_CODE, rule="gx_task_status"))
    expect_date(suite, "as_of_date")
    expect_code(suite, "reporting_department", reference.departments, "seeds/departments.csv",
                words("gx_scope_department_names"))
    expect_provenance(suite, reference)
    expect_unique(suite, ["task_no", "as_of_quarter"])
    return suite.build()


def configure_raw_regions_suite(reference: Reference, columns: list[str]) -> gx.ExpectationSuite:
    """Regions submitted on top of seeds/regions.csv. No rows is fine: the seeds stand."""
    suite = SuiteDraft(name="raw_regions")
    expect_submitted_columns(suite, columns)
    suite.add_expectation(critical(gxe.ExpectColumnValuesToMatchRegex(column="region_code", regex=r"^[0-9]{6}$"),
                                   WHY_UNKNOWN_CODE, rule="gx_region_code"))
    suite.add_expectation(critical(
        gxe.ExpectColumnValuesToBeInSet(column="admin_level", value_set=["district", "county", "prefecture_city", "municipality"]),
        WHY_UNKNOWN_CODE, rule="gx_admin_level"))
    suite.add_expectation(critical(gxe.ExpectColumnValuesToBeInSet(column="is_pilot_zone", value_set=["true", "false"]),
                                   WHY_UNKNOWN_CODE, rule="gx_pilot_zone_flag"))
    expect_provenance(suite, reference)
    expect_unique(suite, ["region_code"])
    return suite.build()


def configure_raw_institutions_suite(reference: Reference, columns: list[str]) -> gx.ExpectationSuite:
    """Institutions submitted on top of seeds/institutions.csv, each in a known region."""
    suite = SuiteDraft(name="raw_institutions")
    expect_submitted_columns(suite, columns)
    expect_region(suite, reference)
    expect_code(suite, "institution_type", reference.institution_types, "seeds/institution_types.csv")
    expect_provenance(suite, reference)
    expect_unique(suite, ["institution_code"])
    return suite.build()


def configure_raw_loan_series_suite(reference: Reference, columns: list[str]) -> gx.ExpectationSuite:
    """Each institution's quarterly balances of green loans (per basis) and of all loans, summed in 亿元."""
    suite = SuiteDraft(name="raw_loan_series")
    expect_plausible_change(suite, "change_on_previous_quarter_ratio", "balance", words("gx_period_quarter"))
    suite.add_expectation(warning(
        gxe.ExpectColumnValuesToBeBetween(column="change_on_previous_quarter_ratio", min_value=0.5, max_value=2),
        WHY_REVIEW_WARNING, rule="gx_balance_halved_or_doubled", column="balance"))
    return suite.build()


def configure_raw_loan_reporting_suite(reference: Reference, columns: list[str]) -> gx.ExpectationSuite:
    """Which institutions reported which of their region's quarters."""
    suite = SuiteDraft(name="raw_loan_reporting")
    expect_all_true(suite, "is_reported", WHY_INCOMPLETE, rule="gx_every_quarter_reported", column="period_end")
    suite.add_expectation(warning(
        gxe.ExpectColumnValuesToBeBetween(column="region_missing_quarters_before", min_value=0, max_value=0),
        WHY_GAP_WARNING, rule="gx_consecutive_quarters", column="period_end"))
    return suite.build()


def configure_raw_green_within_total_suite(reference: Reference, columns: list[str]) -> gx.ExpectationSuite:
    """Green loans against all loans of the same institution and quarter."""
    suite = SuiteDraft(name="raw_green_within_total")
    expect_all_true(suite, "total_loans_reported", WHY_INCOMPLETE, rule="gx_total_loans_reported",
                    column="institution_code")
    suite.add_expectation(critical(
        gxe.ExpectColumnPairValuesAToBeGreaterThanB(column_A="total_loan_balance_100m_cny",
                                                    column_B="green_loan_balance_100m_cny", or_equal=True,
                                                    ignore_row_if="either_value_is_missing"),
        WHY_IMPOSSIBLE, rule="gx_green_within_total", column="balance"))
    return suite.build()


def configure_raw_indicator_series_suite(reference: Reference, columns: list[str]) -> gx.ExpectationSuite:
    """Each region's yearly series per indicator, in the indicator's canonical unit."""
    suite = SuiteDraft(name="raw_indicator_series")
    expect_plausible_change(suite, "change_on_previous_year_ratio", "value", words("gx_period_year"))
    suite.add_expectation(warning(
        gxe.ExpectColumnValuesToBeBetween(column="missing_years_before", min_value=0, max_value=0),
        WHY_GAP_WARNING, rule="gx_no_missing_year", column="year"))
    return suite.build()


# ---- mart suites -------------------------------------------------------------------------------------------

def configure_mart_region_credit_quarterly_suite(reference: Reference, columns: list[str]) -> gx.ExpectationSuite:
    suite = SuiteDraft(name="mart_region_credit_quarterly")
    suite.add_expectation(critical(gxe.ExpectColumnValuesToNotBeNull(column="region_quarter_basis_key"), WHY_KEY,
                                   rule="gx_key_filled"))
    expect_unique(suite, ["region_quarter_basis_key"])
    suite.add_expectation(critical(
        gxe.ExpectColumnValuesToBeBetween(column="green_loan_share_pct", min_value=0, max_value=100),
        WHY_IMPOSSIBLE, rule="gx_share_within_100"))
    suite.add_expectation(warning(
        gxe.ExpectColumnValuesToBeBetween(column="yoy_growth_pct", min_value=-50, max_value=300),
        WHY_REVIEW_WARNING, rule="gx_plausible_growth"))
    return suite.build()


def configure_mart_market_shares_suite(reference: Reference, columns: list[str]) -> gx.ExpectationSuite:
    """The institutions' market shares of green business add up to 100 % in every region and quarter (the
    rounding of each to 6 decimals allowed for)."""
    suite = SuiteDraft(name="mart_market_shares")
    suite.add_expectation(critical(
        gxe.ExpectColumnValuesToBeBetween(column="difference_pct", min_value=-MARKET_SHARE_TOLERANCE_PCT,
                                          max_value=MARKET_SHARE_TOLERANCE_PCT),
        WHY_RECONCILE, rule="gx_market_shares_add_up"))
    return suite.build()


def configure_mart_indicator_progress_latest_suite(reference: Reference,
                                                   columns: list[str]) -> gx.ExpectationSuite:
    suite = SuiteDraft(name="mart_indicator_progress_latest")
    suite.add_expectation(critical(gxe.ExpectColumnValuesToNotBeNull(column="region_target_key"), WHY_KEY,
                                   rule="gx_key_filled"))
    expect_unique(suite, ["region_target_key"])
    suite.add_expectation(critical(
        gxe.ExpectColumnValuesToBeInSet(column="status_code", value_set=reference.status_codes), WHY_KEY,
        rule="gx_listed_status"))
    suite.add_expectation(critical(
        gxe.ExpectColumnValuesToBeBetween(column="probability_of_meeting_target", min_value=0, max_value=1),
        WHY_IMPOSSIBLE, rule="gx_probability_within_0_1"))
    # A target that cannot be judged for want of data, by the reason (fct_indicator_progress_as_of.status_reason):
    # not a new target whose only figure so far is its baseline (the 2030 CO₂ target, baseline end-2025).
    suite.add_expectation(warning(
        gxe.ExpectColumnValuesToNotBeInSet(column="status_reason", value_set=[
            "no_observation", "no_baseline_observation", "basis_break_without_bridge", "non_positive_value",
            "no_year_on_year_growth"]),
        WHY_REVIEW_WARNING, rule="gx_insufficient_data"))
    return suite.build()


def configure_mart_reconciliation_suite(reference: Reference, columns: list[str]) -> gx.ExpectationSuite:
    """Raw totals recomputed from the submitted cells against the marts' totals, per region and period."""
    suite = SuiteDraft(name="mart_reconciliation")
    for column in ("raw_total_100m_cny", "mart_total_100m_cny"):
        suite.add_expectation(critical(gxe.ExpectColumnValuesToNotBeNull(column=column), WHY_RECONCILE,
                                       rule="gx_totals_paired"))
    suite.add_expectation(critical(
        gxe.ExpectColumnValuesToBeBetween(column="difference_100m_cny", min_value=-1e-6, max_value=1e-6),
        WHY_RECONCILE, rule="gx_totals_equal"))
    return suite.build()


@dataclass(frozen=True)
class SuiteSpec:
    """A suite, the stage it runs in, the frame (view in expectations/frames/<stage>.sql) it validates, and
    the frame columns that tell a steward which row a failure is about."""
    configure: Callable[[Reference, list[str]], gx.ExpectationSuite]
    stage: str
    frame: str
    source: str  # the raw source or mart the steward looks at
    location_columns: tuple[str, ...]
    # A rule across green loans and all loans: not applied to a file that waits for its partner source.
    spans_partners: bool = False

    @property
    def name(self) -> str:
        return self.configure.__name__.removeprefix("configure_").removesuffix("_suite")

    @property
    def sources(self) -> tuple[str, ...]:
        """The raw sources (or the mart) its frame is made of: "green_loans + total_loans" is both."""
        return tuple(self.source.split(" + "))


ROW = ("_source_file", "_source_row")
RELATED_ROW = ("_related_source_file", "_related_source_row")  # the other row a two-row rule compares with
SERIES = ("source", "region_code", "institution_code", "statistics_basis", "period_end") + ROW + RELATED_ROW

SUITES = (
    SuiteSpec(configure_raw_green_loans_suite, RAW, "raw_green_loans_checked", "green_loans", ROW),
    SuiteSpec(configure_raw_total_loans_suite, RAW, "raw_total_loans_checked", "total_loans", ROW),
    SuiteSpec(configure_raw_green_bonds_suite, RAW, "raw_green_bonds_checked", "green_bonds", ROW),
    SuiteSpec(configure_raw_regional_indicators_suite, RAW, "raw_regional_indicators_checked",
              "regional_indicators", ROW),
    SuiteSpec(configure_raw_institution_figures_suite, RAW, "raw_institution_figures_checked",
              "institution_figures", ROW),
    SuiteSpec(configure_raw_institution_figure_bounds_suite, RAW, "raw_institution_figure_bounds_checked",
              "institution_figures + green_loans",
              ("region_code", "institution_code", "period_end", "bound") + ROW + RELATED_ROW),
    SuiteSpec(configure_raw_task_progress_suite, RAW, "raw_task_progress_checked", "task_progress", ROW),
    SuiteSpec(configure_raw_regions_suite, RAW, "raw_regions_checked", "regions", ROW),
    SuiteSpec(configure_raw_institutions_suite, RAW, "raw_institutions_checked", "institutions", ROW),
    SuiteSpec(configure_raw_loan_series_suite, RAW, "raw_loan_series_checked", "green_loans + total_loans", SERIES),
    SuiteSpec(configure_raw_loan_reporting_suite, RAW, "raw_loan_reporting_checked", "green_loans + total_loans",
              ("source", "region_code", "institution_code", "period_end")),
    SuiteSpec(configure_raw_green_within_total_suite, RAW, "raw_green_within_total_checked",
              "green_loans + total_loans", ("region_code", "institution_code", "statistics_basis", "period_end") + ROW
              + RELATED_ROW, spans_partners=True),
    SuiteSpec(configure_raw_indicator_series_suite, RAW, "raw_indicator_series_checked", "regional_indicators",
              ("region_code", "indicator_code", "year") + ROW),
    SuiteSpec(configure_mart_region_credit_quarterly_suite, MARTS, "mart_region_credit_quarterly_checked",
              "fct_region_credit_quarterly", ("region_code", "period_end", "statistics_basis")),
    SuiteSpec(configure_mart_market_shares_suite, MARTS, "mart_market_shares_checked",
              "fct_institution_evaluation_indicators", ("scheme_code", "region_code", "period_end")),
    SuiteSpec(configure_mart_indicator_progress_latest_suite, MARTS, "mart_indicator_progress_latest_checked",
              "fct_indicator_progress_latest", ("region_code", "target_code", "status_reason")),
    SuiteSpec(configure_mart_reconciliation_suite, MARTS, "mart_reconciliation_checked",
              "marts vs raw", ("check_name", "region_code", "period_end")),
)
