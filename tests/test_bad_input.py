"""The bad-input corpus (tests/fixtures/bad_input/): each file is a known-answer raw file with exactly one fault.
The pipeline must reject it, say what is wrong and where, leave the published database byte-for-byte as it was,
and keep a report of the rejected run."""
import shutil

import pytest

from tests.conftest import FIXTURES, run_pipeline, run_pipeline_in_process, run_reports

CORPUS = FIXTURES / "bad_input"

# corpus file -> (stage the run stops at, fragments the steward's message must contain)
EXPECTED = {
    "01_wrong_unit__total_loans": ("raw quality gate", [
        "likely a unit mistake", "file total_loans/known_answer_total_loans.csv, row 7", "'GA-ICBC'",
        "change_on_previous_quarter_ratio 11111.11"]),
    "02_duplicate_key__green_loans": ("raw quality gate", [
        "must be unique", "2 bad row(s)", "row 4", "row 9"]),
    "03_unknown_category__green_loans": ("raw quality gate", [
        "column loan_use_category", "seeds/green_loan_categories.csv for the same statistics_basis", "row 5",
        "'GF25-08'"]),
    "04_unknown_institution__green_loans": ("raw quality gate", [
        "column institution_code", "seeds/institutions.csv for the row's region", "row 6", "'CS-NOBANK'"]),
    "05_negative_balance__green_loans": ("raw quality gate", [
        "source green_loans, column balance", "must be >= 0", "row 6", "balance '-50000.00'"]),
    "06_missing_quarter__total_loans": ("raw quality gate", [
        "every institution must report every quarter its region reports", "source 'total_loans'",
        "institution_code 'CS-ABC', period_end '2024-06-30', is_reported False"]),
    "07_green_exceeds_total__total_loans": ("raw quality gate", [
        "green loans must not exceed the same institution's total loans", "'CS-ICBC'", "period_end '2024-12-31'",
        "green_loan_balance_100m_cny 40.0", "total_loan_balance_100m_cny 39.0"]),
    "08_missing_column__green_loans": ("ingestion", [
        "green_loans/known_answer_green_loans.csv, row 1, column carbon_effect", "missing"]),
    "09_extra_header_row__green_loans": ("ingestion", [
        "green_loans/known_answer_green_loans.csv, row 2", "header is on row 2", "delete the 1 row above it", "请删除其上方的 1 行"]),
    "10_text_in_number_column__total_loans": ("raw quality gate", [
        "source total_loans, column balance", "must be a plain number", "row 5", "balance '一百万'"]),
    "11_future_date__green_loans": ("raw quality gate", [
        "column period_end", "must not be in the future", "row 8", "period_end '2099-12-31'"]),
    "12_empty_file__green_loans": ("ingestion", ["green_loans/known_answer_green_loans.csv", "file is empty"]),
    "13_unparseable_date__green_loans": ("raw quality gate", [
        "column period_end", "must be a date written YYYY-MM-DD", "row 5", "period_end '2024/12/31'"]),
    "14_not_a_quarter_end__green_loans": ("raw quality gate", [
        "column period_end", "must be a quarter end", "row 5", "period_end '2024-11-30'"]),
    "15_unknown_unit__green_bonds": ("raw quality gate", [
        "source green_bonds, column amount_unit", "seeds/unit_conversions.csv", "row 2", "amount_unit '千元'"]),
    "16_share_above_100__regional_indicators": ("raw quality gate", [
        "source regional_indicators, column value", "must not exceed the indicator's maximum", "row 9",
        "value '153'"]),
    "17_ragged_row__total_loans": ("ingestion", [
        "total_loans/known_answer_total_loans.csv, row 5", "row has 5 cells, the header has 6"]),
    "18_unknown_region__green_bonds": ("raw quality gate", [
        "source green_bonds, column region_code", "seeds/regions.csv", "row 2", "region_code '500199'"]),
    "19_blank_required_cell__green_loans": ("raw quality gate", [
        "column carbon_effect", "required cell must not be blank", "row 3"]),
    "20_bond_unit_slip__green_bonds": ("raw quality gate", [
        "source green_bonds, column amount", "must not exceed 500 亿元", "row 2", "amount '25000'"]),
    "21_unknown_provenance__total_loans": ("raw quality gate", [
        "column provenance", "must be official or sample", "row 7", "provenance 'offical'"]),
    "22_indicator_unit_slip__regional_indicators": ("raw quality gate", [
        "source regional_indicators, column value", "likely a unit mistake", "row 5", "'gdp_current_prices'"]),
    "23_thousands_separator__total_loans": ("raw quality gate", [
        "column balance", "no thousands separators", "row 2", "balance '1,800,000'"]),
    "24_institution_stopped_reporting__green_loans": ("raw quality gate", [
        "every institution must report every quarter its region reports", "source 'green_loans'",
        "institution_code 'CS-ABC', period_end '2024-12-31', is_reported False"]),
    # The gate owns the year rule: dbt once had a stricter copy, so 1999 passed here and failed in dbt.
    "25_year_before_2000__regional_indicators": ("raw quality gate", [
        "source regional_indicators, column year", "must be 2000 or later / 不得早于 2000 年", "row 9",
        "year '1999'"]),
}


# The cases run as the command a steward's operator types, in a process of its own; the others run the same
# command in the test's process (the same code, printed messages and exit status, minus start-up time).
END_TO_END = {"01_wrong_unit__total_loans", "08_missing_column__green_loans",
              "24_institution_stopped_reporting__green_loans"}


def corpus_files():
    return sorted(CORPUS.glob("*.csv"))


def test_the_corpus_has_one_expected_message_per_file():
    names = [path.stem for path in corpus_files()]
    assert len(names) >= 15
    assert sorted(names) == sorted(EXPECTED)
    assert END_TO_END <= set(EXPECTED)


@pytest.fixture()
def raw_copy(tmp_path):
    raw_dir = tmp_path / "raw"
    shutil.copytree(FIXTURES / "known_answer", raw_dir)
    return raw_dir


@pytest.mark.parametrize("corpus_file", corpus_files(), ids=lambda path: path.stem)
def test_bad_file_is_rejected_named_and_nothing_published(corpus_file, raw_copy, published_known_answer, tmp_path,
                                                          monkeypatch, capsys):
    source = corpus_file.stem.split("__")[1]
    shutil.copyfile(corpus_file, raw_copy / source / f"known_answer_{source}.csv")
    published = tmp_path / "published.duckdb"
    shutil.copy(published_known_answer, published)
    before = published.read_bytes()

    if corpus_file.stem in END_TO_END:
        result = run_pipeline(raw_copy, published)
    else:
        result = run_pipeline_in_process(raw_copy, published, monkeypatch, capsys)

    stage, fragments = EXPECTED[corpus_file.stem]
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"REJECTED at the {stage} — nothing was published" in result.stderr
    for fragment in fragments:
        assert fragment in result.stderr, f"{fragment!r} not in:\n{result.stderr}"
    assert published.read_bytes() == before
    (report,) = run_reports(published)
    assert (report["outcome"], report["stage"]) == ("rejected", stage)
    assert report["message"] and fragments[0] in report["message"]


@pytest.mark.integration
def test_every_problem_is_reported_at_once(raw_copy, tmp_path):
    with (raw_copy / "green_loans/known_answer_green_loans.csv").open("a", encoding="utf-8") as handle:
        handle.write("500199,CS-ICBC,2024-12-31,GL2019,GL19-02,direct,10,万元,official\n")
        handle.write("500115,CS-ICBC,2024-12-31,GL2019,GL19-04,direct,-3,万元,official\n")
    result = run_pipeline(raw_copy, tmp_path / "never_published.duckdb")
    assert result.returncode == 1
    assert "file green_loans/known_answer_green_loans.csv, row 10, balance '-3'" in result.stderr
    assert "file green_loans/known_answer_green_loans.csv, row 9, region_code '500199'" in result.stderr
    assert not (tmp_path / "never_published.duckdb").exists()
