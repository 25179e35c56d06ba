"""The Great Expectations gate: every expectation is marked critical or warning, expectations really fail on
bad data read from a real DuckDB file, and every run leaves a report."""
import shutil

import duckdb
import great_expectations as gx
import pandas as pd

from tests.conftest import REPO_ROOT, run_module, run_reports
from expectations.suites import CRITICAL, SUITES, WARNING, Reference, configure_raw_total_loans_suite
from scripts.configuration import raw_contract
from scripts.quality import quality_gate
from scripts.quality.quality_gate import configured_suite

REFERENCE = Reference.from_seeds(REPO_ROOT / "seeds")
CONTEXT = gx.get_context(mode="ephemeral")  # building suites needs an active context


def configured_suites():
    for spec in SUITES:
        yield spec, configured_suite(spec, REFERENCE)


def test_every_expectation_has_a_severity_a_reason_and_a_rule():
    severities = set()
    for spec, suite in configured_suites():
        assert suite.name == spec.name and suite.expectations, spec.name
        for expectation in suite.expectations:
            meta = expectation.meta
            assert meta["severity"] in (CRITICAL, WARNING), (spec.name, expectation)
            assert meta["why"] and meta["rule_en"] and meta["rule_zh"], (spec.name, expectation)
            severities.add(meta["severity"])
    assert severities == {CRITICAL, WARNING}


def test_every_raw_source_and_the_key_marts_have_a_suite():
    sources = {spec.source for spec in SUITES}
    assert set(raw_contract.source_names()) <= sources
    assert {"fct_region_credit_quarterly", "fct_indicator_progress_latest", "marts vs raw"} <= sources


def test_a_required_column_expectation_fails_on_a_frame_without_that_column():
    """The loader owns the header rule and refuses such a file first; the suite must still not pass one by: the
    missing column's rule fails (it cannot be evaluated), the present column's passes."""
    batch = CONTEXT.data_sources.add_pandas("frames").add_dataframe_asset("total_loans") \
        .add_batch_definition_whole_dataframe("whole frame")
    suite = CONTEXT.suites.add(configure_raw_total_loans_suite(REFERENCE, raw_contract.column_names("total_loans")))
    frame = pd.DataFrame({"region_code": ["500115"], "institution_code": ["CS-ICBC"]})
    result = gx.ValidationDefinition(name="missing columns", data=batch, suite=suite).run(
        batch_parameters={"dataframe": frame})
    failed = {(r.expectation_config.type, r.expectation_config.kwargs.get("column"))
              for r in result.results if not r.success}
    assert ("expect_column_values_to_not_be_null", "balance") in failed
    assert ("expect_column_values_to_not_be_null", "region_code") not in failed


def test_a_mart_that_does_not_add_up_fails_the_gate_read_through_duckdb(published_known_answer, tmp_path):
    tampered = tmp_path / "tampered.duckdb"
    shutil.copy(published_known_answer, tampered)
    with duckdb.connect(str(tampered)) as connection:
        connection.execute("""update marts.fct_region_credit_quarterly
                              set green_loan_balance_100m_cny = green_loan_balance_100m_cny + 0.5
                              where region_code = '511600' and period_end = '2024-12-31'""")
    before = tampered.read_bytes()

    result = run_module("scripts.quality.quality_gate", "--db", str(tampered), "--stage", "marts",
                        env={"GF_QUALITY_DIR": str(tmp_path / "quality")})

    assert result.returncode == 1, result.stdout + result.stderr
    assert "1 critical failure(s)" in result.stdout
    assert "mart total must equal the raw total" in result.stdout
    # By hand: Guang'an's raw green loans at 2024-12-31 are 12.5 亿元; the mart now says 13.0.
    assert ("check_name 'green-loan balance by region, basis and quarter', region_code '511600', "
            "period_end '2024-12-31 GL2019', difference_100m_cny 0.5") in result.stdout
    assert tampered.read_bytes() == before  # the gate only reads


def test_the_gate_passes_the_published_known_answer_file(published_known_answer, tmp_path):
    result = run_module("scripts.quality.quality_gate", "--db", str(published_known_answer),
                        env={"GF_QUALITY_DIR": str(tmp_path / "quality")})
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 critical failure(s)" in result.stdout


def test_a_published_run_keeps_its_report_with_every_expectation(published_known_answer):
    (report,) = run_reports(published_known_answer)
    assert (report["outcome"], report["stage"], report["critical_failures"]) == ("published", "publish", 0)
    assert report["data_docs_index"].endswith("data_docs/index.html")
    configured = sum(len(suite.expectations) for _, suite in configured_suites())
    assert len(report["expectations"]) == configured
    for outcome in report["expectations"]:
        assert {"suite", "severity", "success", "observed_value", "unexpected_count",
                "sample_unexpected_values", "examples"} <= set(outcome)
    warnings = {(o["suite"], o["column"]): o for o in report["expectations"] if not o["success"]}
    assert all(o["severity"] == WARNING for o in warnings.values())
    # By hand: the known-answer loans are reported at year ends only, so each of the 2024-12-31 rows follows a
    # gap of 3 quarters: green loans of CS-ICBC, CS-ABC and GA-ICBC, total loans of the same 3 = 6 of 12 rows.
    region_gap = warnings[("raw_loan_reporting", "period_end")]
    assert (region_gap["unexpected_count"], region_gap["element_count"]) == (6, 12)
    # By hand: Changshou's energy consumption and constant-price GDP jump from 2020 to 2024 (3 years missing);
    # GDP at current prices runs 2023, 2024; Guang'an has one year only.
    year_gap = warnings[("raw_indicator_series", "year")]
    assert (year_gap["unexpected_count"], sorted(year_gap["sample_unexpected_values"])) == (2, [3, 3])
    assert {example["indicator_code"] for example in year_gap["examples"]} == {
        "energy_consumption", "gdp_constant_2020_prices"}


def test_a_long_frame_validated_by_duckdb_gives_the_verdict_of_gx(published_sample, tmp_path, monkeypatch):
    """Frames over 1,000 rows validated as SQL (the sample's 6,930 green-loan rows: 6,435 of Changshou and Guang'an,
    and Chongqing's one line, 20 quarters × 6 categories × 3 effects on the 2019 basis and 5 × 9 × 3 on the 2025
    basis = 360 + 135 = 495): two
    unreadable balances, and two rows submitted twice, each copy far from its original, are found exactly as GX
    finds them on the whole frame (worked out by hand below; every other rule passes, as on the published
    sample)."""
    monkeypatch.setenv("GF_QUALITY_DIR", str(tmp_path / "quality"))
    candidate = tmp_path / "candidate.duckdb"
    shutil.copy(published_sample[0], candidate)
    with duckdb.connect(str(candidate)) as connection:
        connection.execute("update raw.green_loans set balance = '12,3O4' where _source_row in (10, 5000)")
        connection.execute("insert into raw.green_loans select * replace (_source_row + 100000 as _source_row) "
                           "from raw.green_loans where _source_row in (77, 6000)")
    by_gx = {(o.suite, o.expectation, o.column, o.rule_en): o for o in quality_gate.validate(candidate, "raw")}
    monkeypatch.setattr(quality_gate, "LONGEST_PANDAS_FRAME", 1000)

    by_duckdb = {(o.suite, o.expectation, o.column, o.rule_en): o for o in quality_gate.validate(candidate, "raw")}
    assert by_duckdb == by_gx
    # The raw frames over 1,000 rows (the green loans; the evaluation's 1,331 figure rows) were validated by
    # DuckDB, and their results kept for the Data Docs.
    kept = {path.parts[-4] for path in (tmp_path / "quality").rglob("*-duckdb.json")}  # <suite>/<run>/<time>/<batch>
    assert kept == {"raw_green_loans", "raw_institution_figures"}

    configured = sum(len(suite.expectations) for spec, suite in configured_suites() if spec.stage == "raw")
    assert len(by_duckdb) == configured
    failed = {key[1]: outcome for key, outcome in by_duckdb.items() if not outcome.success}
    assert set(failed) == {"expect_column_values_to_match_regex", "expect_compound_columns_to_be_unique"}
    bad_balance = failed["expect_column_values_to_match_regex"]
    assert [(e["_source_row"], e["balance"]) for e in bad_balance.examples] == [(10, "12,3O4"), (5000, "12,3O4")]
    # By hand: two originals and their two copies share a key: 4 rows of 6,930 + 2.
    duplicated = failed["expect_compound_columns_to_be_unique"]
    assert (duplicated.unexpected_count, duplicated.element_count) == (4, 6932)
    assert sorted(e["_source_row"] for e in duplicated.examples) == [77, 6000, 100077, 106000]
    (row_count,) = [o for key, o in by_duckdb.items()
                    if key[:2] == ("raw_green_loans", "expect_table_row_count_to_be_between")]
    assert row_count.observed_value == 6932


def test_a_packages_own_sources_are_checked_first_and_a_fault_there_ends_the_raw_gate(published_known_answer,
                                                                                      tmp_path, monkeypatch):
    """A steward's package of green loans (sources_first): the suites on green loans (alone, or with all loans)
    run first; a critical fault there is the verdict, so the suites on bonds, indicators, tasks, regions and
    institutions are not run. Without a fault, or without sources_first, every raw suite runs."""
    monkeypatch.setenv("GF_QUALITY_DIR", str(tmp_path / "quality"))
    raw_suites = [spec.name for spec in SUITES if spec.stage == "raw"]
    on_loans = [spec.name for spec in SUITES if spec.stage == "raw" and "green_loans" in spec.sources]
    # (the evaluation's bounds too: non-performing green loans within the green loans a package may lower)
    assert set(on_loans) == {"raw_green_loans", "raw_loan_series", "raw_loan_reporting", "raw_green_within_total",
                             "raw_institution_figure_bounds"}

    clean = quality_gate.validate(published_known_answer, "raw", sources_first={"green_loans"}, keep=False)
    in_order = list(dict.fromkeys(outcome.suite for outcome in clean))  # the suites as they ran
    assert sorted(in_order) == sorted(raw_suites)
    assert set(in_order[:len(on_loans)]) == set(on_loans)

    faulty = tmp_path / "faulty.duckdb"
    shutil.copy(published_known_answer, faulty)
    with duckdb.connect(str(faulty)) as connection:
        connection.execute("update raw.green_loans set balance = '12,3O4' where _source_row = 2")
    first = quality_gate.validate(faulty, "raw", sources_first={"green_loans"}, keep=False)
    assert {outcome.suite for outcome in first} == set(on_loans)
    assert [(o.suite, o.expectation) for o in first if o.blocks_publishing] == [
        ("raw_green_loans", "expect_column_values_to_match_regex")]
    everything = quality_gate.validate(faulty, "raw", keep=False)
    assert {outcome.suite for outcome in everything} == set(raw_suites)
    assert [(o.suite, o.expectation) for o in everything if o.blocks_publishing] == [
        ("raw_green_loans", "expect_column_values_to_match_regex")]
