"""Numbers exactly as written (scripts/ingestion/read_submission.py): a workbook's floats are read as the decimals the
steward typed, the 合计 row is checked allowing for the rounding of what is written, and the messages show only
numbers as written; a blank 数据性质 cell is official; a formula without a saved value, an empty workbook and a
misspelt header are each named. Every file here is a real workbook written by openpyxl (or a real CSV) and read
by read_submission, the reader the submission page uses."""
from __future__ import annotations

import io
import random
import re
import zipfile
from decimal import ROUND_HALF_UP, Decimal

import openpyxl
import pytest

from scripts.ingestion.read_submission import read_submission
from scripts.ingestion.submission_templates import COLUMN_NOTES_ZH, DATA_SHEET, EXAMPLES, xlsx_template
from scripts.configuration import raw_contract

HEADER = ["地区", "机构", "报告期", "余额", "金额单位"]  # total_loans; 余额 is column D
DETAIL = ["500115", "CS-ICBC", "2025-12-31"]
TOTAL_RULE_EN = "does not equal the sum of the rows above it"
DECIMALS = re.compile(r"\d\.(\d+)")


def workbook(rows: list[list], sheets: int = 1) -> bytes:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    for index in range(1, sheets):
        book.create_sheet(f"Sheet{index + 1}")
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def decimals(text: str) -> int:
    return max(0, -Decimal(text).as_tuple().exponent)


def messages(parsed) -> list[str]:
    return [text for problem in parsed.problems for text in (str(problem), problem.rule_zh, problem.rule_en)]


def random_book(rng: random.Random, off_by: int = 0) -> tuple[bytes, list[str], str]:
    """Seven rows in 万元, each written with 0-2 decimals and stored as the float Excel stores, and a 合计 row
    that is right: the sum of the unrounded figures rounded to 0-2 decimals, the exact sum of the written rows,
    or the float Excel's =SUM caches (the sum in binary, noise and all). Returns (file, rows as typed, total as
    typed)."""
    true = [Decimal(rng.randint(10_000_0000, 2_000_000_0000)).scaleb(-4) for _ in range(7)]
    written = [figure.quantize(Decimal(1).scaleb(-rng.randint(0, 2)), ROUND_HALF_UP) for figure in true]
    kind = rng.choice(("rounded", "exact", "excel_sum"))
    if kind == "rounded":
        total = sum(true).quantize(Decimal(1).scaleb(-rng.randint(0, 2)), ROUND_HALF_UP)
    else:
        total = sum(written)
    total += off_by
    total_cell = (sum(float(figure) for figure in written) + off_by if kind == "excel_sum" and not off_by
                  else float(total))
    rows = [HEADER] + [DETAIL + [float(figure), "万元"] for figure in written] + [["合计", None, None, total_cell,
                                                                                  "万元"]]
    return workbook(rows), [f"{figure:f}" for figure in written], f"{total:f}"


def assert_no_digits_beyond_written(parsed, typed: list[str]) -> None:
    most = max(decimals(text) for text in typed)
    for text in messages(parsed):
        for found in DECIMALS.findall(text):
            assert len(found) <= most, (text, typed)


def test_two_hundred_correct_workbooks_are_accepted_and_the_same_off_by_100_are_rejected():
    rng = random.Random(15)
    accepted = rejected = 0
    for _ in range(200):
        state = rng.getstate()
        content, rows, total = random_book(rng)
        parsed = read_submission(content, "x.xlsx", "total_loans")
        assert parsed.problems == [], (rows, total, messages(parsed))
        assert parsed.total == str(Decimal(total).normalize() + 0), (rows, total)  # the float's noise is gone
        assert [Decimal(row["balance"]) for row in parsed.rows] == [Decimal(text) for text in rows]
        assert all(decimals(str(row["balance"])) <= decimals(text) for row, text in zip(parsed.rows, rows))
        accepted += 1

        rng.setstate(state)  # the same workbook, its total 100 万元 too high
        content, rows, total = random_book(rng, off_by=100)
        parsed = read_submission(content, "x.xlsx", "total_loans")
        assert [problem.row for problem in parsed.problems if TOTAL_RULE_EN in problem.rule_en] == [9], (
            rows, total, messages(parsed))
        assert len(parsed.problems) == 1
        assert_no_digits_beyond_written(parsed, rows + [total])
        rejected += 1
    assert (accepted, rejected) == (200, 200)


def test_a_figure_is_read_as_typed_and_a_total_worked_out_by_hand_passes():
    assert repr(6468334.97 + 0) == "6468334.97" and f"{6468334.97:.10f}" == "6468334.9699999997"  # the noise
    # 6468334.97 + 1234567.89 + 100000.10 = 7702902.86 + 100000.10 = 7802902.96; Excel's SUM of the three floats
    # caches 7802902.960000001 (binary noise), shown as 7802902.96.
    cached = 6468334.97 + 1234567.89 + 100000.1
    assert cached != 7802902.96
    content = workbook([HEADER, DETAIL + [6468334.97, "万元"], DETAIL + [1234567.89, "万元"],
                        DETAIL + [100000.1, "万元"], ["合计", None, None, cached, "万元"]])
    parsed = read_submission(content, "x.xlsx", "total_loans")
    assert parsed.problems == []
    assert [row["balance"] for row in parsed.rows] == ["6468334.97", "1234567.89", "100000.1"]
    assert (parsed.total, parsed.total_unit) == ("7802902.96", "万元")


@pytest.mark.parametrize("total, accepted", [("4", True), ("6", False)])
def test_rounding_of_each_row_is_allowed_and_no_more(total, accepted):
    # Three loans of 1.4 万元 each, written in whole 万元 (1, 1, 1), total 4.2 written as 4: the total differs
    # from the rows' sum 3 by 1, within 3 x 0.5 (the rows' half units) + 0.5 (the total's) = 2. A total of 6
    # differs by 3 > 2 and is rejected, with only numbers as written.
    text = "地区,机构,报告期,余额,金额单位\n" + "500115,CS-ICBC,2025-12-31,1,万元\n" * 3 + f"合计,,,{total},万元\n"
    parsed = read_submission(text.encode(), "x.csv", "total_loans")
    if accepted:
        assert parsed.problems == []
    else:
        [problem] = parsed.problems
        assert "合计行（6 万元）与上方各行之和（3 万元）不符，相差 3 万元" in problem.rule_zh
        assert "the total row (6 万元) does not equal the sum of the rows above it (3 万元); difference 3 万元" in (
            problem.rule_en)


def test_a_blank_provenance_cell_is_official():
    rows = [HEADER + ["数据性质"], DETAIL + [1.5, "万元", None], DETAIL + [2.5, "万元", "sample"],
            DETAIL + [3.5, "万元", "   "]]
    for content, name in ((workbook(rows), "x.xlsx"),
                          ("地区,机构,报告期,余额,金额单位,数据性质\n500115,CS-ICBC,2025-12-31,1.5,万元,\n".encode(),
                           "x.csv")):
        parsed = read_submission(content, name, "total_loans")
        assert parsed.problems == []
        assert [row["provenance"] for row in parsed.rows] == ["official", "sample", "official"][:len(parsed.rows)]


def test_the_templates_notes_say_what_the_reader_does_with_a_blank_provenance():
    assert "留空或省略此列即为 official" in COLUMN_NOTES_ZH["provenance"]
    # Each template's example row (its notes sheet), typed into its data sheet, is read without a problem;
    # total_loans' example leaves 数据性质 blank.
    assert EXAMPLES["total_loans"][-1] == ""
    for source, example in EXAMPLES.items():
        book = openpyxl.load_workbook(io.BytesIO(xlsx_template(source)))
        book[DATA_SHEET].append(example)
        buffer = io.BytesIO()
        book.save(buffer)
        parsed = read_submission(buffer.getvalue(), f"{source}.xlsx", source)
        assert parsed.problems == [], (source, parsed.problems)
        [row] = parsed.rows
        assert row["provenance"] == "official"
        assert len(example) == len(raw_contract.column_names(source))


def test_a_formula_without_a_saved_value_is_named():
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["地区", "机构", "报告期", "统计口径", "贷款用途分类", "碳减排效应", "备注", "余额", "金额单位"])
    for amount in (100, 200.5, 300):
        sheet.append(["500115", "CS-ICBC", "2025-12-31", "GF2025", "GF25-01", "direct", None, amount, "万元"])
    sheet["H3"] = "=100+100.5"
    sheet["A5"], sheet["H5"] = "合计", "=SUM(H2:H4)"  # openpyxl saves a formula without a value
    buffer = io.BytesIO()
    book.save(buffer)
    parsed = read_submission(buffer.getvalue(), "x.xlsx", "green_loans")
    assert [(problem.row, problem.column, problem.value) for problem in parsed.problems] == [
        (3, "余额 (balance)", "=100+100.5"), (5, "余额 (balance)", "=SUM(H2:H4)")]
    for problem in parsed.problems:
        assert problem.rule_zh == "公式单元格没有计算结果：请在 Excel 中打开并保存，或粘贴为数值"
        assert problem.rule_en == ("formula cell without a calculated value: open and save the file in Excel, "
                                   "or paste as values")
    assert parsed.rows[1]["balance"] == ""  # left blank, for the gate


def test_a_formula_saved_with_its_value_is_read_as_the_value():
    # As Excel saves =SUM(D2:D3) over 0.1 and 0.2: the formula and its cached value, binary noise included
    # (0.1 + 0.2 = 0.30000000000000004), which Excel shows as 0.3. openpyxl writes the formula with an empty
    # value (<v /> with the standard library's XML writer, <v></v> with lxml's); the value is put in, as Excel would.
    content = workbook([HEADER, DETAIL + [0.1, "万元"], DETAIL + [0.2, "万元"], ["合计", None, None, "=SUM(D2:D3)",
                                                                              "万元"]])
    source, target = io.BytesIO(content), io.BytesIO()
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for item in old.infolist():
            data = old.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data, replaced = re.subn(rb"<f>SUM\(D2:D3\)</f><v ?/>|<f>SUM\(D2:D3\)</f><v></v>",
                                         b"<f>SUM(D2:D3)</f><v>0.30000000000000004</v>", data)
                assert replaced == 1
            new.writestr(item, data)
    parsed = read_submission(target.getvalue(), "x.xlsx", "total_loans")
    assert parsed.problems == []
    assert (parsed.total, parsed.total_unit) == ("0.3", "万元")


@pytest.mark.parametrize("sheets", [1, 3])
def test_an_empty_workbook_says_it_is_empty(sheets):
    parsed = read_submission(workbook([], sheets=sheets), "x.xlsx", "total_loans")
    [problem] = parsed.problems
    assert problem.rule_zh.startswith("文件为空") and problem.rule_en.startswith("the file is empty")


@pytest.mark.parametrize("written, meant", [("instituton_code", "institution_code"), ("机够名称", "机构名称"),
                                            ("贷款金额（万元）", "贷款余额")])
def test_a_misspelt_header_is_pointed_at(written, meant):
    header = ["地区", written if meant != "贷款余额" else "机构", "报告期",
              "余额" if meant != "贷款余额" else written, "金额单位"]
    for content, name in ((workbook([header, DETAIL + [1, "万元"]]), "x.xlsx"),
                          ((",".join(header) + "\n500115,CS-ICBC,2025-12-31,1,万元\n").encode(), "x.csv")):
        [problem] = read_submission(content, name, "total_loans").problems
        assert problem.row == 1
        assert problem.rule_zh.startswith("找不到完整的表头")
        assert f"{written} — 是否应为 {meant}？" in problem.rule_zh
        assert f"{written} — did you mean {meant}?" in problem.rule_en
